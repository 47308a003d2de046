package nlu

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode"
)

// Helpers shared by the evaluation tests of every set under coach/testdata.
// They are exported from a test file so that the tests of package nlu_test
// can use them too.

// ReadJSONL decodes every line of a JSONL file into a T, strictly: a blank
// line, an unknown field or a second value on a line fails the test.
func ReadJSONL[T any](t testing.TB, path string) []T {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			t.Fatalf("%s:%d: empty line", path, n)
		}
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var v T
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s:%d: %v", path, n, err)
		}
		if dec.More() {
			t.Fatalf("%s:%d: more than one JSON value on the line", path, n)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("scan %s: %v", path, err)
	}
	return out
}

// FoldText folds a text for "seen before" comparisons between sets: lower
// case, letters and digits kept, every other run of characters one space.
func FoldText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}
