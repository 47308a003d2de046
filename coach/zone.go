package coach

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Offsets a user may choose, as the IANA database allows them: from
// UTC-12:00 (Baker Island) to UTC+14:00 (Kiribati), in 15-minute steps.
const (
	minOffset  = -12 * 3600
	maxOffset  = 14 * 3600
	offsetStep = 15 * 60
)

// maxZoneInput bounds the text ParseZone looks at: no city or zone name is
// longer, and a pasted essay is rejected before any work is done on it.
const maxZoneInput = 100

//go:embed content/cities.json
var citiesJSON []byte

// zoneIndex is what ParseZone matches against, built once from
// content/cities.json.
type zoneIndex struct {
	// iana maps zoneKey(name) to the IANA name, for names with a slash.
	iana map[string]string
	// place maps placeKey(city, country, abbreviation) to an IANA name:
	// the hand-written places first, then the last part of every IANA name
	// ("ho chi minh", "dar es salaam") that no place already claims and
	// that is not ambiguous.
	place map[string]string
}

var (
	zonesOnce sync.Once
	zonesIdx  *zoneIndex
	zonesErr  error
)

// zones returns the index, building it on first use.
func zones() (*zoneIndex, error) {
	zonesOnce.Do(func() { zonesIdx, zonesErr = buildZoneIndex(citiesJSON) })
	return zonesIdx, zonesErr
}

// citiesFile is the shape of content/cities.json.
type citiesFile struct {
	Zones  []string            `json:"zones"`
	Places map[string][]string `json:"places"`
}

// genericZoneParts are last parts of IANA names that are not places.
var genericZoneParts = map[string]bool{
	"north": true, "south": true, "west": true, "east": true, "lhi": true,
	"yancowinna": true, "acre": true, "general": true,
}

// buildZoneIndex parses content/cities.json. Two places with the same key
// in different zones are an error: the data must say which one is meant.
func buildZoneIndex(b []byte) (*zoneIndex, error) {
	var f citiesFile
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("coach: cities.json: %w", err)
	}
	idx := &zoneIndex{iana: map[string]string{}, place: map[string]string{}}
	for _, z := range f.Zones {
		if strings.Contains(z, "/") {
			idx.iana[zoneKey(z)] = z
		}
	}
	for zone, names := range f.Places {
		for _, n := range names {
			k := placeKey(n)
			if k == "" {
				return nil, fmt.Errorf("coach: cities.json: %q has no letters", n)
			}
			if prev, dup := idx.place[k]; dup && prev != zone {
				return nil, fmt.Errorf("coach: cities.json: %q is both %s and %s", n, prev, zone)
			}
			idx.place[k] = zone
		}
	}
	// The last part of each IANA name is a city the user may type.
	seen := map[string]string{}
	ambiguous := map[string]bool{}
	for _, z := range f.Zones {
		i := strings.LastIndexByte(z, '/')
		region := z[:max(strings.IndexByte(z, '/'), 0)]
		switch region {
		case "Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
			"Australia", "Europe", "Indian", "Pacific":
		default:
			continue
		}
		k := placeKey(z[i+1:])
		if k == "" || genericZoneParts[k] {
			continue
		}
		if prev, ok := seen[k]; ok && prev != z {
			ambiguous[k] = true
		}
		seen[k] = z
	}
	for k, z := range seen {
		if _, taken := idx.place[k]; !taken && !ambiguous[k] {
			idx.place[k] = z
		}
	}
	return idx, nil
}

// ParseZone reads a time zone typed by a user and returns its canonical
// name, loadable with LoadZone. It accepts:
//
//   - an IANA name in any case, with spaces for underscores and spaces
//     around the slash: "Europe/London", "europe/london", "America/New
//     York", legacy names such as "Asia/Calcutta";
//   - a city, a region, a single-zone country or a common abbreviation,
//     ignoring case, accents and punctuation: "London", "new york", "NYC",
//     "São Paulo", "sao paulo", "St. John's", "Germany", "India", "EST";
//     "Paris, France" and "in London" are read as "Paris" and "London";
//   - a UTC offset: "UTC+2", "GMT-5", "+05:30", "utc +5.5", "+0545", "UTC",
//     "GMT". Offsets run from −12:00 to +14:00 in 15-minute steps and are
//     returned as "UTC+05:30", "UTC-03:00", or "UTC" for zero. A fixed
//     offset never changes for daylight saving: a city is better.
//
// Countries spanning several zones (the US, Canada, Russia, Brazil,
// Australia, Mexico, Indonesia, Spain…) are not accepted on their own: the
// user is asked for a city instead. Where a city name is shared, the larger
// city wins ("London" is England, "Perth" Australia); the confirmation
// message (ZoneLabel) lets the user correct it.
func ParseZone(s string) (name string, ok bool) {
	if len(s) > maxZoneInput || !utf8.ValidString(s) {
		return "", false
	}
	s = strings.TrimSpace(s)
	// A label pasted back: "Europe/London (GMT+1)".
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		s = strings.TrimSpace(s[:i])
	}
	if s == "" || strings.ContainsFunc(s, unicode.IsControl) {
		return "", false
	}
	if off, ok := parseOffset(s); ok {
		return offsetName(off), true
	}
	idx, err := zones()
	if err != nil {
		return "", false
	}
	if strings.Contains(s, "/") {
		if z, ok := idx.iana[zoneKey(s)]; ok {
			return z, true
		}
		// A zone newer than the list: accept what time itself loads.
		raw := strings.Join(strings.Fields(strings.ReplaceAll(s, " / ", "/")), "_")
		if validZoneSyntax(raw) {
			if _, err := LoadZone(raw); err == nil {
				return raw, true
			}
		}
		return "", false
	}
	k := placeKey(s)
	for _, cand := range placeCandidates(k, s) {
		if z, ok := idx.place[cand]; ok {
			return z, true
		}
	}
	return "", false
}

