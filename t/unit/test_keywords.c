
/*
 * Copyright (C) ngx_feed authors
 */


#define PCRE2_CODE_UNIT_WIDTH  8

#include <stdlib.h>
#include <time.h>
#include <pcre2.h>

#include "feed_keywords.h"
#include "feed_stopwords.h"
#include "tap.h"


/*
 * Expected keywords are counted by hand from the texts: weight 5 for
 * the title, 3 for a heading, 1 for body text, ties to the word seen
 * first.  Folding pairs come from Unicode's CaseFolding.txt, entity
 * names from the HTML standard's table (as in Python's html.entities).
 */


typedef struct {
    unsigned         kind;
    const char      *text;
} seg_t;


static const feed_kw_re_t  *re;
static char                 out[65536];


static feed_kw_t *
learner(void)
{
    feed_kw_t  *kw;

    kw = feed_kw_create(re);

    if (kw == NULL) {
        printf("Bail out! feed_kw_create() failed\n");
        exit(1);
    }

    return kw;
}


static const char *
result(feed_kw_t *kw, size_t n)
{
    size_t  len;

    len = feed_kw_result(kw, n, (feed_uchar_t *) out, sizeof(out) - 1);
    out[len] = '\0';

    return out;
}


/* the text in segments of "step" bytes (0: one segment), then flushed */

static const char *
learn_mem(unsigned kind, const char *text, size_t len, size_t step, size_t n)
{
    size_t      i, m;
    feed_kw_t  *kw;

    kw = learner();

    if (step == 0) {
        step = len ? len : 1;
    }

    for (i = 0; i < len; i += m) {
        m = (len - i < step) ? len - i : step;
        feed_kw_text(kw, (const feed_uchar_t *) text + i, m, kind);
    }

    feed_kw_flush(kw);
    result(kw, n);
    feed_kw_free(kw);

    return out;
}


static const char *
learn(unsigned kind, const char *text)
{
    return learn_mem(kind, text, strlen(text), 0, 20);
}


static const char *
learn_segs(const seg_t *segs, size_t nsegs, size_t n)
{
    size_t      i;
    feed_kw_t  *kw;

    kw = learner();

    for (i = 0; i < nsegs; i++) {
        if (segs[i].kind == 0) {
            feed_kw_break(kw);

        } else {
            feed_kw_text(kw, (const feed_uchar_t *) segs[i].text,
                         strlen(segs[i].text), segs[i].kind);
        }
    }

    feed_kw_flush(kw);
    result(kw, n);
    feed_kw_free(kw);

    return out;
}


/* a text split in two at every byte, and fed a byte at a time */

static void
splits(unsigned kind, const char *text, const char *want, const char *name)
{
    char        whole[sizeof(out)];
    size_t      len, i, bad;
    feed_kw_t  *kw;

    len = strlen(text);

    is_str(learn(kind, text), want, name);
    memcpy(whole, out, sizeof(out));

    bad = 0;

    for (i = 0; i <= len; i++) {
        kw = learner();

        feed_kw_text(kw, (const feed_uchar_t *) text, i, kind);
        feed_kw_text(kw, (const feed_uchar_t *) text + i, len - i, kind);
        feed_kw_flush(kw);

        if (strcmp(result(kw, 20), whole) != 0) {
            if (bad++ == 0) {
                printf("# split at %zu: \"%s\"\n", i, out);
            }
        }

        feed_kw_free(kw);
    }

    ok(bad == 0, "%s: the same split at each of %zu positions", name,
       len + 1);

    is_str(learn_mem(kind, text, len, 1, 20), whole,
           "1-byte segments give the same");
}


