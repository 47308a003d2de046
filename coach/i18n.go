package coach

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// Catalog holds every user-facing interface text, keyed by id, per language:
// content/i18n/<area>.<lang>.json, where each area (coach, bot, remind…) is
// owned by one part of the program and all areas of a language are merged. English ("en") is complete and is the
// fallback for a key or a language that is missing.
type Catalog map[string]map[string]string

// DefaultLang is the fallback language.
const DefaultLang = "en"

func loadCatalog(fsys fs.FS) (Catalog, error) {
	names, err := fs.Glob(fsys, "content/i18n/*.json")
	if err != nil {
		return nil, err
	}
	cat := Catalog{}
	for _, n := range names {
		base := strings.TrimSuffix(path.Base(n), ".json")
		lang := base[strings.LastIndexByte(base, '.')+1:]
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, fmt.Errorf("content: %w", err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("content: %s: %w", n, err)
		}
		if cat[lang] == nil {
			cat[lang] = map[string]string{}
		}
		for k, v := range m {
			if _, dup := cat[lang][k]; dup {
				return nil, fmt.Errorf("content: %s: key %q is defined twice", n, k)
			}
			cat[lang][k] = v
		}
	}
	if len(cat[DefaultLang]) == 0 {
		return nil, fmt.Errorf("content: no %s message catalogue", DefaultLang)
	}
	return cat, nil
}

// Lang picks the catalogue language for a Telegram language_code such as
// "de", "pt-br" or "": the exact code, then its base language, then English.
func (c Catalog) Lang(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	if _, ok := c[code]; ok && code != "" {
		return code
	}
	if i := strings.IndexAny(code, "-_"); i > 0 {
		if _, ok := c[code[:i]]; ok {
			return code[:i]
		}
	}
	return DefaultLang
}

// T returns the text for key in lang, with {name} placeholders replaced by
// the name/value pairs in args. A key missing in lang falls back to English;
// a key missing in English is a defect caught by tests, and shows as the key.
func (c Catalog) T(lang, key string, args ...string) string {
	s, ok := c[lang][key]
	if !ok {
		s, ok = c[DefaultLang][key]
		if !ok {
			s = key
		}
	}
	if len(args) == 0 {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+args[i]+"}", args[i+1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Missing returns, for every language other than English, the English keys
// it lacks, sorted.
func (c Catalog) Missing() map[string][]string {
	out := map[string][]string{}
	for lang, m := range c {
		if lang == DefaultLang {
			continue
		}
		for k := range c[DefaultLang] {
			if _, ok := m[k]; !ok {
				out[lang] = append(out[lang], k)
			}
		}
		sort.Strings(out[lang])
	}
	return out
}
