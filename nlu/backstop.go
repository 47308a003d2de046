package nlu

import (
	"strings"

	"github.com/stretchbot/stretchbot/coach"
)

// The emergency backstop is a structural safety net behind the triage rules.
// The rules recognise emergency signs as close phrasings; people describe the
// same signs in words nobody listed. When the rules found no emergency, the
// backstop looks in each sentence for an emergency domain (the bladder, the
// bowel, the saddle area, sex, the legs, a fall or crash, a fever) together
// with a sign that something there is lost or changing (can't, no feeling,
// numb, leaking, dragging, giving way, suddenly…), anywhere in the sentence
// and in either order. Each candidate pair then goes through the rules'
// own suppression (negation, resolution, harmless causes, other people,
// suppositions, long-over episodes, general questions), so the backstop
// widens what counts as a report, never what counts as the user's present.
//
// The backstop is data: word classes (a concept mask from the lexicon plus
// extra words and short phrases) and rules that name the classes that must
// all occur in one sentence. It only ever raises a message to emergency.

// wordClass is a set of tokens: any lexicon concept in mask, or a word or
// phrase of up to three words in words (as typed, lower case, contractions
// expanded: "can not").
type wordClass struct {
	mask  concept
	words map[string]bool
}

// bsRule is one backstop rule: every class in need must occur in one
// sentence, each at a different token, with the first one being the
// domain. benign and unless are the triage rule fields of the same name.
type bsRule struct {
	flag   string
	need   []wordClass
	neg    concept // extra negators, as the triage rule field
	benign concept
	unless concept
	// self: the sentence must speak of the user ("I", "my"), and name
	// none of notIn.
	self  bool
	notIn wordClass
	// message lets the classes occur anywhere in the message, not only
	// in one sentence: a fever and feeling very unwell are often told
	// apart ("temp 38.5. feel awful").
	message bool
}

// class builds a wordClass from a mask and space-separated words, with
// phrases written with underscores ("giving_way").
func class(mask concept, ws string) wordClass {
	c := wordClass{mask: mask, words: map[string]bool{}}
	for _, w := range strings.Fields(ws) {
		c.words[strings.ReplaceAll(w, "_", " ")] = true
	}
	return c
}

// The backstop's word classes.
var (
	bsBladder = class(cPee, "bladder urine pee peeing wee weeing toilet loo waterworks continence "+
		"incontinence incontinent wet wetting leak leaks leaking leaked pants knickers underwear")
	bsBowel  = class(cPoo, "bowel bowels poo pooed stool stools back_passage number_two anus")
	bsSaddle = class(cSaddle|cGenital, "groin crotch saddle genitals privates down_there down_below "+
		"between_my_legs inner_thighs inner_thigh bum bottom backside back_passage undercarriage "+
		"perineum penis vagina testicles balls")
	bsSex  = class(cSex|cErect, "sex intimate intimacy orgasm climax erection")
	bsLegs = class(cLimb|cBoth|cFoot, "leg legs foot feet toes knee knees ankle ankles thigh thighs")
	bsFeet = class(cFoot, "foot feet toes toe")
	// bsLoss: sensation or control lost in that place.
	bsLoss = class(cProblem|cNoFeel|cNumb|cOdd|cAccident,
		"numb numbness dead lost losing lose gone leak leaks leaking leaked accident accidents "+
			"wet_myself wet_the_bed dribbling dribble no_feeling no_sensation no_idea not_know "+
			"did_not_know not_notice not_feel did_not_feel feel_nothing felt_nothing like_nothing "+
			"too_late on_its_own own_accord can_not unable control nothing_happens nothing_comes "+
			"cannot tingly tingling weird strange different someone_else not_touching messed soaked damp")
	// bsWeak: a leg that fails.
	bsWeak = class(cWeak|cParalysis, "weak weaker weakness giving_way gave_way give_way buckling "+
		"buckle buckles collapse collapsed switching_off switched_off barely can_not_stand "+
		"can_not_walk can_not_lift heavy heavier jelly wobbly useless")
	// bsPace: the failing is fast or new.
	bsPace = class(cFast, "fast faster quickly suddenly sudden overnight hour hours worse worsening "+
		"weaker_and_weaker since_yesterday since_this_morning since_last_night since_lunch "+
		"since_breakfast in_a_day by_the_hour started_today started_this_morning "+
		"more_every worse_every "+
		// a contrast of times: new, or failing again and again
		"now today anymore any_more again twice three_times keeps keep kept was_fine were_fine "+
		"fine_yesterday fine_this_morning fine_last_night days_ago day_ago")
	// bsLeak: leaking or dribbling told of the user, with no other domain
	// word ("had a couple of leaks today", "I keep dribbling").
	bsLeak = class(0, "leak leaks leaking leaked leakage dribble dribbles dribbling dribbled")
	// bsLeakThings leak too: a sentence naming one is not about the user.
	bsLeakThings = class(0, "roof tap taps pipe pipes boiler tyre tire tyres tires nose eyes pen bottle "+
		"radiator window ceiling oil gas data battery bag fridge shower sink cistern gutter gutters hose "+
		"tent boat car kettle dishwasher washing_machine memory secrets info news story press drool saliva "+
		"mouth baby dog cat puppy kitten cup mug")
	// bsDrop: a foot that does not lift.
	bsDrop = class(cDropFoot|cFootDrop, "drag drags dragging dragged trip tripping trips flop flops "+
		"flopping floppy slap slaps slapping scrape scraping scrapes catching catches drops dropping "+
		"can_not_lift knee_really_high")
	// bsImpact: a fall or crash.
	bsImpact = class(cFall|cCrash, "fell fall fallen falling crash crashed collision collided "+
		"knocked_off knocked_down run_over ran_over pile_up pileup hit_by thrown_off thrown came_off "+
		"smashed rear_ended tumbled")
	// bsMajor: what makes it major: a vehicle, a height, force.
	bsMajor = class(cVehicle|cHeight|cSevere, "van car bus lorry truck motorbike bike motorway "+
		"highway ladder roof stairs flight_of_stairs horse scaffolding tree wall cliff balcony "+
		"metres meters storey story trampoline speed")
	// bsFever: a fever by any name.
	bsFever = class(cFever, "fever feverish temperature temp sweats sweating sweaty shivers shivering "+
		"shaking chills burning_up hot_and_cold boiling")
	// bsUnwell: feeling very unwell.
	bsUnwell = class(0, "awful terrible poorly unwell ill rough dreadful horrible wretched "+
		"like_death really_sick very_sick so_sick wiped_out can_not_get_out_of_bed")
)

