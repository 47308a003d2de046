package chart

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

func TestFileUsesTheCatalogue(t *testing.T) {
	cat := coach.MustContent().Messages
	c := &coach.Chart{Streak: 3, Best: 5, Days: []coach.ChartDay{{Day: "2026-11-24", Routines: 2, Pain: 3}, {Day: "2026-11-25", Routines: 1, Pain: -1}}}
	en, err := File(c, cat, "en")
	if err != nil {
		t.Fatal(err)
	}
	if en.MIME != "image/png" || en.Name != "progress.png" {
		t.Fatalf("file = %q %q", en.Name, en.MIME)
	}
	if _, err := png.Decode(bytes.NewReader(en.Data)); err != nil {
		t.Fatal(err)
	}
	cat2 := coach.Catalog{"en": cat["en"], "xx": {"chart.title": "Tus últimos 30 días"}}
	xx, err := File(c, cat2, "xx")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(en.Data, xx.Data) {
		t.Fatal("a translated title drew the same picture")
	}
	if _, err := File(nil, cat, "en"); err == nil {
		t.Fatal("nil chart: no error")
	}
}
