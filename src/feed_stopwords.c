
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The language side of the keyword learner: decoding raw HTML text into
 * code points, what a word's key is, stop words, case folding.
 */


#include "feed_keywords.h"
#include "feed_stopwords.h"


#define feed_kw_alnum(c)                                                      \
    (((c) >= '0' && (c) <= '9') || (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z'))
#define feed_kw_hex(c)                                                        \
    (((c) >= '0' && (c) <= '9') || (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'f'))


typedef struct {
    const char *const   *words;
    size_t               n;
} feed_stopwords_t;


typedef struct {
    const char          *name;
    uint32_t             c;
} feed_kw_entity_t;


/*
 * Code points lo to hi (every one, or every other one with step 2) fold
 * to themselves plus delta: the simple case folding of Unicode 14.0
 * (statuses C and S of CaseFolding.txt, 1,454 code points), the version
 * of PCRE2 10.42's tables.
 */

typedef struct {
    uint32_t             lo;
    uint32_t             hi;
    int32_t              delta;
    uint32_t             step;
} feed_kw_fold_t;


static int feed_kw_decode_utf8(feed_kw_dec_t *d, feed_uchar_t c);


/* stop words, in key form */

static const char *const  feed_stopwords_en[] = {
    "about", "above", "accept", "account", "after", "again", "against", "all",
    "also", "among", "and", "another", "any", "anyone", "anything", "are",
    "aren't", "around", "away", "back", "became", "because", "become",
    "becomes", "been", "before", "being", "below", "between", "both", "but",
    "can't", "cancel", "cannot", "cart", "click", "close", "comment",
    "comments", "conditions", "contact", "content", "continue", "cookie",
    "cookies", "copyright", "could", "couldn't", "did", "didn't", "does",
    "doesn't", "doing", "don't", "done", "down", "during", "each", "either",
    "else", "email", "enable", "etc", "even", "ever", "every", "faq", "few",
    "follow", "for", "from", "further", "get", "gets", "getting", "give",
    "given", "goes", "going", "gone", "got", "had", "hadn't", "has", "hasn't",
    "have", "haven't", "having", "help", "her", "here", "here's", "hers",
    "herself", "hide", "him", "himself", "his", "home", "how", "how's",
    "however", "i'd", "i'll", "i'm", "i've", "into", "isn't", "it's", "its",
    "itself", "javascript", "just", "keep", "know", "last", "less", "let",
    "let's", "like", "loading", "login", "logout", "made", "main", "make",
    "makes", "many", "may", "maybe", "menu", "might", "mine", "more", "most",
    "much", "must", "mustn't", "myself", "navigation", "need", "never",
    "newsletter", "next", "none", "nor", "not", "nothing", "now", "off",
    "often", "once", "one", "only", "onto", "other", "others", "otherwise",
    "ought", "our", "ours", "ourselves", "out", "over", "own", "page", "per",
    "perhaps", "policy", "posted", "powered", "prev", "previous", "privacy",
    "put", "quite", "rather", "read", "really", "register", "related",
    "reply", "reserved", "rights", "said", "same", "say", "says", "search",
    "see", "seem", "seemed", "seems", "several", "shall", "shan't", "share",
    "she", "she'd", "she'll", "she's", "should", "shouldn't", "show", "sign",
    "signin", "signup", "since", "skip", "some", "something", "still",
    "submit", "subscribe", "such", "take", "terms", "than", "thanks", "that",
    "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
    "there's", "these", "they", "they'd", "they'll", "they're", "they've",
    "thing", "things", "this", "those", "though", "through", "thus",
    "together", "toggle", "too", "took", "top", "toward", "towards", "tweet",
    "two", "under", "until", "upon", "use", "used", "uses", "using", "very",
    "via", "view", "want", "was", "wasn't", "way", "ways", "we'd", "we'll",
    "we're", "we've", "website", "welcome", "well", "went", "were", "weren't",
    "what", "what's", "whatever", "when", "when's", "where", "where's",
    "whether", "which", "while", "who", "who's", "whom", "whose", "why",
    "why's", "will", "with", "within", "without", "won't", "would",
    "wouldn't", "yes", "yet", "you", "you'd", "you'll", "you're", "you've",
    "your", "yours", "yourself", "yourselves",
};

static const char *const  feed_stopwords_fr[] = {
    "accueil", "ainsi", "alors", "après", "aucun", "aurait", "aussi",
    "autant", "autre", "autres", "aux", "avaient", "avait", "avant", "avec",
    "avez", "avoir", "avons", "beaucoup", "bon", "car", "ceci", "cela",
    "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chaque",
    "chez", "comme", "comment", "commentaire", "commentaires",
    "confidentialité", "connexion", "dans", "depuis", "des", "donc", "dont",
    "déjà", "elle", "elles", "encore", "entre", "est", "eux", "faire", "fait",
    "fermer", "fois", "font", "hors", "ici", "ils", "inscription", "jamais",
    "juste", "les", "leur", "leurs", "lire", "lors", "lui", "légales", "mais",
    "mentions", "mes", "moi", "moins", "mon", "même", "mêmes", "nos", "notre",
    "nous", "ont", "par", "parce", "partager", "pas", "peu", "peut", "plus",
    "pour", "pourquoi", "puis", "quand", "que", "quel", "quelle", "quelles",
    "quelque", "quelques", "quels", "qui", "quoi", "recherche", "rechercher",
    "rien", "sans", "selon", "sera", "serait", "seront", "ses", "seulement",
    "sinon", "son", "sont", "sous", "suis", "suite", "sur", "tandis", "tant",
    "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "trop", "très",
    "une", "vers", "voici", "voilà", "vos", "votre", "vous", "étaient",
    "était", "étant", "été", "être",
};

static const char *const  feed_stopwords_de[] = {
    "aber", "abmelden", "alle", "allem", "allen", "aller", "alles", "als",
    "also", "ander", "andere", "anderem", "anderen", "anderer", "anderes",
    "anders", "anmelden", "auch", "auf", "aus", "bei", "beim", "bin", "bis",
    "bist", "damit", "dann", "das", "dass", "datenschutz", "daß", "dein",
    "deine", "dem", "den", "denn", "der", "des", "dich", "die", "dies",
    "diese", "diesem", "diesen", "dieser", "dieses", "dir", "doch", "dort",
    "durch", "ein", "eine", "einem", "einen", "einer", "eines", "einige",
    "einigen", "einiges", "einmal", "euch", "euer", "eure", "für", "gegen",
    "gewesen", "habe", "haben", "hat", "hatte", "hatten", "hier", "hin",
    "hinter", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren",
    "ihrer", "ihres", "impressum", "indem", "ins", "ist", "jede", "jedem",
    "jeden", "jeder", "jedes", "jene", "jenem", "jenen", "jener", "jenes",
    "jetzt", "kann", "kein", "keine", "keinem", "keinen", "keiner", "keines",
    "kommentare", "kontakt", "können", "könnte", "machen", "man", "manche",
    "mehr", "mein", "meine", "meinem", "meinen", "meiner", "meines", "mich",
    "mir", "mit", "muss", "musste", "nach", "nicht", "nichts", "noch", "nun",
    "nur", "oder", "ohne", "sehr", "sein", "seine", "seinem", "seinen",
    "seiner", "seines", "selbst", "sich", "sie", "sind", "solche", "soll",
    "sollte", "sondern", "sonst", "startseite", "suche", "teilen", "und",
    "uns", "unser", "unsere", "unter", "viel", "vom", "von", "vor", "war",
    "waren", "warst", "was", "weg", "weil", "weiter", "weiterlesen", "welche",
    "welchem", "welchen", "welcher", "welches", "wenn", "werde", "werden",
    "wie", "wieder", "will", "wir", "wird", "wirst", "wollen", "wollte",
    "während", "würde", "würden", "zum", "zur", "zwar", "zwischen", "über",
};

static const char *const  feed_stopwords_es[] = {
    "algo", "algunas", "algunos", "ante", "antes", "aquí", "así", "aunque",
    "bien", "buscar", "búsqueda", "cada", "comentarios", "como", "compartir",
    "con", "contacto", "contra", "cual", "cuando", "cuál", "cómo", "del",
    "desde", "donde", "durante", "dónde", "ella", "ellas", "ellos", "entre",
    "era", "eran", "eres", "esa", "esas", "ese", "eso", "esos", "esta",
    "estaba", "estado", "estamos", "estar", "estas", "este", "esto", "estos",
    "estoy", "están", "fue", "fueron", "gran", "había", "hace", "hacer",
    "hacia", "han", "has", "hasta", "hay", "iniciar", "inicio", "las", "leer",
    "los", "menos", "mientras", "mis", "misma", "mismo", "mucho", "muchos",
    "muy", "más", "nada", "nos", "nosotras", "nosotros", "nuestra",
    "nuestras", "nuestro", "nuestros", "otra", "otras", "otro", "otros",
    "para", "pero", "poco", "por", "porque", "privacidad", "puede", "pueden",
    "que", "quien", "quienes", "qué", "sea", "ser", "será", "sesión", "sido",
    "siempre", "sin", "sobre", "solo", "son", "sus", "sólo", "también", "tan",
    "tanto", "tener", "tiene", "tienen", "toda", "todas", "todo", "todos",
    "tus", "una", "uno", "unos", "usted", "ustedes", "vosotras", "vosotros",
    "vuestra", "vuestro",
};

#define feed_stopwords_table(t)  { t, sizeof(t) / sizeof(t[0]) }

static const feed_stopwords_t  feed_stopwords[] = {
    feed_stopwords_table(feed_stopwords_en),
    feed_stopwords_table(feed_stopwords_fr),
    feed_stopwords_table(feed_stopwords_de),
    feed_stopwords_table(feed_stopwords_es)
};


/* names of U+00A0 to U+00FF */

static const char *const  feed_kw_latin1[] = {
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect",
    "uml", "copy", "ordf", "laquo", "not", "shy", "reg", "macr", "deg",
    "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot", "cedil",
    "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig",
    "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
    "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde",
    "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml",
    "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml",
    "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve", "oacute",
    "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute",
    "ucirc", "uuml", "yacute", "thorn", "yuml"
};


static const feed_kw_entity_t  feed_kw_entities[] = {
    { "amp", '&' }, { "AMP", '&' }, { "lt", '<' }, { "LT", '<' },
    { "gt", '>' }, { "GT", '>' }, { "quot", '"' }, { "QUOT", '"' },
    { "apos", '\'' }, { "COPY", 0xa9 }, { "REG", 0xae },
    { "OElig", 0x152 }, { "oelig", 0x153 }, { "Scaron", 0x160 },
    { "scaron", 0x161 }, { "Yuml", 0x178 }, { "fnof", 0x192 },
    { "circ", 0x2c6 }, { "tilde", 0x2dc }, { "ensp", 0x2002 },
    { "emsp", 0x2003 }, { "thinsp", 0x2009 }, { "zwnj", 0x200c },
    { "zwj", 0x200d }, { "lrm", 0x200e }, { "rlm", 0x200f },
    { "hyphen", 0x2010 }, { "ndash", 0x2013 }, { "mdash", 0x2014 },
    { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a },
    { "ldquo", 0x201c }, { "rdquo", 0x201d }, { "bdquo", 0x201e },
    { "dagger", 0x2020 }, { "Dagger", 0x2021 }, { "bull", 0x2022 },
    { "hellip", 0x2026 }, { "permil", 0x2030 }, { "prime", 0x2032 },
    { "Prime", 0x2033 }, { "lsaquo", 0x2039 }, { "rsaquo", 0x203a },
    { "oline", 0x203e }, { "euro", 0x20ac }, { "trade", 0x2122 }
};


/* what &#128; to &#159; mean (windows-1252); 0: a control character */

static const uint16_t  feed_kw_cp1252[] = {
    0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
    0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178
};


static const feed_kw_fold_t  feed_kw_folds[] = {
    { 0x0041, 0x005a, 32, 1 }, { 0x00b5, 0x00b5, 775, 1 },
    { 0x00c0, 0x00d6, 32, 1 }, { 0x00d8, 0x00de, 32, 1 },
    { 0x0100, 0x012e, 1, 2 }, { 0x0132, 0x0136, 1, 2 },
    { 0x0139, 0x0147, 1, 2 }, { 0x014a, 0x0176, 1, 2 },
    { 0x0178, 0x0178, -121, 1 }, { 0x0179, 0x017d, 1, 2 },
    { 0x017f, 0x017f, -268, 1 }, { 0x0181, 0x0181, 210, 1 },
    { 0x0182, 0x0184, 1, 2 }, { 0x0186, 0x0186, 206, 1 },
    { 0x0187, 0x0187, 1, 1 }, { 0x0189, 0x018a, 205, 1 },
    { 0x018b, 0x018b, 1, 1 }, { 0x018e, 0x018e, 79, 1 },
    { 0x018f, 0x018f, 202, 1 }, { 0x0190, 0x0190, 203, 1 },
    { 0x0191, 0x0191, 1, 1 }, { 0x0193, 0x0193, 205, 1 },
    { 0x0194, 0x0194, 207, 1 }, { 0x0196, 0x0196, 211, 1 },
    { 0x0197, 0x0197, 209, 1 }, { 0x0198, 0x0198, 1, 1 },
    { 0x019c, 0x019c, 211, 1 }, { 0x019d, 0x019d, 213, 1 },
    { 0x019f, 0x019f, 214, 1 }, { 0x01a0, 0x01a4, 1, 2 },
    { 0x01a6, 0x01a6, 218, 1 }, { 0x01a7, 0x01a7, 1, 1 },
    { 0x01a9, 0x01a9, 218, 1 }, { 0x01ac, 0x01ac, 1, 1 },
    { 0x01ae, 0x01ae, 218, 1 }, { 0x01af, 0x01af, 1, 1 },
    { 0x01b1, 0x01b2, 217, 1 }, { 0x01b3, 0x01b5, 1, 2 },
    { 0x01b7, 0x01b7, 219, 1 }, { 0x01b8, 0x01b8, 1, 1 },
    { 0x01bc, 0x01bc, 1, 1 }, { 0x01c4, 0x01c4, 2, 1 },
    { 0x01c5, 0x01c5, 1, 1 }, { 0x01c7, 0x01c7, 2, 1 },
    { 0x01c8, 0x01c8, 1, 1 }, { 0x01ca, 0x01ca, 2, 1 },
    { 0x01cb, 0x01db, 1, 2 }, { 0x01de, 0x01ee, 1, 2 },
    { 0x01f1, 0x01f1, 2, 1 }, { 0x01f2, 0x01f4, 1, 2 },
    { 0x01f6, 0x01f6, -97, 1 }, { 0x01f7, 0x01f7, -56, 1 },
    { 0x01f8, 0x021e, 1, 2 }, { 0x0220, 0x0220, -130, 1 },
    { 0x0222, 0x0232, 1, 2 }, { 0x023a, 0x023a, 10795, 1 },
    { 0x023b, 0x023b, 1, 1 }, { 0x023d, 0x023d, -163, 1 },
    { 0x023e, 0x023e, 10792, 1 }, { 0x0241, 0x0241, 1, 1 },
    { 0x0243, 0x0243, -195, 1 }, { 0x0244, 0x0244, 69, 1 },
    { 0x0245, 0x0245, 71, 1 }, { 0x0246, 0x024e, 1, 2 },
    { 0x0345, 0x0345, 116, 1 }, { 0x0370, 0x0372, 1, 2 },
    { 0x0376, 0x0376, 1, 1 }, { 0x037f, 0x037f, 116, 1 },
    { 0x0386, 0x0386, 38, 1 }, { 0x0388, 0x038a, 37, 1 },
    { 0x038c, 0x038c, 64, 1 }, { 0x038e, 0x038f, 63, 1 },
    { 0x0391, 0x03a1, 32, 1 }, { 0x03a3, 0x03ab, 32, 1 },
    { 0x03c2, 0x03c2, 1, 1 }, { 0x03cf, 0x03cf, 8, 1 },
    { 0x03d0, 0x03d0, -30, 1 }, { 0x03d1, 0x03d1, -25, 1 },
    { 0x03d5, 0x03d5, -15, 1 }, { 0x03d6, 0x03d6, -22, 1 },
    { 0x03d8, 0x03ee, 1, 2 }, { 0x03f0, 0x03f0, -54, 1 },
    { 0x03f1, 0x03f1, -48, 1 }, { 0x03f4, 0x03f4, -60, 1 },
    { 0x03f5, 0x03f5, -64, 1 }, { 0x03f7, 0x03f7, 1, 1 },
    { 0x03f9, 0x03f9, -7, 1 }, { 0x03fa, 0x03fa, 1, 1 },
    { 0x03fd, 0x03ff, -130, 1 }, { 0x0400, 0x040f, 80, 1 },
    { 0x0410, 0x042f, 32, 1 }, { 0x0460, 0x0480, 1, 2 },
    { 0x048a, 0x04be, 1, 2 }, { 0x04c0, 0x04c0, 15, 1 },
    { 0x04c1, 0x04cd, 1, 2 }, { 0x04d0, 0x052e, 1, 2 },
    { 0x0531, 0x0556, 48, 1 }, { 0x10a0, 0x10c5, 7264, 1 },
    { 0x10c7, 0x10c7, 7264, 1 }, { 0x10cd, 0x10cd, 7264, 1 },
    { 0x13f8, 0x13fd, -8, 1 }, { 0x1c80, 0x1c80, -6222, 1 },
    { 0x1c81, 0x1c81, -6221, 1 }, { 0x1c82, 0x1c82, -6212, 1 },
    { 0x1c83, 0x1c84, -6210, 1 }, { 0x1c85, 0x1c85, -6211, 1 },
    { 0x1c86, 0x1c86, -6204, 1 }, { 0x1c87, 0x1c87, -6180, 1 },
    { 0x1c88, 0x1c88, 35267, 1 }, { 0x1c90, 0x1cba, -3008, 1 },
    { 0x1cbd, 0x1cbf, -3008, 1 }, { 0x1e00, 0x1e94, 1, 2 },
    { 0x1e9b, 0x1e9b, -58, 1 }, { 0x1e9e, 0x1e9e, -7615, 1 },
    { 0x1ea0, 0x1efe, 1, 2 }, { 0x1f08, 0x1f0f, -8, 1 },
    { 0x1f18, 0x1f1d, -8, 1 }, { 0x1f28, 0x1f2f, -8, 1 },
    { 0x1f38, 0x1f3f, -8, 1 }, { 0x1f48, 0x1f4d, -8, 1 },
    { 0x1f59, 0x1f5f, -8, 2 }, { 0x1f68, 0x1f6f, -8, 1 },
    { 0x1f88, 0x1f8f, -8, 1 }, { 0x1f98, 0x1f9f, -8, 1 },
    { 0x1fa8, 0x1faf, -8, 1 }, { 0x1fb8, 0x1fb9, -8, 1 },
    { 0x1fba, 0x1fbb, -74, 1 }, { 0x1fbc, 0x1fbc, -9, 1 },
    { 0x1fbe, 0x1fbe, -7173, 1 }, { 0x1fc8, 0x1fcb, -86, 1 },
    { 0x1fcc, 0x1fcc, -9, 1 }, { 0x1fd8, 0x1fd9, -8, 1 },
    { 0x1fda, 0x1fdb, -100, 1 }, { 0x1fe8, 0x1fe9, -8, 1 },
    { 0x1fea, 0x1feb, -112, 1 }, { 0x1fec, 0x1fec, -7, 1 },
    { 0x1ff8, 0x1ff9, -128, 1 }, { 0x1ffa, 0x1ffb, -126, 1 },
    { 0x1ffc, 0x1ffc, -9, 1 }, { 0x2126, 0x2126, -7517, 1 },
    { 0x212a, 0x212a, -8383, 1 }, { 0x212b, 0x212b, -8262, 1 },
    { 0x2132, 0x2132, 28, 1 }, { 0x2160, 0x216f, 16, 1 },
    { 0x2183, 0x2183, 1, 1 }, { 0x24b6, 0x24cf, 26, 1 },
    { 0x2c00, 0x2c2f, 48, 1 }, { 0x2c60, 0x2c60, 1, 1 },
    { 0x2c62, 0x2c62, -10743, 1 }, { 0x2c63, 0x2c63, -3814, 1 },
    { 0x2c64, 0x2c64, -10727, 1 }, { 0x2c67, 0x2c6b, 1, 2 },
    { 0x2c6d, 0x2c6d, -10780, 1 }, { 0x2c6e, 0x2c6e, -10749, 1 },
    { 0x2c6f, 0x2c6f, -10783, 1 }, { 0x2c70, 0x2c70, -10782, 1 },
    { 0x2c72, 0x2c72, 1, 1 }, { 0x2c75, 0x2c75, 1, 1 },
    { 0x2c7e, 0x2c7f, -10815, 1 }, { 0x2c80, 0x2ce2, 1, 2 },
    { 0x2ceb, 0x2ced, 1, 2 }, { 0x2cf2, 0x2cf2, 1, 1 },
    { 0xa640, 0xa66c, 1, 2 }, { 0xa680, 0xa69a, 1, 2 },
    { 0xa722, 0xa72e, 1, 2 }, { 0xa732, 0xa76e, 1, 2 },
    { 0xa779, 0xa77b, 1, 2 }, { 0xa77d, 0xa77d, -35332, 1 },
    { 0xa77e, 0xa786, 1, 2 }, { 0xa78b, 0xa78b, 1, 1 },
    { 0xa78d, 0xa78d, -42280, 1 }, { 0xa790, 0xa792, 1, 2 },
    { 0xa796, 0xa7a8, 1, 2 }, { 0xa7aa, 0xa7aa, -42308, 1 },
    { 0xa7ab, 0xa7ab, -42319, 1 }, { 0xa7ac, 0xa7ac, -42315, 1 },
    { 0xa7ad, 0xa7ad, -42305, 1 }, { 0xa7ae, 0xa7ae, -42308, 1 },
    { 0xa7b0, 0xa7b0, -42258, 1 }, { 0xa7b1, 0xa7b1, -42282, 1 },
    { 0xa7b2, 0xa7b2, -42261, 1 }, { 0xa7b3, 0xa7b3, 928, 1 },
    { 0xa7b4, 0xa7c2, 1, 2 }, { 0xa7c4, 0xa7c4, -48, 1 },
    { 0xa7c5, 0xa7c5, -42307, 1 }, { 0xa7c6, 0xa7c6, -35384, 1 },
    { 0xa7c7, 0xa7c9, 1, 2 }, { 0xa7d0, 0xa7d0, 1, 1 },
    { 0xa7d6, 0xa7d8, 1, 2 }, { 0xa7f5, 0xa7f5, 1, 1 },
    { 0xab70, 0xabbf, -38864, 1 }, { 0xff21, 0xff3a, 32, 1 },
    { 0x10400, 0x10427, 40, 1 }, { 0x104b0, 0x104d3, 40, 1 },
    { 0x10570, 0x1057a, 39, 1 }, { 0x1057c, 0x1058a, 39, 1 },
    { 0x1058c, 0x10592, 39, 1 }, { 0x10594, 0x10595, 39, 1 },
    { 0x10c80, 0x10cb2, 64, 1 }, { 0x118a0, 0x118bf, 32, 1 },
    { 0x16e40, 0x16e5f, 32, 1 }, { 0x1e900, 0x1e921, 34, 1 },
};


const char *
feed_stopword_at(size_t i)
{
    size_t  t;

    for (t = 0; t < sizeof(feed_stopwords) / sizeof(feed_stopwords[0]); t++) {

        if (i < feed_stopwords[t].n) {
            return feed_stopwords[t].words[i];
        }

        i -= feed_stopwords[t].n;
    }

    return NULL;
}


uint32_t
feed_kw_entity(const feed_uchar_t *name, size_t len)
{
    size_t       i;
    const char  *s;

    for (i = 0; i < sizeof(feed_kw_latin1) / sizeof(feed_kw_latin1[0]); i++) {
        s = feed_kw_latin1[i];

        if (s[0] == name[0] && strlen(s) == len && memcmp(s, name, len) == 0) {
            return 0xa0 + i;
        }
    }

    for (i = 0; i < sizeof(feed_kw_entities) / sizeof(feed_kw_entities[0]);
         i++)
    {
        s = feed_kw_entities[i].name;

        if (s[0] == name[0] && strlen(s) == len && memcmp(s, name, len) == 0) {
            return feed_kw_entities[i].c;
        }
    }

    return ' ';
}


uint32_t
feed_kw_numeric(uint32_t c)
{
    if (c >= 0x80 && c <= 0x9f) {
        c = feed_kw_cp1252[c - 0x80];
    }

    if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return ' ';
    }

    return c;
}


void
feed_kw_decode_init(feed_kw_dec_t *d)
{
    d->state = FEED_KW_S_TEXT;
    d->need = 0;
}


/*
 * One input byte: the code points it completes into out, their number.
 * An invalid UTF-8 sequence is a separator, ' ', and the byte that
 * showed it starts anew.
 */

size_t
feed_kw_decode(feed_kw_dec_t *d, feed_uchar_t c, uint32_t *out)
{
    size_t  n;

    n = 0;

    for ( ;; ) {

        if (d->need) {

            if (c >= d->lo && c <= d->hi) {
                d->cp = (d->cp << 6) | (c & 0x3f);
                d->lo = 0x80;
                d->hi = 0xbf;

                if (--d->need == 0) {
                    out[n++] = d->cp;
                }

                return n;
            }

            d->need = 0;
            out[n++] = ' ';
            continue;
        }

        switch (d->state) {

        case FEED_KW_S_TEXT:

            if (c == '&') {
                d->state = FEED_KW_S_AMP;

            } else if (c < 0x80) {
                out[n++] = c;

            } else if (feed_kw_decode_utf8(d, c) != FEED_OK) {
                out[n++] = ' ';
            }

            return n;

        case FEED_KW_S_AMP:

            if (c == '#') {
                d->state = FEED_KW_S_HASH;
                return n;
            }

            if (feed_kw_alnum(c)) {
                d->name[0] = c;
                d->nlen = 1;
                d->state = FEED_KW_S_NAME;
                return n;
            }

            break;

        case FEED_KW_S_NAME:

            if (feed_kw_alnum(c) && d->nlen < FEED_KW_NAME_MAX) {
                d->name[d->nlen++] = c;
                return n;
            }

            if (c == ';') {
                /* a known reference, or an unknown one: a separator */
                d->state = FEED_KW_S_TEXT;
                out[n++] = feed_kw_entity(d->name, d->nlen);
                return n;
            }

            break;

        case FEED_KW_S_HASH:

            if (c == 'x' || c == 'X') {
                d->name[0] = c;
                d->code = 0;
                d->ndigits = 0;
                d->state = FEED_KW_S_HEX;
                return n;
            }

            if (c >= '0' && c <= '9') {
                d->code = c - '0';
                d->ndigits = 1;
                d->state = FEED_KW_S_DEC;
                return n;
            }

            break;

        case FEED_KW_S_DEC:

            if (c >= '0' && c <= '9') {

                if (d->code < 0x110000) {
                    d->code = d->code * 10 + (c - '0');
                }

                return n;
            }

            if (c == ';') {
                d->state = FEED_KW_S_TEXT;
                out[n++] = feed_kw_numeric(d->code);
                return n;
            }

            break;

        default: /* FEED_KW_S_HEX */

            if (feed_kw_hex(c)) {

                if (d->code < 0x110000) {
                    d->code = d->code * 16
                              + ((c <= '9') ? c - '0' : (c | 0x20) - 'a' + 10);
                }

                d->ndigits++;
                return n;
            }

            if (c == ';' && d->ndigits) {
                d->state = FEED_KW_S_TEXT;
                out[n++] = feed_kw_numeric(d->code);
                return n;
            }

            break;
        }

        /* the reference ends without its ";", and c starts anew */

        n += feed_kw_decode_end(d, out + n);
    }
}


/* the first byte of a UTF-8 sequence */

static int
feed_kw_decode_utf8(feed_kw_dec_t *d, feed_uchar_t c)
{
    d->lo = 0x80;
    d->hi = 0xbf;

    if (c >= 0xc2 && c <= 0xdf) {
        d->need = 1;
        d->cp = c & 0x1f;

    } else if (c >= 0xe0 && c <= 0xef) {
        d->need = 2;
        d->cp = c & 0x0f;

        if (c == 0xe0) {
            d->lo = 0xa0;           /* no overlong forms */

        } else if (c == 0xed) {
            d->hi = 0x9f;           /* no surrogates */
        }

    } else if (c >= 0xf0 && c <= 0xf4) {
        d->need = 3;
        d->cp = c & 0x07;

        if (c == 0xf0) {
            d->lo = 0x90;

        } else if (c == 0xf4) {
            d->hi = 0x8f;           /* up to U+10FFFF */
        }

    } else {
        return FEED_ERROR;
    }

    return FEED_OK;
}


/*
 * What the decoder holds when the text ends, or a character reference
 * ends without its ";": "&#65" and "&#x41" count, as in HTML; otherwise
 * "&" and "&#" are separators, and the name or the "x" after them text.
 * An unfinished UTF-8 sequence is a separator.
 */

size_t
feed_kw_decode_end(feed_kw_dec_t *d, uint32_t *out)
{
    size_t  i, n;

    n = 0;

    if (d->need) {
        d->need = 0;
        out[n++] = ' ';
    }

    switch (d->state) {

    case FEED_KW_S_TEXT:
        break;

    case FEED_KW_S_DEC:
        out[n++] = feed_kw_numeric(d->code);
        break;

    case FEED_KW_S_HEX:

        if (d->ndigits) {
            out[n++] = feed_kw_numeric(d->code);
            break;
        }

        out[n++] = ' ';
        out[n++] = d->name[0];
        break;

    case FEED_KW_S_NAME:
        out[n++] = ' ';

        for (i = 0; i < d->nlen; i++) {
            out[n++] = d->name[i];
        }

        break;

    default: /* FEED_KW_S_AMP, FEED_KW_S_HASH */
        out[n++] = ' ';
    }

    d->state = FEED_KW_S_TEXT;

    return n;
}


uint32_t
feed_kw_fold(uint32_t c)
{
    size_t                 lo, hi, mid;
    const feed_kw_fold_t  *f;

    if (c < 0x80) {
        return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
    }

    lo = 0;
    hi = sizeof(feed_kw_folds) / sizeof(feed_kw_folds[0]);

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        f = &feed_kw_folds[mid];

        if (c < f->lo) {
            hi = mid;

        } else if (c > f->hi) {
            lo = mid + 1;

        } else {
            return ((c - f->lo) % f->step) ? c
                   : (uint32_t) ((int32_t) c + f->delta);
        }
    }

    return c;
}


