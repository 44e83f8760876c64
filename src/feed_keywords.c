
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The keyword learner.  Input bytes go through a small decoder (UTF-8
 * validation and character references) into a window of decoded text.
 * When the window is full, or the text ends, PCRE2 finds the runs of
 * word characters in it; a run that may go on past the end of the window
 * is moved to its start and found again with the text that follows.  The
 * window is cut as a function of the decoded text alone, never of the
 * segments it came in, so the words found do not depend on how the input
 * was split.  A run as long as the window is dropped: its last character
 * (and a trailing joiner) is kept, with a flag, so that the rest of the
 * run is recognised and dropped as well.
 *
 * Memory: one malloc() of sizeof(feed_kw_t) and the PCRE2 match data,
 * allocated through the learner so that feed_kw_memory() counts it.
 * With the JIT, PCRE2 allocates nothing while matching; the interpreter
 * allocates a frame vector at the first match, made in feed_kw_create(),
 * and the possessive patterns never need it to grow (heap limit
 * FEED_KW_HEAP_LIMIT KB all the same).
 *
 * Time: at most FEED_KW_BUDGET input bytes are read; each is decoded
 * once and matched once (a run carried to the next window twice); the
 * word table and the stop words are open-addressing hashes at most half
 * full, and eviction costs one pass over the table for at least
 * FEED_KW_WORDS / 4 new words.
 */


#define PCRE2_CODE_UNIT_WIDTH  8

#include <stdlib.h>
#include <pcre2.h>

#include "feed_keywords.h"
#include "feed_stopwords.h"


#define FEED_KW_SLOTS        (2 * FEED_KW_WORDS)
#define FEED_KW_STOPS        1024          /* stop words, at most */
#define FEED_KW_STOP_SLOTS   (2 * FEED_KW_STOPS)
#define FEED_KW_HEAP_LIMIT   1024          /* KB, PCRE2 interpreter */

#define FEED_KW_CJK_MIN      2
#define FEED_KW_CJK_MAX      8

/*
 * Three patterns.  FEED_KW_RUN finds runs of letters, marks and digits
 * with single inner joiners (apostrophes and hyphens): "don't",
 * "e-mail".  A run with a character from U+3000 up (its UTF-8 starts
 * with a byte from 0xe3 up) may hold Han, Hiragana or Katakana, written
 * without spaces: FEED_KW_WORD splits it into group 1, a run of Han
 * letters, group 2, a run of Katakana letters, and words of the other
 * scripts; Hiragana, and Han and Katakana characters that are not
 * letters, separate them.  Its word class is the complement of the other
 * general categories and of those scripts, to be one class.  FEED_KW_
 * LETTER tells a word from a number.
 */

#define FEED_KW_RUN          0
#define FEED_KW_WORD         1
#define FEED_KW_LETTER       2

#define FEED_KW_JOINER       "['\\-\\x{2010}\\x{2019}]"
#define FEED_KW_CHAR         "[a-zA-Z0-9\\p{L}\\p{M}\\p{N}]"
#define FEED_KW_WCHAR                                                         \
    "[^\\p{C}\\p{P}\\p{S}\\p{Z}\\p{Han}\\p{Hiragana}\\p{Katakana}]"

static const char  *feed_kw_patterns[] = {

    FEED_KW_CHAR "++(?:" FEED_KW_JOINER FEED_KW_CHAR "++)*+",

    "([^\\P{L}\\P{Han}]++)"
    "|([^\\P{L}\\P{Katakana}]++)"
    "|" FEED_KW_WCHAR "++(?:" FEED_KW_JOINER FEED_KW_WCHAR "++)*+",

    "\\p{L}"
};


typedef struct {
    uint32_t                 hash;
    uint32_t                 len;
    const char              *word;
} feed_kw_stop_t;


struct feed_kw_re_s {
    pcre2_code              *code[3];
    unsigned                 jit[3];
    pcre2_match_context     *mctx;
    uint16_t                 slots[FEED_KW_STOP_SLOTS];  /* stop + 1 */
    feed_kw_stop_t           stops[FEED_KW_STOPS];
};


