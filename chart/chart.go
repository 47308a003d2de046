// Package chart draws the /progress picture: a PNG of a user's last days
// with the routines done per day as bars, the pain after the day's last
// routine as a line with points, and the current and best streak.
//
// It turns a coach.Chart (the numbers) into pixels with gonum.org/v1/plot.
// The picture is made for a phone screen: large sans-serif text, high
// contrast, two stacked panels sharing one date axis, no clutter. The same
// input always gives the same bytes.
//
// Every text in the picture can be replaced through Options, so front ends
// can pass strings from their message catalogue; English is the default.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"math"
	"strconv"
	"time"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/stretchbot/stretchbot/coach"
)

// Default picture size in pixels: wide enough to stay sharp when a phone
// shows it full width, small enough to upload fast.
const (
	DefaultWidth  = 800
	DefaultHeight = 500
)

// Size limits in pixels. Smaller pictures cannot hold readable text; larger
// ones waste memory and upload time.
const (
	MinSize = 200
	MaxSize = 4000
)

// MIME is the media type of what PNG returns.
const MIME = "image/png"

// ErrNoChart is returned by PNG for a nil chart.
var ErrNoChart = errors.New("chart: no chart data")

// Options adjusts a picture. The zero value draws an English 800×500
// picture.
type Options struct {
	// Width and Height are the picture size in pixels; zero means
	// DefaultWidth or DefaultHeight. Each must be within MinSize..MaxSize.
	Width, Height int
	// Title is the heading; "" means "Your last 30 days".
	Title string
	// Caption is the line under the title; "" means the streak in
	// English, e.g. "Streak 4 days · best 9".
	Caption string
	// Labels are the other texts in the picture.
	Labels Labels
}

// Labels are the texts inside the picture. Empty fields fall back to
// English.
type Labels struct {
	// PainLegend names the pain line in the legend:
	// "Pain after routine (0–10)".
	PainLegend string
	// RoutinesLegend names the bars in the legend: "Routines done".
	RoutinesLegend string
	// PainAxis and RoutinesAxis label the two y-axes: "Pain",
	// "Routines".
	PainAxis, RoutinesAxis string
	// Empty is shown in a panel with nothing to draw: "Nothing logged yet".
	Empty string
	// Months are the short month names used in date labels, January
	// first: "Jan", "Feb"… A missing name falls back to English.
	Months [12]string
}

// Colours: dark text on white, a strong blue for the bars and a strong
// red-orange for pain, distinguishable with the common colour-vision
// deficiencies and in grey scale (bars are filled, pain is a line with
// dots).
var (
	colBackground = color.White
	colText       = color.RGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}
	colMuted      = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	colGrid       = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	colBars       = color.RGBA{R: 0x1f, G: 0x6f, B: 0xb5, A: 0xff}
	colPain       = color.RGBA{R: 0xd1, G: 0x4a, B: 0x0f, A: 0xff}
)

var (
	sansRegular = font.Font{Typeface: "Liberation", Variant: "Sans"}
	sansBold    = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}
)

// PNG draws c as a PNG image. It returns ErrNoChart for a nil chart and an
// error for a size outside MinSize..MaxSize; any other input, however odd,
// gives a picture: pain outside 0–10 is treated as missing (negative) or
// capped at 10, negative routine counts as 0, unreadable days get no
// label.
func PNG(c *coach.Chart, opt Options) ([]byte, error) {
	if c == nil {
		return nil, ErrNoChart
	}
	w, err := size("width", opt.Width, DefaultWidth)
	if err != nil {
		return nil, err
	}
	h, err := size("height", opt.Height, DefaultHeight)
	if err != nil {
		return nil, err
	}
	canvas := vgimg.NewWith(
		// At 72 dpi one vg point is one pixel, so every length below
		// is in pixels.
		vgimg.UseDPI(72),
		vgimg.UseWH(vg.Length(w), vg.Length(h)),
		vgimg.UseBackgroundColor(colBackground),
	)
	newLayout(c, opt, w, h).draw(draw.New(canvas))
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: canvas}).WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// size checks one picture dimension.
func size(name string, v, def int) (int, error) {
	if v == 0 {
		return def, nil
	}
	if v < MinSize || v > MaxSize {
		return 0, fmt.Errorf("chart: %s %d pixels is outside %d..%d", name, v, MinSize, MaxSize)
	}
	return v, nil
}

