package nlu

import "strings"

// stopWords carry no topic: function words, chat filler, politeness. They
// are dropped before FAQ matching and never typo-corrected. Question words
// (how, when, why, what) are kept: inverse document frequency weighs them.
var stopWords = set(`
a an the and or but if then so as at by for from in into of off on onto out over to up with
about above after again against all am any are be been being both can could did do does
doing done each few further had has have having he her here hers herself him himself his
i it its itself just me more most my myself no nor not now only our ours ourselves own
same she should some such than that their theirs them themselves there these they this those
through too under until very was we were which while who whom will would you your yours
yourself yourselves is also really actually honestly basically literally quite pretty super
please thanks thank hi hey hello ok okay oh um uh hmm well like just kind sort maybe perhaps
get got gets getting go going gonna wanna gotta let lets let's tell know think wondering wonder
question ask asking anyone anybody someone somebody something anything everything thing things
bit lot lots little much many one ones way ways still even ever already always sometimes
usually normally generally exactly roughly approximately around right really truly totally
guys mate bro dude lol haha pls plz yeah yes yep nope nah mine im ive dont cant any bot
sir madam maam mam dear kindly happen happens happened explain explained describe
completely fully entirely absolutely utterly
during within
phone phones app apps telegram chat team
people everyone everybody telling told says said saying heard reckon reckons claim claims true
`)

