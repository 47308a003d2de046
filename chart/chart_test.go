package chart

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchbot/stretchbot/coach"
)

// month builds a chart of n days ending on 2025-11-30 from per-day
// routines and pain (-1 = none); shorter slices leave days empty.
func month(n int, routines, pain []int, streak, best int) *coach.Chart {
	end := time.Date(2025, 11, 30, 0, 0, 0, 0, time.UTC)
	c := &coach.Chart{Streak: streak, Best: best}
	for i := range n {
		d := coach.ChartDay{Day: coach.Day(end.AddDate(0, 0, i-n+1).Format(time.DateOnly)), Pain: -1}
		if i < len(routines) {
			d.Routines = routines[i]
		}
		if i < len(pain) {
			d.Pain = pain[i]
		}
		c.Days = append(c.Days, d)
	}
	return c
}

// sample is a realistic month: a slow start, a gap, pain easing.
func sample() *coach.Chart {
	return month(30,
		[]int{1, 0, 2, 1, 1, 0, 0, 2, 2, 1, 2, 2, 1, 0, 0, 0, 1, 2, 2, 2, 1, 2, 2, 2, 1, 2, 2, 2, 2, 1},
		[]int{6, -1, 6, 5, 7, -1, -1, 5, 5, 4, 5, -1, 4, -1, -1, -1, 4, 3, 3, 4, -1, 3, 2, 3, 2, 2, -1, 2, 1, 2},
		4, 9)
}

