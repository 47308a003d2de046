package nlu

// The Spanish FAQ lexicon. Every key is folded as esTokenize folds text:
// lower case, no accents ("¿qué?" is "que"), "ñ" kept. Synonyms and
// phrases map to the canonical word of an idea, which is then stemmed with
// the Snowball Spanish stemmer, so only different words need listing, not
// the forms of one word ("estiro", "estirando" and "estirar" share a stem).

// esStopWords carry no topic: articles, pronouns, auxiliaries and modal
// verbs, chat filler and politeness. Question words are kept (see
// esLight): inverse topic frequency weighs them.
var esStopWords = set(`
a al ante bajo con contra de del desde en entre hacia hasta para por segun sin so sobre tras
el la lo los las un una uno unos unas y e o u ni pero sino que si no ya
yo tu usted ustedes vos el ella ellos ellas nosotros nosotras vosotros vosotras
me te se le les nos os mi mis tu tus su sus nuestro nuestra nuestros nuestras conmigo contigo
mio mia mios mias tuyo tuya suyo suya
este esta esto estos estas ese esa eso esos esas aquel aquella aquello aqui ahi alli
es son soy eres somos ser sera seria era fue sea sean siendo sido
estoy estas esta estamos estan estar estaba estado este
he has ha hemos han haber habia habra hay haya
tengo tienes tiene tenemos tienen tener tenia tenga tengas
puedo puedes puede podemos pueden poder podria podrias pueda
debo debes debe debemos deben deber deberia deberias deba
hago haces hace hacemos hacen hacer haciendo hecho haga hacerme hacerlo hacerla hacerte hacerle hacerse
explicame explica explicar explicarme explicas explicarias contame cuentame
voy vas va vamos van ir iba ire iria
quiero quieres quiere querer
muy mas menos tan tanto tambien tampoco solo solamente
algo alguien algun alguna alguno algunos algunas nada nadie ningun ninguna
todo toda todos todas otro otra otros otras cosa cosas
mucho mucha muchos muchas poco poca pocos pocas bastante demasiado
hola buenas buenos gracias porfa favor oye oiga mira pues bueno vale ok okey eh ah ay
jaja jajaja jeje che wey guey tio tia bro amigo amiga hey
disculpa disculpe perdon perdona saber se sabes sabe decir dime digame dices dice dicen
pregunta preguntar pregunto duda consulta entonces asi igual tal vez quizas quiza
realmente verdad cierto exactamente normalmente generalmente siempre nunca
ahora hoy ya aun todavia luego despues
gente persona personas uno
`)

// esLight are Spanish question words: they help tell topics apart but are
// never enough on their own for a match.
var esLight = set("como cuando cuanto cuanta cuantos cuantas cual cuales donde porque paraque mejor bueno sirve ayuda ayudar seguro")

