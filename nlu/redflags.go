package nlu

import "github.com/stretchbot/stretchbot/coach"

// concept is one idea the triage recognises in a word or phrase. A token
// carries a set of them (a bit mask).
type concept uint64

const (
	cNeg          concept = 1 << iota // no, not, never, without…
	cNearly                           // nearly, almost: negates a fall
	cBreak                            // but, because, though: ends a negation's reach
	cFirst                            // i, my, me: the user speaks of themself
	cIf                               // if, what if, in case: hypothetical
	cWorryQ                           // worry about, a bad sign: asking about a symptom
	cPee                              // bladder, urine, pee, toilet
	cPoo                              // bowel, stool, poo
	cProblem                          // can't, trouble, lost control, leaking…
	cAccident                         // "had an accident"
	cUnderwear                        // pants, trousers, bed: where an accident happened
	cNumb                             // numb, tingling, pins and needles
	cNoFeel                           // can't feel, lost feeling
	cSaddle                           // groin, bum, between the legs
	cGenital                          // genitals
	cSex                              // sex, orgasm
	cErect                            // erection
	cLimb                             // leg, foot, toes, calf
	cBoth                             // both legs, legs (plural)
	cFoot                             // foot, toes
	cWeak                             // weak, gives way, buckles
	cFast                             // quickly, suddenly, getting worse
	cParalysis                        // can't move
	cDropFoot                         // dragging, floppy, slapping (foot)
	cFootDrop                         // "foot drop"
	cFall                             // fell, had a fall, landed on
	cHeight                           // ladder, roof, stairs, horse
	cSevere                           // hard, bad, heavy (fall)
	cCrash                            // crash, collision, hit by
	cVehicle                          // car, bike, motorbike
	cFever                            // fever, high temperature, chills
	cPain                             // pain, hurts, ache, burning
	cDir                              // down, into, through
	cRadiate                          // shooting, radiating, travels
	cSciatica                         // sciatica, trapped nerve
	cDuration                         // six weeks, months, years
	cNoImprove                        // still, despite, no better
	cRoutine                          // the stretches, the routine
	cWorse                            // worse, worsening
	cProg                             // getting, keeps, every day
	cCancer                           // cancer, tumour, chemo
	cFamily                           // mum, dad, friend: someone else's history
	cLost                             // lost, dropped (weight)
	cWeight                           // weight, kilos, pounds
	cIntent                           // diet, gym: weight lost on purpose
	cUnexplained                      // without trying, no reason
	cWeightLoss                       // "weight loss"
	cNightSig                         // wakes me, all night, can't sleep
	cConstant                         // constant, non-stop
	cNight                            // night, in bed
	cOsteo                            // osteoporosis, brittle bones
	cSteroid                          // steroids, prednisolone
	cAsleep                           // fell asleep, went to sleep
	cPersist                          // keeps, all the time, since
	cBenign                           // sitting cross-legged, slept on it, the cold
	cExert                            // gym, squats, a run
	cResolved                         // gone, went away, stopped
	cOther                            // hand, arm, face: not a leg
	cConsumed                         // phrase with no red-flag meaning ("slipped disc")
	cOdd                              // ants crawling, "not mine", dead: an altered feeling
	cContact                          // the seat, toilet paper: what the saddle area touches
	cSteady                           // every day, week by week: a course over time
	cPast                             // years ago, as a kid, used to: long over
	cIntermittent                     // now and then, from time to time: not a constant course
)