// bsRules are the backstop rules, in flag order.
var bsRules = []bsRule{
	{flag: "bladder", need: []wordClass{bsBladder, bsLoss}, neg: cNearly, unless: cVehicle},
	{flag: "bowel", need: []wordClass{bsBowel, bsLoss}, neg: cNearly, benign: cBenign, unless: cVehicle},
	{flag: "bladder", need: []wordClass{bsLeak}, neg: cNearly, self: true, notIn: bsLeakThings},
	{flag: "saddle", need: []wordClass{bsSaddle, bsLoss}, benign: cBenign | cExert},
	{flag: "sexual", need: []wordClass{bsSex, bsLoss}, benign: cBenign},
	{flag: "leg-weakness", need: []wordClass{bsLegs, bsWeak, bsPace}, benign: cExert},
	{flag: "foot-drop", need: []wordClass{bsFeet, bsDrop}},
	{flag: "major-trauma", need: []wordClass{bsImpact, bsMajor}, neg: cNearly},
	{flag: "fever", need: []wordClass{bsFever, bsUnwell}, message: true},
}

// has reports whether token i belongs to class c: by its concepts, its
// word, its merged phrase, or a phrase of up to three words starting at it
// in its sentence.
func (c wordClass) has(ts []ttok, i int) bool {
	t := ts[i]
	if t.c&cConsumed != 0 {
		return false // a phrase with no red-flag meaning ("can't feel the stretch")
	}
	if t.c&c.mask != 0 || c.words[t.word] {
		return true
	}
	phrase := t.word
	if t.next != "" {
		phrase += " " + t.next
		if c.words[phrase] {
			return true
		}
	}
	for j := i + 1; j < len(ts) && j <= i+4 && ts[j].sent == t.sent; j++ {
		phrase += " " + ts[j].word
		if ts[j].next != "" {
			phrase += " " + ts[j].next
		}
		if c.words[phrase] {
			return true
		}
	}
	return false
}

// backstop returns the flag of the first backstop rule that finds an
// unsuppressed emergency report in the message, or "".
func (t *triage) backstop(ts []ttok, question []bool) string {
	for ri := range bsRules {
		if bsFires(t, &bsRules[ri], ts, question) {
			return bsRules[ri].flag
		}
	}
	return ""
}

