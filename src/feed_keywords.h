
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_KEYWORDS_H_INCLUDED_
#define _FEED_KEYWORDS_H_INCLUDED_


#include "feed_core.h"


/*
 * The keyword learner: reads a page's text as it streams by and keeps a
 * weighted count of its words in a fixed amount of memory.
 *
 * Input: raw HTML text in segments of any size, tagged with the element
 * kind.  Segments of one kind form one text: a word, a UTF-8 sequence or
 * a character reference may be split across them, and the result does
 * not depend on where.  A change of kind, feed_kw_break() and
 * feed_kw_flush() end the current word.
 *
 * Decoding: &amp; &lt; &gt; &quot; &apos; &nbsp;, the Latin-1 names
 * (&eacute; ...), a few typographic ones (&rsquo; &ndash; &euro; ...) and
 * numeric references (&#233; &#xE9;, 128 to 159 read as windows-1252)
 * are decoded; a named reference needs its ";", a numeric one does not.
 * Unknown references, invalid UTF-8, NUL and control characters separate
 * words; "&" not followed by a reference is a separator and the name
 * after it text.  The soft hyphen is removed.
 *
 * Words, found by PCRE2 in UTF mode with Unicode properties: runs of
 * letters, combining marks and digits, with single inner apostrophes or
 * hyphens ("don't", "e-mail"; also U+2019 and U+2010).  A leading French
 * elision (c' d' j' l' m' n' s' t' qu') and a trailing "'s" are removed.
 * A word counts when it has 3 or more characters (joiners and combining
 * marks U+0300-U+036F not counted), a letter, not one letter repeated,
 * at most FEED_KW_WORD_MAX bytes folded, and is not a stop word of
 * English (with web boilerplate: "home", "menu", "cookies", ...),
 * French, German or Spanish.
 *
 * Han, Hiragana and Katakana have no spaces between words: each run of
 * Han letters and each run of Katakana letters of 2 to 8 characters is a
 * word, Hiragana separates them, longer runs are dropped (so Chinese
 * text gives little more than short headings).
 *
 * Case: words compare under Unicode 14 simple case folding (all scripts,
 * as PCRE2 10.42's caseless matching) and are reported folded, that is
 * in lower case, a Greek final sigma written as such.  No normalisation:
 * a precomposed and a decomposed "é" are two words; "ß" and "ss" too.
 *
 * Weights: FEED_KW_W_TITLE, FEED_KW_W_HEADING or FEED_KW_W_BODY per
 * occurrence; ties go to the word seen first.
 *
 * Bounds: a learner is one malloc() made by feed_kw_create(), with the
 * PCRE2 match data, and allocates nothing later: feed_kw_memory() is
 * constant (92,456 bytes on x86-64 with the JIT).  It counts at most
 * FEED_KW_WORDS distinct words: when the table is full, the least
 * frequent words are evicted together, at least a quarter of the table
 * at a time (every word at or under the smallest weight that frees that
 * much), and their counts are lost; when more than three quarters of the
 * table weigh FEED_KW_PURGE_MAX or more, new words are dropped instead.
 * It reads at most FEED_KW_BUDGET bytes of input: the rest, and a word
 * cut by that limit, are ignored.  A run of word characters and joiners
 * that fills the FEED_KW_WINDOW bytes of decoded text is dropped whole.
 */


#define FEED_KW_TITLE        1
#define FEED_KW_HEADING      2
#define FEED_KW_BODY         3

#define FEED_KW_W_TITLE      5
#define FEED_KW_W_HEADING    3
#define FEED_KW_W_BODY       1

#define FEED_KW_WORDS        1024          /* distinct words counted */
#define FEED_KW_WORD_MAX     64            /* bytes of a word, UTF-8 */
#define FEED_KW_WINDOW       4096          /* bytes of decoded text */
#define FEED_KW_BUDGET       (256 * 1024)  /* bytes of input read */
#define FEED_KW_PURGE_MAX    64


typedef struct feed_kw_re_s  feed_kw_re_t;
typedef struct feed_kw_s     feed_kw_t;


/* compiled once, read-only, shared by any number of learners */
feed_kw_re_t *feed_kw_re_create(const char **err);
void feed_kw_re_free(feed_kw_re_t *re);

/* NULL when out of memory */
feed_kw_t *feed_kw_create(const feed_kw_re_t *re);

/*
 * kind: FEED_KW_TITLE, FEED_KW_HEADING or FEED_KW_BODY; any other value
 * counts as body text.
 */
void feed_kw_text(feed_kw_t *kw, const feed_uchar_t *p, size_t len,
    unsigned kind);

/* a word boundary, for tags that separate words ("<br>", "<p>") */
void feed_kw_break(feed_kw_t *kw);

/* the end of the text: counts the partial word */
void feed_kw_flush(feed_kw_t *kw);

/*
 * The n heaviest keywords in UTF-8, joined with ", ", written to dst,
 * never a keyword cut: the list stops before one that does not fit in
 * size bytes.  Returns the bytes written; no NUL is added.
 */
size_t feed_kw_result(feed_kw_t *kw, size_t n, feed_uchar_t *dst,
    size_t size);

void feed_kw_free(feed_kw_t *kw);

/* the bytes a learner holds: the same from creation to free */
size_t feed_kw_memory(const feed_kw_t *kw);


#endif /* _FEED_KEYWORDS_H_INCLUDED_ */
