package bot

import (
	"log/slog"
	"runtime/debug"
	"sync"

	"github.com/ringsaturn/tzf"
)

// backgroundZones is tzf's default finder, built in the background so
// that it does not hold up start-up: building it takes a second or more
// and allocates about 400 MiB in all (a heap of some 150 MiB at its peak)
// for 40 MiB kept (BENCHMARKS.md). A lookup made before it is ready waits
// for it.
type backgroundZones struct {
	ready chan struct{}
	f     ZoneFinder // nil if the build failed
}

// processZones is the process's one default finder: a process that
// starts several bots (tests, a restart in the same process) builds it
// once.
var processZones struct {
	once sync.Once
	z    *backgroundZones
}

// buildZones returns the process's default finder, starting its build on
// the first call and returning at once. A failed build is logged on the
// first caller's logger.
func buildZones(log *slog.Logger) *backgroundZones {
	processZones.once.Do(func() { processZones.z = startZones(log) })
	return processZones.z
}

// startZones starts building tzf's default finder and returns at once.
// Once built, the build's garbage is handed back to the operating system,
// so the bot's resident memory does not keep the build's peak.
func startZones(log *slog.Logger) *backgroundZones {
	z := &backgroundZones{ready: make(chan struct{})}
	go func() {
		defer close(z.ready)
		f, err := tzf.NewDefaultFinder()
		if err != nil {
			log.Error("time zone finder unavailable: shared locations are not understood", "err", err.Error())
			return
		}
		z.f = f
		debug.FreeOSMemory()
	}()
	return z
}

// GetTimezoneName returns the zone at the point, "" when unknown or when
// the finder could not be built.
func (z *backgroundZones) GetTimezoneName(lng, lat float64) string {
	<-z.ready
	if z.f == nil {
		return ""
	}
	return z.f.GetTimezoneName(lng, lat)
}