// decode decodes a PNG and fails the test if it is not one.
func decode(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// rgba returns img as an *image.RGBA, for fast pixel loops.
func rgba(img image.Image) *image.RGBA {
	if m, ok := img.(*image.RGBA); ok {
		return m
	}
	m := image.NewRGBA(img.Bounds())
	draw.Draw(m, m.Bounds(), img, img.Bounds().Min, draw.Src)
	return m
}

// inkStats counts the non-white pixels and the distinct colours.
func inkStats(img image.Image) (ink, colours int) {
	m := rgba(img)
	seen := map[[4]uint8]bool{}
	for i := 0; i+3 < len(m.Pix); i += 4 {
		c := [4]uint8(m.Pix[i : i+4])
		seen[c] = true
		if c != [4]uint8{0xff, 0xff, 0xff, 0xff} {
			ink++
		}
	}
	return ink, len(seen)
}

// countNear counts the pixels in r within tol of want in every channel.
func countNear(img image.Image, r image.Rectangle, want color.RGBA, tol int) int {
	m := rgba(img)
	r = r.Intersect(m.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := m.RGBAAt(x, y)
			if absDiff(c.R, want.R) <= tol && absDiff(c.G, want.G) <= tol && absDiff(c.B, want.B) <= tol {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestPNGExample(t *testing.T) {
	b, err := PNG(sample(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(os.TempDir(), "stretchbot-progress-example.png")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("example chart (%d bytes): %s", len(b), path)
}

// white is the background.
var white = color.RGBA{0xff, 0xff, 0xff, 0xff}

func TestPNGSizeAndInk(t *testing.T) {
	tests := []struct {
		name   string
		opt    Options
		w, h   int
		minInk int // non-white pixels at least
		bars   int // bar-coloured pixels at least
		pain   int // pain-coloured pixels at least
	}{
		{"default", Options{}, DefaultWidth, DefaultHeight, 20000, 5000, 1000},
		{"small", Options{Width: 400, Height: 300}, 400, 300, 5000, 1000, 250},
		{"minimum", Options{Width: MinSize, Height: MinSize}, MinSize, MinSize, 1000, 200, 50},
		{"large", Options{Width: 1600, Height: 1000}, 1600, 1000, 80000, 20000, 4000},
		{"only width", Options{Width: 1000}, 1000, DefaultHeight, 20000, 5000, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := PNG(sample(), tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, b)
			if got := img.Bounds().Size(); got != (image.Point{tt.w, tt.h}) {
				t.Fatalf("size = %v, want %dx%d", got, tt.w, tt.h)
			}
			ink, colours := inkStats(img)
			if ink < tt.minInk {
				t.Errorf("only %d non-background pixels, want ≥ %d", ink, tt.minInk)
			}
			if colours < 20 {
				t.Errorf("only %d distinct colours: text, bars and pain line are not all there", colours)
			}
			all := img.Bounds()
			if n := countNear(img, all, colBars, 8); n < tt.bars {
				t.Errorf("%d bar-coloured pixels, want ≥ %d", n, tt.bars)
			}
			if n := countNear(img, all, colPain, 8); n < tt.pain {
				t.Errorf("%d pain-coloured pixels, want ≥ %d", n, tt.pain)
			}
			// The corners are background: nothing is drawn off the edge.
			for _, p := range []image.Point{{0, 0}, {tt.w - 1, 0}, {0, tt.h - 1}, {tt.w - 1, tt.h - 1}} {
				if c := color.RGBAModel.Convert(img.At(p.X, p.Y)); c != white {
					t.Errorf("corner %v is %v, want background", p, c)
				}
			}
		})
	}
}

func TestPNGErrors(t *testing.T) {
	tests := []struct {
		name string
		c    *coach.Chart
		opt  Options
		is   error
	}{
		{"nil chart", nil, Options{}, ErrNoChart},
		{"negative width", sample(), Options{Width: -1}, nil},
		{"too narrow", sample(), Options{Width: MinSize - 1}, nil},
		{"too tall", sample(), Options{Height: MaxSize + 1}, nil},
		{"huge", sample(), Options{Width: 1 << 30, Height: 1 << 30}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := PNG(tt.c, tt.opt)
			if err == nil {
				t.Fatalf("PNG = %d bytes, want an error", len(b))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("error %v, want %v", err, tt.is)
			}
			if b != nil {
				t.Errorf("bytes returned with an error")
			}
		})
	}
}

func TestPNGEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		c    *coach.Chart
		opt  Options
	}{
		{"no days", &coach.Chart{}, Options{}},
		{"no days, streak", &coach.Chart{Streak: 3, Best: 12}, Options{}},
		{"one day", month(1, []int{1}, []int{3}, 1, 1), Options{}},
		{"one day, nothing", month(1, nil, nil, 0, 0), Options{}},
		{"all pain missing", month(30, []int{1, 2, 0, 1}, nil, 0, 3), Options{}},
		{"no routines, pain", month(30, nil, []int{4, 5, -1, 6}, 0, 0), Options{}},
		{"full month", month(30, repeat(2, 30), repeat(10, 30), 30, 30), Options{}},
		{"all zero pain", month(30, repeat(1, 30), repeat(0, 30), 30, 30), Options{}},
		{"out of range", month(30, []int{-3, 100, 7, -1}, []int{-5, 11, 1000, -1 << 31}, -2, -9), Options{}},
		{"bad days", &coach.Chart{Days: []coach.ChartDay{
			{Day: "", Routines: 1, Pain: 2},
			{Day: "not a day", Routines: 2, Pain: 3},
			{Day: "2025-02-30", Routines: 1, Pain: -1},
			{Day: "2025-13-01", Pain: 4},
		}}, Options{}},
		{"a year", month(366, repeat(1, 366), repeat(3, 366), 366, 366), Options{}},
		{"glyphs not in the font", sample(), Options{
			Title: "🔥 進捗 \x00\xff", Caption: "\u202e\t\n", Labels: Labels{
				PainLegend: "痛み", RoutinesLegend: "ルーティン", PainAxis: "\u0000", Months: [12]string{10: "十一月"},
			}}},
		{"multi-line title", sample(), Options{Title: "Your month\nso far"}},
		{"blank texts", sample(), Options{Title: " ", Caption: " ", Labels: Labels{
			PainLegend: " ", RoutinesLegend: " ", PainAxis: " ", RoutinesAxis: " ", Empty: " ",
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := PNG(tt.c, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, b)
			if img.Bounds().Dx() != DefaultWidth || img.Bounds().Dy() != DefaultHeight {
				t.Fatalf("size %v", img.Bounds())
			}
			if ink, _ := inkStats(img); ink < 5000 {
				t.Errorf("only %d non-background pixels: title, legend and axes are missing", ink)
			}
		})
	}
}

func repeat(v, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// below is the part of a default-size picture under the legend: the two
// panels.
var below = image.Rect(0, 140, DefaultWidth, DefaultHeight)

func TestMissingPainIsNotDrawn(t *testing.T) {
	painPixels := func(c *coach.Chart) int {
		t.Helper()
		b, err := PNG(c, Options{})
		if err != nil {
			t.Fatal(err)
		}
		return countNear(decode(t, b), below, colPain, 40)
	}
	none := painPixels(month(30, repeat(1, 30), nil, 0, 0))
	if none != 0 {
		t.Fatalf("all pain missing: %d pain-coloured pixels in the panels, want 0", none)
	}
	one := painPixels(month(30, repeat(1, 30), []int{5}, 0, 0))
	if one == 0 {
		t.Fatal("one pain score: no pain-coloured pixels")
	}
	// Two scores a month apart with nothing in between: two dots, no
	// line bridging the gap and no drop to 0 on the missing days.
	gap := append([]int{5}, repeat(-1, 28)...)
	gap = append(gap, 5)
	two := painPixels(month(30, repeat(1, 30), gap, 0, 0))
	if two < 2*one-one/4 || two > 2*one+one/4 {
		t.Errorf("two isolated scores: %d pain pixels, want about twice one score's %d", two, one)
	}
	// Every other day: fifteen dots, no lines.
	var alt []int
	for i := range 30 {
		alt = append(alt, []int{5, -1}[i%2])
	}
	dots := painPixels(month(30, repeat(1, 30), alt, 0, 0))
	if dots < 15*one-15*one/4 || dots > 15*one+15*one/4 {
		t.Errorf("every other day: %d pain pixels, want about 15 × %d", dots, one)
	}
	// Every day: thirty dots joined by a line.
	full := painPixels(month(30, repeat(1, 30), repeat(5, 30), 0, 0))
	if full < 30*one+30*one/4 {
		t.Errorf("every day: %d pain pixels, want 30 dots (%d) plus a line", full, 30*one)
	}
	t.Logf("pain pixels: one dot %d, two apart %d, every other day %d, every day %d", one, two, dots, full)
}

func TestPNGDiffers(t *testing.T) {
	base, err := PNG(sample(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    *coach.Chart
		opt  Options
	}{
		{"pain changed", func() *coach.Chart { c := sample(); c.Days[29].Pain = 9; return c }(), Options{}},
		{"routine changed", func() *coach.Chart { c := sample(); c.Days[29].Routines = 0; return c }(), Options{}},
		{"streak changed", func() *coach.Chart { c := sample(); c.Streak = 5; return c }(), Options{}},
		{"title", sample(), Options{Title: "Dein Monat"}},
		{"caption", sample(), Options{Caption: "Serie 4 Tage · Rekord 9"}},
		{"labels", sample(), Options{Labels: Labels{PainAxis: "Schmerz", Months: [12]string{10: "nov."}}}},
	}
	baseImg := decode(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := PNG(tt.c, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if n := diffPixels(baseImg, decode(t, b)); n < 20 {
				t.Errorf("only %d pixels differ from the base picture", n)
			}
		})
	}
}

// diffPixels counts the pixels that differ between two same-size images.
func diffPixels(a, b image.Image) int {
	pa, pb := rgba(a).Pix, rgba(b).Pix
	n := 0
	for i := 0; i+3 < len(pa) && i+3 < len(pb); i += 4 {
		if [4]uint8(pa[i:i+4]) != [4]uint8(pb[i:i+4]) {
			n++
		}
	}
	return n
}

// TestPNGDeterministic also runs renders concurrently: PNG shares gonum's
// font cache between goroutines, which the race detector checks here.
func TestPNGDeterministic(t *testing.T) {
	want, err := PNG(sample(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i], errs[i] = PNG(sample(), Options{}) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(got[i], want) {
			t.Errorf("render %d differs from the first (%d vs %d bytes)", i, len(got[i]), len(want))
		}
	}
}

func TestPNGDoesNotModifyInput(t *testing.T) {
	c := month(3, []int{-1, 5}, []int{20, -7, 3}, 1, 2)
	before := *c
	before.Days = append([]coach.ChartDay(nil), c.Days...)
	if _, err := PNG(c, Options{}); err != nil {
		t.Fatal(err)
	}
	for i := range c.Days {
		if c.Days[i] != before.Days[i] {
			t.Errorf("day %d changed: %+v → %+v", i, before.Days[i], c.Days[i])
		}
	}
}

func TestDayLabel(t *testing.T) {
	de := Labels{Months: [12]string{"Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"}}
	partial := Labels{Months: [12]string{2: "mars"}}
	tests := []struct {
		day    coach.Day
		labels Labels
		want   string
	}{
		{"2025-11-02", Labels{}, "2 Nov"},
		{"2025-01-31", Labels{}, "31 Jan"},
		{"2024-02-29", Labels{}, "29 Feb"},
		{"2025-03-09", de, "9 Mär"},
		{"2025-03-09", partial, "9 mars"},
		{"2025-04-09", partial, "9 Apr"},
		{"", Labels{}, ""},
		{"2025-02-30", Labels{}, ""},
		{"30 Nov", Labels{}, ""},
		{"2025-11-02T10:00:00Z", Labels{}, ""},
	}
	for _, tt := range tests {
		l := newLayout(&coach.Chart{}, Options{Labels: tt.labels}, DefaultWidth, DefaultHeight)
		if got := l.dayLabel(tt.day); got != tt.want {
			t.Errorf("dayLabel(%q) = %q, want %q", tt.day, got, tt.want)
		}
	}
}

func TestLabelStep(t *testing.T) {
	tests := []struct{ n, want int }{
		{0, 1}, {1, 1}, {7, 1}, {8, 2}, {14, 2}, {15, 5}, {30, 5}, {35, 5}, {60, 10}, {90, 15}, {366, 61},
	}
	for _, tt := range tests {
		if got := labelStep(tt.n); got != tt.want {
			t.Errorf("labelStep(%d) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

func TestStreakCaption(t *testing.T) {
	tests := []struct {
		streak, best int
		want         string
	}{
		{4, 9, "Streak 4 days · best 9"},
		{1, 1, "Streak 1 day · best 1"},
		{0, 0, "Streak 0 days · best 0"},
		{12, 12, "Streak 12 days · best 12"},
	}
	for _, tt := range tests {
		if got := StreakCaption(tt.streak, tt.best); got != tt.want {
			t.Errorf("StreakCaption(%d, %d) = %q, want %q", tt.streak, tt.best, got, tt.want)
		}
	}
}

func TestFit(t *testing.T) {
	l := newLayout(&coach.Chart{}, Options{}, DefaultWidth, DefaultHeight)
	sty := l.style(sansBold, 32, colText)
	short := fit(sty, "Your last 30 days", 760)
	if short.Font.Size != sty.Font.Size {
		t.Errorf("a title that fits was shrunk from %v to %v", sty.Font.Size, short.Font.Size)
	}
	long := strings.Repeat("Fortschritt ", 8)
	got := fit(sty, long, 760)
	if got.Width(long) > 760 {
		t.Errorf("a long title is %v wide after fit, want ≤ 760", got.Width(long))
	}
	if got.Font.Size < sty.Font.Size/2 {
		t.Errorf("font shrunk to %v, below half of %v", got.Font.Size, sty.Font.Size)
	}
	huge := fit(sty, strings.Repeat("x", 1000), 760)
	if huge.Font.Size < sty.Font.Size/2 || huge.Font.Size > sty.Font.Size*0.55 {
		t.Errorf("an impossible title: font %v, want it to stop near half of %v", huge.Font.Size, sty.Font.Size)
	}
}

// FuzzPNG feeds arbitrary days: any input gives a decodable picture of
// the default size.
func FuzzPNG(f *testing.F) {
	f.Add([]byte{1, 5, 2, 0xff, 0, 10}, 3, 9)
	f.Add([]byte{}, 0, 0)
	f.Add([]byte{200, 200, 7, 128}, -1, 1<<30)
	f.Fuzz(func(t *testing.T, data []byte, streak, best int) {
		if len(data) > 400 {
			data = data[:400]
		}
		c := &coach.Chart{Streak: streak, Best: best}
		day := time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC)
		for i := 0; i+1 < len(data); i += 2 {
			c.Days = append(c.Days, coach.ChartDay{
				Day:      coach.Day(day.AddDate(0, 0, i/2).Format(time.DateOnly)),
				Routines: int(int8(data[i])),
				Pain:     int(int8(data[i+1])),
			})
		}
		b, err := PNG(c, Options{})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dx() != DefaultWidth || img.Bounds().Dy() != DefaultHeight {
			t.Fatalf("size %v", img.Bounds())
		}
	})
}

func BenchmarkPNG(b *testing.B) {
	c := sample()
	var size int
	for b.Loop() {
		out, err := PNG(c, Options{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size), "png-bytes")
}