// synonyms maps a word to the canonical word it means here, before
// stemming: spelling variants, slang, and words the FAQ treats as one idea.
var synonyms = map[string]string{
	"disk": "disc", "disks": "disc", "discs": "disc", "herniated": "disc", "herniation": "disc",
	"hernia": "disc", "bulging": "disc", "bulge": "disc", "prolapsed": "disc", "prolapse": "disc",
	"protrusion": "disc", "protruding": "disc", "ruptured": "disc", "sciatica": "sciatica",
	"mri": "scan", "mris": "scan", "scans": "scan", "xray": "scan", "xrays": "scan", "x": "scan",
	"ray": "scan", "rays": "scan", "imaging": "scan", "ct": "scan", "ultrasound": "scan",
	"radiograph": "scan", "images": "scan",
	"brace": "brace", "braces": "brace", "belt": "brace", "belts": "brace", "corset": "brace",
	"supports": "support", "strap": "brace", "strapping": "brace",
	"hamstrings": "hamstring", "hammies": "hamstring", "hamstring": "hamstring", "hammy": "hamstring",
	"hamstings": "hamstring",
	"doctor":    "doctor", "doctors": "doctor", "gp": "doctor", "physio": "doctor", "physios": "doctor",
	"physiotherapist": "doctor", "physiotherapy": "doctor", "clinician": "doctor", "dr": "doctor",
	"chiropractor": "doctor", "chiro": "doctor", "osteopath": "doctor", "medic": "doctor",
	"professional": "doctor", "specialist": "doctor", "pt": "doctor", "hospital": "doctor",
	"a&e": "doctor", "er": "doctor", "medical": "doctor",
	"anxiety": "stress", "anxious": "stress", "stressed": "stress", "stressful": "stress",
	"tension": "tense", "tense": "tense", "nervous": "stress", "overwhelmed": "stress",
	"worried": "worry", "worrying": "worry", "worries": "worry", "concerned": "worry",
	"pilates": "yoga",
	"stroll":  "walk", "strolls": "walk", "hike": "walk", "hiking": "walk", "hikes": "walk",
	"walks": "walk", "walking": "walk", "walked": "walk",
	"cure": "cure", "cured": "cure", "cures": "cure", "fix": "cure", "fixed": "cure", "fixes": "cure",
	"heal": "cure", "heals": "cure", "healing": "cure", "solve": "cure", "eliminate": "cure", "permanently": "forever",
	"permanent": "forever",
	"am":        "morning", "mornings": "morning", "wake": "morning", "waking": "morning",
	"evening": "evening", "evenings": "evening", "night": "evening", "nights": "evening",
	"nighttime": "evening", "bedtime": "evening", "pm": "evening", "tonight": "evening",
	"reps": "rep", "repetitions": "rep", "repetition": "rep", "repeat": "rep", "sets": "rep",
	"seconds": "second", "secs": "second",
	"minutes": "minute", "mins": "minute",
	"stretches": "stretch", "stretching": "stretch", "stretched": "stretch", "strech": "stretch",
	"streching": "stretch", "stretchs": "stretch", "stetch": "stretch",
	"exercises": "exercise", "exercising": "exercise", "workout": "exercise", "workouts": "exercise",
	"poses": "pose", "position": "pose", "positions": "pose", "posture": "posture",
	"strengthen": "strength", "strengthening": "strength", "strong": "strength", "stronger": "strength",
	"strenght": "strength", "strenghtening": "strength", "weights": "strength",
	"core": "core", "abs": "core", "ab": "core",
	"breathe": "breath", "breathing": "breath", "breath": "breath", "breaths": "breath",
	"inhale": "breath", "exhale": "breath", "breathes": "breath", "breath's": "breath",
	"warmup": "warm", "warming": "warm", "warmed": "warm",
	"mistake": "mistake", "mistakes": "mistake", "errors": "mistake", "error": "mistake",
	"wrong": "mistake", "blunders": "mistake", "pitfalls": "mistake", "avoid": "avoid",
	"donts":       "avoid",
	"improvement": "better", "improve": "better", "improvment": "better", "results": "better",
	"progress": "better", "relief": "better", "difference": "better",
	"ache": "pain", "aches": "pain", "achy": "pain", "aching": "pain", "sore": "pain",
	"soreness": "pain", "hurt": "pain", "hurts": "pain", "hurting": "pain", "painful": "pain",
	"agony": "pain", "backache": "pain",
	"lumbar": "back", "spine": "back", "spinal": "back", "backs": "back",
	"stiffness": "stiff", "tight": "stiff", "tightness": "stiff",
	"lying": "lie", "lay": "lie", "laying": "lie", "horizontal": "lie",
	"rest": "rest", "resting": "rest",
	"deeper": "deep", "deeply": "deep", "further": "far", "farther": "far",
	"intense": "hard", "intensity": "hard", "harder": "hard",
	"daily": "day", "everyday": "day", "days": "day",
	"tingling": "tingle", "tingles": "tingle", "tingly": "tingle", "numbness": "numb",
	"everyday's": "day",
	"program":    "programme", "plan": "programme", "schedule": "programme", "routine": "programme",
	"routines": "programme", "regime": "programme", "regimen": "programme",
	"thighs": "thigh", "legs": "leg",
	"pnf": "pnf", "ais": "ais",
	"sit": "sitting", "sat": "sitting", "desk": "sitting", "sedentary": "sitting",
	"water": "water", "hydrated": "water", "hydration": "water", "drink": "water",
	"protein": "protein", "diet": "protein", "eat": "protein", "eating": "protein",
	"sleep": "sleep", "sleeping": "sleep",
	"risk": "harm", "risky": "harm", "dangerous": "harm", "harmful": "harm", "damage": "harm",
	"injure": "harm", "injury": "harm", "worsen": "worse",
	"overkill": "overdo", "overdoing": "overdo", "excessive": "overdo",
	"2x": "twice", "3x": "twice",
	"besides": "besides", "other": "else", "additionally": "else",
	"tips": "tip", "advice": "tip", "suggestions": "tip",
	"often": "howoften", "frequently": "howoften", "frequency": "howoften",
	"held": "hold", "holding": "hold", "holds": "hold",
	"habit": "habit", "habits": "habit", "lifestyle": "habit",
	"flare": "flare", "flares": "flare", "flareup": "flare",
	"hectic": "stress", "crazy": "stress", "busy": "stress",
	"immediately": "immediately", "instantly": "immediately",
	"settle": "better", "settles": "better", "ease": "better", "eases": "better",
	"loosen": "stretch", "loosening": "stretch",
	// evidence: asking whether it is proven
	"research": "evidence", "researches": "evidence", "study": "evidence", "studies": "evidence",
	"science": "evidence", "scientific": "evidence", "scientifically": "evidence",
	"proof": "evidence", "proven": "evidence", "prove": "evidence", "trials": "evidence",
	// doing one thing in place of another
	"swap": "instead", "swapping": "instead", "replace": "instead", "replacing": "instead",
	"substitute": "instead", "switch": "instead", "rather": "instead",
	// comparing two things
	"versus": "vs", "beats": "vs", "beat": "vs", "compared": "vs", "compare": "vs",
	"comparison": "vs",
	// making it worse
	"wreck": "harm", "wrecks": "harm", "wrecking": "harm", "ruin": "harm", "ruins": "harm",
	"ruining": "harm", "aggravate": "worse", "aggravates": "worse", "aggrivate": "worse",
	"irritate": "worse", "worsens": "worse",
	// relief
	"reduce": "better", "reduces": "better", "reducing": "better", "lessen": "better",
	"decrease": "better", "decreases": "better", "relieve": "better", "relieves": "better",
	// how often
	"alternate": "howoften",
	// the bed and what is on it
	"bed": "bedrest", "beds": "bedrest", "duvet": "bedrest", "mattress": "bedrest", "covers": "bedrest",
	"blanket": "bedrest", "blankets": "bedrest",
	// physical unease is pain
	"discomfort": "pain", "uncomfortable": "pain",
	// asking for the reason
	"reason": "why", "reasons": "why", "purpose": "why", "mechanism": "evidence",
	"mechanisms": "evidence", "physiology": "evidence", "biology": "evidence",
	// worth doing or not
	"pointless": "worth", "useless": "worth", "worthless": "worth", "worthwhile": "worth",
	// tightening a muscle on purpose
	"tighten": "contract", "tightening": "contract", "contracting": "contract", "squeeze": "contract",
	"clench": "contract",
	// what stretching gives
	"benefit": "better", "benefits": "better", "beneficial": "better",
	// sure words for when
	"whenever": "when",
	// what something is made of
	"involve": "include", "involves": "include", "includes": "include", "contain": "include",
	"contains": "include", "consist": "include", "consists": "include", "inside": "include",
	// exercises, when "moves" is a noun
	"moves": "exercise",
	// resting on furniture other than a bed
	"sofa": "bedrest", "sofas": "bedrest", "couch": "bedrest", "settee": "bedrest",
	// the mind's share in the pain
	"mood": "stress", "moods": "stress", "emotional": "stress", "emotionally": "stress",
	"emotions": "stress", "depressed": "stress", "depression": "stress",
	// strength exercises people name
	"plank": "strength", "planks": "strength", "crunches": "strength", "situps": "strength",
	"squat": "strength", "squats": "strength", "deadlift": "strength", "deadlifts": "strength",
	// later in the day
	"afternoon": "evening", "afternoons": "evening", "lunchtime": "evening", "midday": "evening",
	"noon": "evening",
	// going wrong
	"backfire": "worse", "backfires": "worse",
	// how regularly
	"regular": "howoften", "regularly": "howoften", "consecutive": "howoften", "weekly": "howoften",
	// sitting at work
	"office": "sitting", "laptop": "sitting", "computer": "sitting",
	"doc": "doctor", "docs": "doctor", "gps": "doctor", "physiotherapists": "doctor",
	"chiropractors": "doctor", "osteopaths": "doctor",
	// slang for the hamstrings
	"hammys": "hamstring",
	// the mind's share in the pain, said another way
	"burnout": "stress", "frazzled": "stress", "psychological": "stress", "psychosomatic": "stress",
}