// placeCandidates are the keys tried for typed text whose key is k: the
// whole text, the part before a comma ("Paris, France"), and the text
// without "I live in", "in", "near" or a trailing "city".
func placeCandidates(k, raw string) []string {
	out := []string{k}
	if before, _, ok := strings.Cut(raw, ","); ok {
		out = append(out, placeKey(before))
	}
	for _, p := range []string{"i live in ", "i am in ", "im in ", "i m in ", "living in ", "in ", "near ", "from "} {
		if t, ok := strings.CutPrefix(k, p); ok {
			out = append(out, t)
			break
		}
	}
	for _, c := range out {
		if t, ok := strings.CutSuffix(c, " city"); ok {
			out = append(out, t)
		}
	}
	return out
}

// parseOffset reads "UTC+2", "gmt -5", "+05:30", "utc+5.5", "+0545",
// "UTC", "GMT" and returns the offset in seconds east of UTC.
func parseOffset(s string) (int, bool) {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch r {
		case ' ', '\t', '\u00a0':
			continue
		case '−', '–', '—': // minus sign, dashes
			r = '-'
		}
		b.WriteRune(r)
	}
	t := b.String()
	prefix := false
	for _, p := range []string{"utc", "gmt"} {
		if rest, ok := strings.CutPrefix(t, p); ok {
			t, prefix = rest, true
			break
		}
	}
	if t == "" {
		return 0, prefix
	}
	sign := 0
	switch t[0] {
	case '+':
		sign = 1
	case '-':
		sign = -1
	}
	if sign == 0 {
		// "utc0" is fine; "5" alone is not an offset.
		return 0, prefix && (t == "0" || t == "00" || t == "00:00")
	}
	h, m, ok := offsetDigits(t[1:])
	if !ok {
		return 0, false
	}
	off := sign * (h*3600 + m*60)
	if off < minOffset || off > maxOffset || off%offsetStep != 0 {
		return 0, false
	}
	return off, true
}

// offsetDigits reads the hours and minutes of an offset: "5", "05",
// "5:30", "05:30", "530", "0530", "5.5", "5.75".
func offsetDigits(t string) (h, m int, ok bool) {
	if hs, ms, found := strings.Cut(t, ":"); found {
		h, ok1 := digits(hs)
		m, ok2 := digits(ms)
		return h, m, ok1 && ok2 && len(hs) <= 2 && len(ms) == 2 && m < 60
	}
	if hs, frac, found := strings.Cut(t, "."); found {
		h, ok := digits(hs)
		if !ok || len(hs) > 2 {
			return 0, 0, false
		}
		switch strings.TrimRight(frac, "0") {
		case "":
			return h, 0, true
		case "25":
			return h, 15, true
		case "5":
			return h, 30, true
		case "75":
			return h, 45, true
		}
		return 0, 0, false
	}
	n, ok := digits(t)
	if !ok {
		return 0, 0, false
	}
	switch len(t) {
	case 1, 2:
		return n, 0, true
	case 3, 4:
		return n / 100, n % 100, n%100 < 60
	}
	return 0, 0, false
}

// offsetName is the canonical name of a fixed offset: "UTC", "UTC+05:30",
// "UTC-03:00".
func offsetName(off int) string {
	if off == 0 {
		return "UTC"
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, off/3600, off%3600/60)
}

// zoneCache holds every location loaded, by name. Only names that loaded
// are kept, so it is bounded by the number of zones, not of users.
var zoneCache sync.Map // string → *time.Location

// ErrUnknownZone is returned (wrapped) by LoadZone for a name that is no
// time zone.
var ErrUnknownZone = errors.New("unknown time zone")

