package main

import (
	"net"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
)

// instruction is one Dockerfile instruction, continuation lines joined.
type instruction struct {
	Cmd  string // upper case: FROM, RUN...
	Args string
}

// parseDockerfile reads instructions, skipping comments and blank lines.
func parseDockerfile(t *testing.T, name string) []instruction {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var out []instruction
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, "\\") {
			cur.WriteString(strings.TrimSuffix(trimmed, "\\") + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, instruction{Cmd: strings.ToUpper(cmd), Args: strings.Join(strings.Fields(args), " ")})
		cur.Reset()
	}
	return out
}

// TestDockerfile checks the image's shape, since no container engine runs
// where the tests do: a multi-stage build whose build step is exactly
// .ci/build-static (which CI runs too), a non-root user, the database on
// a volume, the metrics port exposed, and a HEALTHCHECK by the binary
// itself through a subcommand that exists.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "../../Dockerfile")
	var stages [][]instruction
	for _, in := range ins {
		if in.Cmd == "FROM" {
			stages = append(stages, nil)
		}
		if len(stages) == 0 {
			t.Fatalf("%s before the first FROM", in.Cmd)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
	}
	if len(stages) < 2 {
		t.Fatalf("%d stages, want a multi-stage build", len(stages))
	}
	build, final := stages[0], stages[len(stages)-1]
	from := strings.Fields(build[0].Args)
	if len(from) != 3 || !strings.EqualFold(from[1], "AS") {
		t.Fatalf("the build stage is not named: FROM %s", build[0].Args)
	}
	stage := from[2]

	// The build step is the CI script, and nothing else compiles.
	runs := 0
	for _, in := range build {
		if in.Cmd == "RUN" && strings.Contains(in.Args, "go build") {
			t.Errorf("the image compiles outside .ci/build-static: RUN %s", in.Args)
		}
		if in.Cmd == "RUN" && strings.HasPrefix(in.Args, "sh .ci/build-static ") {
			runs++
		}
	}
	if runs != 1 {
		t.Fatalf("%d build steps run .ci/build-static, want 1", runs)
	}
	script, err := os.ReadFile("../../.ci/build-static")
	if err != nil || !strings.Contains(string(script), "CGO_ENABLED=0 go build") || !strings.Contains(string(script), "./cmd/stretchbot") {
		t.Fatalf(".ci/build-static does not build a static ./cmd/stretchbot: %v", err)
	}
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil || !strings.Contains(string(ci), "sh .ci/build-static") {
		t.Fatalf(".ci/run does not run .ci/build-static: %v", err)
	}

	get := func(cmd string) []string {
		var out []string
		for _, in := range final {
			if in.Cmd == cmd {
				out = append(out, in.Args)
			}
		}
		return out
	}
	copied := false
	for _, c := range get("COPY") {
		copied = copied || strings.Contains(c, "--from="+stage)
	}
	if !copied {
		t.Fatalf("the final stage copies nothing from %q", stage)
	}

	users := get("USER")
	if len(users) == 0 {
		t.Fatal("no USER: the image would run as root")
	}
	if u, _, _ := strings.Cut(users[len(users)-1], ":"); u == "root" || u == "0" {
		t.Fatalf("USER %s is root", users[len(users)-1])
	}

	env := map[string]string{}
	for _, e := range get("ENV") {
		for _, kv := range strings.Fields(e) {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("ENV %q: use KEY=value", e)
			}
			env[k] = v
		}
	}
	for k := range env {
		if !slices.ContainsFunc(settings, func(s setting) bool { return s.Env == k }) {
			t.Errorf("ENV %s is not a setting", k)
		}
	}
	db := env["STRETCHBOT_DB"]
	if db == "" || !slices.ContainsFunc(get("VOLUME"), func(v string) bool { return strings.Contains(v, `"`+path.Dir(db)+`"`) }) {
		t.Fatalf("the database %q is not on a VOLUME (%v)", db, get("VOLUME"))
	}
	_, port, err := net.SplitHostPort(env["STRETCHBOT_METRICS_ADDR"])
	if err != nil || !slices.Contains(get("EXPOSE"), port) {
		t.Fatalf("STRETCHBOT_METRICS_ADDR %q is not EXPOSEd (%v)", env["STRETCHBOT_METRICS_ADDR"], get("EXPOSE"))
	}

	entry := get("ENTRYPOINT")
	hc := get("HEALTHCHECK")
	if len(entry) != 1 || len(hc) != 1 {
		t.Fatalf("ENTRYPOINT %v, HEALTHCHECK %v", entry, hc)
	}
	bin := strings.Trim(entry[0], `[]" `)
	_, cmd, ok := strings.Cut(hc[0], "CMD ")
	if !ok || cmd != `["`+bin+`", "healthcheck"]` {
		t.Fatalf("HEALTHCHECK %q does not run %s healthcheck", hc[0], bin)
	}
	// The subcommand exists and reads the image's address: against a
	// port where nothing listens it reports unhealthy, not "unknown".
	code, _, errs := run2([]string{"healthcheck"}, map[string]string{"STRETCHBOT_METRICS_ADDR": freeAddr(t)})
	if code != 1 || strings.Contains(errs, "unknown command") {
		t.Fatalf("stretchbot healthcheck: exit %d %q", code, errs)
	}
}