// phrases are multi-word expressions rewritten to one canonical word before
// FAQ matching (the triage has its own).
var phrases = map[string]string{
	"back of my thigh":  "hamstring",
	"back of my thighs": "hamstring",
	"back of the thigh": "hamstring",
	"back of my leg":    "hamstring",
	"back of my legs":   "hamstring",
	"back of the legs":  "hamstring",
	"behind the knee":   "hamstring",
	"behind my knee":    "hamstring",
	"behind the knees":  "hamstring",
	"behind my knees":   "hamstring",
	"behind the thigh":  "hamstring",
	"behind my thigh":   "hamstring",
	"back of the knee":  "hamstring",
	"back of my knee":   "hamstring",
	// blind23 and blind24's causes
	"take the dog":    "walk",
	"taking the dog":  "walk",
	"walk the dog":    "walk",
	"walking the dog": "walk",
	"round the block": "walk",

	"time of the day":     "morning evening",
	"hour of the day":     "morning evening",
	"found nothing wrong": "scan normal",
	"found no damage":     "scan normal",
	"found zero damage":   "scan normal",
	"nothing showed up":   "scan normal",
	"shoulder blades":     "upper back",
	"shoulder blade":      "upper back",
	"stirring things up":  "worse",
	"stir it up":          "worse",
	"stirs it up":         "worse",
	"end of my problems":  "cure",
	"for good":            "forever",
	// yoga's poses are yoga
	"downward dog":        "yoga",
	"downward facing dog": "yoga",
	"upward dog":          "yoga",
	"cobra pose":          "yoga",
	// "is it ok to…" asks whether something is safe
	"ok to":               "safe",
	"okay to":             "safe",
	"alright to":          "safe",
	"all right to":        "safe",
	"increase the pain":   "worse",
	"increase my pain":    "worse",
	"increase pain":       "worse",
	"increase back pain":  "worse",
	"intensify the pain":  "worse",
	"amplify the pain":    "worse",
	"set of exercises":    "programme",
	"set of stretches":    "programme",
	"series of exercises": "programme",
	"series of stretches": "programme",
	"hard bed":            "bedrest",
	"firm bed":            "bedrest",
	"out of bed":          "morning",
	"lock up":             "stiff",
	"locks up":            "stiff",
	"seize up":            "stiff",
	"seizes up":           "stiff",
	"touch my toes":       "hamstring",
	"reach my toes":       "hamstring",
	"x ray":               "scan",
	"pins and needles":    "tingle",
	"lumbar support":      "brace",
	"back support":        "brace",
	"support belt":        "brace",
	"first thing":         "morning",
	"get up":              "morning",
	"wake up":             "morning",
	"go to bed":           "evening",
	"before bed":          "evening",
	"before sleep":        "evening",
	"time of day":         "when",
	"how long":            "howlong",
	"how many":            "howmany",
	"how often":           "howoften",
	"how much":            "howmuch",
	"how hard":            "hard",
	"how far":             "far",
	"how deep":            "deep",
	"how soon":            "howlong",
	"how fast":            "howlong",
	"how quickly":         "howlong",
	"stand for":           "mean",
	"contract relax":      "pnf",
	"hold relax":          "pnf",
	"tense and relax":     "pnf",
	"bed rest":            "bedrest",
	"stay in bed":         "bedrest",
	"lie in bed":          "bedrest",
	"lay in bed":          "bedrest",
	"do's and don'ts":     "avoid",
	"dos and donts":       "avoid",
	"do not do":           "avoid",
	"not to do":           "avoid",
	"not do":              "avoid",
	"steer clear":         "avoid",
	"red flags":           "warning",
	"warning signs":       "warning",
	"danger signs":        "warning",
	"go away":             "better",
	"kick in":             "onset",
	"take effect":         "onset",
	"how come":            "why",
	"what for":            "why",
	"what is in":          "include",
	"what do i do in":     "include",
	"every second day":    "howoften",
	"go to sleep":         "evening",
	"get rid of":          "cure",
	"rid of":              "cure",
	"last night":          "",
	"kindly advise":       "",
	"please advise":       "",
	"in my head":          "head",
	"time off":            "rest",
	"days off":            "rest",
	"rest days":           "rest",
	"rest day":            "rest",
	"every other day":     "howoften",
	"burns":               "burn",
	"no pain no gain":     "hard",
	"push through":        "hard",
	"too much":            "overdo",
	"breathe out":         "breath",
	"breathe in":          "breath",
	"breath out":          "breath",
	"breath in":           "breath",
	"hold my breath":      "breath",
	"get stronger":        "strength",
	"get warm":            "warm",
	"warm up":             "warm",
	"leg day":             "strength",
	"straight away":       "immediately",
	"outside of":          "besides",
	"apart from":          "besides",
	"other than":          "besides",
	"as well as":          "besides",
	"in addition to":      "besides",
	"on top of":           "besides",
	"right away":          "immediately",
	"supposed to":         "should",
	"before work":         "morning",
	"after work":          "evening",
	"walk me through":     "",
	"walk you through":    "",
	"put my back out":     "harm",
	"put your back out":   "harm",
	"meant to":            "should",
	"limber up":           "warm",
	"burned out":          "stress",
	"burnt out":           "stress",
	// greetings and chat carry no question: dropped.
	"good morning":     "",
	"good evening":     "",
	"good afternoon":   "",
	"good night":       "",
	"morning all":      "",
	"how are you":      "",
	"how r you":        "",
	"how is it going":  "",
	"what is up":       "",
	"nice to meet you": "",
}

