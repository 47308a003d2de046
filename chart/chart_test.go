package chart

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
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

// inkStats counts the non-white pixels and the distinct colours.
func inkStats(img image.Image) (ink, colours int) {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
			seen[c] = true
			if c != (color.RGBA{0xff, 0xff, 0xff, 0xff}) {
				ink++
			}
		}
	}
	return ink, len(seen)
}

// countNear counts pixels within tol of want in every channel.
func countNear(img image.Image, r image.Rectangle, want color.RGBA, tol int) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)
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
