package nlu

import (
	"testing"

	"github.com/stretchbot/stretchbot/coach"
)

// TestSpanishTriageSecondBatch is a second set of Spanish messages, written
// after the first tuning on coach/testdata/eval_es and run once before any
// change (16/18 emergency, 17/18 clinician, 1/35 ordinary flagged on that
// first run; the four misses were then fixed in the lexicon).
func TestSpanishTriageSecondBatch(t *testing.T) {
	m := testModel(t)
	for _, tt := range []struct {
		text  string
		level coach.Level
	}{
		{"desde anoche no logro orinar aunque tengo ganas", em},
		{"se me salio el pis sin enterarme en el trabajo", em},
		{"no aguanto las ganas de hacer caca, se me escapa", em},
		{"tengo la zona del ano y los genitales sin sensibilidad", em},
		{"siento acorchado el culo desde que me levante", em},
		{"se me adormecio toda la entrepierna y la parte interna de los muslos", em},
		{"no tengo sensibilidad en la vagina desde ayer", em},
		{"las dos piernas se me estan debilitando por horas", em},
		{"no puedo caminar, las piernas no me responden desde esta mañana", em},
		{"voy arrastrando el pie derecho y me tropiezo todo el tiempo", em},
		{"me cai desde un andamio en la obra", em},
		{"me caí por las escaleras del metro y me duele mucho la espalda", em},
		{"un coche me golpeo por detras en un semaforo y me duele la espalda", em},
		{"tuve un choque en la carretera ayer", em},
		{"fiebre alta y dolor lumbar fuerte, me encuentro fatal", em},
		{"me dio fiebre con escalofrios y la espalda me duele muchisimo", em},
		{"no puedo hacer pis desde hace horas", em},
		{"me hago pis encima sin querer desde ayer", em},
		{"me pica y me quema la pierna hasta el tobillo", cl},
		{"el dolor se me corre hasta la rodilla", cl},
		{"tengo un dolor que me baja por atras del muslo", cl},
		{"siento cosquilleo en los dedos del pie", cl},
		{"tengo el pie dormido casi todo el dia", cl},
		{"la pierna izquierda la siento floja", cl},
		{"hace mas de seis semanas que me duele y no veo mejoria", cl},
		{"llevo medio año con dolor de espalda", cl},
		{"cada semana me duele un poco mas", cl},
		{"el dolor va empeorando dia tras dia", cl},
		{"me trataron un cancer de prostata hace años", cl},
		{"he perdido 8 kilos en dos meses sin saber por que", cl},
		{"por la noche el dolor no me deja dormir", cl},
		{"me despierto varias veces por el dolor", cl},
		{"tomo cortisona desde hace meses", cl},
		{"tengo huesos fragiles segun mi medico", cl},
		{"me tropece en la acera y me cai de lado", cl},
		{"el medico dijo que tengo ciatica", cl},
		{"hoy no me duele nada", ""},
		{"sin hormigueo, todo bien", ""},
		{"no tengo ni fiebre ni nada raro", ""},
		{"nada de entumecimiento", ""},
		{"se me durmio la pierna de estar sentado en el coche", ""},
		{"me quede dormida viendo la tele", ""},
		{"anoche dormi fatal por el ruido", ""},
		{"mi tia tiene ciatica", ""},
		{"mi novio tuvo un accidente de moto hace años", ""},
		{"a mi abuelo le dan corticoides", ""},
		{"¿es normal sentir hormigueo al estirar?", ""},
		{"¿que hago si me baja el dolor por la pierna?", ""},
		{"¿cuando tengo que ir a urgencias?", ""},
		{"¿los estiramientos sirven para la ciatica?", ""},
		{"casi me caigo del susto jaja", ""},
		{"la pelicula de anoche tenia un accidente de coche brutal", ""},
		{"perdi 2 kilos en el gimnasio este mes", ""},
		{"estoy a dieta y baje de peso", ""},
		{"me encanta la rutina de la noche", ""},
		{"tengo la espalda baja muy cargada", ""},
		{"me duelen los gemelos de las sentadillas", ""},
		{"ya no tengo hormigueo en el pie", ""},
		{"el entumecimiento se me quito", ""},
		{"me duele la cabeza", ""},
		{"tengo sueño", ""},
		{"quiero hacer la rutina de la mañana", ""},
		{"como estiro mejor los isquios?", ""},
		{"cuanto tiempo tengo que aguantar cada estiramiento", ""},
		{"me siento mejor que la semana pasada", ""},
		{"mi mama se cayo ayer pero esta bien", ""},
		{"se me cayo el cafe encima jaja", ""},
		{"ok listo, siguiente", ""},
		{"muchas gracias por la ayuda", ""},
		{"la pierna me tira al hacer el estiramiento", ""},
		{"no siento el estiramiento en los isquios", ""},
	} {
		u := m.Understand(tt.text)
		switch {
		case tt.level == coach.LevelNone && u.Intent == coach.IntentRedFlag:
			t.Errorf("%q = %s %v, want no red flag", tt.text, u.Level, u.Flags)
		case tt.level == em && (u.Intent != coach.IntentRedFlag || u.Level != em):
			t.Errorf("%q = %+v, want emergency", tt.text, u)
		case tt.level == cl && u.Intent != coach.IntentRedFlag:
			t.Errorf("%q = %+v, want a red flag", tt.text, u)
		}
	}
}