static void
test_counting(void)
{
    static const seg_t  garden[] = {
        { FEED_KW_TITLE, "Gardening" },
        { FEED_KW_BODY, "tomato tomato tomato tomato gardening" }
    };

    static const seg_t  garden2[] = {
        { FEED_KW_TITLE, "Gardening" },
        { FEED_KW_BODY, "tomato tomato tomato tomato tomato tomato" }
    };

    static const seg_t  roses[] = {
        { FEED_KW_HEADING, "Roses" },
        { FEED_KW_BODY, "tulips roses tulips tulips tulips" }
    };

    static const seg_t  cache[] = {
        { FEED_KW_TITLE, "Caching with Nginx" },
        { FEED_KW_HEADING, "Why caching matters" },
        { FEED_KW_BODY, "Nginx caches responses. The NGINX cache keeps "
                        "responses on disk; nginx serves cached responses "
                        "fast." }
    };

    /* gardening 5 + 1 = 6 beats tomato 4 */
    is_str(learn_segs(garden, 2, 20), "gardening, tomato",
           "the title counts 5");

    /* tomato 6 beats gardening 5 */
    is_str(learn_segs(garden2, 2, 20), "tomato, gardening",
           "six body words outweigh one title word");

    /* roses 3 + 1 and tulips 4: a tie, and roses came first */
    is_str(learn_segs(roses, 2, 20), "roses, tulips",
           "a heading counts 3; ties go to the word seen first");

    /*
     * title: caching 5, nginx 5 ("with" is a stop word); heading:
     * caching 3, matters 3 ("why" is a stop word); body: nginx 3,
     * responses 3, and once each caches, cache, keeps, disk, serves,
     * cached, fast ("the" is a stop word, "on" too short).  caching 8
     * and nginx 8, matters 3 and responses 3: ties in order of
     * appearance.
     */
    is_str(learn_segs(cache, 3, 20),
           "caching, nginx, matters, responses, caches, cache, keeps, disk, "
           "serves, cached, fast",
           "an English page, counted by hand");

    is_str(learn_segs(cache, 3, 3), "caching, nginx, matters",
           "the top 3");

    is_str(learn(FEED_KW_BODY, "Nginx NGINX nginx NgInX"), "nginx",
           "case-insensitive: one keyword, in lower case");

    is_str(learn(FEED_KW_BODY, "the home menu search login copyright "
                 "cookies cookie privacy read more click about welcome"),
           "", "English stop words and web boilerplate");

    is_str(learn(FEED_KW_BODY, "Accueil avec les Startseite Impressum "
                 "und über Inicio para también"),
           "", "French, German and Spanish stop words");

    is_str(learn(FEED_KW_BODY, "go to it ox be"), "",
           "words under 3 characters");

    is_str(learn(FEED_KW_BODY, "aaa zzzz www \xd0\xb0\xd0\xb0\xd0\xb0"), "",
           "one letter repeated (Latin, Cyrillic)");

    is_str(learn(FEED_KW_BODY, "2024 1080p h264 3.14 42nd 007 1-2-3"),
           "1080p, h264, 42nd", "pure numbers are not keywords");

    is_str(learn(FEED_KW_BODY, "e-mail E-Mail well-known alpha--beta "
                 "gamma- -delta"),
           "e-mail, well-known, alpha, beta, gamma, delta",
           "inner hyphens join, others separate");

    is_str(learn(FEED_KW_BODY, "Nginx's cache, nginx\xe2\x80\x99s proxy, "
                 "O'Reilly o\xe2\x80\x99reilly"),
           "nginx, o'reilly, cache, proxy",
           "possessive 's dropped; the typographic apostrophe is \"'\"");

    is_str(learn(FEED_KW_BODY, "don't can\xe2\x80\x99t won't it's"), "",
           "contractions are stop words");
}