// light are question words: they help tell topics apart but are never
// enough on their own for a match.
var light = set("how what when why which who where good best do does help safe ok")

// outOfScope are words that put a message outside what the FAQ covers,
// whatever else it says: medication and doses, other joints, requests for
// the bot's internals. A message with one of them and no back or routine
// word is answered "unknown".
var outOfScope = set(`
ibuprofen paracetamol acetaminophen naproxen codeine tramadol aspirin diclofenac gabapentin
pregabalin morphine oxycodone tylenol advil nurofen aleve voltaren cocodamol co-codamol
painkiller painkillers pill pills tablet tablets mg milligram milligrams dose doses dosage
medication medications medicine medicines prescription antibiotics
knee knees shoulder shoulders neck elbow elbows wrist wrists hand hands finger fingers
jaw headache headaches migraine ankle ankles tooth teeth ear ears eye eyes stomach
token tokens password passwords api apikey prompt prompts instructions instruction admin
database sql config configuration secret secrets credentials env environment sudo script
users user select hack hacker jailbreak system developer source code
weather rain raining sunny forecast temperature football bitcoin crypto movie film recipe
pizza joke poem translate spanish french homework car
diabetes diabetic cholesterol hypertension asthma acne eczema psoriasis snoring snore
flu covid vaccine vaccination jab allergy allergies hayfever hangover pregnancy
coffee coffees tea caffeine alcohol beer wine vodka banana bananas calorie calories chocolate
keto vegan vitamin vitamins bulking moon planet planets mars
puppy pet pets vet kitten cat cats
shoe shoes trainers sneakers boots
soccer cricket rugby basketball nba nfl match score league
booking
`)