// esSynonyms maps a Spanish word to the canonical word it means here,
// before stemming: spelling variants, regional words, slang, and words the
// FAQ treats as one idea.
var esSynonyms = map[string]string{
	// stretching
	"estiramiento": "estirar", "estiramientos": "estirar", "estiro": "estirar", "estirarme": "estirar",
	"estirarse": "estirar", "estirando": "estirar", "estire": "estirar", "estiras": "estirar",
	"estira": "estirar", "estiramos": "estirar", "estiren": "estirar", "estirandome": "estirar",
	"elongar": "estirar", "elongacion": "estirar", "elongaciones": "estirar", "elongo": "estirar",
	"stretching": "estirar", "estirones": "estirar", "estiron": "estirar", "estiramento": "estirar",
	"estiramentos": "estirar", "estiramietos": "estirar", "estiramiemtos": "estirar",
	// exercises and the routine
	"ejercicios": "ejercicio", "ejercitar": "ejercicio", "ejercitarme": "ejercicio",
	"rutinas": "rutina", "programa": "rutina", "programas": "rutina", "plan": "rutina",
	"sesion": "rutina", "sesiones": "rutina", "entrenamiento": "rutina",
	// the back
	"lumbar": "espalda", "lumbares": "espalda", "columna": "espalda", "espaldas": "espalda",
	"expalda": "espalda", "espada": "espalda", "lumbalgia": "dolor", "lumbago": "dolor",
	"cintura": "espalda", "riñones": "espalda", "rinones": "espalda",
	// pain and discomfort
	"duele": "dolor", "duelen": "dolor", "dolores": "dolor", "doliendo": "dolor", "doler": "dolor",
	"duela": "dolor", "dolio": "dolor", "molestia": "dolor", "molestias": "dolor", "molesta": "dolor",
	"molestan": "dolor", "dolorido": "dolor", "adolorido": "dolor",
	// discs
	"hernia": "disco", "hernias": "disco", "herniado": "disco", "herniada": "disco", "discal": "disco",
	"discos": "disco", "protrusion": "disco", "protrusiones": "disco", "prolapso": "disco",
	"discopatia": "disco", "abombado": "disco", "abultado": "disco", "desplazado": "disco",
	"pinzamiento": "disco", "ciatica": "disco", "l4": "disco", "l5": "disco", "s1": "disco",
	// imaging
	"resonancias": "resonancia", "rmn": "resonancia", "rm": "resonancia", "radiografia": "resonancia",
	"radiografias": "resonancia", "rayos": "resonancia", "escaner": "resonancia", "scanner": "resonancia",
	"tac": "resonancia", "placa": "resonancia", "placas": "resonancia", "ecografia": "resonancia",
	"prueba": "resonancia", "pruebas": "resonancia", "estudios": "resonancia", "imagen": "resonancia",
	"imagenes": "resonancia", "resonansia": "resonancia", "tomografia": "resonancia",
	// braces
	"fajas": "faja", "corse": "faja", "corset": "faja", "corses": "faja", "cinturon": "faja",
	"cinturones": "faja", "soporte": "faja", "soportes": "faja", "ortesis": "faja", "cinto": "faja",
	// hamstrings
	"isquiotibiales": "isquiotibial", "isquios": "isquiotibial", "isquio": "isquiotibial",
	"femorales": "isquiotibial", "femoral": "isquiotibial",
	"isquitibiales": "isquiotibial", "isquiotiviales": "isquiotibial",
	// walking
	"andar": "caminar", "pasear": "caminar", "paseo": "caminar", "paseos": "caminar", "camino": "caminar",
	"caminata": "caminar", "caminatas": "caminar", "caminando": "caminar", "andando": "caminar",
	"paseando": "caminar", "camina": "caminar", "camine": "caminar", "ando": "caminar",
	// clinicians
	"medicos": "medico", "doctor": "medico", "doctora": "medico", "doctores": "medico", "fisio": "medico",
	"fisioterapeuta": "medico", "fisioterapia": "medico", "kinesiologo": "medico", "kine": "medico",
	"kinesiologia": "medico", "traumatologo": "medico", "traumatologa": "medico", "traumatologia": "medico",
	"especialista": "medico", "quiropractico": "medico", "osteopata": "medico", "urgencias": "medico",
	"hospital": "medico", "profesional": "medico", "medica": "medico", "medicina": "medico",
	"sanitario": "medico", "guardia": "medico", "ambulatorio": "medico",
	// when to worry
	"preocupar": "preocupar", "preocuparme": "preocupar", "preocuparse": "preocupar", "preocupo": "preocupar",
	"grave": "preocupar", "urgente": "preocupar", "alarma": "preocupar", "señales": "preocupar",
	"senales": "preocupar", "señal": "preocupar", "senal": "preocupar", "sintomas": "preocupar",
	"sintoma": "preocupar",
	// numbness and tingling: see a clinician
	"hormigueos": "hormigueo", "entumecimiento": "hormigueo", "adormecimiento": "hormigueo",
	"entumecido": "hormigueo", "hormigas": "hormigueo", "debilidad": "hormigueo",
	// stress
	"estres": "estres", "estresado": "estres", "estresada": "estres", "estresante": "estres",
	"ansiedad": "estres", "ansioso": "estres", "ansiosa": "estres", "nervios": "estres",
	"nervioso": "estres", "nerviosa": "estres", "agobio": "estres", "agobiado": "estres",
	"agobiada": "estres", "emocional": "estres", "emociones": "estres", "preocupacion": "estres",
	"preocupaciones": "estres", "tensiones": "estres", "stress": "estres", "estresa": "estres",
	// yoga
	"pilates": "yoga",
	// strength
	"fortalecer": "fuerza", "fortalecimiento": "fuerza", "fortalezco": "fuerza", "fortalecerme": "fuerza",
	"fortaleciendo": "fuerza", "pesas": "fuerza", "musculacion": "fuerza", "musculatura": "fuerza",
	"core": "fuerza", "abdominales": "fuerza", "abdomen": "fuerza", "gimnasio": "fuerza", "gym": "fuerza",
	"activacion": "fuerza", "potenciar": "fuerza", "tonificar": "fuerza",
	// bed rest
	"reposo": "reposo", "cama": "reposo", "acostado": "reposo", "acostada": "reposo", "tumbado": "reposo",
	"tumbada": "reposo", "tumbarme": "reposo", "tumbarse": "reposo", "encamado": "reposo",
	"acostarse": "reposo",
	"quieto":    "reposo", "quieta": "reposo", "inmovil": "reposo",
	// morning and evening
	"manana": "mañana", "mañanas": "mañana", "mananas": "mañana", "madrugada": "mañana",
	"temprano": "mañana", "despertar": "mañana", "despierto": "mañana", "despertarme": "mañana",
	"levantarse": "mañana", "levantarme": "mañana", "levanto": "mañana", "amanecer": "mañana",
	"noches": "noche", "tarde": "noche", "tardes": "noche", "acostarme": "noche", "acuesto": "noche",
	"anochecer": "noche", "nocturno": "noche", "nocturna": "noche", "dormirme": "noche",
	// hold time and repetitions
	"mantener": "mantener", "mantengo": "mantener", "mantiene": "mantener", "mantenerlo": "mantener",
	"aguantar": "mantener", "aguanto": "mantener", "aguantarlo": "mantener", "sostener": "mantener",
	"sostengo": "mantener", "sostiene": "mantener", "dura": "mantener", "duracion": "mantener",
	"segundos": "segundo", "seg": "segundo", "segs": "segundo",
	"repeticiones": "repeticion", "repes": "repeticion", "reps": "repeticion", "series": "repeticion",
	"serie": "repeticion", "repito": "repeticion", "repetir": "repeticion", "rondas": "repeticion",
	"postura": "postura", "posturas": "postura", "posicion": "postura", "posiciones": "postura",
	"pose": "postura", "poses": "postura",
	// how hard
	"forzar": "forzar", "fuerzo": "forzar", "forzando": "forzar", "intensidad": "forzar",
	"intenso": "forzar", "apretar": "forzar", "aprieto": "forzar", "empujar": "forzar",
	"empujo": "forzar", "exigir": "forzar", "exigirme": "forzar", "limite": "forzar",
	// worse and harm
	"empeorar": "peor", "empeora": "peor", "empeore": "peor", "empeoren": "peor", "empeorando": "peor",
	"agravar": "peor", "agrave": "peor", "agraven": "peor", "agrava": "peor", "contraproducente": "peor",
	"daño": "daño", "dano": "daño", "dañar": "daño", "danar": "daño", "lesion": "daño",
	"lesionar": "daño", "lesionarme": "daño", "perjudicial": "daño", "perjudicar": "daño",
	"perjudica": "daño", "peligroso": "daño", "peligrosa": "daño", "riesgo": "daño",
	"arriesgado": "daño", "lastimar": "daño", "lastimarme": "daño", "lastima": "daño",
	"lastime": "daño", "lastimado": "daño", "lesionarse": "daño", "jorobar": "daño", "malo": "daño", "mala": "daño", "fastidiar": "daño",
	// relief and results
	"alivio": "mejoria", "aliviar": "mejoria", "alivia": "mejoria", "alivian": "mejoria",
	"mejorar": "mejoria", "mejoro": "mejoria", "mejora": "mejoria", "resultado": "mejoria",
	"resultados": "mejoria", "efecto": "mejoria", "efectos": "mejoria", "cambio": "mejoria",
	"diferencia": "mejoria", "mejorias": "mejoria",
	"frecuentemente": "frecuencia", "seguido": "frecuencia",
	// "horas" is a duration ("muchas horas sentado"); the time of day is
	// "momento" (see esPhrases: "a qué hora").
	"horas": "rato", "ratos": "rato",
	"tarda": "tardar", "tardan": "tardar", "tardare": "tardar", "demora": "tardar", "demoran": "tardar",
	// short plurals the stemmer leaves alone
	"semanas": "semana", "dias": "dia", "meses": "mes", "veces": "vez", "pies": "pie",
	// cure
	"cura": "curar", "curarme": "curar", "curo": "curar", "curara": "curar", "curan": "curar",
	"solucionar": "curar", "soluciona": "curar", "solucion": "curar", "solucionan": "curar",
	"desaparecer": "curar", "desaparece": "curar", "eliminar": "curar", "elimina": "curar",
	"definitivo": "siempre", "definitiva": "siempre", "definitivamente": "siempre",
	"profundo": "profundo", "profunda": "profundo", "profundamente": "profundo", "lejos": "profundo",
	// warm-up
	"calentar": "calentar", "calentamiento": "calentar", "caliento": "calentar", "calentando": "calentar",
	"frio": "calentar", "calentarme": "calentar", "calentarse": "calentar",
	// breathing
	"respirar": "respirar", "respiracion": "respirar", "respiro": "respirar", "respira": "respirar",
	"inspirar": "respirar", "inspiro": "respirar", "espirar": "respirar", "espiro": "respirar",
	"exhalar": "respirar", "exhalo": "respirar", "inhalar": "respirar", "inhalo": "respirar",
	"aire": "respirar", "aliento": "respirar", "respirando": "respirar",
	// mistakes
	"errores": "error", "fallo": "error", "fallos": "error", "equivocar": "error",
	"equivoco": "error", "equivocarme": "error", "equivoca": "error", "equivocan": "error",
	"equivocarse": "error", "evitar": "evitar", "evito": "evitar",
	// habits
	"habito": "habito", "habitos": "habito", "costumbre": "habito", "costumbres": "habito",
	"consejo": "consejo", "consejos": "consejo", "recomendacion": "consejo", "recomendaciones": "consejo",
	"tips": "consejo", "truco": "consejo", "trucos": "consejo",
	"sentado": "sentado", "sentada": "sentado", "silla": "sentado", "escritorio": "sentado",
	"oficina": "sentado", "sedentario": "sentado", "ordenador": "sentado", "computadora": "sentado",
	"dormir": "dormir", "sueño": "dormir", "sueno": "dormir", "duermo": "dormir",
	"agua": "agua", "hidratacion": "agua", "hidratarme": "agua", "beber": "agua",
	"comer": "proteina", "comida": "proteina", "alimentacion": "proteina", "dieta": "proteina",
	"proteinas": "proteina", "alimentos": "proteina",
	// PNF and AIS
	"pnf": "fnp", "fnp": "fnp", "facilitacion": "fnp", "neuromuscular": "fnp", "propioceptiva": "fnp",
	"ais": "ais", "aislado": "ais", "aislados": "ais",
	"contraer": "contraer", "contraccion": "contraer", "contraigo": "contraer", "tensar": "contraer",
	"contrayendo": "contraer", "contrae": "contraer", "contraes": "contraer", "tensando": "contraer",
	"contracciones": "contraer",
	"tenso":         "rigido", "tensos": "rigido", "tensa": "rigido", "tensas": "rigido",
	// stiffness
	"rigido": "rigido", "rigida": "rigido", "rigidez": "rigido", "tieso": "rigido", "tiesa": "rigido",
	"agarrotado": "rigido", "agarrotada": "rigido", "agarrotamiento": "rigido", "duro": "rigido",
	"duros": "rigido", "durisimos": "rigido", "durisimo": "rigido", "contracturado": "rigido",
	"contractura": "rigido", "contracturas": "rigido", "tirante": "rigido", "tirantes": "rigido",
	"acortados": "rigido", "acortado": "rigido", "cortos": "rigido", "cargados": "rigido",
	"cargado": "rigido", "rigidos": "rigido",
	// enough, instead
	"suficiente": "suficiente", "basta": "suficiente", "bastar": "suficiente", "alcanza": "suficiente",
	"alcanzar": "suficiente", "sobra": "suficiente",
	"sustituir": "envez", "sustituye": "envez", "reemplazar": "envez", "reemplaza": "envez",
	"cambiar": "envez",
	// benefits and how it works
	"beneficio": "beneficio", "beneficios": "beneficio", "ventajas": "beneficio", "consigo": "beneficio", "conseguir": "beneficio", "aporta": "beneficio",
	"aportan": "beneficio", "funciona": "funcionar",
	"funcionan": "funcionar", "funcione": "funcionar",
}

