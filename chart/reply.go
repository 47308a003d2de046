package chart

import (
	"strconv"
	"strings"

	"github.com/stretchbot/stretchbot/coach"
)

// File draws a reply's chart as a PNG attachment, with its texts from the
// message catalogue in lang (English where a text is missing). Front ends
// call it for a coach.Reply whose Chart is set.
func File(c *coach.Chart, cat coach.Catalog, lang string) (*coach.File, error) {
	t := func(key string, args ...string) string { return cat.T(lang, key, args...) }
	opt := Options{
		Title: t("chart.title"),
		Labels: Labels{
			PainLegend:     t("chart.pain_legend"),
			RoutinesLegend: t("chart.routines_legend"),
			PainAxis:       t("chart.pain_axis"),
			RoutinesAxis:   t("chart.routines_axis"),
			Empty:          t("chart.empty"),
		},
	}
	if c != nil {
		opt.Caption = t("chart.caption", "streak", strconv.Itoa(c.Streak), "best", strconv.Itoa(c.Best))
	}
	if months := strings.Split(t("chart.months"), ","); len(months) == 12 {
		for i, m := range months {
			opt.Labels.Months[i] = strings.TrimSpace(m)
		}
	}
	b, err := PNG(c, opt)
	if err != nil {
		return nil, err
	}
	return &coach.File{Name: "progress.png", MIME: MIME, Data: b}, nil
}