// LoadZone returns the location for a zone name as returned by ParseZone:
// an IANA name, "UTC", or a fixed offset "UTC+05:30". Each location is
// loaded once and shared, so a million users in a few hundred zones cost a
// few hundred locations. It is safe for concurrent use. "", "Local" and
// anything else that is not a zone are rejected.
func LoadZone(name string) (*time.Location, error) {
	if l, ok := zoneCache.Load(name); ok {
		return l.(*time.Location), nil
	}
	l, err := loadZone(name)
	if err != nil {
		return nil, err
	}
	got, _ := zoneCache.LoadOrStore(name, l)
	return got.(*time.Location), nil
}

func loadZone(name string) (*time.Location, error) {
	if name == "UTC" {
		return time.UTC, nil
	}
	if strings.HasPrefix(name, "UTC+") || strings.HasPrefix(name, "UTC-") {
		off, ok := parseOffset(name)
		if !ok || offsetName(off) != name {
			return nil, fmt.Errorf("coach: %w: %q", ErrUnknownZone, name)
		}
		return time.FixedZone(name, off), nil
	}
	if !validZoneSyntax(name) || name == "Local" {
		return nil, fmt.Errorf("coach: %w: %q", ErrUnknownZone, name)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("coach: %w: %q", ErrUnknownZone, name)
	}
	return l, nil
}

// validZoneSyntax reports whether name looks like an IANA name: parts of
// ASCII letters, digits, '_', '-' and '+' separated by single slashes, at
// most 40 bytes. It keeps the cache key set finite ("Europe//London" opens
// the same file as "Europe/London").
func validZoneSyntax(name string) bool {
	if name == "" || len(name) > 40 {
		return false
	}
	for _, part := range strings.Split(name, "/") {
		if part == "" {
			return false
		}
		for i := 0; i < len(part); i++ {
			c := part[i]
			switch {
			case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
				c == '_', c == '-' && i > 0, c == '+' && i > 0:
			default:
				return false
			}
		}
	}
	return true
}

// ZoneLabel names a zone for a confirmation message, with its offset from
// GMT at now: "Europe/London (GMT+1)", "Asia/Kolkata (GMT+5:30)". A fixed
// offset is its own label ("UTC+05:30"); a name that does not load is
// returned as it is.
func ZoneLabel(name string, now time.Time) string {
	loc, err := LoadZone(name)
	if err != nil || name == "UTC" || strings.HasPrefix(name, "UTC+") || strings.HasPrefix(name, "UTC-") {
		return name
	}
	_, off := now.In(loc).Zone()
	return name + " (" + gmtOffset(off) + ")"
}

// gmtOffset formats an offset in seconds as "GMT+0", "GMT-5", "GMT+5:30".
func gmtOffset(off int) string {
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	h, m := off/3600, off%3600/60
	if m == 0 {
		return fmt.Sprintf("GMT%c%d", sign, h)
	}
	return fmt.Sprintf("GMT%c%d:%02d", sign, h, m)
}

// zoneKey is the case- and spelling-insensitive key of an IANA name:
// "America / New York" and "america/new_york" are the same.
func zoneKey(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = strings.Join(strings.FieldsFunc(foldText(p), func(r rune) bool {
			return r == ' ' || r == '_' || r == '-'
		}), "_")
	}
	return strings.Join(parts, "/")
}

// placeKey is the key of a place name: lower case, accents folded,
// apostrophes and full stops dropped, other punctuation as spaces, a
// leading "the" dropped and "saint" written "st". "St. John's" and "saint
// johns" are both "st johns"; "São Paulo" is "sao paulo".
func placeKey(s string) string {
	var b strings.Builder
	for _, r := range foldText(s) {
		switch {
		case r == '\'' || r == '.' || r == 'ʻ' || r == '`' || r == '’':
			continue
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r > utf8.RuneSelf:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	ws := strings.Fields(b.String())
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	for i, w := range ws {
		if w == "saint" || w == "sankt" {
			ws[i] = "st"
		}
	}
	return strings.Join(ws, " ")
}

// foldText lower-cases s and replaces accented Latin letters by their
// plain forms; combining marks are dropped.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if r >= 0x300 && r <= 0x36f { // combining diacritical marks
			continue
		}
		if r < utf8.RuneSelf {
			b.WriteRune(r)
			continue
		}
		if f, ok := foldRune[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldRune maps accented Latin letters to plain ones.
var foldRune = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'þ': "th", 'ð': "d"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą",
		"c": "çćĉċč",
		"d": "ďđ",
		"e": "èéêëēĕėęě",
		"g": "ĝğġģ",
		"h": "ĥħ",
		"i": "ìíîïĩīĭįı",
		"j": "ĵ",
		"k": "ķ",
		"l": "ĺļľŀł",
		"n": "ñńņňŉ",
		"o": "òóôõöøōŏő",
		"r": "ŕŗř",
		"s": "śŝşšș",
		"t": "ţťŧț",
		"u": "ùúûüũūŭůűų",
		"w": "ŵ",
		"y": "ýÿŷ",
		"z": "źżž",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