// bsBudget bounds the tokens one rule looks at in a message (every slot's
// scan counts), so that a pathological message (thousands of domain words
// in one sentence) stays fast. A real message of 40 tokens needs at most
// 40³ = 64,000 for a three-class rule, and usually a few hundred.
const bsBudget = 1 << 17

// bsFires reports whether rule r finds, in some sentence, a token of each
// needed class (distinct tokens) that the triage's suppression lets stand.
func bsFires(t *triage, r *bsRule, ts []ttok, question []bool) bool {
	tr := &rule{flag: r.flag, level: coach.LevelEmergency, neg: r.neg, benign: r.benign, unless: r.unless}
	slots := make([]int, len(r.need))
	budget := bsBudget
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(r.need) {
			lo, hi := slots[0], slots[0]
			for _, s := range slots {
				lo, hi = min(lo, s), max(hi, s)
			}
			if r.self && !selfOnly(ts, ts[slots[0]].sent, r.notIn) {
				return false
			}
			return !t.suppressed(tr, ts, question, slots[0], lo, hi, slots)
		}
		for j := range ts {
			if budget--; budget <= 0 {
				return false
			}
			if k > 0 && !r.message && ts[j].sent != ts[slots[0]].sent {
				continue
			}
			if !r.need[k].has(ts, j) {
				continue
			}
			if used(slots[:k], j) && !(k > 0 && j == slots[0] && ts[j].next != "") {
				// One token fills two slots only as a merged
				// phrase that says both ("wet myself", "foot
				// drop").
				continue
			}
			if k > 0 && ts[j].c&(cNeg|cResolved) != 0 && !negatedAct(ts, j) {
				// A negator is not a sign of its own: in "I don't
				// have bladder problems" the "not" denies; nor is a
				// resolution ("…gone now").
				continue
			}
			slots[k] = j
			if try(k + 1) {
				return true
			}
		}
		return false
	}
	return try(0)
}

// selfOnly reports whether sentence sent speaks of the user (a
// first-person word) and has no token of not.
func selfOnly(ts []ttok, sent int, not wordClass) bool {
	me := false
	for i := range ts {
		if ts[i].sent != sent {
			continue
		}
		if not.words != nil && not.has(ts, i) {
			return false
		}
		me = me || firstPerson(ts, i)
	}
	return me
}

// used reports whether j is among the chosen slots.
func used(slots []int, j int) bool {
	for _, s := range slots {
		if s == j {
			return true
		}
	}
	return false
}

// actWords are what a person does on the toilet or with their legs; not
// doing them is a loss ("haven't been able to wee", "not passed water",
// "haven't managed a wee").
var actWords = set("able managed manage passed pass hold go gone empty emptied start control stand walk lift")

// negatedAct reports whether the negator at j denies an act ("haven't
// been able to", "not passed") rather than a symptom ("no numbness",
// "didn't go numb"): it is a "not" followed within three tokens by an act
// word, with no symptom word before that act word.
func negatedAct(ts []ttok, j int) bool {
	if ts[j].word != "not" || ts[j].next != "" || ts[j].c&cNeg == 0 {
		return false
	}
	for i := j + 1; i < len(ts) && i <= j+3 && ts[i].sent == ts[j].sent; i++ {
		if ts[i].c&(cNumb|cNoFeel|cOdd|cPain|cWeak|cFever) != 0 {
			return false
		}
		if actWords[ts[i].word] {
			for k := i + 1; k < len(ts) && k <= i+2 && ts[k].sent == ts[j].sent; k++ {
				if ts[k].c&(cNumb|cNoFeel|cOdd|cWeak) != 0 {
					return false // "didn't go numb"
				}
			}
			return true
		}
	}
	return false
}

// learnBackstopWords makes the backstop's words known to the spelling
// correction, so that "rough" or "useless" is not corrected into another
// word before the backstop reads it.
func (t *triage) learnBackstopWords() {
	for _, c := range []wordClass{bsBladder, bsBowel, bsSaddle, bsSex, bsLegs, bsFeet, bsLoss,
		bsWeak, bsPace, bsDrop, bsImpact, bsMajor, bsFever, bsUnwell, bsLeak, bsLeakThings} {
		for p := range c.words {
			for _, w := range strings.Fields(p) {
				if _, ok := t.words[stem(w)]; !ok {
					t.words[stem(w)] = 0
				}
			}
		}
	}
	for w := range actWords {
		if _, ok := t.words[stem(w)]; !ok {
			t.words[stem(w)] = 0
		}
	}
}