static void
test_languages(void)
{
    /*
     * paris 2, musées 2, cafés 1, histoire 1, célèbres 1; "l'été" is
     * "été" (a stop word), "les", "sont" are stop words, "à", "et",
     * "de" too short.
     */
    is_str(learn(FEED_KW_BODY, "L'\xc3\xa9t\xc3\xa9 \xc3\xa0 Paris: les "
                 "caf\xc3\xa9s, les mus\xc3\xa9""es et l'histoire. Les "
                 "mus\xc3\xa9""es de Paris sont c\xc3\xa9l\xc3\xa8""bres."),
           "paris, mus\xc3\xa9""es, caf\xc3\xa9s, histoire, "
           "c\xc3\xa9l\xc3\xa8""bres",
           "French, with elision");

    is_str(learn(FEED_KW_BODY, "qu\xe2\x80\x99importe QU'IMPORTE "
                 "d'Artagnan"),
           "importe, artagnan", "elision: qu', d', either apostrophe");

    /* "über", "die", "und" are stop words; Ä folds to ä, ß stays */
    is_str(learn(FEED_KW_BODY, "\xc3\x9c""ber die Stra\xc3\x9f""e gehen "
                 "B\xc3\xbc""cher und \xc3\x84pfel. \xc3\x84PFEL "
                 "\xc3\xbc""ber B\xc3\x9c""CHER"),
           "b\xc3\xbc""cher, \xc3\xa4pfel, stra\xc3\x9f""e, gehen",
           "German, with umlauts in both cases");

    is_str(learn(FEED_KW_BODY, "Espa\xc3\xb1""a ESPA\xc3\x91""A "
                 "ma\xc3\xb1""ana"),
           "espa\xc3\xb1""a, ma\xc3\xb1""ana", "Spanish");

    /* Αθήνα ΑΘΉΝΑ αθήνα, λόγος ΛΌΓΟΣ: the final sigma comes back */
    is_str(learn(FEED_KW_BODY,
                 "\xce\x91\xce\xb8\xce\xae\xce\xbd\xce\xb1 "
                 "\xce\x91\xce\x98\xce\x89\xce\x9d\xce\x91 "
                 "\xce\xb1\xce\xb8\xce\xae\xce\xbd\xce\xb1 "
                 "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82 "
                 "\xce\x9b\xce\x8c\xce\x93\xce\x9f\xce\xa3"),
           "\xce\xb1\xce\xb8\xce\xae\xce\xbd\xce\xb1, "
           "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82",
           "Greek: αθήνα, λόγος");

    /* Москва МОСКВА москва столица Россия */
    is_str(learn(FEED_KW_BODY,
                 "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
                 "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90 "
                 "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
                 "\xd1\x81\xd1\x82\xd0\xbe\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb0 "
                 "\xd0\xa0\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f"),
           "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0, "
           "\xd1\x81\xd1\x82\xd0\xbe\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb0, "
           "\xd1\x80\xd0\xbe\xd1\x81\xd1\x81\xd0\xb8\xd1\x8f",
           "Cyrillic: москва, столица, россия");

    /* e + U+0301: the mark is part of the word, not a character */
    is_str(learn(FEED_KW_BODY, "cafe\xcc\x81 ab\xcc\x81"),
           "cafe\xcc\x81", "combining marks stay in the word");

    /* 東京都の天気: Hiragana separates, Han runs of 2..8 are words */
    is_str(learn(FEED_KW_BODY,
                 "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x81\xae"
                 "\xe5\xa4\xa9\xe6\xb0\x97"),
           "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd, \xe5\xa4\xa9\xe6\xb0\x97",
           "Japanese: 東京都, 天気");

    /* プログラミング言語: Katakana 7, then Han 2 */
    is_str(learn(FEED_KW_BODY,
                 "\xe3\x83\x97\xe3\x83\xad\xe3\x82\xb0\xe3\x83\xa9\xe3\x83"
                 "\x9f\xe3\x83\xb3\xe3\x82\xb0\xe8\xa8\x80\xe8\xaa\x9e"),
           "\xe3\x83\x97\xe3\x83\xad\xe3\x82\xb0\xe3\x83\xa9\xe3\x83\x9f"
           "\xe3\x83\xb3\xe3\x82\xb0, \xe8\xa8\x80\xe8\xaa\x9e",
           "Katakana and Han runs");

    /* 東京ελληνικά東京: scripts change without a space */
    is_str(learn(FEED_KW_BODY,
                 "\xe6\x9d\xb1\xe4\xba\xac\xce\xb5\xce\xbb\xce\xbb"
                 "\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac"
                 "\xe6\x9d\xb1\xe4\xba\xac"),
           "\xe6\x9d\xb1\xe4\xba\xac, \xce\xb5\xce\xbb\xce\xbb"
           "\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac",
           "Han, then Greek, then Han again");

    /* 中华人民共和国国务院 (10 Han), 用 (1), Linux */
    is_str(learn(FEED_KW_BODY,
                 "\xe4\xb8\xad\xe5\x8d\x8e\xe4\xba\xba\xe6\xb0\x91\xe5\x85"
                 "\xb1\xe5\x92\x8c\xe5\x9b\xbd\xe5\x9b\xbd\xe5\x8a\xa1\xe9"
                 "\x99\xa2 Linux\xe7\x94\xa8"),
           "linux", "Han runs over 8 or under 2 characters are dropped");
}