// esPhrases are multi-word Spanish expressions with one meaning here,
// matched on stems; "" drops the expression.
var esPhrases = map[string]string{
	"por que":            "porque",
	"para que":           "paraque",
	"todos los dias":     "diario",
	"cada dia":           "diario",
	"a diario":           "diario",
	"que tan seguido":    "frecuencia",
	"tan seguido":        "frecuencia",
	"a menudo":           "frecuencia",
	"cada cuantos dias":  "frecuencia",
	"cada cuanto":        "frecuencia",
	"con que frecuencia": "frecuencia",
	"cuantas veces":      "frecuencia",

	"antes de dormir":               "noche",
	"antes de acostarme":            "noche",
	"antes de ir a la cama":         "noche",
	"antes de irme a la cama":       "noche",
	"al acostarme":                  "noche",
	"irme a dormir":                 "noche",
	"al despertar":                  "mañana",
	"al despertarme":                "mañana",
	"al levantarme":                 "mañana",
	"al levantarse":                 "mañana",
	"recien levantado":              "mañana",
	"nada mas levantarme":           "mañana",
	"momento del dia":               "momento",
	"a que hora":                    "momento",
	"que hora":                      "momento",
	"mejor hora":                    "momento",
	"hora del dia":                  "momento",
	"hora ideal":                    "momento",
	"guardar cama":                  "reposo",
	"en la cama":                    "reposo",
	"en cama":                       "reposo",
	"parte de atras del muslo":      "isquiotibial",
	"parte de atras de los muslos":  "isquiotibial",
	"parte trasera del muslo":       "isquiotibial",
	"parte trasera de los muslos":   "isquiotibial",
	"parte posterior del muslo":     "isquiotibial",
	"parte posterior de los muslos": "isquiotibial",
	"zona lumbar":                   "espalda",
	"espalda baja":                  "espalda",
	"parte baja de la espalda":      "espalda",
	"en frio":                       "calentar",
	"entrar en calor":               "calentar",
	"de la noche a la mañana":       "enseguida",
	"para siempre":                  "siempre",
	"del todo":                      "siempre",
	"en vez de":                     "envez",
	"en lugar de":                   "envez",
	"pruebas de imagen":             "resonancia",
	"rayos x":                       "resonancia",
	"estilo de vida":                "habito",
	"dia a dia":                     "habito",
	"contraer y relajar":            "contraer",
	"tensar y relajar":              "contraer",
	"contraccion relajacion":        "contraer",
	"hace falta":                    "necesitar",
	"que tan fuerte":                "forzar",
	"como de fuerte":                "forzar",
	"gato vaca":                     "gatovaca",
	"hacer efecto":                  "mejoria",
	"hagan efecto":                  "mejoria",
	"sacar aire":                    "respirar",
	"soltar el aire":                "respirar",
	"coger aire":                    "respirar",
	"tomar aire":                    "respirar",
	"que no debo":                   "evitar",
	"que no deberia":                "evitar",
	"que no hay que":                "evitar",
	"que no tengo que":              "evitar",
	"que no se debe":                "evitar",
	"que no conviene":               "evitar",
	"haciendo mal":                  "error",
	"hago mal":                      "error",
	"hacerlo mal":                   "error",
	"hacer mal":                     "error",
	"estirando mal":                 "error",
	"estiro mal":                    "error",
	"aparte de":                     "ademas",
	"ademas de":                     "ademas",
	"que mas":                       "ademas",
	"algo mas":                      "ademas",
	"otras cosas":                   "ademas",
	"fuera de":                      "ademas",
	"de que manera":                 "como",
	"de que forma":                  "como",
	"de que modo":                   "como",
	"cuanto mas":                    "masmas",
	"mientras mas":                  "masmas",
	"entre mas":                     "masmas",
	"tiene que doler":               "forzar",
	"debe doler":                    "forzar",
	"deberia doler":                 "forzar",
	"hasta que duela":               "forzar",
	"hasta que me duela":            "forzar",
	"hasta el dolor":                "forzar",
	"hasta sentir dolor":            "forzar",
	"hasta notar dolor":             "forzar",
	"si no duele":                   "forzar",
	"voy a dormir":                  "",
	"me voy a la cama":              "",
	"me voy a acostar":              "",
	"tu dia":                        "",
	"como te va":                    "",
	"buenos dias":                   "",
	"buenas tardes":                 "",
	"buenas noches":                 "",
	"que tal":                       "",
	"como estas":                    "",
}