typedef struct {
    uint32_t                 hash;
    uint32_t                 weight;
    uint32_t                 first;     /* order of first appearance */
    uint32_t                 len;
    feed_uchar_t             key[FEED_KW_WORD_MAX];
} feed_kw_word_t;


struct feed_kw_s {
    const feed_kw_re_t      *re;
    pcre2_match_data        *md;
    size_t                   heap;      /* bytes PCRE2 holds for us */
    size_t                   read;      /* input bytes read */
    unsigned                 kind;
    uint32_t                 weight;    /* of the current kind */

    feed_kw_dec_t            dec;

    /* the window and the words */

    size_t                   len;
    unsigned                 skip:1;    /* the window starts with the end
                                           of a dropped run */
    unsigned                 stopped:1; /* the budget is spent */
    unsigned                 frozen:1;  /* no more room for new words */

    uint32_t                 seq;
    size_t                   nwords;
    uint16_t                 slots[FEED_KW_SLOTS];   /* word index + 1 */
    uint16_t                 order[FEED_KW_WORDS];
    feed_kw_word_t           words[FEED_KW_WORDS];
    feed_uchar_t             buf[FEED_KW_WINDOW];
};


typedef union {
    size_t                   size;
    long double              align1;
    void                    *align2;
    uint64_t                 align3;
} feed_kw_mem_t;


static void *feed_kw_alloc(PCRE2_SIZE size, void *data);
static void feed_kw_dealloc(void *p, void *data);
static void feed_kw_put(feed_kw_t *kw, uint32_t c);
static void feed_kw_end(feed_kw_t *kw);
static void feed_kw_scan(feed_kw_t *kw, unsigned final);
static int feed_kw_match(feed_kw_t *kw, unsigned i, const feed_uchar_t *p,
    size_t len, size_t start);
static size_t feed_kw_joiner(const feed_uchar_t *p, size_t len);
static void feed_kw_word(feed_kw_t *kw, const feed_uchar_t *p, size_t len,
    int group);
static uint32_t feed_kw_hash(const feed_uchar_t *p, size_t len);
static int feed_kw_stop(const feed_kw_re_t *re, uint32_t hash,
    const feed_uchar_t *key, size_t len);
static void feed_kw_count(feed_kw_t *kw, uint32_t hash,
    const feed_uchar_t *key, size_t len);
static void feed_kw_insert(feed_kw_t *kw, size_t i);
static int feed_kw_purge(feed_kw_t *kw);
static int feed_kw_after(feed_kw_t *kw, uint16_t a, uint16_t b);
static void feed_kw_sift(feed_kw_t *kw, size_t i, size_t n);


feed_kw_re_t *
feed_kw_re_create(const char **err)
{
    int              rc;
    size_t           i, j;
    PCRE2_SIZE       off;
    const char      *w;
    feed_kw_re_t    *re;
    feed_kw_stop_t  *s;

    re = calloc(1, sizeof(feed_kw_re_t));
    if (re == NULL) {
        *err = "out of memory";
        return NULL;
    }

    for (i = 0; i < 3; i++) {
        re->code[i] = pcre2_compile((PCRE2_SPTR) feed_kw_patterns[i],
                                    PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP
                                    | PCRE2_MATCH_INVALID_UTF,
                                    &rc, &off, NULL);
        if (re->code[i] == NULL) {
            goto failed;
        }

        /* without the JIT (an unsupported platform) the interpreter serves */

        re->jit[i] = (pcre2_jit_compile(re->code[i], PCRE2_JIT_COMPLETE)
                      == 0);
    }

    re->mctx = pcre2_match_context_create(NULL);
    if (re->mctx == NULL) {
        *err = "out of memory";
        feed_kw_re_free(re);
        return NULL;
    }

    pcre2_set_heap_limit(re->mctx, FEED_KW_HEAP_LIMIT);

    /* the stop words, hashed as keys are */

    for (i = 0; (w = feed_stopword_at(i)) != NULL; i++) {

        if (i == FEED_KW_STOPS) {
            *err = "too many stop words";
            feed_kw_re_free(re);
            return NULL;
        }

        s = &re->stops[i];
        s->word = w;
        s->len = strlen(w);
        s->hash = feed_kw_hash((const feed_uchar_t *) w, s->len);

        for (j = s->hash % FEED_KW_STOP_SLOTS;
             re->slots[j];
             j = (j + 1) % FEED_KW_STOP_SLOTS)
        {
            /* void */
        }

        re->slots[j] = (uint16_t) (i + 1);
    }

    return re;

failed:

    /* the pattern is fixed: PCRE2 lacks Unicode support, or memory */

    *err = (rc == PCRE2_ERROR_NOMEMORY) ? "out of memory"
           : "PCRE2 cannot compile Unicode property patterns";

    feed_kw_re_free(re);

    return NULL;
}