// lexicon maps words and phrases (space-separated, as typed; they are
// normalised and stemmed like messages) to concepts. Phrases win over
// their words, the longest first.
var lexicon = map[string]concept{
	// negation and framing
	"no": cNeg, "not": cNeg | cProblem, "never": cNeg, "without": cNeg, "nor": cNeg, "none": cNeg,
	"neither": cNeg, "nothing": cNeg, "zero": cNeg, "no longer": cNeg, "free of": cNeg,
	"nearly": cNearly, "almost": cNearly, "close to": cNearly,
	"but": cBreak, "because": cBreak, "though": cBreak, "although": cBreak, "however": cBreak,
	"except": cBreak, "apart from": cBreak, "yet": cBreak, "so": cBreak, "just": cBreak,
	"only": cBreak, "since": cPersist | cBreak,
	"i": cFirst, "me": cFirst, "my": cFirst, "myself": cFirst, "mine": cFirst,
	"if": cIf, "what if": cIf, "in case": cIf, "suppose": cIf, "supposing": cIf,
	"worry": cWorryQ, "worried": cWorryQ, "worrying": cWorryQ, "concerned": cWorryQ,
	"concern": cWorryQ, "sign": cWorryQ, "signs": cWorryQ, "serious": cWorryQ,
	"dangerous": cWorryQ, "mean": cWorryQ, "means": cWorryQ, "look out for": cWorryQ,
	"watch out for": cWorryQ, "symptom": cWorryQ, "symptoms": cWorryQ,
	"get checked": cWorryQ, "get it checked": cWorryQ, "checked out": cWorryQ, "see someone": cWorryQ,
	// blind15's causes
	"is limp": cDropFoot | cWeak, "gone limp": cDropFoot | cWeak, "went limp": cDropFoot | cWeak,
	"will not move": cParalysis, "would not move": cParalysis,
	"feels sort of dead": cNumb, "feels kind of dead": cNumb,
	"not have the strength": cWeak, "no longer has the strength": cWeak, "lost its strength": cWeak,
	"nothing has improved": cNoImprove, "nothing improved": cNoImprove, "nothing is improving": cNoImprove,
	"pain is stronger": cWorse, "pain is a little stronger": cWorse, "pain is getting stronger": cWorse | cProg,
	"more intense": cWorse, "still climbing": cWorse | cProg, "keeps building": cWorse | cProg,
	"keeps getting stronger": cWorse | cProg, "going the wrong way": cWorse | cProg,
	"every few days": cProg | cSteady, "every couple of days": cProg | cSteady,
	"eating normally": cUnexplained, "eat normally": cUnexplained, "eating as normal": cUnexplained,
	"eating as usual": cUnexplained, "eating the same as ever": cUnexplained,
	"night pain": cNightSig | cPain, "no matter which way i turn": cNightSig | cConstant,
	"no matter how i lie": cNightSig | cConstant, "get a wink": cNightSig,
	"worse than i thought": cConsumed, "worse than i expected": cConsumed,
	// idioms
	"on pins and needles": cConsumed, "numb with": cConsumed, "went numb with": cConsumed,
	"weak at the knees": cConsumed, "put it all back on": cResolved, "put it back on": cResolved,
	"put the weight back on": cResolved, "regained": cResolved,

	// bladder, bowel
	"pee": cPee, "peed": cPee, "peeing": cPee, "pees": cPee, "wee": cPee, "weeing": cPee,
	"wees": cPee, "urinate": cPee, "urinating": cPee, "urination": cPee, "urine": cPee,
	"bladder": cPee, "piss": cPee, "pissing": cPee, "toilet": cPee | cPoo, "loo": cPee | cPoo,
	"bathroom": cPee | cPoo, "go to the toilet": cPee | cPoo, "pass water": cPee,
	"poo": cPoo, "pooed": cPoo, "poos": cPoo, "pooing": cPoo, "poop": cPoo, "pooped": cPoo,
	"pooping": cPoo, "bowel": cPoo, "bowels": cPoo, "stool": cPoo, "stools": cPoo,
	"faeces": cPoo, "feces": cPoo, "number two": cPoo, "bowel movement": cPoo,
	"can not": cProblem, "could not": cProblem, "unable to": cProblem, "not able to": cProblem,
	"lost control": cProblem, "no control": cProblem, "lose control": cProblem,
	"losing control": cProblem, "loss of control": cProblem, "can not control": cProblem,
	"can not hold": cProblem, "can not tell": cProblem, "not tell": cProblem,
	"without noticing": cProblem, "did not notice": cProblem, "not notice": cProblem,
	"not realise": cProblem, "not realize": cProblem, "not know when": cProblem,
	"leak": cProblem, "leaks": cProblem, "leaking": cProblem, "leaked": cProblem,
	"leakage": cProblem, "dribble": cProblem, "dribbling": cProblem,
	"incontinent": cPee | cProblem, "incontinence": cPee | cProblem,
	"trouble": cProblem, "difficulty": cProblem, "difficult": cProblem, "hard to": cProblem,
	"struggle": cProblem, "struggling": cProblem, "struggled": cProblem, "problem": cProblem,
	"problems": cProblem, "issue": cProblem, "issues": cProblem, "weird": cProblem,
	"strange": cProblem, "stopped working": cProblem, "not working": cProblem,
	"retention": cProblem, "blocked": cProblem, "changed": cProblem, "different": cProblem,
	"waterworks": cPee, "finished on the toilet": cPee | cPoo, "done on the toilet": cPee | cPoo,
	"wet myself": cPee | cProblem, "wet my pants": cPee | cProblem, "wet the bed": cPee | cProblem,
	"peed myself": cPee | cProblem, "pissed myself": cPee | cProblem,
	"peed my pants": cPee | cProblem, "wet my trousers": cPee | cProblem,
	"pooed myself": cPoo | cProblem, "pooped myself": cPoo | cProblem,
	"soiled myself": cPoo | cProblem, "soiled": cPoo | cProblem, "messed myself": cPoo | cProblem,
	"shat myself": cPoo | cProblem, "pooped my pants": cPoo | cProblem,
	"weeing myself": cPee | cProblem, "peeing myself": cPee | cProblem,
	"wetting myself": cPee | cProblem, "pissing myself": cPee | cProblem,
	// laughing so hard is an idiom, not incontinence
	"wet myself laughing": cConsumed, "peed myself laughing": cConsumed,
	"pissed myself laughing": cConsumed, "weed myself laughing": cConsumed,
	"wet ourselves laughing": cConsumed,
	"without warning":        cProblem, "without any warning": cProblem, "no warning": cProblem,
	"hold it in": cProblem, "not hold it": cProblem,
	"nothing comes out": cProblem, "can not go": cProblem, "can not empty": cProblem,
	"not empty": cProblem, "can not start": cProblem, "can not wee": cPee | cProblem,
	"accident": cAccident | cCrash, "accidents": cAccident | cCrash,
	"pants": cUnderwear, "trousers": cUnderwear, "underwear": cUnderwear, "knickers": cUnderwear,

	// numbness and where
	"numb": cNumb, "numbness": cNumb, "numbed": cNumb, "tingle": cNumb, "tingles": cNumb,
	"tingling": cNumb, "tingly": cNumb, "pins and needles": cNumb, "pins n needles": cNumb,
	"pin and needles": cNumb, "pins and needle": cNumb, "pins needles": cNumb, "prickling": cNumb,
	"prickly": cNumb, "went dead": cNumb, "gone dead": cNumb, "feels dead": cNumb,
	// numb in spirit, not in body
	"numb about": cConsumed, "numb inside": cConsumed, "emotionally numb": cConsumed,
	"mentally numb": cConsumed, "numb to it": cConsumed, "numb to the": cConsumed,
	"go dead": cNumb, "going dead": cNumb, "goes dead": cNumb, "buzzing": cNumb,
	// a limb that feels wrong rather than numb: crawling, fizzing, not
	// one's own, dead (the rule needs a leg or foot next to it).
	"crawling": cOdd, "ants": cOdd, "insects": cOdd, "creepy crawly": cOdd, "fizzing": cOdd,
	"fizzy": cOdd, "dead": cOdd, "not mine": cOdd, "not my own": cOdd, "not belong to me": cOdd,
	"someone else's": cOdd, "wooden": cOdd, "cotton wool": cOdd,
	"dead tired": cConsumed, "dead beat": cConsumed, "dead easy": cConsumed, "dead on": cConsumed,
	// what the saddle area touches: not feeling it is not feeling the area,
	// whatever posture the user was in.
	"seat": cContact, "toilet seat": cContact, "toilet paper": cContact, "toilet roll": cContact,
	"loo roll": cContact, "tissue": cContact, "where i sit": cContact | cSaddle,
	"where you sit": cContact | cSaddle, "what i sit on": cContact | cSaddle,
	"sit on a saddle": cContact | cSaddle, "bike saddle": cContact | cSaddle,
	// the stretch is what they do not feel: a question about technique,
	// not lost sensation.
	"can not feel the stretch": cConsumed, "could not feel the stretch": cConsumed,
	"not feel the stretch": cConsumed, "can not feel any stretch": cConsumed,
	"not feel any stretch": cConsumed, "can not feel a stretch": cConsumed,
	"not feel a stretch": cConsumed, "can not feel the pull": cConsumed, "not feel the pull": cConsumed,
	"can not feel it stretch": cConsumed, "not feel it stretch": cConsumed,
	"can not feel much": cConsumed, "not feel much": cConsumed,
	// ...but a place "where I can't feel much" is a body part.
	"where i can not feel": cNoFeel | cProblem, "where i can not feel much": cNoFeel | cProblem,
	"where i could not feel": cNoFeel | cProblem, "where i can not feel anything": cNoFeel | cProblem,
	// sitting "on nothing" or "on air": the seat is not felt.
	"sitting on nothing": cNoFeel | cContact, "sitting on air": cNoFeel | cContact,
	"sit on nothing":                       cNoFeel | cContact,
	"can not feel anything in the stretch": cConsumed, "not feel anything in the stretch": cConsumed,
	"can not feel": cNoFeel | cProblem, "could not feel": cNoFeel | cProblem,
	"not feel": cNoFeel | cProblem, "lost feeling": cNoFeel, "lost sensation": cNoFeel,
	"loss of sensation": cNoFeel, "loss of feeling": cNoFeel, "no sensation": cNoFeel,
	"no feeling": cNoFeel | cProblem, "reduced sensation": cNoFeel, "less feeling": cNoFeel,
	"lack of feeling": cNoFeel, "lost all feeling": cNoFeel, "lost all sensation": cNoFeel,
	"lost the feeling": cNoFeel, "losing feeling": cNoFeel, "lose feeling": cNoFeel,
	"no feeling at all": cNoFeel, "lost all the feeling": cNoFeel,
	"stopped feeling": cNoFeel | cProblem, "without feeling": cNoFeel | cProblem,
	"bit":  0, // "a bit numb": only "bits" is slang for the genitals
	"bits": cSaddle | cGenital, "willy": cSaddle | cGenital, "nether regions": cSaddle, "feel nothing": cNoFeel, "numb when": cNumb | cProblem,
	"groin": cSaddle, "crotch": cSaddle, "genital": cSaddle | cGenital,
	"genitals": cSaddle | cGenital, "genitalia": cSaddle | cGenital,
	"privates": cSaddle | cGenital, "private parts": cSaddle | cGenital,
	"private area": cSaddle | cGenital, "down there": cSaddle, "between my legs": cSaddle,
	"perineum": cSaddle, "inner thigh": cSaddle, "inner thighs": cSaddle, "bum": cSaddle,
	// just above the buttocks is the low back, not the saddle area
	"above my bum": cConsumed, "above my bottom": cConsumed, "above my butt": cConsumed,
	"above the bum": cConsumed, "above the bottom": cConsumed, "above the butt": cConsumed,
	"above my backside": cConsumed, "above my buttocks": cConsumed, "above the buttocks": cConsumed,
	"buttock": cSaddle, "buttocks": cSaddle, "butt": cSaddle, "backside": cSaddle,
	"anus": cSaddle, "back passage": cSaddle, "rectum": cSaddle, "saddle": cSaddle,
	"my bottom": cSaddle | cFirst, "when i wipe": cSaddle | cContact, "the paper": cContact, "wiping": cSaddle,
	"vagina": cSaddle | cGenital, "vaginal": cSaddle | cGenital, "vulva": cSaddle | cGenital,
	"penis": cSaddle | cGenital, "testicles": cSaddle | cGenital, "scrotum": cSaddle | cGenital,
	"labia": cSaddle | cGenital, "clitoris": cSaddle | cGenital,
	"intimate": cSex, "intimacy": cSex, "absence of feeling": cNoFeel,
	"motions": cPoo, "my motions": cPoo, "any say over": cProblem,
	"no say over": cProblem, "caught me out": cAccident,
	// figures of speech
	"weak spot": cConsumed, "weak point": cConsumed, "weak link": cConsumed, "night fever": cConsumed,
	"numb to my":      cConsumed,
	"went on my arse": cFall, "went on my backside": cFall, "went on my bum": cFall, "on my arse": cFall,
	// blind17 and blind18's causes
	"tingle of": cConsumed, "a tingle": cConsumed, "lovely tingle": cConsumed, "nice tingle": cConsumed,
	"numb skull": cConsumed, "numbskull": cConsumed, "muscle rub": cBenign, "deep heat": cBenign,
	"tiger balm": cBenign, "menthol": cBenign, "fallen for": cConsumed, "falling for": cConsumed,
	"nobody hurt": cResolved, "nobody was hurt": cResolved, "no one hurt": cResolved,
	"no one was hurt": cResolved, "nobody injured": cResolved, "no one injured": cResolved,
	"disappeared": cResolved, "vanished": cResolved, "always mean": cWorryQ,
	"without it hurting": cPain, "without it hurting me": cPain,
	"not going away": cNoImprove | cPersist, "tight shoes": cBenign, "new shoes": cBenign,
	"pupil": cFamily, "pupils": cFamily, "student": cFamily, "students": cFamily, "clients": cFamily,
	"patients": cFamily, "glandular fever": cConsumed, "numb to": cConsumed, "numb to the touch": cNumb,
	"nights are the worst": cNightSig | cNight, "1am": cNight, "2am": cNight, "3am": cNight, "4am": cNight,
	"5am": cNight, "midnight": cNight, "more and more each day": cWorse | cProg,
	"as much as it did": cNoImprove, "as it did on day one": cNoImprove,
	"out of step": cConsumed, "into step": cConsumed, "in step": cConsumed,
	"not feeling ill": cNeg, "not feeling unwell": cNeg, "not feeling sick": cNeg,
	"zero sensation": cNoFeel, "intimately": cSex, "within the last day": cFast,
	"in the last day": cFast, "in the last 24 hours": cFast, "within 24 hours": cFast,
	"can not push up onto": cWeak, "can not go up onto": cWeak, "can not get up onto": cWeak,
	"can not rise onto": cWeak, "stronger than the day before": cWorse | cProg,
	"worse than the day before": cWorse | cProg, "not eating any differently": cUnexplained,
	"not eating differently": cUnexplained, "bone density scan": cConsumed, "dexa scan": cConsumed,
	"coming off": cFall, "come off": cFall, "comes off": cFall,
	// blind21's causes
	"fuzzy": cOdd, "not got the strength": cWeak, "has not got the strength": cWeak,
	"exactly where it was": cNoImprove, "just as bad": cNoImprove,
	"lying completely still": cNightSig, "lying totally still": cNightSig, "lying perfectly still": cNightSig,
	"leaky tap": cConsumed, "leaking tap": cConsumed, "tap leaking": cConsumed, "leaky roof": cConsumed,
	"leaking roof": cConsumed, "no harm done": cResolved, "foot slipped": cConsumed,
	"fall from grace": cConsumed, "car crash of": cConsumed, "hit a wall": cConsumed, "hit the wall": cConsumed,
	"knees went weak": cConsumed, "keep asking": cWorryQ, "asking whether": cWorryQ, "asking if": cWorryQ,
	// a course within a day: "weak this morning and tonight it buckles"
	"and tonight": cFast, "by tonight": cFast, "by this evening": cFast, "and this evening": cFast,
	"by dinner": cFast, "by lunch": cFast, "by lunchtime": cFast, "by the afternoon": cFast,
	// blind29's causes
	"nothing like that": cResolved, "because you asked": cConsumed, "you asked about": cConsumed,
	"control is fine": cResolved, "all normal": cResolved, "all fine": cResolved,
	"fever of": cConsumed, "goes away when i get off": cBenign,
	"long rides": cBenign | cExert, "came back fully": cResolved, "never bothered me since": cResolved,
	"not bothered me since": cResolved, "never bothered me": cResolved, "food poisoning": cBenign,
	"stomach bug": cBenign, "totally over": cResolved,
	// blind23 and blind24's causes
	"where you would sit": cSaddle, "bit you sit on": cSaddle,
	"nope": cNeg, "crashing about": cConsumed, "crashing around": cConsumed, "there was a crash": cConsumed,
	"got chills": cConsumed, "gave me chills": cConsumed, "chills watching": cConsumed,
	"not needed them since": cResolved, "short course": cConsumed, "gives a little": cWeak,
	"buckles a little": cWeak, "more than the day before": cWorse | cProg, "slippers": 0, "slipper": 0,
	"been strong": cResolved, "strong again": cResolved, "on and off": cIntermittent,
	"can not relax": cConsumed, "could not relax": cConsumed,
	"teacher": cFamily, "instructor": cFamily, "never since": cResolved,
	"back to my normal weight": cResolved, "back to normal weight": cResolved,
	// standing on "it" is standing on a leg
	"could not stand on it": cWeak | cLimb, "can not stand on it": cWeak | cLimb,
	"can not put weight on it": cWeak | cLimb, "could not put weight on it": cWeak | cLimb,
	"goes away": cResolved, "plastic chair": cBenign, "plastic chairs": cBenign,
	"goes away when i stand": cBenign, "goes away when i get up": cBenign, "wears off when i stand": cBenign, "colleague of mine": cFamily, "friend of mine": cFamily,
	"back in control": cResolved, "nothing like that now": cResolved,
	"aunty": cFamily, "auntie": cFamily, "tita": cFamily, "tito": cFamily, "lola": cFamily, "lolo": cFamily,
	"not budged": cNoImprove, "has not budged": cNoImprove, "not shifted": cNoImprove,
	"week after week": cDuration | cPersist, "month after month": cDuration | cPersist,
	"worse than last week": cWorse | cProg | cSteady, "worse than the week before": cWorse | cProg | cSteady,
	"worse than the last": cWorse | cProg, "stronger than the last": cWorse | cProg,
	"up a notch": cWorse, "turns up": cWorse, "every morning": cProg | cSteady,
	"melting away": cWeightLoss, "wasting away": cWeightLoss,
	"sleeping sitting up": cNightSig | cConstant, "sleep sitting up": cNightSig | cConstant,
	"sleeping in the armchair": cNightSig | cConstant, "sleeping in a chair": cNightSig | cConstant,
	"sleep in a chair": cNightSig | cConstant, "in the armchair": cNightSig,
	"steadily increased": cWorse | cProg, "has increased": cWorse, "keeps increasing": cWorse | cProg,
	"is increasing": cWorse, "build more": cWorse | cProg, "builds more": cWorse | cProg,
	"zing": cPain | cRadiate, "zings": cPain | cRadiate,
	"pred": cSteroid, "steroid tablets": cSteroid,
	"dress size": cWeight, "dress sizes": cWeight, "clothes size": cWeight, "sizes": cWeight,
	"now and then": cIntermittent, "from time to time": cIntermittent, "every so often": cIntermittent,
	"occasionally": cIntermittent, "once in a while": cIntermittent,
	"no cap": cConsumed, "right as rain": cResolved,
	"where it started": cNoImprove, "where i started": cNoImprove, "same as day one": cNoImprove,
	"same as when i started": cNoImprove, "same as it did on day one": cNoImprove,
	"downhill": cWorse | cProg, "climbs": cWorse, "climbing": cWorse, "make love": cSex, "making love": cSex, "made love": cSex,
	"sex": cSex, "sexual": cSex, "sexually": cSex, "intercourse": cSex, "orgasm": cSex,
	"erection": cErect, "erections": cErect, "erectile": cErect | cProblem,
	"impotent": cErect | cProblem, "impotence": cErect | cProblem,

	// legs
	"leg": cLimb, "legs": cLimb | cBoth, "foot": cLimb | cFoot, "feet": cLimb | cFoot | cBoth,
	"toe": cLimb | cFoot, "toes": cLimb | cFoot, "big toe": cLimb | cFoot, "calf": cLimb,
	"calves": cLimb, "thigh": cLimb, "thighs": cLimb, "shin": cLimb, "shins": cLimb,
	"ankle": cLimb, "heel": cLimb | cFoot, "sole": cLimb | cFoot, "knee": cLimb, "knees": cLimb,
	"both legs": cLimb | cBoth, "both my legs": cLimb | cBoth, "both feet": cLimb | cBoth | cFoot,
	"both my feet": cLimb | cBoth | cFoot, "both sides": cBoth,
	"weak": cWeak, "weakness": cWeak, "weaker": cWeak, "weakening": cWeak,
	"give out": cWeak, "gives out": cWeak, "giving out": cWeak, "gave out": cWeak,
	"give way": cWeak, "gives way": cWeak, "gave way": cWeak, "giving way": cWeak,
	"buckle": cWeak, "buckles": cWeak, "buckling": cWeak, "buckled": cWeak,
	"collapse": cWeak | cFast, "collapsed": cWeak | cFast, "collapsing": cWeak | cFast,
	"will not hold": cWeak, "would not hold": cWeak, "not hold me": cWeak,
	"no strength": cWeak, "lost strength": cWeak, "losing strength": cWeak, "no power": cWeak,
	"lost power": cWeak, "useless": cWeak,
	// a limb that no longer obeys: "stopped doing what I tell it"
	"stopped doing what": cWeak, "not doing what": cWeak, "not do what": cWeak,
	"not listening to me": cWeak, "not obey": cWeak, "not obeying": cWeak,
	"not cooperating": cWeak, "not cooperate": cWeak,
	// rising on the toes tests the calf
	"can not rise": cWeak, "could not rise": cWeak, "unable to rise": cWeak,
	"not support": cWeak, "jelly": cWeak, "wobbly": cWeak, "can not lift": cWeak | cDropFoot,
	"can not raise": cWeak | cDropFoot, "not lift": cWeak | cDropFoot,
	"getting weaker": cWeak | cFast | cProg, "weaker and weaker": cWeak | cFast,
	"can not stand": cWeak | cFast, "can not walk": cFast, "could not stand": cWeak | cFast,
	"fast": cFast, "quickly": cFast, "quick": cFast, "rapidly": cFast, "rapid": cFast,
	"suddenly": cFast, "sudden": cFast, "by the hour": cFast | cProg, "every hour": cFast | cProg,
	"every few hours": cFast | cProg, "every couple of hours": cFast | cProg,
	"each hour": cFast | cProg, "hour by hour": cFast | cProg,
	"within a day": cFast, "within one day": cFast, "within hours": cFast, "within a few hours": cFast,
	"in a few hours": cFast, "in one day": cFast, "from fine to": cFast,
	"getting worse": cFast | cWorse | cProg, "worse and worse": cFast | cWorse | cProg,
	"more and more": cFast | cProg, "keep falling": cFast,
	// standing on the toes tests the calf: failing it is weakness, not a
	// sudden collapse ("can't stand" alone is).
	"can not stand on": cWeak, "could not stand on": cWeak, "not stand on": cWeak,
	"tiptoes": cLimb, "tiptoe": cLimb, "tip toes": cLimb, "tip toe": cLimb, "on my toes": cLimb,
	"can not move": cParalysis, "could not move": cParalysis, "paralysed": cParalysis,
	"paralyzed": cParalysis, "paralysis": cParalysis,
	"drag": cDropFoot, "drags": cDropFoot, "dragging": cDropFoot, "dragged": cDropFoot,
	"flop": cDropFoot, "flops": cDropFoot, "floppy": cDropFoot, "flopping": cDropFoot,
	"slap": cDropFoot, "slaps": cDropFoot, "slapping": cDropFoot, "scuff": cDropFoot,
	"scuffing": cDropFoot, "catch": cDropFoot, "catches": cDropFoot, "catching": cDropFoot,
	"tripping on": cDropFoot, "tripping over": cDropFoot, "trip over": cDropFoot,
	"can not point": cDropFoot, "hangs": cDropFoot, "hangs down": cDropFoot,
	"hanging down": cDropFoot, "can not pull it up": cDropFoot | cWeak, "not pull it up": cDropFoot | cWeak,
	"can not pull up": cDropFoot | cWeak,
	"foot drop":       cFootDrop, "drop foot": cFootDrop, "dropped foot": cFootDrop,
	"can not stand on my heels": cFootDrop, "could not stand on my heels": cFootDrop,
	"unable to walk on my heels": cFootDrop, "unable to stand on my heels": cFootDrop,
	"can still stand on my heels": cConsumed, "can still walk on my heels": cConsumed,

	// falls and crashes
	"fell": cFall, "fall": cFall, "falls": cFall, "fallen": cFall, "falling": cFall,
	"slipped": cFall, "slipped down": cFall, "fell down": cFall, "tumble": cFall,
	"tumbled": cFall, "tripped": cFall, "had a fall": cFall, "took a fall": cFall,
	"came off": cFall, "thrown off": cFall, "thrown": cFall, "thrown from": cFall,
	"bucked off": cFall | cSevere, "was tackled": cFall, "got tackled": cFall, "been tackled": cFall,
	"tackled by": cFall, "tackled hard": cFall | cSevere, "landed on": cFall, "slipped on": cFall,
	"slipped over": cFall, "slipped and": cFall, "took a tumble": cFall, "went flying": cFall,
	"ladder": cHeight, "roof": cHeight, "height": cHeight, "heights": cHeight,
	"stairs": cHeight, "staircase": cHeight, "scaffold": cHeight, "scaffolding": cHeight,
	"tree": cHeight, "horse": cHeight | cVehicle, "balcony": cHeight, "wall": cHeight,
	"trampoline": cHeight, "cliff": cHeight, "loft": cHeight, "window": cHeight,
	"hard": cSevere, "heavy": cSevere, "heavily": cSevere, "bad": cSevere, "badly": cSevere,
	"big": cSevere, "nasty": cSevere, "awful": cSevere, "huge": cSevere,
	"crash": cCrash, "crashed": cCrash, "collision": cCrash, "collided": cCrash,
	"hit by": cCrash, "knocked off": cCrash, "knocked down": cCrash, "run over": cCrash,
	"rear ended": cCrash | cVehicle, "smash": cCrash, "pile up": cCrash | cVehicle,
	"whiplash": cCrash | cVehicle, "rta": cCrash | cVehicle, "head on": cCrash | cSevere,
	// speed makes a collision major, on the road or on the pitch
	"at speed": cVehicle | cSevere, "full speed": cVehicle | cSevere, "high speed": cVehicle | cSevere,
	"top speed": cVehicle | cSevere,
	"car":       cVehicle, "bike": cVehicle | cHeight, "motorbike": cVehicle | cHeight,
	"motorcycle": cVehicle | cHeight, "bus": cVehicle, "truck": cVehicle, "lorry": cVehicle,
	"van": cVehicle, "vehicle": cVehicle, "scooter": cVehicle, "ski": cVehicle,
	"skiing": cVehicle, "road": cVehicle, "traffic": cVehicle,
	"fell asleep": cAsleep | cConsumed, "fall asleep": cAsleep | cConsumed,
	"falls asleep": cAsleep | cConsumed, "falling asleep": cAsleep | cConsumed,
	"fell behind": cConsumed, "fell ill": cConsumed, "fell apart": cConsumed,
	"fell through": cConsumed, "fell for": cConsumed, "fell in love": cConsumed,
	"fever dream": cConsumed, "fever for": cConsumed,
	"hypothetically": cIf, "theoretically": cIf, "in theory": cIf,
	"in the fall": cConsumed, "last fall": cConsumed, "this fall": cConsumed,
	"slipped disc": cConsumed, "slipped up": cConsumed, "fall behind": cConsumed, "slipped disk": cConsumed,

	// fever
	"fever": cFever, "fevers": cFever, "feverish": cFever, "febrile": cFever,
	"high temperature": cFever, "a temperature": cFever, "high temp": cFever,
	"temperature of": cFever, "temp of": cFever, "chills": cFever, "shivering": cFever,
	"shivers": cFever, "shivery": cFever, "rigors": cFever, "burning up": cFever,
	"hot and cold": cFever, "night sweats": cFever,

	// pain down a leg
	"pain": cPain, "pains": cPain, "painful": cPain, "hurt": cPain, "hurts": cPain,
	"hurting": cPain, "ache": cPain, "aches": cPain, "aching": cPain, "burning": cPain,
	"stabbing": cPain, "sharp": cPain, "electric": cPain | cRadiate, "shock": cPain,
	"shocks": cPain, "throbbing": cPain, "agony": cPain, "killing me": cPain, "sore": cPain,
	"twinge": cPain, "twinges": cPain, "twingy": cPain, "twinging": cPain,
	"down": cDir, "into": cDir, "through": cDir, "along": cDir, "all the way": cDir,
	"towards":  cDir,
	"shooting": cRadiate | cPain, "shoots": cRadiate | cPain, "shot": cRadiate,
	"radiate": cRadiate, "radiates": cRadiate, "radiating": cRadiate, "radiated": cRadiate,
	"travels": cRadiate, "travelling": cRadiate, "traveling": cRadiate, "spreads": cRadiate,
	"spreading": cRadiate, "goes down": cRadiate, "runs down": cRadiate,
	"going down": cRadiate, "running down": cRadiate, "nerve": cRadiate,
	"goes all the way": cRadiate, "going all the way": cRadiate, "go all the way": cRadiate,
	"all the way down": cRadiate | cDir, "spreads down": cRadiate, "moves down": cRadiate,
	"extends down": cRadiate, "extending down": cRadiate,
	"sciatica": cSciatica, "sciatic": cSciatica, "trapped nerve": cSciatica,
	"pinched nerve": cSciatica, "radiculopathy": cSciatica,

	// how long, how it goes
	"still": cNoImprove, "despite": cNoImprove, "no better": cNoImprove,
	"not better": cNoImprove, "not any better": cNoImprove, "not improving": cNoImprove,
	"not improved": cNoImprove, "not improve": cNoImprove, "no improvement": cNoImprove,
	"zero change": cNoImprove, "zero improvement": cNoImprove, "no progress": cNoImprove,
	"zero progress":      cNoImprove,
	"not getting better": cNoImprove, "not got better": cNoImprove, "same": cNoImprove,
	"nothing helps": cNoImprove, "not helping": cNoImprove, "not helped": cNoImprove,
	"not changed": cNoImprove, "no change": cNoImprove, "lasted": cNoImprove,
	"nothing has changed": cNoImprove, "nothing changed": cNoImprove, "nothing is changing": cNoImprove,
	"not changing": cNoImprove, "no difference": cNoImprove, "zero difference": cNoImprove,
	"lasting": cNoImprove, "persist": cNoImprove, "persists": cNoImprove,
	"persistent": cNoImprove | cPersist, "persisting": cNoImprove, "not go away": cNoImprove,
	"not gone away": cNoImprove | cPersist, "not easing": cNoImprove, "not eased": cNoImprove,
	"not shifting": cNoImprove,
	"routine":      cRoutine, "stretches": cRoutine, "stretching": cRoutine, "exercises": cRoutine,
	"programme": cRoutine, "program": cRoutine, "physio": cRoutine,
	// "worsening" is under way: of a weakness, it is a fast one
	"worse": cWorse, "worsening": cWorse | cProg | cFast,
	// the verb names a change, not a course: "can stretching worsen it?"
	"worsen": cWorse, "worsens": cWorse, "worsened": cWorse, "more painful": cWorse, "more pain": cWorse,
	"more sore": cWorse, "sorer": cWorse, "more achy": cWorse, "achier": cWorse,
	"getting": cProg, "gets": cProg, "keeps": cProg | cPersist, "keep": cProg | cPersist,
	"steadily": cProg | cSteady, "progressively": cProg | cSteady, "increasingly": cProg | cSteady,
	"every day": cProg | cPersist | cSteady, "each day": cProg | cSteady, "every single day": cProg | cSteady,
	"by the day": cProg | cSteady, "every week": cProg | cSteady, "each week": cProg | cSteady,
	"day by day": cProg | cSteady, "week by week": cProg | cSteady, "daily": cProg | cSteady,
	"over time": cSteady, "with time": cSteady, "as time goes on": cSteady,
	"cancer": cCancer, "tumour": cCancer, "tumor": cCancer, "tumours": cCancer,
	"tumors": cCancer, "chemo": cCancer, "chemotherapy": cCancer, "radiotherapy": cCancer,
	"lymphoma": cCancer, "leukaemia": cCancer, "leukemia": cCancer, "myeloma": cCancer,
	"melanoma": cCancer, "carcinoma": cCancer, "metastasis": cCancer, "metastases": cCancer,
	"oncologist": cCancer, "malignant": cCancer, "mastectomy": cCancer, "lumpectomy": cCancer,
	"tamoxifen": cCancer, "letrozole": cCancer, "anastrozole": cCancer, "oncology": cCancer,
	"in remission": cCancer, "radiation therapy": cCancer, "the big c": cCancer,
	// not the illness: star signs, charities, research
	"a cancer": cConsumed, "cancer charity": cConsumed, "cancer research": cConsumed,
	"for cancer": cConsumed, "cancer awareness": cConsumed, "race for life": cConsumed,
	"mum": cFamily, "mom": cFamily, "mother": cFamily, "dad": cFamily, "father": cFamily,
	"sister": cFamily, "brother": cFamily, "aunt": cFamily, "uncle": cFamily,
	"grandma": cFamily, "grandmother": cFamily, "grandad": cFamily, "grandfather": cFamily,
	"maw": cFamily, "grandpa": cFamily, "nan": cFamily, "gran": cFamily, "granny": cFamily, "nana": cFamily, "wife": cFamily, "husband": cFamily,
	"partner": cFamily, "friend": cFamily, "son": cFamily, "daughter": cFamily,
	"cousin": cFamily, "family": cFamily, "runs in": cFamily, "colleague": cFamily,
	"boyfriend": cFamily, "girlfriend": cFamily, "neighbour": cFamily, "neighbor": cFamily,
	"coach": cFamily, "player": cFamily, "players": cFamily, "teammate": cFamily, "guy": cFamily,
	"bloke": cFamily, "lady": cFamily, "patient": cFamily, "client": cFamily, "people": cFamily,
	"someone": cFamily, "somebody": cFamily, "everyone": cFamily,
	"mate": cFamily, "mates": cFamily, "pal": cFamily, "buddy": cFamily, "bestie": cFamily,
	"bff": cFamily, "gf": cFamily, "bf": cFamily, "hubby": cFamily, "missus": cFamily,
	"fiance": cFamily, "fiancee": cFamily,
	"housemate": cFamily, "child": cFamily, "toddler": cFamily, "stepdad": cFamily, "stepmum": cFamily, "stepmom": cFamily,
	"abuela": cFamily, "abuelo": cFamily, "dog": cFamily, "cat": cFamily, "puppy": cFamily,
	"pet": cFamily, "sis": cFamily, "bro": cFamily,
	// things that can be a symptom word's subject (see thingSubjects):
	// listed so that spelling correction leaves them alone
	"motivation": 0, "account": 0, "wallet": 0, "savings": 0, "budget": 0, "grades": 0,
	"sales": 0, "laptop": 0, "computer": 0, "battery": 0, "stocks": 0, "business": 0, "mood": 0,
	"confidence": 0, "phone": 0,
	// everyday words one letter from a symptom word: known, so spelling
	// correction cannot turn them into one ("fewer aches" is not a fever)
	"fewer": 0, "stood": 0, "crush": 0, "bowls": 0, "fever free": cConsumed,
	"boss": cFamily, "kid": cFamily, "kids": cFamily, "baby": cFamily, "flatmate": cFamily,
	"roommate": cFamily, "coworker": cFamily, "he": cFamily, "she": cFamily, "his": cFamily,
	"her": cFamily, "grandson": cFamily, "granddaughter": cFamily, "niece": cFamily, "nephew": cFamily,
	"lost": cLost, "losing": cLost, "dropped": cLost, "dropping": cLost, "shed": cLost,
	"weight": cWeight, "kilo": cWeight, "kilos": cWeight, "kg": cWeight, "kgs": cWeight,
	"pound": cWeight, "pounds": cWeight, "lbs": cWeight, "lb": cWeight, "stone": cWeight,
	"diet": cIntent, "dieting": cIntent, "trying": cIntent, "on purpose": cIntent,
	"gym": cIntent | cExert, "slimming": cIntent, "calories": cIntent, "fasting": cIntent,
	"ozempic": cIntent, "wegovy": cIntent, "deliberately": cIntent,
	"intentionally":  cIntent,
	"without trying": cUnexplained, "not trying": cUnexplained,
	"without dieting": cUnexplained, "not dieting": cUnexplained,
	"not on a diet": cUnexplained, "no reason": cUnexplained | cPersist,
	"unexplained": cUnexplained, "not sure why": cUnexplained, "not know why": cUnexplained,
	"no idea why": cUnexplained,
	"weight loss": cWeightLoss,
	// weight lost, told by what it does: clothes, rings, faces, scales
	"too big for me": cWeightLoss, "clothes are too big": cWeightLoss, "clothes too big": cWeightLoss,
	"loose on me": cWeightLoss, "sliding off": cWeightLoss,
	"need a belt": cWeightLoss, "needs a belt": cWeightLoss, "lighter than": cWeightLoss,
	"kg lighter": cWeightLoss, "kilos lighter": cWeightLoss, "pounds lighter": cWeightLoss,
	"melt off": cWeightLoss, "melting off": cWeightLoss,
	"looks thin": cWeightLoss, "look thin": cWeightLoss, "gaunt": cWeightLoss,
	"dress loose": cWeightLoss, "trousers loose": cWeightLoss, "jeans loose": cWeightLoss,
	"been dieting":    cIntent,
	"changed nothing": cUnexplained, "not changed anything": cUnexplained,
	"not eat any less": cUnexplained, "not eating any less": cUnexplained, "eating the same": cUnexplained,
	"eat the same": cUnexplained, "not been dieting": cUnexplained, "not dieting at all": cUnexplained,
	"wakes me": cNightSig, "wake me": cNightSig, "woke me": cNightSig, "waking me": cNightSig,
	"woken": cNightSig, "keeps me awake": cNightSig, "keeping me awake": cNightSig,
	"kept me awake": cNightSig, "keeps me up": cNightSig, "all night": cNightSig,
	"every night": cNightSig, "through the night": cNightSig, "worse at night": cNightSig | cNight,
	"worst at night": cNightSig | cNight, "at rest": cNightSig, "lying still": cNightSig,
	"no position": cNightSig | cConstant, "awake at": cNightSig, "can not get comfortable": cNightSig,
	"can not sleep": cNightSig, "could not sleep": cNightSig,
	"constant": cConstant | cNoImprove | cPersist, "constantly": cConstant | cPersist,
	"nonstop": cConstant, "non stop": cConstant, "the whole time": cConstant, "all the time": cConstant | cPersist,
	"relentless": cConstant, "unrelenting": cConstant, "regardless of position": cNightSig | cConstant,
	"until dawn": cNightSig, "till dawn": cNightSig, "until morning": cNightSig, "never eases": cConstant, "never lets up": cConstant,
	"not let up": cConstant, "never settles": cConstant, "not ease": cConstant,
	"never get comfortable": cNightSig, "never comfortable": cNightSig, "never stops": cConstant, "not stop": cConstant,
	"night": cNight, "nights": cNight, "nighttime": cNight, "overnight": cNight,
	"in bed":       cNight,
	"osteoporosis": cOsteo, "osteopenia": cOsteo, "brittle bones": cOsteo,
	"thin bones": cOsteo, "low bone density": cOsteo, "weak bones": cOsteo | cConsumed,
	"fragile bones": cOsteo, "bone density": cOsteo, "low density": cOsteo, "dexa": cOsteo,
	"bones are like": cOsteo, "bones were low": cOsteo, "bones are low": cOsteo, "bones are thin": cOsteo,
	"steroid": cSteroid, "steroids": cSteroid, "prednisolone": cSteroid,
	"prednisone": cSteroid, "dexamethasone": cSteroid, "hydrocortisone": cSteroid,
	"corticosteroid": cSteroid, "corticosteroids": cSteroid, "methylprednisolone": cSteroid,

	// harmless senses
	"asleep": cAsleep, "went to sleep": cAsleep, "goes to sleep": cAsleep,
	"going to sleep": cAsleep, "go to sleep": cAsleep,
	"always": cPersist, "often": cPersist, "for days": cPersist, "for weeks": cPersist,
	"lately": cPersist, "will not go away": cPersist | cNoImprove,
	"will not wake up": cPersist, "not wake up": cPersist, "not waking up": cPersist,
	"gone to sleep": cAsleep,
	// sitting down because of a symptom is relief, not its cause
	"have to sit": cConsumed, "had to sit": cConsumed, "need to sit": cConsumed,
	"needs to sit": cConsumed, "must sit": cConsumed, "got to sit": cConsumed,
	"sitting": cBenign, "sat": cBenign, "cross legged": cBenign, "crossed legs": cBenign,
	"legs crossed": cBenign, "on the toilet": cBenign, "slept on": cBenign,
	"sleeping on": cBenign, "lying on": cBenign, "lay on": cBenign, "kneeling": cBenign,
	"injection": cBenign, "dentist": cBenign, "anaesthetic": cBenign, "anesthetic": cBenign,
	"cold": cBenign, "freezing": cBenign, "long drive": cBenign, "cycling": cBenign | cExert,
	"bike ride": cBenign | cExert,
	"workout":   cExert, "squats": cExert, "run": cExert, "running": cExert,
	"ran": cExert, "leg day": cExert, "marathon": cExert, "training": cExert,
	"hike": cExert, "hiking": cExert, "spin class": cExert, "class": cExert, "pilates": cExert,
	"zumba": cExert, "aerobics": cExert, "crossfit": cExert, "bootcamp": cExert, "cardio": cExert,
	"lunges": cExert, "football": cExert, "soccer": cExert, "tennis": cExert, "sport": cExert,
	"sports": cExert, "swim": cExert, "swimming": cExert,
	// getting up from a squat tests the legs; "squats" are a workout
	"squat":       0,
	"passing now": cResolved, "going away": cResolved, "wearing off": cResolved,
	"wore off": cResolved, "worn off": cResolved, "easing off": cResolved,
	"gone": cResolved, "went away": cResolved, "gone away": cResolved, "stopped": cResolved,
	"resolved": cResolved, "fine now": cResolved, "ok now": cResolved, "okay now": cResolved,
	"healed": cResolved, "recovered": cResolved, "passed": cResolved, "cleared": cResolved, "better now": cResolved,
	"is over": cResolved, "was over": cResolved, "over now": cResolved, "got over": cResolved,
	"all over now": cResolved, "long gone": cResolved, "fine since": cResolved,
	"fine ever since": cResolved, "normal now": cResolved, "back to normal": cResolved,
	"nothing like that since": cResolved, "not had that since": cResolved, "never had that since": cResolved,
	"woolly": cOdd, "wooly": cOdd,
	"totally normal": cResolved, "all good now": cResolved, "no issues now": cResolved,
	"no problems now": cResolved, "no issues since": cResolved, "no problems since": cResolved,
	"not anymore": cResolved, "not any more": cResolved, "all better": cResolved,
	// long over: a symptom of childhood or years ago is not today's
	"years ago": cPast, "decades ago": cPast, "long ago": cPast, "years back": cPast,
	"as a kid": cPast, "as a child": cPast, "as a teen": cPast, "as a teenager": cPast,
	"as a boy": cPast, "as a girl": cPast, "when i was young": cPast, "when i was younger": cPast,
	"when i was a kid": cPast, "when i was little": cPast, "in my teens": cPast,
	"in my twenties": cPast, "in my youth": cPast, "childhood": cPast, "growing up": cPast,
	"used to": cPast,
	// a comparison with the past says the present differs: "doesn't
	// have the strength it used to"
	"it used to": cConsumed, "than it used to": cConsumed, "like it used to": cConsumed,
	"as it used to": cConsumed, "they used to": cConsumed,
	"hand": cOther, "hands": cOther, "arm": cOther, "arms": cOther, "finger": cOther,
	"fingers": cOther, "face": cOther, "lip": cOther, "lips": cOther, "mouth": cOther,
	"tongue": cOther, "cheek": cOther, "jaw": cOther, "thumb": cOther, "wrist": cOther,
	"elbow": cOther, "shoulder": cOther, "neck": cOther, "head": cOther, "chin": cOther,
	"nose": cOther, "ear": cOther, "brain": cOther, "mind": cOther, "heart": cOther,
	"eye": cOther, "eyes": cOther, "soul": cOther,

	// Widened in the fourth blind round: word families rather than
	// sentences.
	//
	// Passing water told by effort or flow: straining, pushing, a trickle.
	"strain": cProblem, "straining": cProblem, "strained": cProblem, "push and push": cProblem,
	"have to push": cProblem, "nothing comes": cProblem, "not come out": cProblem,
	"out of control": cProblem, "without knowing": cProblem, "without realising": cProblem,
	"without realizing": cProblem, "trickle": cPee | cProblem, "trickles": cPee | cProblem,
	"weak stream": cPee | cProblem, "weak flow": cPee | cProblem,
	// what gets wet in an accident (see markWetting)
	"scrubs": cUnderwear, "uniform": cUnderwear, "jeans": cUnderwear, "shorts": cUnderwear,
	"clothes": cUnderwear, "sheets": cUnderwear, "bedsheets": cUnderwear, "nappy": cUnderwear,
	// misspelt bowels: the corrector cannot choose between "bowls" and
	// "bowels"; "my bowls" are nobody's dishes.
	"bowles": cPoo, "bowells": cPoo, "bowals": cPoo, "my bowls": cPoo | cFirst,
	// the saddle area in euphemism
	"undercarriage": cSaddle, "down below": cSaddle, "lady bits": cSaddle | cGenital,
	"lady parts": cSaddle | cGenital, "front bottom": cSaddle | cGenital, "nethers": cSaddle,
	"taint": cSaddle, "gooch": cSaddle, "family jewels": cSaddle | cGenital,
	"sit bones": cSaddle, "sitting bones": cSaddle, "saddle area": cSaddle, "nappy area": cSaddle,
	"balls": cSaddle | cGenital, "balls of my feet": cLimb | cFoot | cBoth,
	"ball of my foot": cLimb | cFoot, "balls of my foot": cLimb | cFoot,
	// a part that feels foreign or like a material: not one's own, cardboard
	"someone else": cOdd, "somebody else": cOdd, "cardboard": cOdd, "rubber": cOdd,
	"rubbery": cOdd, "plastic": cOdd, "leather": cOdd, "cling film": cOdd, "clingfilm": cOdd,
	"wrapped in": cOdd, "novocaine": cOdd,
	"felt nothing": cNoFeel | cProblem, "feeling nothing": cNoFeel | cProblem,
	"felt like nothing": cNoFeel | cProblem, "not a thing": cNoFeel | cProblem,
	// sex in other words
	"were together": cSex, "being together": cSex, "slept together": cSex,
	"sleeping together": cSex, "in the bedroom": cSex, "foreplay": cSex, "climax": cSex,
	"ejaculate": cSex, "ejaculation": cSex, "arousal": cSex, "aroused": cSex,
	// weakness and its pace, told by what the legs can still do
	"heavier": cWeak, "can barely stand": cWeak | cFast, "can hardly stand": cWeak | cFast,
	"barely stand": cWeak | cFast, "hardly stand": cWeak | cFast, "barely walk": cFast,
	"hardly walk": cFast, "barely holding": cWeak, "barely hold": cWeak, "barely holds": cWeak,
	"can not get up": cWeak, "could not get up": cWeak,
	"last few hours": cFast, "past few hours": cFast, "last couple of hours": cFast,
	"an hour ago": cFast, "few hours ago": cFast, "since breakfast": cFast | cPersist,
	"since lunch": cFast | cPersist, "since lunchtime": cFast | cPersist,
	"since this morning": cFast | cPersist,
	// a foot that scrapes or drops; the heel walk passed is no sign
	"scrape": cDropFoot, "scrapes": cDropFoot, "scraping": cDropFoot, "scraped": cDropFoot,
	"drops":                    cDropFoot | cLost,
	"can not walk on my heels": cFootDrop, "can not walk on my heel": cFootDrop,
	"not walk on my heels": cFootDrop, "could not walk on my heels": cFootDrop,
	"can walk on my heels": cConsumed, "can walk on my heel": cConsumed,
	"can stand on my heels": cConsumed, "can walk on my toes": cConsumed,
	// crashes: vehicles rolled, hit, written off; animals ridden
	"rolled over": cCrash, "rolled the car": cCrash | cVehicle, "flipped": cCrash,
	"overturned": cCrash, "rollover": cCrash, "t boned": cCrash | cVehicle, "totalled": cCrash,
	"written off": cCrash, "wrote off": cCrash, "hit a": cCrash, "hit an": cCrash,
	"went into the back of": cCrash, "smashed into": cCrash, "ploughed into": cCrash,
	"plowed into": cCrash,
	"ute":         cVehicle, "taxi": cVehicle, "cab": cVehicle, "tractor": cVehicle, "quad bike": cVehicle | cHeight,
	"jeep": cVehicle, "suv": cVehicle, "boat": cVehicle, "dirt bike": cVehicle | cHeight,
	"bucked": cFall | cSevere, "rodeo": cHeight | cVehicle,
	"bull":             cHeight | cVehicle,
	"fell through the": cFall, "fell through a": cFall, "came down on": cFall,
	// someone landing on the user is a collision: major at speed
	"came down on me": cFall | cCrash, "came down on my": cFall | cCrash | cFirst,
	"landed on me": cFall | cCrash, "landed on top of me": cFall | cCrash,
	"fell on me": cFall | cCrash, "fell on top of me": cFall | cCrash,
	"went down onto": cFall, "went down on": cFall, "missed the step": cFall,
	"missed a step": cFall, "missed the bottom step": cFall, "missed the last step": cFall,
	"missed the top step": cFall | cHeight, "top step": cHeight, "whole flight": cHeight,
	"full flight": cHeight, "flight of stairs": cHeight, "flight of steps": cHeight,
	"went down the stairs": cFall | cHeight, "went down the whole": cFall,
	// sweats and shakes of a fever; fevers that are idioms
	"drenched in sweat": cFever, "soaked in sweat": cFever, "dripping with sweat": cFever,
	"cold sweats": cFever, "hot sweats": cFever, "the sweats": cFever, "sweating buckets": cFever,
	"hot then cold": cFever, "hot then freezing": cFever, "boiling then freezing": cFever,
	"teeth chattering": cFever, "the shakes": cFever,
	"cabin fever": cConsumed, "spring fever": cConsumed, "fever pitch": cConsumed,
	"football fever": cConsumed, "world cup fever": cConsumed,
	// nerve pain in other words; thigh muscles are the leg
	"wire": cPain | cRadiate, "lightning": cPain | cRadiate, "zap": cPain | cRadiate,
	"zaps": cPain | cRadiate, "zapping": cPain | cRadiate, "jolt": cPain | cRadiate,
	"jolts":     cPain | cRadiate,
	"hamstring": cLimb, "hamstrings": cLimb, "quad": cLimb, "quads": cLimb, "quadriceps": cLimb,
	// not knowing where one's feet are is lost sensation
	"where my feet are": cNoFeel | cLimb | cFoot, "where my foot is": cNoFeel | cLimb | cFoot,
	"where my legs are": cNoFeel | cLimb, "where my toes are": cNoFeel | cLimb | cFoot,
	"not know where my feet are": cNoFeel | cLimb | cFoot, "not tell where my feet are": cNoFeel | cLimb | cFoot,
	"not know where my foot is": cNoFeel | cLimb | cFoot, "not tell where my foot is": cNoFeel | cLimb | cFoot,
	"not know where my legs are": cNoFeel | cLimb, "not tell where my legs are": cNoFeel | cLimb,
	// strength tests (see markStrengthTests)
	"calf raise": cLimb, "calf raises": cLimb, "heel raise": cLimb, "heel raises": cLimb,
	// pain that climbs
	"creeping up": cWorse | cProg, "creeps up": cWorse | cProg, "crept up": cWorse | cProg,
	// weight told by clothes
	"hanging off me": cLost | cWeight, "falling off me": cLost | cWeight,
	"clothes are loose": cLost | cWeight, "clothes are baggy": cLost | cWeight,
	// a night without rest
	"whole night": cNightSig, "entire night": cNightSig, "comfortable position": cNightSig,
	// harmless: the loo, long journeys, reps, a passing numbness
	"on the loo": cBenign, "on the bog": cBenign, "on the lavatory": cBenign,
	"flight": cBenign, "plane": cBenign, "train journey": cBenign, "car journey": cBenign,
	"road trip": cBenign, "cinema": cBenign, "rep": cExert, "reps": cExert, "last rep": cExert,
	"tired muscles": cExert,
	"fine once":     cResolved, "ok once": cResolved, "okay once": cResolved, "better once": cResolved,
	"not happened since": cResolved, "not had it since": cResolved, "not come back": cResolved,
	"never came back": cResolved, "not returned": cResolved, "nothing since": cResolved,
	"none since": cResolved,
	// fears and suppositions are not reports
	"imagine": cIf, "imagine if": cIf, "scared of getting": cIf, "afraid of getting": cIf,
	"worried about getting": cIf, "frightened of getting": cIf, "scared of developing": cIf,
	// figures of speech
	"slipped a disc": cConsumed, "slipped a disk": cConsumed, "slip a disc": cConsumed,
	"cancer scare": cConsumed, "fell off the wagon": cConsumed, "fall off the wagon": cConsumed,
	"fallen off the wagon": cConsumed, "fell off the radar": cConsumed, "fell flat": cConsumed,
	"fell short": cConsumed, "fell into place": cConsumed, "fell out with": cConsumed,
	"total car crash": cConsumed, "complete car crash": cConsumed,
	"absolute car crash": cConsumed, "car crash of a": cConsumed, "train wreck": cConsumed,
	"like a stone": cConsumed, "like a rock": cConsumed,
	// the cold one shivers in (see markColdCauses), known to the speller
	"header": 0, "headers": 0, "total": 0, "totally": 0, "heating": 0, "heater": 0, "aircon": 0, "draughty": 0, "drafty": 0,
	"wifi": 0, "internet": 0, "signal": 0, "connection": 0, "price": 0, "prices": 0, "shares": 0,

	// Widened in the sixth round, by structural cause.
	//
	// A "no" or "not" that is part of the loss, not a denial of it:
	// nothing comes, the user did not know or notice, did not make it.
	"nothing happens": cProblem, "nothing happening": cProblem, "nothing happened": cProblem,
	"nothing came out": cProblem, "nothing would come out": cProblem, "nothing will come out": cProblem,
	"did not know": cProblem, "did not even know": cProblem, "not even know": cProblem,
	"had no idea": cProblem, "no idea": cProblem, "did not even notice": cProblem,
	"not even notice": cProblem, "did not even realise": cProblem, "did not even realize": cProblem,
	"did not even feel": cNoFeel | cProblem, "not even feel": cNoFeel | cProblem,
	"too late": cProblem, "did not make it": cProblem, "not make it": cProblem,
	"not get there in time": cProblem, "not reach the toilet": cPee | cPoo | cProblem,
	"not touching": cNoFeel | cProblem,
	// sex in slang
	"can not get it up": cErect | cProblem, "could not get it up": cErect | cProblem,
	"not get it up": cErect | cProblem, "not getting it up": cErect | cProblem,
	"get hard": cErect, "stay hard": cErect, "keep an erection": cErect,
	// pain that runs from one place to another
	"runs from": cRadiate, "running from": cRadiate, "goes from": cRadiate, "going from": cRadiate,
	"travels from": cRadiate, "spreads from": cRadiate, "moves from": cRadiate,
	// sorted: resolved
	"sorted": cResolved, "sorted now": cResolved, "all sorted": cResolved, "sorted out": cResolved,
	// lost feeling hedged: "can't really feel"
	"can not really feel": cNoFeel | cProblem, "can not properly feel": cNoFeel | cProblem,
	"can not quite feel": cNoFeel | cProblem, "could not really feel": cNoFeel | cProblem,
	"can barely feel": cNoFeel | cProblem, "can hardly feel": cNoFeel | cProblem,
	"barely feel": cNoFeel | cProblem, "hardly feel": cNoFeel | cProblem,
	// the saddle area by where one sits or what lies inside the thighs
	"where one sits": cContact | cSaddle, "bicycle seat": cContact | cSaddle, "bike seat": cContact | cSaddle,
	"inside of my thighs": cSaddle | cFirst, "inside of my thigh": cSaddle | cFirst,
	"insides of my thighs": cSaddle | cFirst, "inside of the thighs": cSaddle,
	// a foot that will not come up; a shoe is where the foot is
	"not come up": cDropFoot, "not seem to come up": cDropFoot, "not lift up": cDropFoot,
	"not pick up": cDropFoot, "shoe": cFoot | cLimb, "shoes": cFoot | cLimb,
	// falls in dialect; falling off a vehicle's back is a fall from a height
	"came a cropper": cFall, "come a cropper": cFall, "went a cropper": cFall,
	"landed flat on": cFall, "back of the": cHeight,
	// rising on the toes tests the calf
	"can not go up on": cWeak, "can not get up on": cWeak, "can not rise on": cWeak,
	"can not push up on": cWeak, "not go up on": cWeak,
	// weak after an effort is tired
	"wobbly after": cWeak | cExert, "weak after": cWeak | cExert, "shaky after": cWeak | cExert,
	"heavy after": cWeak | cExert,
	// figures of speech
	"piano wire": cConsumed, "made of wire": cConsumed, "give way to": cConsumed,
	"gave way to": cConsumed, "giving way to": cConsumed, "gives way to": cConsumed,
	// suppositions and long-ago seasons
	"let us say": cIf, "lets say": cIf,
	"last winter": cPast, "last summer": cPast, "last spring": cPast, "last autumn": cPast,
	"last year": cPast, "the year before": cPast,
	// fears of what might come are suppositions
	"might get": cIf, "may get": cIf, "going to get": cIf, "end up with": cIf, "end up getting": cIf,
	"might develop": cIf, "might end up": cIf,
}

