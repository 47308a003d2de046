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
		{"asked-if", "what do i do if it keeps going numb down my leg?", expect{level: cl}},

		// Resolved in slang; fears of what might come.
		{"sorted", "had tingling toes from new shoes last month, all sorted now", expect{}},
		{"sorted", "tingling in my foot last week, sorted now, but my back aches", expect{}},
		{"sorted", "pins and needles down my leg, the stiffness is sorted though", expect{level: cl}},
		{"might-get", "scared i might get a slipped disc like my uncle", expect{}},
	} {
		t.Run(tt.cause+"/"+tt.text, func(t *testing.T) { check(t, m, tt.text, tt.e) })
	}
}