void
feed_kw_re_free(feed_kw_re_t *re)
{
    if (re == NULL) {
        return;
    }

    pcre2_code_free(re->code[FEED_KW_RUN]);
    pcre2_code_free(re->code[FEED_KW_WORD]);
    pcre2_code_free(re->code[FEED_KW_LETTER]);
    pcre2_match_context_free(re->mctx);

    free(re);
}


feed_kw_t *
feed_kw_create(const feed_kw_re_t *re)
{
    feed_kw_t                *kw;
    pcre2_general_context    *gctx;

    kw = malloc(sizeof(feed_kw_t));
    if (kw == NULL) {
        return NULL;
    }

    kw->re = re;
    kw->heap = 0;
    kw->read = 0;
    kw->kind = 0;
    kw->weight = FEED_KW_W_BODY;

    feed_kw_decode_init(&kw->dec);

    kw->len = 0;
    kw->skip = 0;
    kw->stopped = 0;
    kw->frozen = 0;
    kw->seq = 0;
    kw->nwords = 0;

    memset(kw->slots, 0, sizeof(kw->slots));

    gctx = pcre2_general_context_create(feed_kw_alloc, feed_kw_dealloc, kw);
    if (gctx == NULL) {
        free(kw);
        return NULL;
    }

    kw->md = pcre2_match_data_create(3, gctx);

    pcre2_general_context_free(gctx);

    if (kw->md == NULL) {
        free(kw);
        return NULL;
    }

    /*
     * Without the JIT, the interpreter allocates its frame vector at the
     * first match: let it happen now.  The patterns are possessive, so
     * the first size serves every match.
     */

    (void) feed_kw_match(kw, FEED_KW_WORD, (const feed_uchar_t *) "a-b", 3,
                         0);

    return kw;
}


void
feed_kw_free(feed_kw_t *kw)
{
    if (kw == NULL) {
        return;
    }

    pcre2_match_data_free(kw->md);

    free(kw);
}


size_t
feed_kw_memory(const feed_kw_t *kw)
{
    return sizeof(feed_kw_t) + kw->heap;
}


static void *
feed_kw_alloc(PCRE2_SIZE size, void *data)
{
    feed_kw_t      *kw = data;
    feed_kw_mem_t  *m;

    m = malloc(sizeof(feed_kw_mem_t) + size);
    if (m == NULL) {
        return NULL;
    }

    m->size = size;
    kw->heap += sizeof(feed_kw_mem_t) + size;

    return m + 1;
}


static void
feed_kw_dealloc(void *p, void *data)
{
    feed_kw_t      *kw = data;
    feed_kw_mem_t  *m;

    if (p == NULL) {
        return;
    }

    m = (feed_kw_mem_t *) p - 1;
    kw->heap -= sizeof(feed_kw_mem_t) + m->size;

    free(m);
}