// layout is one picture being drawn: the data, the texts and the sizes,
// scaled to the picture.
type layout struct {
	chart   *coach.Chart
	title   string
	caption string
	labels  Labels
	scale   float64 // 1 at the default size
	pain    []float64
	routine []float64
	bars    *plotter.BarChart // the routines bars, nil for no days
}

// newLayout fills in the defaults and cleans the data: pain outside 0–10
// becomes missing (NaN) or 10, negative routine counts 0.
func newLayout(c *coach.Chart, opt Options, w, h int) *layout {
	l := &layout{
		chart:   c,
		title:   opt.Title,
		caption: opt.Caption,
		labels:  opt.Labels,
		scale:   math.Min(float64(w)/DefaultWidth, float64(h)/DefaultHeight),
	}
	if l.title == "" {
		l.title = "Your last 30 days"
	}
	if l.caption == "" {
		l.caption = StreakCaption(c.Streak, c.Best)
	}
	for _, f := range []struct {
		field *string
		def   string
	}{
		{&l.labels.PainLegend, "Pain after routine (0–10)"},
		{&l.labels.RoutinesLegend, "Routines done"},
		{&l.labels.PainAxis, "Pain"},
		{&l.labels.RoutinesAxis, "Routines"},
		{&l.labels.Empty, "Nothing logged yet"},
	} {
		if *f.field == "" {
			*f.field = f.def
		}
	}
	for i, m := range l.labels.Months {
		if m == "" {
			l.labels.Months[i] = time.Month(i + 1).String()[:3]
		}
	}
	l.pain = make([]float64, len(c.Days))
	l.routine = make([]float64, len(c.Days))
	for i, d := range c.Days {
		l.pain[i] = math.NaN()
		if d.Pain >= 0 {
			l.pain[i] = float64(min(d.Pain, 10))
		}
		l.routine[i] = float64(max(d.Routines, 0))
	}
	return l
}

// StreakCaption is the default English caption: "Streak 4 days · best 9".
func StreakCaption(streak, best int) string {
	unit := "days"
	if streak == 1 {
		unit = "day"
	}
	return "Streak " + strconv.Itoa(streak) + " " + unit + " · best " + strconv.Itoa(best)
}

// px is a length of n pixels at the default size, scaled to the picture.
func (l *layout) px(n float64) vg.Length { return vg.Length(n * l.scale) }

// style is a text style of n pixels at the default size.
func (l *layout) style(f font.Font, n float64, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    font.From(f, l.px(n)),
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
}

// draw draws the whole picture on dc: the heading (title, caption,
// legend), then the pain panel above the routines panel.
func (l *layout) draw(dc draw.Canvas) {
	pad := l.px(16)
	dc = draw.Crop(dc, pad, -pad, pad/2, -pad)

	// Heading, top down.
	top := dc.Max.Y
	width := dc.Max.X - dc.Min.X
	title := fit(l.style(sansBold, 32, colText), l.title, width)
	dc.FillText(title, vg.Point{X: dc.Center().X, Y: top}, l.title)
	top -= title.Height(l.title) + l.px(6)
	caption := fit(l.style(sansRegular, 25, colMuted), l.caption, width)
	dc.FillText(caption, vg.Point{X: dc.Center().X, Y: top}, l.caption)
	top -= caption.Height(l.caption) + l.px(12)
	top -= l.drawLegend(dc, top) + l.px(10)

	// Panels: pain gets the larger share; the routines panel also holds
	// the date labels.
	body := dc
	body.Max.Y = top
	split := body.Min.Y + (body.Max.Y-body.Min.Y)*0.46
	painArea, routArea := body, body
	painArea.Min.Y = split + l.px(22)
	routArea.Max.Y = split

	pp, rp := l.painPlot(), l.routinePlot()
	painArea, routArea = alignX(pp, painArea, rp, routArea)
	if l.bars != nil {
		// 70% of a day's slot; known only now that the data area is.
		// At most a tenth of the area, so a lone day is not a slab.
		data := rp.DataCanvas(routArea)
		dw := data.Max.X - data.Min.X
		l.bars.Width = min(dw/vg.Length(rp.X.Max-rp.X.Min)*0.7, dw/10)
	}
	pp.Draw(painArea)
	rp.Draw(routArea)
	if len(l.chart.Days) == 0 || !hasValue(l.pain) {
		l.drawEmpty(pp.DataCanvas(painArea))
	}
	if len(l.chart.Days) == 0 || !hasPositive(l.routine) {
		l.drawEmpty(rp.DataCanvas(routArea))
	}
}