// TestSpanishTriageSenses pins each rule of the Spanish triage with a pair:
// the report, and the same words in a sense that is no alarm.
func TestSpanishTriageSenses(t *testing.T) {
	m := testModel(t)
	for _, tt := range []struct {
		why, text string
		level     coach.Level
		flag      string
	}{
		{"report", "no puedo aguantar la orina desde ayer", em, "bladder"},
		{"negation", "no tengo problemas para orinar", "", ""},
		{"report", "se me duerme la zona de la entrepierna", em, "saddle"},
		{"negation ni…ni", "ni hormigueo ni entumecimiento en la entrepierna", "", ""},
		{"negation sin", "sin entumecimiento ni debilidad, solo rigidez", "", ""},
		{"negation across a list", "no tengo hormigueo, entumecimiento ni debilidad", "", ""},
		{"negative concord is a report", "no siento nada en la entrepierna", em, "saddle"},
		{"report", "se me duerme el pie cada dos por tres", cl, "leg-numbness"},
		{"harmless posture", "se me durmió el pie al sentarme con las piernas cruzadas", "", ""},
		{"harmless posture that persists", "se me duerme el pie sentado y no se me pasa en horas", cl, "leg-numbness"},
		{"asleep in bed", "me quedé dormido en el sofá y me levanté rígido", "", ""},
		{"other person", "mi madre tuvo cáncer", "", ""},
		{"the user too", "mi madre tuvo cáncer y yo también", cl, "cancer"},
		{"own history", "tuve cáncer de colon", cl, "cancer"},
		{"question", "¿cuándo debería preocuparme por el hormigueo?", "", ""},
		{"question without marks", "cuando deberia preocuparme por el hormigueo", "", ""},
		{"statement opening with cuando", "cuando me agacho me baja el dolor por la pierna", cl, "sciatica"},
		{"question that reports", "¿es normal no poder orinar desde ayer?", em, "bladder"},
		{"general question", "¿que pasa si no puedes orinar?", "", ""},
		{"resolved", "el hormigueo del pie ya se me pasó", "", ""},
		{"lower back is not down the leg", "me duele la espalda baja y las piernas cansadas", "", ""},
		{"a liking, not a fall", "me cayó genial la rutina", "", ""},
		{"a dropped thing", "se me cayeron las llaves por la escalera", "", ""},
		{"a fall from height", "me caí de la escalera", em, "major-trauma"},
		{"nearly", "casi me caigo de la escalera", "", ""},
		{"age, not a duration", "tengo 40 años y me duele la espalda", "", ""},
		{"a duration", "llevo 3 meses con dolor", cl, "persistent"},
		{"a date", "el mes pasado me dolía", "", ""},
		{"weight on purpose", "bajé 4 kilos con la dieta", "", ""},
		{"weight without reason", "bajé 4 kilos sin hacer dieta", cl, "weight-loss"},
		{"the year, not the anus", "llevo un año con hormigueo en el pie", cl, "leg-numbness"},
		{"the stretch not felt", "no siento el estiramiento en la pierna", "", ""},
		{"code-switching", "creo que tengo sciatica", cl, "sciatica"},
	} {
		u := m.Understand(tt.text)
		switch {
		case tt.level == coach.LevelNone:
			if u.Intent == coach.IntentRedFlag {
				t.Errorf("%s: %q = %s %v, want no red flag", tt.why, tt.text, u.Level, u.Flags)
			}
		case u.Intent != coach.IntentRedFlag || u.Level != tt.level || !contains(u.Flags, tt.flag):
			t.Errorf("%s: %q = %+v, want %s %s", tt.why, tt.text, u, tt.level, tt.flag)
		}
	}
}

// TestSpanishTriageNeverPanics feeds odd input to the Spanish side.
func TestSpanishTriageNeverPanics(t *testing.T) {
	m := testModel(t)
	for _, s := range []string{"", "¿", "¿?", "¡¡¡", "ñ", "\xff\xfe", "no no no no no", "se me", "me cai de", "años años años",
		string(make([]byte, 5000)), "🙂🙂", "a las 8 de la tarde"} {
		_ = m.Understand(s)
		_, _ = esTriageText(s, nil)
		_ = looksSpanish(s)
	}
}

// TestSpanishQuestionsNotAnsweredWrong: a Spanish question is never matched
// to an English FAQ topic by a shared word; it is answered by the Spanish
// matcher (es_faq.go) with its own topic, or unknown (the topic menu).
func TestSpanishQuestionsNotAnsweredWrong(t *testing.T) {
	m := testModel(t)
	for _, tt := range []struct{ text, topic string }{
		{"¿puedo hacer yoga en vez de la rutina?", "yoga"},
		{"cuanto tiempo mantengo cada estiramiento", "hold-time"},
		{"¿es normal estar rígido aunque la resonancia salió normal?", "normal-imaging"},
		{"sirve de algo usar faja?", "braces"},
		{"¿que tiempo hace mañana?", ""},
	} {
		u := m.Understand(tt.text)
		if tt.topic == "" && u.Intent != coach.IntentUnknown || tt.topic != "" && (u.Intent != coach.IntentFAQ || u.Topic != tt.topic) {
			t.Errorf("%q = %+v, want %q (\"\" for unknown)", tt.text, u, tt.topic)
		}
	}
}