void
feed_kw_text(feed_kw_t *kw, const feed_uchar_t *p, size_t len, unsigned kind)
{
    size_t               i, n, room;
    uint32_t             cps[FEED_KW_DECODE_MAX];
    const feed_uchar_t  *q, *end, *last;

    if (kw->stopped || len == 0) {
        return;
    }

    if (kw->read == FEED_KW_BUDGET) {
        kw->stopped = 1;
        return;
    }

    if (kind != FEED_KW_TITLE && kind != FEED_KW_HEADING) {
        kind = FEED_KW_BODY;
    }

    if (kind != kw->kind) {
        feed_kw_end(kw);

        kw->kind = kind;
        kw->weight = (kind == FEED_KW_TITLE) ? FEED_KW_W_TITLE
                     : (kind == FEED_KW_HEADING) ? FEED_KW_W_HEADING
                     : FEED_KW_W_BODY;
    }

    if (len > FEED_KW_BUDGET - kw->read) {
        len = FEED_KW_BUDGET - kw->read;
        kw->stopped = 1;
    }

    kw->read += len;

    for (last = p + len; p < last; /* void */) {

        if (feed_kw_dec_idle(&kw->dec) && kw->len + 3 < FEED_KW_WINDOW) {
            /*
             * Printable ASCII goes to the window as it is, as far as
             * feed_kw_put() would put it before scanning the window.
             */

            room = FEED_KW_WINDOW - 3 - kw->len;
            end = ((size_t) (last - p) < room) ? last : p + room;

            for (q = p; q < end && *q >= 0x20 && *q < 0x7f && *q != '&'; q++)
            {
                /* void */
            }

            if (q != p) {
                memcpy(kw->buf + kw->len, p, q - p);
                kw->len += q - p;
                p = q;
                continue;
            }
        }

        n = feed_kw_decode(&kw->dec, *p++, cps);

        for (i = 0; i < n; i++) {
            feed_kw_put(kw, cps[i]);
        }
    }
}


void
feed_kw_break(feed_kw_t *kw)
{
    if (!kw->stopped) {
        feed_kw_end(kw);
    }
}


void
feed_kw_flush(feed_kw_t *kw)
{
    if (!kw->stopped) {
        feed_kw_end(kw);
        return;
    }

    /* the budget cut the text: words cut by it are not counted */

    feed_kw_scan(kw, 0);

    feed_kw_decode_init(&kw->dec);
    kw->len = 0;
    kw->skip = 0;
}


/* a decoded character into the window */

static void
feed_kw_put(feed_kw_t *kw, uint32_t c)
{
    feed_uchar_t  *p;

    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
        c = ' ';

    } else if (c == 0xad) {
        return;                     /* the soft hyphen joins */
    }

    while (kw->len + 4 > FEED_KW_WINDOW) {
        feed_kw_scan(kw, 0);
    }

    p = feed_kw_utf8_put(kw->buf + kw->len, c);

    kw->len = p - kw->buf;
}


/* the end of a text: what the decoder holds, then the whole window */

static void
feed_kw_end(feed_kw_t *kw)
{
    size_t    i, n;
    uint32_t  cps[FEED_KW_DECODE_MAX];

    n = feed_kw_decode_end(&kw->dec, cps);

    for (i = 0; i < n; i++) {
        feed_kw_put(kw, cps[i]);
    }

    feed_kw_scan(kw, 1);
}


/*
 * The words of the window.  Unless final, a run that may go on past the
 * end (it reaches it, or only a joiner follows it) is moved to the start
 * of the window instead.
 */

static void
feed_kw_scan(feed_kw_t *kw, unsigned final)
{
    int                  rc;
    size_t               start, s, e, ws, we, tail;
    PCRE2_SIZE          *ov;
    const feed_uchar_t  *p, *last;

    /* the match data, and so the ovector, serves every match */

    ov = pcre2_get_ovector_pointer(kw->md);

    for (start = 0; start < kw->len; start = e) {

        if (feed_kw_match(kw, FEED_KW_RUN, kw->buf, kw->len, start) <= 0) {
            break;
        }

        s = ov[0];
        e = ov[1];

        if (!final
            && (e == kw->len || feed_kw_joiner(kw->buf + e, kw->len - e)
                                == kw->len - e))
        {
            if (s == 0) {
                /* the run fills the window: keep its last character */

                for (tail = e - 1; (kw->buf[tail] & 0xc0) == 0x80; tail--) {
                    /* void */
                }

                kw->skip = 1;
                s = tail;

            } else {
                kw->skip = 0;
            }

            memmove(kw->buf, kw->buf + s, kw->len - s);
            kw->len -= s;

            return;
        }

        if (kw->skip && s == 0) {
            kw->skip = 0;
            continue;
        }

        kw->skip = 0;

        for (p = kw->buf + s, last = kw->buf + e; p < last; p++) {
            if (*p >= 0xe3) {
                break;
            }
        }

        if (p == last) {
            feed_kw_word(kw, kw->buf + s, e - s, 1);
            continue;
        }

        /* CJK, maybe: the words of the run */

        p = kw->buf + s;

        for (we = 0; we < e - s; /* void */) {
            rc = feed_kw_match(kw, FEED_KW_WORD, p, e - s, we);

            if (rc <= 0) {
                break;
            }

            ws = ov[0];
            we = ov[1];

            feed_kw_word(kw, p + ws, we - ws, rc);
        }
    }

    kw->len = 0;
    kw->skip = 0;
}


