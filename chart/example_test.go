package chart_test

import (
	"bytes"
	"fmt"
	"image/png"

	"github.com/stretchbot/stretchbot/chart"
	"github.com/stretchbot/stretchbot/coach"
)

// A front end draws the Chart of a /progress reply and sends the bytes as
// a photo (Telegram) or writes them to a file (terminal chat).
func ExamplePNG() {
	ch := &coach.Chart{
		Days: []coach.ChartDay{
			{Day: "2025-11-28", Routines: 2, Pain: 4},
			{Day: "2025-11-29", Routines: 0, Pain: -1},
			{Day: "2025-11-30", Routines: 1, Pain: 3},
		},
		Streak: 1,
		Best:   6,
	}
	b, err := chart.PNG(ch, chart.Options{Title: "Your last 3 days"})
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	fmt.Println(cfg.Width, cfg.Height, err)
	fmt.Println(chart.StreakCaption(ch.Streak, ch.Best))
	// Output:
	// 800 500 <nil>
	// Streak 1 day · best 6
}