// drawLegend draws the two legend entries centred with their top at y,
// side by side when they fit on one line, else one under the other, and
// returns the height used.
func (l *layout) drawLegend(dc draw.Canvas, y vg.Length) vg.Length {
	line, dots := l.painStyles()
	legends := []plot.Legend{plot.NewLegend(), plot.NewLegend()}
	legends[0].Add(l.labels.PainLegend, line, dots)
	legends[1].Add(l.labels.RoutinesLegend, l.barStyle(nil))
	avail := dc.Max.X - dc.Min.X
	gap := l.px(36)
	sizes := make([]vg.Point, len(legends))
	var total, widest vg.Length
	for i := range legends {
		lg := &legends[i]
		lg.ThumbnailWidth = l.px(40)
		// Legend measures entry heights with the text's rectangle:
		// it expects text anchored at its bottom left.
		lg.TextStyle = l.style(sansRegular, 23, colText)
		lg.TextStyle.XAlign, lg.TextStyle.YAlign = draw.XLeft, draw.YBottom
		lg.TextStyle = fit(lg.TextStyle, " "+l.legendText(i), avail-lg.ThumbnailWidth)
		lg.Top, lg.Left = true, true
		lg.YPosition = draw.PosCenter
		sizes[i] = lg.Rectangle(dc).Size()
		total += sizes[i].X
		widest = max(widest, sizes[i].X)
	}
	total += gap * vg.Length(len(legends)-1)
	oneLine := total <= avail

	x, top := dc.Center().X-total/2, y
	if !oneLine {
		// One column, centred as a block so the swatches line up.
		x = dc.Center().X - widest/2
	}
	var height vg.Length
	for i := range legends {
		c := dc
		c.Min.X, c.Max.X = x, x+sizes[i].X
		c.Max.Y = top
		legends[i].Draw(c)
		if oneLine {
			x += sizes[i].X + gap
			height = max(height, sizes[i].Y)
		} else {
			top -= sizes[i].Y + l.px(4)
			height = y - top
		}
	}
	return height
}

// legendText is the text of legend entry i.
func (l *layout) legendText(i int) string {
	if i == 0 {
		return l.labels.PainLegend
	}
	return l.labels.RoutinesLegend
}

// fit shrinks sty's font until txt is at most width wide, down to half its
// size; translations can be longer than the English text.
func fit(sty text.Style, txt string, width vg.Length) text.Style {
	floor := sty.Font.Size / 2
	for sty.Width(txt) > width && sty.Font.Size > floor {
		sty.Font.Size = max(floor, sty.Font.Size*0.9)
	}
	return sty
}

// drawEmpty writes the "nothing logged" note in the middle of a data area.
func (l *layout) drawEmpty(dc draw.Canvas) {
	sty := l.style(sansRegular, 22, colMuted)
	sty.YAlign = draw.YCenter
	dc.FillText(sty, dc.Center(), l.labels.Empty)
}

// painStyles are the pain line and its dots.
func (l *layout) painStyles() (*plotter.Line, *plotter.Scatter) {
	line := &plotter.Line{LineStyle: draw.LineStyle{Color: colPain, Width: l.px(4)}}
	dots := &plotter.Scatter{GlyphStyle: draw.GlyphStyle{
		Color: colPain, Radius: l.px(6), Shape: draw.CircleGlyph{},
	}}
	return line, dots
}

// barStyle is the routines bar chart for values (nil for a legend swatch).
func (l *layout) barStyle(values plotter.Values) *plotter.BarChart {
	return &plotter.BarChart{
		Values:    values,
		Width:     1, // set by draw once the data area is known
		Color:     colBars,
		LineStyle: draw.LineStyle{Width: 0},
	}
}

// basePlot is a plot with the shared look: fonts, axis range over the
// days, grid.
func (l *layout) basePlot(yLabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil // the canvas is already white
	tick := l.style(sansRegular, 22, colText)
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Tick.Label = tick
		ax.Tick.LineStyle = draw.LineStyle{Color: colText, Width: l.px(1.5)}
		ax.Tick.Length = l.px(8)
		ax.LineStyle = draw.LineStyle{Color: colText, Width: l.px(1.5)}
		ax.Padding = l.px(4)
	}
	p.Y.Tick.Label.XAlign = draw.XRight
	p.Y.Tick.Label.YAlign = draw.YCenter
	p.Y.Label.Text = yLabel
	p.Y.Label.TextStyle = l.style(sansRegular, 22, colText)
	p.Y.Label.TextStyle.YAlign = draw.YBottom
	p.Y.Label.Padding = l.px(6)
	p.Add(&plotter.Grid{Horizontal: draw.LineStyle{Color: colGrid, Width: l.px(1.5)}})
	return p
}