static int
feed_kw_match(feed_kw_t *kw, unsigned i, const feed_uchar_t *p, size_t len,
    size_t start)
{
    if (kw->re->jit[i]) {
        return pcre2_jit_match(kw->re->code[i], p, len, start, 0, kw->md,
                               kw->re->mctx);
    }

    return pcre2_match(kw->re->code[i], p, len, start, 0, kw->md,
                       kw->re->mctx);
}


/* the length of the joiner at p, 0 if none */

static size_t
feed_kw_joiner(const feed_uchar_t *p, size_t len)
{
    if (len >= 1 && (p[0] == '\'' || p[0] == '-')) {
        return 1;
    }

    if (len >= 3 && p[0] == 0xe2 && p[1] == 0x80
        && (p[2] == 0x90 || p[2] == 0x99))
    {
        return 3;                   /* U+2010, U+2019 */
    }

    return 0;
}


/* a match: group 1 Han, 2 Katakana, else a word */

static void
feed_kw_word(feed_kw_t *kw, const feed_uchar_t *p, size_t len, int group)
{
    size_t        i, n;
    uint32_t      hash;
    unsigned      check;
    feed_uchar_t  key[FEED_KW_WORD_MAX];

    if (group > 1) {

        for (i = 0, n = 0; i < len; i++) {
            n += ((p[i] & 0xc0) != 0x80);
        }

        if (n >= FEED_KW_CJK_MIN && n <= FEED_KW_CJK_MAX) {
            feed_kw_count(kw, feed_kw_hash(p, len), p, len);
        }

        return;
    }

    n = feed_kw_key(key, p, len, &check);

    if (n == 0) {
        return;
    }

    hash = feed_kw_hash(key, n);

    if (feed_kw_stop(kw->re, hash, key, n)) {
        return;
    }

    /* no ASCII letter: a letter of another script, or a number */

    if (check && feed_kw_match(kw, FEED_KW_LETTER, key, n, 0) <= 0) {
        return;
    }

    feed_kw_count(kw, hash, key, n);
}


/* FNV-1a */

static uint32_t
feed_kw_hash(const feed_uchar_t *p, size_t len)
{
    size_t    i;
    uint32_t  hash;

    hash = 2166136261u;

    for (i = 0; i < len; i++) {
        hash = (hash ^ p[i]) * 16777619u;
    }

    return hash;
}


static int
feed_kw_stop(const feed_kw_re_t *re, uint32_t hash, const feed_uchar_t *key,
    size_t len)
{
    size_t                 j;
    const feed_kw_stop_t  *s;

    for (j = hash % FEED_KW_STOP_SLOTS;
         re->slots[j];
         j = (j + 1) % FEED_KW_STOP_SLOTS)
    {
        s = &re->stops[re->slots[j] - 1];

        if (s->hash == hash && s->len == len
            && memcmp(s->word, key, len) == 0)
        {
            return 1;
        }
    }

    return 0;
}


static void
feed_kw_count(feed_kw_t *kw, uint32_t hash, const feed_uchar_t *key,
    size_t len)
{
    size_t           j;
    feed_kw_word_t  *w;

    for (j = hash % FEED_KW_SLOTS; kw->slots[j]; j = (j + 1) % FEED_KW_SLOTS) {
        w = &kw->words[kw->slots[j] - 1];

        if (w->hash == hash && w->len == len
            && memcmp(w->key, key, len) == 0)
        {
            w->weight += kw->weight;
            return;
        }
    }

    if (kw->nwords == FEED_KW_WORDS) {

        if (kw->frozen || feed_kw_purge(kw) != FEED_OK) {
            return;
        }
    }

    w = &kw->words[kw->nwords];

    w->hash = hash;
    w->weight = kw->weight;
    w->first = kw->seq++;
    w->len = len;
    memcpy(w->key, key, len);

    feed_kw_insert(kw, kw->nwords++);
}