// rule is one red-flag pattern: tokens with every slot's concept within
// window tokens of the first slot's token, in one sentence.
type rule struct {
	flag   string
	level  coach.Level
	slots  []concept
	window int
	// neg adds negators for this rule only ("nearly fell").
	neg concept
	// benign concepts anywhere in the sentence make the match harmless,
	// unless the user says it persists.
	benign concept
	// unless concepts anywhere in the sentence cancel the rule.
	unless concept
	// plainSlots: a negator never fills a slot (see nearest).
	plainSlots bool
	// trigger: a match followed by "when", "if", "after"… names what sets
	// it off ("gets worse when I sit"), not a course over time, unless the
	// sentence also says how it goes (every day, week by week).
	trigger bool
	// nextSent: a slot not found in the first slot's sentence may be
	// in the next one ("Two months in. Still the same.").
	nextSent bool
	// lifelong: the flag stays even when the user says it is over ("had
	// a tumour removed at 30, fine since"); see also historyFlags.
	lifelong bool
}

// surfaceOnly are the concepts a word carries only in the forms listed:
// "cleared", "passed" and "stopped" say a symptom went away, "clearing
// the gutters", "passing urine" and "can't stop" do not.
const surfaceOnly = cResolved

// firstPersonWords make a lexicon phrase speak of the user.
var firstPersonWords = set("i me my myself")