// setX fixes the date axis: one slot per day, a short tick on every day and
// a label on the last day and every step-th day before it. Only the
// routines panel (labelled) shows ticks and labels.
func (l *layout) setX(p *plot.Plot, labelled bool) {
	n := len(l.chart.Days)
	p.X.Min, p.X.Max = -0.5, math.Max(float64(n)-0.5, 0.5)
	step := labelStep(n)
	ticks := make([]plot.Tick, n)
	for i := range n {
		ticks[i] = plot.Tick{Value: float64(i)}
		if (n-1-i)%step == 0 {
			ticks[i].Label = l.dayLabel(l.chart.Days[i].Day)
		}
	}
	if !labelled {
		// The axis line stays as the panel's floor; the dates are
		// read off the panel below.
		ticks = nil
		p.X.Tick.Length = 0
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
}

// labelStep is how many days apart date labels are: every day for a week,
// every 5th for a month, wider for longer charts.
func labelStep(n int) int {
	switch {
	case n <= 7:
		return 1
	case n <= 14:
		return 2
	case n <= 35:
		return 5
	default:
		return (n + 5) / 6
	}
}

// dayLabel is "2 Nov" for "2006-11-02", or "" for an unreadable day.
func (l *layout) dayLabel(d coach.Day) string {
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return ""
	}
	return strconv.Itoa(t.Day()) + " " + l.labels.Months[t.Month()-1]
}

// painPlot is the upper panel: pain 0–10 as a line broken at missing
// days, with a dot on every day that has a value.
func (l *layout) painPlot() *plot.Plot {
	p := l.basePlot(l.labels.PainAxis)
	var pts plotter.XYs
	flush := func() {
		if len(pts) > 1 {
			line, _ := l.painStyles()
			line.XYs = pts
			p.Add(line)
		}
		pts = nil
	}
	var all plotter.XYs
	for i, v := range l.pain {
		if math.IsNaN(v) {
			flush()
			continue
		}
		pts = append(pts, plotter.XY{X: float64(i), Y: v})
		all = append(all, plotter.XY{X: float64(i), Y: v})
	}
	flush()
	if len(all) > 0 {
		_, dots := l.painStyles()
		dots.XYs = all
		p.Add(dots)
	}
	l.setX(p, false)
	p.Y.Min, p.Y.Max = 0, 10
	p.Y.Tick.Marker = plot.ConstantTicks(intTicks(0, 10, 2))
	return p
}

// routinePlot is the lower panel: one bar per day, routines done.
func (l *layout) routinePlot() *plot.Plot {
	p := l.basePlot(l.labels.RoutinesAxis)
	top := 2.0
	for _, v := range l.routine {
		top = math.Max(top, v)
	}
	if len(l.routine) > 0 {
		l.bars = l.barStyle(plotter.Values(l.routine))
		p.Add(l.bars)
	}
	l.setX(p, true)
	p.Y.Min, p.Y.Max = 0, top
	p.Y.Tick.Marker = plot.ConstantTicks(intTicks(0, int(top), max(1, int(top)/4)))
	return p
}

// intTicks are labelled ticks from lo to hi every step.
func intTicks(lo, hi, step int) []plot.Tick {
	var ts []plot.Tick
	for v := lo; v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
	}
	return ts
}

// alignX narrows the two panel areas so that their data areas have the same
// left and right edges (their y-axis labels differ in width).
func alignX(a *plot.Plot, ac draw.Canvas, b *plot.Plot, bc draw.Canvas) (draw.Canvas, draw.Canvas) {
	da, db := a.DataCanvas(ac), b.DataCanvas(bc)
	left := max(da.Min.X, db.Min.X)
	right := min(da.Max.X, db.Max.X)
	ac.Min.X += left - da.Min.X
	ac.Max.X -= da.Max.X - right
	bc.Min.X += left - db.Min.X
	bc.Max.X -= db.Max.X - right
	return ac, bc
}

func hasValue(vs []float64) bool {
	for _, v := range vs {
		if !math.IsNaN(v) {
			return true
		}
	}
	return false
}

func hasPositive(vs []float64) bool {
	for _, v := range vs {
		if v > 0 {
			return true
		}
	}
	return false
}