/*
 * The key of a word (valid UTF-8 that the pattern matched): without a
 * leading French elision ("l'", "qu'") and a trailing "'s", case folded,
 * the typographic apostrophe and hyphen made ASCII.  0 when the word is
 * no keyword: fewer than FEED_KW_CHARS_MIN characters (joiners and
 * combining diacritics U+0300-U+036F not counted), a key longer than
 * FEED_KW_WORD_MAX bytes, one character repeated, only ASCII digits.
 * Stop words are left to the caller.  *check is set when the key has no
 * ASCII letter: the caller makes sure that it has a letter at all.
 */

size_t
feed_kw_key(feed_uchar_t *key, const feed_uchar_t *p, size_t len,
    unsigned *check)
{
    size_t        i, n, klen;
    uint32_t      c, first;
    unsigned      letter, other, same;
    feed_uchar_t  *k;

    switch (feed_lowcase(p[0])) {

    case 'c': case 'd': case 'j': case 'l': case 'm': case 'n': case 's':
    case 't':
        n = 1;
        break;

    case 'q':
        n = (len > 2 && feed_lowcase(p[1]) == 'u') ? 2 : 0;
        break;

    default:
        n = 0;
    }

    if (n && len > n && p[n] == '\'') {
        p += n + 1;
        len -= n + 1;

    } else if (n && len > n + 2 && p[n] == 0xe2 && p[n + 1] == 0x80
               && p[n + 2] == 0x99)
    {
        p += n + 3;
        len -= n + 3;
    }

    if (len > 2 && feed_lowcase(p[len - 1]) == 's') {

        if (p[len - 2] == '\'') {
            len -= 2;

        } else if (len > 4 && p[len - 4] == 0xe2 && p[len - 3] == 0x80
                   && p[len - 2] == 0x99)
        {
            len -= 4;
        }
    }

    k = key;
    n = 0;
    letter = 0;
    other = 0;
    same = 1;
    first = 0;

    for (i = 0; i < len; /* void */) {

        c = p[i++];

        if (c >= 0x80) {

            if (c >= 0xf0) {
                c = (c & 0x07) << 18 | (p[i] & 0x3f) << 12
                    | (p[i + 1] & 0x3f) << 6 | (p[i + 2] & 0x3f);
                i += 3;

            } else if (c >= 0xe0) {
                c = (c & 0x0f) << 12 | (p[i] & 0x3f) << 6 | (p[i + 1] & 0x3f);
                i += 2;

            } else {
                c = (c & 0x1f) << 6 | (p[i] & 0x3f);
                i += 1;
            }

            c = (c == 0x2019) ? '\'' : (c == 0x2010) ? '-' : feed_kw_fold(c);

        } else if (c >= 'A' && c <= 'Z') {
            c |= 0x20;
        }

        if (c >= 0x300 && c <= 0x36f) {
            same = 0;

        } else if (c != '\'' && c != '-') {

            if (n++ == 0) {
                first = c;

            } else if (c != first) {
                same = 0;
            }

            if (c < 0x80) {
                letter |= (c >= 'a' && c <= 'z');

            } else {
                other = 1;
            }
        }

        if (c < 0x80 && k - key < FEED_KW_WORD_MAX) {
            *k++ = (feed_uchar_t) c;
            continue;
        }

        if ((size_t) (k - key) + feed_kw_utf8_len(c) > FEED_KW_WORD_MAX) {
            return 0;
        }

        k = feed_kw_utf8_put(k, c);
    }

    klen = k - key;

    if (n < FEED_KW_CHARS_MIN || same || (!letter && !other)) {
        return 0;
    }

    *check = !letter;

    return klen;
}


feed_uchar_t *
feed_kw_utf8_put(feed_uchar_t *p, uint32_t c)
{
    if (c < 0x80) {
        *p++ = (feed_uchar_t) c;

    } else if (c < 0x800) {
        *p++ = (feed_uchar_t) (0xc0 | (c >> 6));
        *p++ = (feed_uchar_t) (0x80 | (c & 0x3f));

    } else if (c < 0x10000) {
        *p++ = (feed_uchar_t) (0xe0 | (c >> 12));
        *p++ = (feed_uchar_t) (0x80 | ((c >> 6) & 0x3f));
        *p++ = (feed_uchar_t) (0x80 | (c & 0x3f));

    } else {
        *p++ = (feed_uchar_t) (0xf0 | (c >> 18));
        *p++ = (feed_uchar_t) (0x80 | ((c >> 12) & 0x3f));
        *p++ = (feed_uchar_t) (0x80 | ((c >> 6) & 0x3f));
        *p++ = (feed_uchar_t) (0x80 | (c & 0x3f));
    }

    return p;
}