static void
test_entities(void)
{
    char    *p, names[1024];
    size_t   i;

    static const char  latin1[] =
        "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo "
        "not shy reg macr deg plusmn sup2 sup3 acute micro para middot "
        "cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute "
        "Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml "
        "Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde "
        "Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig "
        "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute "
        "ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc "
        "otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn "
        "yuml";

    snprintf(names, sizeof(names), "%s", latin1);

    for (i = 0, p = strtok(names, " "); p; i++, p = strtok(NULL, " ")) {
        if (feed_kw_entity((feed_uchar_t *) p, strlen(p)) != 0xa0 + i) {
            break;
        }
    }

    ok(i == 96, "all 96 Latin-1 names, U+00A0 to U+00FF (%zu)", i);

    ok(feed_kw_entity((feed_uchar_t *) "rsquo", 5) == 0x2019
       && feed_kw_entity((feed_uchar_t *) "AMP", 3) == '&'
       && feed_kw_entity((feed_uchar_t *) "euro", 4) == 0x20ac
       && feed_kw_entity((feed_uchar_t *) "Eacute", 6) == 0xc9
       && feed_kw_entity((feed_uchar_t *) "EACUTE", 6) == ' '
       && feed_kw_entity((feed_uchar_t *) "bogus", 5) == ' ',
       "named references are case-sensitive; unknown ones separate");

    ok(feed_kw_numeric(0x92) == 0x2019 && feed_kw_numeric(0x80) == 0x20ac
       && feed_kw_numeric(0x81) == ' ' && feed_kw_numeric(0) == ' '
       && feed_kw_numeric(0xd800) == ' ' && feed_kw_numeric(0x110000) == ' '
       && feed_kw_numeric(0x10ffff) == 0x10ffff
       && feed_kw_numeric('A') == 'A',
       "numeric references as HTML reads them");

    is_str(learn(FEED_KW_BODY, "caf&eacute; caf&#233; caf&#xE9; "
                 "CAF&Eacute; caf\xc3\xa9 caf&#233"),
           "caf\xc3\xa9", "named, decimal, hex, raw: one word");

    is_str(learn(FEED_KW_BODY, "rock&amp;roll alpha&bogus;omega "
                 "open&nbsp;source fish&lt;chips"),
           "rock, roll, alpha, omega, open, source, fish, chips",
           "references between words separate them");

    is_str(learn(FEED_KW_BODY, "o&#146;reilly nginx&rsquo;s "
                 "Zusammen&shy;arbeit"),
           "o'reilly, nginx, zusammenarbeit",
           "&#146; is an apostrophe, the soft hyphen joins");

    is_str(learn(FEED_KW_BODY, "&unterminated text &#xylophone &#;hash "
                 "&"),
           "unterminated, text, xylophone, hash",
           "not references: the text stays");

    is_str(learn(FEED_KW_BODY, "&CounterClockwiseContourIntegral;lemon"),
           "lemon", "the longest HTML name is a reference (unknown here)");

    is_str(learn(FEED_KW_BODY, "&AVeryLongNameThatIsNoReferenceAtAll;x"),
           "averylongnamethatisnoreferenceatall",
           "a name over 32 characters is text");

    splits(FEED_KW_BODY, "Caf&eacute; &amp; cr&#xE8;me br&#251;l&#233;e, "
           "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82 "
           "caf\xc3\xa9 na\xc3\xafve d\xe2\x80\x99""abord "
           "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x81\xae",
           "caf\xc3\xa9, cr\xc3\xa8me, br\xc3\xbbl\xc3\xa9""e, "
           "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82, na\xc3\xafve, abord, "
           "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd",
           "entities and multi-byte characters");

    splits(FEED_KW_HEADING, "e-mail &#x41;lpha don&#8217;t "
           "rock&amp;roll &unknown; zeta\xe2\x80\x90""beta",
           "e-mail, alpha, rock, roll, zeta-beta",
           "joiners and references");
}


