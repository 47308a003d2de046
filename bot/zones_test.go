package bot

import (
	"log/slog"
	"sync"
	"testing"
)

func TestBackgroundZones(t *testing.T) {
	t.Parallel() // building the real finder takes seconds under -race
	z := buildZones(slog.New(slog.DiscardHandler))
	tests := []struct {
		name     string
		lng, lat float64
		want     string
	}{
		{"Berlin", 13.405, 52.52, "Europe/Berlin"},
		{"New York", -74.006, 40.713, "America/New_York"},
		{"Kathmandu", 85.324, 27.717, "Asia/Kathmandu"},
	}
	// Lookups made while the finder is still being built wait for it.
	var wg sync.WaitGroup
	for _, tc := range tests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := z.GetTimezoneName(tc.lng, tc.lat); got != tc.want {
				t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
			}
		}()
	}
	wg.Wait()
	select {
	case <-z.ready:
	default:
		t.Fatal("lookups answered before the finder was ready")
	}
}

func TestBackgroundZonesFailedBuild(t *testing.T) {
	z := &backgroundZones{ready: make(chan struct{})}
	close(z.ready) // built, but without a finder
	if got := z.GetTimezoneName(13.405, 52.52); got != "" {
		t.Fatalf("got %q from a failed finder, want \"\"", got)
	}
}