static void
feed_kw_insert(feed_kw_t *kw, size_t i)
{
    size_t  j;

    for (j = kw->words[i].hash % FEED_KW_SLOTS;
         kw->slots[j];
         j = (j + 1) % FEED_KW_SLOTS)
    {
        /* void */
    }

    kw->slots[j] = (uint16_t) (i + 1);
}


/*
 * The table is full: the lightest words go, at least a quarter of the
 * table, all the words of the lightest weights that make it up.
 */

static int
feed_kw_purge(feed_kw_t *kw)
{
    size_t  i, j, t, sum, hist[FEED_KW_PURGE_MAX];

    memset(hist, 0, sizeof(hist));

    for (i = 0; i < kw->nwords; i++) {
        t = kw->words[i].weight;
        hist[(t < FEED_KW_PURGE_MAX) ? t : 0]++;
    }

    sum = 0;

    for (t = 1; t < FEED_KW_PURGE_MAX; t++) {
        sum += hist[t];

        if (sum >= FEED_KW_WORDS / 4) {
            break;
        }
    }

    if (t == FEED_KW_PURGE_MAX) {
        kw->frozen = 1;
        return FEED_DECLINED;
    }

    for (i = 0, j = 0; i < kw->nwords; i++) {
        if (kw->words[i].weight > t) {
            kw->words[j++] = kw->words[i];
        }
    }

    kw->nwords = j;

    memset(kw->slots, 0, sizeof(kw->slots));

    for (i = 0; i < kw->nwords; i++) {
        feed_kw_insert(kw, i);
    }

    return FEED_OK;
}


size_t
feed_kw_result(feed_kw_t *kw, size_t n, feed_uchar_t *dst, size_t size)
{
    size_t           i, len, out;
    uint16_t         t;
    feed_kw_word_t  *w;

    if (dst == NULL || n == 0 || kw->nwords == 0) {
        return 0;
    }

    /* heapsort, heaviest first */

    for (i = 0; i < kw->nwords; i++) {
        kw->order[i] = (uint16_t) i;
    }

    for (i = kw->nwords / 2; i > 0; i--) {
        feed_kw_sift(kw, i - 1, kw->nwords);
    }

    for (i = kw->nwords - 1; i > 0; i--) {
        t = kw->order[0];
        kw->order[0] = kw->order[i];
        kw->order[i] = t;

        feed_kw_sift(kw, 0, i);
    }

    out = 0;

    for (i = 0; i < n && i < kw->nwords; i++) {
        w = &kw->words[kw->order[i]];

        len = w->len + (i ? 2 : 0);

        if (len > size - out) {
            break;
        }

        if (i) {
            dst[out++] = ',';
            dst[out++] = ' ';
        }

        memcpy(dst + out, w->key, w->len);
        out += w->len;

        /* a Greek word ends in a final sigma: U+03C3 becomes U+03C2 */

        if (dst[out - 2] == 0xcf && dst[out - 1] == 0x83) {
            dst[out - 1] = 0x82;
        }
    }

    return out;
}


/* 1 when word a ranks after word b: lighter, or as heavy and later */

static int
feed_kw_after(feed_kw_t *kw, uint16_t a, uint16_t b)
{
    feed_kw_word_t  *wa, *wb;

    wa = &kw->words[a];
    wb = &kw->words[b];

    if (wa->weight != wb->weight) {
        return wa->weight < wb->weight;
    }

    return wa->first > wb->first;
}


/* a heap whose root ranks last */

static void
feed_kw_sift(feed_kw_t *kw, size_t i, size_t n)
{
    size_t    c;
    uint16_t  t;

    for ( ;; ) {
        c = 2 * i + 1;

        if (c >= n) {
            return;
        }

        if (c + 1 < n && feed_kw_after(kw, kw->order[c + 1], kw->order[c])) {
            c++;
        }

        if (!feed_kw_after(kw, kw->order[c], kw->order[i])) {
            return;
        }

        t = kw->order[i];
        kw->order[i] = kw->order[c];
        kw->order[c] = t;

        i = c;
    }
}