static void
test_streaming(void)
{
    char        *text, *whole;
    size_t       i, n, len, pos, bad;
    uint32_t     r;
    feed_kw_t   *kw;

    static const char  *mixed[] = {
        "Caf&eacute; cr&#xE8;me, br&#251;l&#233;e &amp; na\xc3\xafve ",
        "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82 "
        "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
        "\xe6\x9d\xb1\xe4\xba\xac\xe9\x83\xbd\xe3\x81\xae ",
        "e-mail l&rsquo;abord don't O'Reilly's &bogus; x&#x;y ",
        "\xff\xfe nginx\xc3 proxy-cache &#8217;tis "
    };

    static const char  period[] = "e-mail l'\xc3\xa9""ducation na\xc3\xafve ";

    static const seg_t  kinds[] = {
        { FEED_KW_TITLE, "alpha" },
        { FEED_KW_HEADING, "beta" },
        { FEED_KW_BODY, "gamma" },
        { FEED_KW_BODY, "delta" },
        { 0, NULL },
        { FEED_KW_BODY, "omega" }
    };

    /* "gammadelta" is one word: the two segments are one text */

    is_str(learn_segs(kinds, 6, 20), "alpha, beta, gammadelta, omega",
           "a change of kind and feed_kw_break() end a word");

    /*
     * Repeated words over many windows: each window cuts them at another
     * place, and no piece of a word may be counted.  27 bytes a period,
     * 4096 = 151 * 27 + 19, so the cut moves through every offset.
     */

    len = 0;
    text = malloc(40 * 4096);

    if (text == NULL) {
        return;
    }

    n = strlen(period);

    for (i = 0; i < 6000; i++) {
        memcpy(text + len, period, n);
        len += n;
    }

    text[len] = '\0';

    is_str(learn_mem(FEED_KW_BODY, text, len, 0, 20),
           "e-mail, \xc3\xa9""ducation, na\xc3\xafve",
           "words cut by the window are found whole (162 KB)");

    is_str(learn_mem(FEED_KW_BODY, text, len, 1000, 20), out,
           "the same in 1000-byte segments");

    is_str(learn_mem(FEED_KW_BODY, text, len, 7, 20), out,
           "the same in 7-byte segments");

    /* random cuts through a mixed text over several windows */

    len = 0;

    for (i = 0; i < 300; i++) {
        n = strlen(mixed[i % 4]);
        memcpy(text + len, mixed[i % 4], n);
        len += n;
    }

    whole = strdup(learn_mem(FEED_KW_BODY, text, len, 0, 50));

    r = 1;
    bad = 0;

    for (i = 0; i < 200; i++) {
        kw = learner();

        for (pos = 0; pos < len; pos += n) {
            r = r * 1103515245 + 12345;
            n = 1 + (r >> 16) % 97;
            n = (n < len - pos) ? n : len - pos;

            feed_kw_text(kw, (const feed_uchar_t *) text + pos, n,
                         FEED_KW_BODY);
        }

        feed_kw_flush(kw);

        bad += (whole == NULL || strcmp(result(kw, 50), whole) != 0);

        feed_kw_free(kw);
    }

    ok(bad == 0, "200 random segmentations of %zu bytes: %s", len,
       whole ? whole : "?");

    free(whole);

    /* a run longer than the window is dropped, and only it */

    len = 0;
    memcpy(text, "opening ", 8);
    len = 8;

    for (i = 0; i < 3000; i++) {
        memcpy(text + len, "ab-", 3);
        len += 3;
    }

    memcpy(text + len, "cd closing", 10);
    len += 10;

    is_str(learn_mem(FEED_KW_BODY, text, len, 0, 20), "opening, closing",
           "a 9,000-byte hyphenated run is dropped");

    is_str(learn_mem(FEED_KW_BODY, text, len, 1, 20), "opening, closing",
           "the same, fed byte by byte");

    /* 64 bytes is the longest word */

    is_str(learn(FEED_KW_BODY, "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd"
                 "abcdabcdabcdabcdabcdabcd"),
           "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd",
           "a 64-byte word is kept");

    is_str(learn(FEED_KW_BODY, "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcd"
                 "abcdabcdabcdabcdabcdabcde"),
           "", "a 65-byte word is dropped");

    free(text);

    /* the result is never cut inside a keyword */

    kw = learner();
    feed_kw_text(kw, (const feed_uchar_t *) "alpha beta gamma", 16,
                 FEED_KW_BODY);
    feed_kw_flush(kw);

    ok(feed_kw_result(kw, 3, (feed_uchar_t *) out, 18) == 18
       && memcmp(out, "alpha, beta, gamma", 18) == 0, "all fits");
    ok(feed_kw_result(kw, 3, (feed_uchar_t *) out, 17) == 11
       && memcmp(out, "alpha, beta", 11) == 0, "one byte short: two");
    ok(feed_kw_result(kw, 3, (feed_uchar_t *) out, 10) == 5, "ten: one");
    ok(feed_kw_result(kw, 3, (feed_uchar_t *) out, 4) == 0, "four: none");
    ok(feed_kw_result(kw, 2, (feed_uchar_t *) out, 100) == 11, "n = 2");
    ok(feed_kw_result(kw, 0, (feed_uchar_t *) out, 100) == 0, "n = 0");
    ok(feed_kw_result(kw, 3, NULL, 100) == 0, "no buffer");

    feed_kw_free(kw);
}


