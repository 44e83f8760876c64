
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_STOPWORDS_H_INCLUDED_
#define _FEED_STOPWORDS_H_INCLUDED_


#include "feed_core.h"


/*
 * The language side of the keyword learner (feed_keywords.h): decoding
 * raw HTML text, the key a word is counted under, stop words, case
 * folding.
 *
 * Stop words: English (with web page boilerplate such as "home",
 * "menu", "cookies"), French, German and Spanish, in key form: lower
 * case UTF-8, "'" for the typographic apostrophe.  Words shorter than
 * FEED_KW_CHARS_MIN characters are not listed: they never get a key.
 */


#define FEED_KW_CHARS_MIN    3
#define FEED_KW_NAME_MAX     32     /* of a character reference */

/* the most code points one byte gives: a name and the byte after it */
#define FEED_KW_DECODE_MAX   (FEED_KW_NAME_MAX + 2)

#define FEED_KW_S_TEXT       0
#define FEED_KW_S_AMP        1      /* after "&" */
#define FEED_KW_S_NAME       2      /* "&name" */
#define FEED_KW_S_HASH       3      /* "&#" */
#define FEED_KW_S_DEC        4      /* "&#1" */
#define FEED_KW_S_HEX        5      /* "&#x" */

#define feed_kw_utf8_len(c)                                                   \
    ((c) < 0x80 ? 1 : (c) < 0x800 ? 2 : (c) < 0x10000 ? 3 : 4)


/*
 * A decoder of raw HTML text: UTF-8 (validated) and character references
 * in, code points out, in steps of one byte.
 */

typedef struct {
    unsigned             state;     /* FEED_KW_S_* */
    unsigned             need;      /* UTF-8 bytes still to come */
    uint32_t             cp;
    feed_uchar_t         lo;        /* range of the next UTF-8 byte */
    feed_uchar_t         hi;
    uint32_t             code;      /* of a numeric reference */
    size_t               ndigits;
    size_t               nlen;
    feed_uchar_t         name[FEED_KW_NAME_MAX];
} feed_kw_dec_t;


/* in plain text: no character pending */
#define feed_kw_dec_idle(d)  ((d)->need == 0 && (d)->state == FEED_KW_S_TEXT)


void feed_kw_decode_init(feed_kw_dec_t *d);

/* out holds FEED_KW_DECODE_MAX code points; returns how many were put */
size_t feed_kw_decode(feed_kw_dec_t *d, feed_uchar_t c, uint32_t *out);
size_t feed_kw_decode_end(feed_kw_dec_t *d, uint32_t *out);

/*
 * The key of a word into key (FEED_KW_WORD_MAX bytes), its length, or 0
 * when the word is no keyword; see the definition.
 */
size_t feed_kw_key(feed_uchar_t *key, const feed_uchar_t *p, size_t len,
    unsigned *check);

/* the i-th listed stop word, NULL past the last one */
const char *feed_stopword_at(size_t i);

/* the code point of a named character reference, ' ' when unknown */
uint32_t feed_kw_entity(const feed_uchar_t *name, size_t len);

/* the code point of a numeric character reference as HTML reads it
 * (windows-1252 for 128 to 159), ' ' for none */
uint32_t feed_kw_numeric(uint32_t c);

/* Unicode simple case folding of one code point */
uint32_t feed_kw_fold(uint32_t c);

/* c in UTF-8 at p, which has room; returns the end */
feed_uchar_t *feed_kw_utf8_put(feed_uchar_t *p, uint32_t c);


#endif /* _FEED_STOPWORDS_H_INCLUDED_ */