// outOfScopePhrases are multi-word expressions that do the same as
// outOfScope: other health topics, and requests for the bot to act in the
// world.
var outOfScopePhrases = set2(
	"blood pressure", "blood sugar", "heart rate", "time is it", "book me", "can you book",
	"call me", "order me", "buy me", "email me", "ring me", "text me", "lose weight", "bulk up",
	// operations on other joints: "hip" alone is a stretch's word
	"hip replacement", "knee replacement", "joint replacement", "shoulder replacement",
	"hip surgery", "knee surgery", "hip operation", "knee operation",
)

// set2 is set for phrases: each argument, its words joined by one space.
func set2(phrases ...string) map[string]bool {
	m := map[string]bool{}
	for _, p := range phrases {
		m[strings.Join(strings.Fields(p), " ")] = true
	}
	return m
}

// inScope are words that keep a message in the bot's domain even when it
// also names something from outOfScope ("knee-to-chest stretch").
var inScope = set(`
blade blades back spine lumbar stretch stretches stretching routine exercise exercises programme program
pose poses yoga sciatica disc disk posture hamstring hamstrings hip hips glute glutes
chest cow bridge twist child downward walk walking
`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// commonWords are everyday words that are never treated as misspellings of
// a vocabulary word ("towel" is not "bowel", "never" is not "fever").
var commonWords = set(`
about after again against along among another answer around asked before behind below
beside better between beyond bring brought build built called came carry catch caught cause
change check child children choose city class clean clear close clothes color colour
company could count country course cover cross dance dark daughter dinner doctor dream
dress drink drive early earth eight either enough evening every example family father
favourite fever field final finally finger first floor flower follow force forest forget
found friend front games garden given glass green group happy heard heart heavy horse
house human hundred husband inside island later laugh learn least leave letter light
little lives local lower lunch maybe meant meet money month mother mouth music never
night north nothing number ocean offer often order other paper party peace people phone
piece place plane plant point power present pretty quiet quite radio ready reason river
round school second seven shape short since sleep small smile sound south space speak
spend stand start state stay still stone story street study sugar summer sweet table
taken teach their there these thing think those three throw today together tonight
total touch towel tower train travel under until usual video visit voice waited watch
water wheel where which while white whole woman women world would write wrong years
young never never towel bowel hotel model level novel vowel dowel label lever power
seven eleven ninety money honey funny sunny rainy windy snowy cloudy stormy weather
sister brother cousin friend pizza pasta cheese bread apple coffee cocoa juice
thanks please sorry hello maybe later today tomorrow yesterday monday tuesday wednesday
thursday friday saturday sunday january february march april june july august september
october november december london paris berlin madrid tokyo europe america
`)