static void
test_budget(void)
{
    char    *text;
    size_t   len;

    text = malloc(FEED_KW_BUDGET + 64);

    if (text == NULL) {
        return;
    }

    /* a word that the budget cuts is not counted */

    memset(text, ' ', FEED_KW_BUDGET + 64);
    memcpy(text, "alpha", 5);
    memcpy(text + FEED_KW_BUDGET - 4, "omegaword", 9);
    len = FEED_KW_BUDGET + 5;

    is_str(learn_mem(FEED_KW_BODY, text, len, 0, 20), "alpha",
           "text past 256 KB is not read");

    is_str(learn_mem(FEED_KW_BODY, text, len, 4096, 20), "alpha",
           "the same in segments");

    /* a word that ends at the budget, and the text with it, counts */

    memset(text, ' ', FEED_KW_BUDGET + 64);
    memcpy(text, "alpha", 5);
    memcpy(text + FEED_KW_BUDGET - 5, "omega", 5);

    is_str(learn_mem(FEED_KW_BODY, text, FEED_KW_BUDGET, 0, 20),
           "alpha, omega", "a text of exactly 256 KB is read whole");

    free(text);
}


static void
test_hostile(void)
{
    char            *text, word[16];
    size_t           i, j, len, mem, n;
    clock_t          t;
    feed_kw_t       *kw;

    static const char  bad[] =
        "\xff" "nginx\xc3(\xe2\x82server\0proxy\xed\xa0\x80" "cache"
        "\xf4\x90\x80\x80" "fast\xc0\xaf" "disk\xf8\x88\x80\x80\x80" "zone";

    is_str(learn_mem(FEED_KW_BODY, bad, sizeof(bad) - 1, 0, 20),
           "nginx, server, proxy, cache, fast, disk, zone",
           "invalid UTF-8 and NUL separate words");

    is_str(learn_mem(FEED_KW_BODY, bad, sizeof(bad) - 1, 1, 20), out,
           "the same byte by byte");

    text = malloc(1024 * 1024 + 64);

    if (text == NULL) {
        return;
    }

    /* a single 1 MB word */

    kw = learner();
    mem = feed_kw_memory(kw);

    memcpy(text, "start ", 6);
    memset(text + 6, 'x', 1024 * 1024);
    memcpy(text + 6 + 1024 * 1024, " finish", 7);
    text[4000] = 'y';
    len = 6 + 1024 * 1024 + 7;

    t = clock();
    feed_kw_text(kw, (feed_uchar_t *) text, len, FEED_KW_BODY);
    feed_kw_flush(kw);
    t = clock() - t;

    is_str(result(kw, 20), "start",
           "a 1 MB word: dropped, and the budget ends the text");
    ok(feed_kw_memory(kw) == mem, "memory unchanged: %zu bytes", mem);
    printf("# 1 MB word: %.1f ms\n", (double) t * 1000 / CLOCKS_PER_SEC);

    feed_kw_free(kw);

    /* 1 MB of "ab-ab-...": one run of joined words */

    kw = learner();

    memcpy(text, "start ", 6);

    for (i = 0; i < 1024 * 1024; i++) {
        text[6 + i] = (i % 3 == 2) ? '-' : 'a' + i % 3;
    }

    len = 6 + 1024 * 1024;

    t = clock();
    feed_kw_text(kw, (feed_uchar_t *) text, len, FEED_KW_BODY);
    feed_kw_flush(kw);
    t = clock() - t;

    is_str(result(kw, 20), "start", "a 1 MB hyphenated run: dropped");
    ok(feed_kw_memory(kw) == mem, "memory unchanged");
    printf("# 1 MB run: %.1f ms\n", (double) t * 1000 / CLOCKS_PER_SEC);

    feed_kw_free(kw);

    /* 200 KB of one word within the budget: what follows counts */

    memcpy(text, "start ", 6);
    memset(text + 6, 'x', 200 * 1024);
    text[1000] = 'y';
    memcpy(text + 6 + 200 * 1024, " finish", 7);
    len = 6 + 200 * 1024 + 7;

    is_str(learn_mem(FEED_KW_BODY, text, len, 0, 20), "start, finish",
           "a 200 KB word is dropped, the next word counts");

    is_str(learn_mem(FEED_KW_BODY, text, len, 4093, 20), "start, finish",
           "the same in 4093-byte segments");

    /* 100,000 distinct words: the table evicts, memory stays */

    kw = learner();
    mem = feed_kw_memory(kw);

    feed_kw_text(kw, (const feed_uchar_t *) "heavyword heavyword ", 20,
                 FEED_KW_BODY);

    t = clock();

    for (i = 0; i < 100000; i++) {
        n = i;
        word[0] = 'w';

        for (j = 1; j < 6; j++) {
            word[j] = 'a' + n % 26;
            n /= 26;
        }

        word[6] = ' ';
        feed_kw_text(kw, (const feed_uchar_t *) word, 7, FEED_KW_BODY);
    }

    feed_kw_flush(kw);
    t = clock() - t;

    is_str(result(kw, 1), "heavyword",
           "100,000 distinct words: the heavy one survives eviction");
    ok(feed_kw_memory(kw) == mem, "memory unchanged: %zu bytes", mem);
    printf("# 100,000 words: %.1f ms\n", (double) t * 1000 / CLOCKS_PER_SEC);

    feed_kw_free(kw);

    /*
     * 1,000 title words of weight 65 fill the table so that eviction
     * cannot free a quarter of it: new words are dropped, the table
     * holds FEED_KW_WORDS words.
     */

    kw = learner();

    for (j = 0; j < 13; j++) {
        for (i = 0; i < 1000; i++) {
            snprintf(word, sizeof(word), "tq%c%c%c ", 'a' + (int) (i % 26),
                     'a' + (int) (i / 26 % 26), 'a' + (int) (i / 676));
            feed_kw_text(kw, (const feed_uchar_t *) word, 6, FEED_KW_TITLE);
        }
    }

    for (i = 0; i < 100; i++) {
        snprintf(word, sizeof(word), "b%c%c%c ", 'a' + (int) (i % 26),
                 'a' + (int) (i / 26), 'q');
        feed_kw_text(kw, (const feed_uchar_t *) word, 5, FEED_KW_BODY);
    }

    feed_kw_flush(kw);

    len = feed_kw_result(kw, 5000, (feed_uchar_t *) out, sizeof(out));

    for (i = 0, n = 0; i < len; i++) {
        n += (out[i] == ',');
    }

    ok(n + 1 == FEED_KW_WORDS, "a full table: %zu keywords", n + 1);
    ok(len >= 7 && memcmp(out, "tqaaa, ", 7) == 0
       && memcmp(out + len - 6, ", bxaq", 6) == 0,
       "the title words first, the last body word kept is the 24th");

    feed_kw_free(kw);

    free(text);
}


