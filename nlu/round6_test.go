package nlu

import "testing"

// TestSixthRoundCauses pins the structural causes behind blind5's misses,
// fixed in the sixth round. Every sentence is new (none is in any set
// under coach/testdata), so each row checks a rule, not a memorised
// message.
func TestSixthRoundCauses(t *testing.T) {
	m := testModel(t)
	for _, tt := range []struct {
		cause string
		text  string
		e     expect
	}{
		// A "no" or "not" that is part of the loss is no denial.
		{"negator-in-loss", "sat on the toilet for ages trying to wee and nothing happened", expect{level: em, flag: "bladder"}},
		{"negator-in-loss", "i did not even know i had peed until my wife said", expect{level: em, flag: "bladder"}},
		{"negator-in-loss", "had no idea i needed a poo until it was too late", expect{level: em}},
		{"negator-in-loss", "didn't make it to the loo again, never happened before my back went", expect{level: em}},
		{"negator-in-loss", "no bladder problems at all, just stiff", expect{}},
		{"negator-in-loss", "i did the stretch and nothing happened, no pull at all", expect{}},

		// Leaking or dribbling, told of the user with no other domain word.
		{"self-leak", "i've started leaking a little when i stand up, back has been awful", expect{level: em, flag: "bladder"}},
		{"self-leak", "keep dribbling in my pants since the flare", expect{level: em, flag: "bladder"}},
		{"self-leak", "the roof is leaking again and i hurt my back fixing it", expect{}},
		{"self-leak", "my nose keeps dribbling with this cold", expect{}},
		{"self-leak", "the tap in my kitchen is leaking", expect{}},

		// Not touching the seat is not feeling it.
		{"not-touching", "on the loo it's like my bum isn't touching the seat at all", expect{level: em, flag: "saddle"}},

		// Sex in slang.
		{"sex-slang", "since my back went i can't get it up", expect{level: em, flag: "sexual"}},

		// Leg weakness made urgent by a contrast of times.
		{"pace-contrast", "my right leg was fine yesterday and now it won't hold me up", expect{level: em, flag: "leg-weakness"}},
		{"pace-contrast", "both legs keep buckling, went down three times today", expect{level: em, flag: "leg-weakness"}},
		{"pace-contrast", "my legs feel heavy after leg day at the gym", expect{}},

		// Pain that runs from one place to another, over a long span.
		{"runs-from", "a hot pain runs from my buttock right down the outside of my leg", expect{level: cl, flag: "sciatica"}},

		// Asking what to do in a case is not telling it.
		{"asked-if", "should i skip tonight's routine if i have a fever?", expect{}},
		{"asked-if", "what do i do if my foot goes numb halfway through?", expect{}},
		{"asked-if", "is it ok to carry on if i've lost feeling in my bum?", expect{level: em, flag: "saddle"}},
		{"asked-if", "should i call 999 if i can't feel when i need to pee?", expect{level: em}},

		// Resolved in slang; fears of what might come.
		{"sorted", "had tingling toes from new shoes last month, all sorted now", expect{}},
		{"sorted", "tingling in my foot last week, sorted now, but my back aches", expect{}},
		{"sorted", "pins and needles down my leg, the stiffness is sorted though", expect{level: cl}},
		{"might-get", "scared i might get a slipped disc like my uncle", expect{}},

		// From blind6's misses (new sentences, same causes).
		{"hedged-loss", "on the loo i can't really feel the paper when i wipe", expect{level: em, flag: "saddle"}},
		{"hedged-loss", "lost all feeling where one sits on a chair, since yesterday", expect{level: em}},
		{"inner-thigh", "the inside of my thighs went numb this morning and my back is killing me", expect{level: em, flag: "saddle"}},
		{"shoe-catching", "the toe of my shoe keeps catching on the pavement on the bad side", expect{level: em, flag: "foot-drop"}},
		{"no-lift", "my left foot won't come up when i walk, it just slaps down", expect{level: em, flag: "foot-drop"}},
		{"cropper", "came a cropper off a ladder at work, back is agony", expect{level: em, flag: "major-trauma"}},
		{"vehicle-height", "fell off the back of the truck unloading, landed on my back", expect{level: em, flag: "major-trauma"}},
		{"tiptoes", "can't go up on my toes on the left side like i can on the right", expect{level: cl}},
		{"weak-after", "thighs a bit shaky after the bridges but felt great", expect{}},
		{"worry-when", "when should i worry about numbness in my legs? just asking", expect{}},
		{"worry-when", "when should i worry about this numbness in both legs that i've had since tuesday", expect{level: em}},
		{"past-season", "had a fever last winter with flu, nothing since, just stiff now", expect{}},
		{"year-past", "back in 2012 i fell off a roof and broke my wrist, healed fine", expect{}},
		{"figure", "my calves are made of wire i swear", expect{}},
		{"give-way-to", "my willpower gave way to the biscuit tin", expect{}},
		{"if-question", "if my foot goes numb during the hamstring one, should i stop?", expect{}},
		{"if-question", "if i've wet myself twice today should i go to a&e?", expect{level: em}},
		{"cause-next", "can't feel my feet... because i've been kneeling on them doing the cat stretch", expect{}},
		{"say", "say i tripped on the kerb, do i skip the evening set?", expect{}},
		{"says", "my wife says i'm not myself and i can't feel anything down below", expect{level: em}},
		{"keep-doing", "suppose i get pins and needles later, do i keep going with the routine", expect{}},
		{"keep-doing", "what do i do if it keeps going numb down my leg?", expect{level: cl}},
	} {
		t.Run(tt.cause+"/"+tt.text, func(t *testing.T) { check(t, m, tt.text, tt.e) })
	}
}