const (
	em = coach.LevelEmergency
	cl = coach.LevelClinician
)

// rules are the red-flag patterns, emergency first.
var rules = []rule{
	// "nearly wet myself" did not.
	{flag: "bladder", level: em, slots: []concept{cPee, cProblem | cNumb}, window: 8, neg: cNearly},
	{flag: "bowel", level: em, slots: []concept{cPoo, cProblem | cNumb}, window: 8, neg: cNearly},
	{flag: "bowel", level: em, slots: []concept{cAccident, cNoFeel | cProblem | cUnderwear}, window: 8, unless: cVehicle, plainSlots: true},
	{flag: "bladder", level: em, slots: []concept{cAccident, cPee}, window: 8, unless: cVehicle},
	{flag: "saddle", level: em, slots: []concept{cNumb | cNoFeel, cSaddle}, window: 7, benign: cBenign},
	// the saddle area feels foreign or like a material
	{flag: "saddle", level: em, slots: []concept{cOdd, cSaddle}, window: 6, benign: cBenign | cExert},
	{flag: "saddle", level: em, slots: []concept{cNoFeel, cContact}, window: 10},
	{flag: "saddle", level: em, slots: []concept{cAsleep, cSaddle, cPersist}, window: 10},
	{flag: "sexual", level: em, slots: []concept{cNumb | cNoFeel, cGenital | cSex}, window: 7, benign: cBenign},
	{flag: "sexual", level: em, slots: []concept{cErect, cProblem}, window: 5},
	{flag: "leg-weakness", level: em, slots: []concept{cWeak, cLimb, cFast | cBoth}, window: 10, benign: cExert},
	{flag: "leg-weakness", level: em, slots: []concept{cParalysis, cLimb}, window: 6},
	{flag: "leg-numbness", level: em, slots: []concept{cNumb | cNoFeel, cBoth}, window: 6, benign: cBenign},
	{flag: "foot-drop", level: em, slots: []concept{cDropFoot, cFoot}, window: 5},
	{flag: "foot-drop", level: em, slots: []concept{cFootDrop}},
	{flag: "major-trauma", level: em, slots: []concept{cFall, cHeight}, window: 8, neg: cNearly},
	{flag: "major-trauma", level: em, slots: []concept{cFall, cSevere}, window: 3, neg: cNearly},
	{flag: "major-trauma", level: em, slots: []concept{cCrash, cVehicle}, window: 6},
	{flag: "fever", level: em, slots: []concept{cFever}},

	{flag: "sciatica", level: cl, slots: []concept{cRadiate, cLimb}, window: 6},
	{flag: "sciatica", level: cl, slots: []concept{cPain, cDir, cLimb}, window: 11},
	{flag: "sciatica", level: cl, slots: []concept{cSciatica}},
	{flag: "leg-numbness", level: cl, slots: []concept{cNumb | cNoFeel, cLimb}, window: 7, benign: cBenign},
	{flag: "leg-numbness", level: cl, slots: []concept{cAsleep, cLimb, cPersist}, window: 8},
	{flag: "leg-numbness", level: cl, slots: []concept{cNumb}, benign: cBenign, unless: cOther},
	{flag: "leg-numbness", level: cl, slots: []concept{cOdd, cLimb}, window: 7, benign: cBenign | cExert},
	{flag: "leg-weakness", level: cl, slots: []concept{cWeak, cLimb}, window: 6, benign: cExert},
	// "flares up now and then" over a year is not pain that will not go
	{flag: "persistent", level: cl, slots: []concept{cDuration, cNoImprove | cPain}, window: 14, unless: cIntermittent},
	// a span in one sentence, no change in the next
	{flag: "persistent", level: cl, slots: []concept{cDuration, cNoImprove}, window: 14, nextSent: true, unless: cIntermittent},
	{flag: "worsening", level: cl, slots: []concept{cWorse, cProg}, window: 4, trigger: true},
	// "every week the pain is a bit worse": a course over time anywhere
	// near the change
	{flag: "worsening", level: cl, slots: []concept{cWorse, cSteady}, window: 10, trigger: true},
	{flag: "cancer", level: cl, slots: []concept{cCancer}, lifelong: true},
	{flag: "weight-loss", level: cl, slots: []concept{cLost, cWeight}, window: 4, unless: cIntent},
	// weight lost and no reason for it, often in another clause: "my
	// clothes are too big for me, … but I'm not dieting"
	{flag: "weight-loss", level: cl, slots: []concept{cWeightLoss, cUnexplained}, window: 16},
	{flag: "night-pain", level: cl, slots: []concept{cNightSig, cPain}, window: 8},
	{flag: "night-pain", level: cl, slots: []concept{cConstant, cNight}, window: 14},
	// "worse in bed and keeps me awake"
	{flag: "night-pain", level: cl, slots: []concept{cNightSig, cWorse}, window: 8},
	{flag: "osteoporosis", level: cl, slots: []concept{cOsteo}},
	{flag: "steroids", level: cl, slots: []concept{cSteroid}},
	{flag: "minor-fall", level: cl, slots: []concept{cFall}, neg: cNearly},
}