// esInScope are canonical words (after esSynonyms) that keep a Spanish
// message in the bot's domain even when it also names something out of
// scope.
var esInScope = set(`
espalda estirar ejercicio rutina postura yoga disco isquiotibial cadera caderas gluteo gluteos
pecho puente gato vaca caminar faja
`)

// esOutOfScope are canonical words that put a Spanish message outside
// what the FAQ covers: medicines and doses, other joints, the weather,
// small talk, requests for the bot's internals.
var esOutOfScope = set(`
ibuprofeno paracetamol naproxeno codeina tramadol aspirina diclofenaco gabapentina pregabalina
morfina enantyum nolotil metamizol dexketoprofeno voltaren ibuprofenos
pastilla pastillas comprimido comprimidos capsula capsulas pildora pildoras mg miligramos dosis
medicamento medicamentos medicacion farmaco farmacos antibiotico antibioticos
antiinflamatorio antiinflamatorios analgesico analgesicos receta recetas
rodilla rodillas hombro hombros cuello codo codos muñeca muñecas muneca munecas dedo dedos
mandibula cabeza jaqueca migraña migrana tobillo tobillos muela muelas diente dientes oido oidos
ojo ojos estomago garganta tendinitis esguince
token tokens contraseña contraseñas contrasena contrasenas clave claves api prompt instrucciones
admin administrador sql configuracion secreto secretos credenciales sudo script usuarios hackear
jailbreak comando comandos
clima lluvia llover llueve lloviendo soleado pronostico temperatura nublado sol nieve nevar
politica politico politicos elecciones gobierno religion noticias economia
futbol bitcoin cripto pelicula peli chiste poema receta paella cena almuerzo desayuno pizza
traduce traducir traduccion ingles frances deberes capital
diabetes colesterol asma acne gripe covid vacuna alergia resaca
cafe alcohol cerveza vino platano calorias chocolate vitamina vitaminas
perro perros mascota veterinario zapatillas zapatos
`)

// esOutOfScopePhrases are expressions that do the same as esOutOfScope.
var esOutOfScopePhrases = set2(
	"tiempo hace", "hace frio", "hace calor", "que hora", "hora es", "tension alta", "presion arterial", "azucar en sangre",
	"base de datos", "inteligencia artificial", "codigo fuente", "pideme cita", "reservame cita",
	"bajar de peso", "perder peso", "el partido", "del partido",
)

// esCommonWords are everyday Spanish words that are never treated as
// misspellings of a vocabulary word.
var esCommonWords = set(`
esperar espero espera esperando pensar pienso creer creo parecer parece llamar llamo
mover moverse muevo mueve movimiento sentir siento notar noto saber conocer
casa trabajo trabajar coche perro gato familia hijo hija hijos madre padre amigo amiga
ayer mañana semana lunes martes miercoles jueves viernes sabado domingo enero febrero
marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
comer comida cenar beber dormir salir llegar pasar poner tomar dejar llevar seguir
mundo pais ciudad calle tienda dinero precio mesa puerta ventana
`)