static void
test_fold(void)
{
    int                 err;
    size_t              bad, n;
    uint32_t            c, f;
    PCRE2_SIZE          off;
    pcre2_code         *code;
    feed_uchar_t        pat[32], subject[8], *e;
    pcre2_match_data   *md;

    static const uint32_t  pairs[][2] = {
        { 'A', 'a' }, { 'z', 'z' }, { 0xc9, 0xe9 }, { 0xd7, 0xd7 },
        { 0xdf, 0xdf }, { 0xb5, 0x3bc }, { 0x100, 0x101 },
        { 0x130, 0x130 }, { 0x131, 0x131 }, { 0x139, 0x13a },
        { 0x178, 0xff }, { 0x17d, 0x17e }, { 0x17f, 's' },
        { 0x218, 0x219 }, { 0x386, 0x3ac }, { 0x3a3, 0x3c3 },
        { 0x3c2, 0x3c3 }, { 0x401, 0x451 }, { 0x410, 0x430 },
        { 0x531, 0x561 }, { 0x1e9e, 0xdf }, { 0x1ea0, 0x1ea1 },
        { 0x212a, 'k' }, { 0x2126, 0x3c9 }, { 0xff21, 0xff41 },
        { 0x10400, 0x10428 }, { 0xab70, 0x13a0 }
    };

    for (n = 0; n < sizeof(pairs) / sizeof(pairs[0]); n++) {
        if (feed_kw_fold(pairs[n][0]) != pairs[n][1]) {
            printf("# fold(U+%04X) = U+%04X\n", (unsigned) pairs[n][0],
                   (unsigned) feed_kw_fold(pairs[n][0]));
            break;
        }
    }

    ok(n == sizeof(pairs) / sizeof(pairs[0]),
       "simple case folding pairs from CaseFolding.txt");

    /* every folded pair is caselessly equal for PCRE2, folding is stable */

    md = pcre2_match_data_create(1, NULL);
    bad = 0;
    n = 0;

    for (c = 0x80; c < 0x20000; c++) {

        if (c >= 0xd800 && c <= 0xdfff) {
            continue;
        }

        f = feed_kw_fold(c);

        if (feed_kw_fold(f) != f) {
            bad++;
            continue;
        }

        if (f == c) {
            continue;
        }

        n++;

        snprintf((char *) pat, sizeof(pat), "(?i)^\\x{%x}$", (unsigned) f);

        code = pcre2_compile(pat, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &err,
                             &off, NULL);
        e = feed_kw_utf8_put(subject, c);

        if (code == NULL
            || pcre2_match(code, subject, e - subject, 0, 0, md, NULL) < 0)
        {
            if (bad++ == 0) {
                printf("# U+%04X does not match U+%04X\n", (unsigned) c,
                       (unsigned) f);
            }
        }

        pcre2_code_free(code);
    }

    pcre2_match_data_free(md);

    ok(bad == 0 && n > 1300,
       "%zu folds below U+20000 agree with PCRE2 caseless matching", n);
}


