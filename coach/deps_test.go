package coach

import (
	"os/exec"
	"strings"
	"testing"
)

// TestCoachImportsOnlyTheStandardLibrary keeps the domain at the root of the
// dependency graph: `go list -deps ./coach` must name no Telegram client, no
// bbolt, no cron — no package outside the standard library at all.
func TestCoachImportsOnlyTheStandardLibrary(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/stretchbot/stretchbot/coach" {
			continue
		}
		for _, banned := range []string{"telegram-bot-api", "go.etcd.io/bbolt", "robfig/cron"} {
			if strings.Contains(p, banned) {
				t.Errorf("coach depends on %s (%s)", p, banned)
			}
		}
		t.Errorf("coach depends on a non-standard package: %s", p)
	}
}
