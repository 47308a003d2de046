package coach

import "testing"

// Spanish speakers name places in Spanish.
func TestParseZoneSpanishExonyms(t *testing.T) {
	for in, want := range map[string]string{
		"Londres": "Europe/London", "nueva york": "America/New_York", "Canarias": "Atlantic/Canary",
		"México": "America/Mexico_City", "Múnich": "Europe/Berlin", "tokio": "Asia/Tokyo", "París": "Europe/Paris",
	} {
		if got, ok := ParseZone(in); !ok || got != want {
			t.Errorf("ParseZone(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