static void
test_stopwords(void)
{
    char        *text;
    size_t       i, len, n;
    const char  *w;

    text = malloc(16384);

    if (text == NULL) {
        return;
    }

    len = 0;

    for (i = 0; (w = feed_stopword_at(i)) != NULL; i++) {
        n = strlen(w);

        if (len + n + 1 < 16384) {
            memcpy(text + len, w, n);
            text[len + n] = ' ';
            len += n + 1;
        }
    }

    text[len] = '\0';

    ok(i > 700 && len < 16384, "%zu stop words", i);
    is_str(learn(FEED_KW_TITLE, text), "", "each of them is dropped");

    free(text);

    is_str(learn(FEED_KW_TITLE, "\xc3\x9c""BER \xc3\x89T\xc3\x89 "
                 "M\xc3\x81S THE Nginx"),
           "nginx", "in any case");
}


static void
test_throughput(void)
{
    char             *text;
    double            secs;
    size_t            i, len, n, rounds;
    uint32_t          r;
    feed_kw_t        *kw;
    struct timespec   t0, t1;

    static const char  *vocab[] = {
        "nginx ", "the ", "caching ", "of ", "responses ", "and ",
        "feed ", "subscribers ", "<b>", "server ", "&amp; ", "proxy ",
        "caf\xc3\xa9 ", "upstream ",
        "\xce\xbb\xcf\x8c\xce\xb3\xce\xbf\xcf\x82 ", "performance, ",
        "module. ", "configuration ", "don't ", "e-mail "
    };

    len = 256 * 1024;
    text = malloc(len + 64);

    if (text == NULL) {
        return;
    }

    r = 12345;

    for (i = 0; i < len; i += n) {
        r = r * 1103515245 + 12345;
        n = strlen(vocab[(r >> 16) % 20]);
        memcpy(text + i, vocab[(r >> 16) % 20], n);
    }

    rounds = 10;

    clock_gettime(CLOCK_MONOTONIC, &t0);

    for (i = 0; i < rounds; i++) {
        kw = learner();

        for (n = 0; n < len; n += 4096) {
            feed_kw_text(kw, (const feed_uchar_t *) text + n, 4096,
                         FEED_KW_BODY);
        }

        feed_kw_flush(kw);
        result(kw, 10);
        feed_kw_free(kw);
    }

    clock_gettime(CLOCK_MONOTONIC, &t1);

    secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

    ok(strlen(out) > 0, "256 KB of text: %s", out);
    printf("# throughput: %.1f MB/s (%.2f ms per 256 KB)\n",
           rounds * len / secs / 1e6, secs * 1000 / rounds);

    free(text);
}


int
main(void)
{
    const char  *err;

    err = NULL;
    re = feed_kw_re_create(&err);

    ok(re != NULL, "the word pattern compiles");

    if (re == NULL) {
        printf("# %s\n", err ? err : "?");
        return tap_done();
    }

    test_counting();
    test_languages();
    test_entities();
    test_streaming();
    test_budget();
    test_hostile();
    test_fold();
    test_stopwords();
    test_throughput();

    feed_kw_re_free((feed_kw_re_t *) re);

    return tap_done();
}
