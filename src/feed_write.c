
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_write.h"
#include "feed_hash.h"

#if (defined __SSE2__ && defined __GNUC__)
#include <emmintrin.h>
#define FEED_WRITE_SSE2  1
#endif


#define FEED_WRITE_SEED1  0x6e67785f66656564ULL     /* "ngx_feed" */
#define FEED_WRITE_SEED2  0x666565645f677569ULL     /* "feed_gui" */


static int feed_write_decode(const feed_uchar_t *p, const feed_uchar_t *last,
    uint32_t *cp);
static int feed_write_block_tag(const feed_uchar_t *p);
static size_t feed_write_entity(const feed_uchar_t **pp, uint32_t *cp);
static size_t feed_write_utf8(feed_uchar_t *u, uint32_t cp);
static void feed_write_hash_field(feed_hash_t *h1, feed_hash_t *h2,
    const char *s, uint64_t v);
static size_t feed_write_uuid_hex(char *buf, uint64_t a, uint64_t b);


/*
 * For each byte, a bit per escaping mode (1 << FEED_ESC_*) saying that
 * the byte cannot be copied as it is: it is escaped or removed, or it
 * starts a multibyte sequence that has to be checked.
 */

#define A  0x3f          /* every mode */
#define X  0x3e          /* every mode but cleaning only */
#define M  0x1e          /* the XML modes */
#define Q  0x30          /* attribute and JSON */
#define J  0x20          /* JSON only */

static const feed_uchar_t  feed_write_special[256] = {
    A, A, A, A, A, A, A, A, A, Q, Q, A, A, Q, A, A,     /* TAB LF CR */
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    0, 0, Q, 0, 0, 0, M, 0, 0, 0, 0, 0, 0, 0, 0, 0,     /* " & */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, X, 0, X, 0,     /* < > */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, J, 0, 0, 0,     /* \ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, A,     /* DEL */
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A,
    A, A, A, A, A, A, A, A, A, A, A, A, A, A, A, A
};

#undef A
#undef X
#undef M
#undef Q
#undef J


/* the escapes of the ASCII bytes marked above, by mode */

#define FEED_WRITE_CHUNK   4096
#define FEED_WRITE_GROWTH  9            /* "&" as "&amp;amp;" */


typedef struct {
    size_t           len;
    char             s[12];
} feed_write_esc_t;


static const feed_uchar_t  feed_write_index[128] = {
    ['&'] = 1, ['<'] = 2, ['>'] = 3, ['"'] = 4, ['\\'] = 5,
    ['\t'] = 6, ['\n'] = 7, ['\r'] = 8
};

static const feed_write_esc_t  feed_write_escapes[6][9] = {

    /* FEED_ESC_NONE */
    { { 0, "" }, { 1, "&" }, { 1, "<" }, { 1, ">" }, { 1, "\"" },
      { 1, "\\" }, { 1, "\t" }, { 1, "\n" }, { 1, "\r" } },

    /* FEED_ESC_XML */
    { { 0, "" }, { 5, "&amp;" }, { 4, "&lt;" }, { 4, "&gt;" }, { 1, "\"" },
      { 1, "\\" }, { 1, "\t" }, { 1, "\n" }, { 1, "\r" } },

    /* FEED_ESC_PLAIN */
    { { 0, "" }, { 6, "&#x26;" }, { 6, "&#x3C;" }, { 6, "&#x3E;" },
      { 1, "\"" }, { 1, "\\" }, { 1, "\t" }, { 1, "\n" }, { 1, "\r" } },

    /* FEED_ESC_HTML */
    { { 0, "" }, { 9, "&amp;amp;" }, { 8, "&amp;lt;" }, { 8, "&amp;gt;" },
      { 1, "\"" }, { 1, "\\" }, { 1, "\t" }, { 1, "\n" }, { 1, "\r" } },

    /* FEED_ESC_ATTR */
    { { 0, "" }, { 5, "&amp;" }, { 4, "&lt;" }, { 4, "&gt;" },
      { 6, "&quot;" }, { 1, "\\" }, { 4, "&#9;" }, { 5, "&#10;" },
      { 5, "&#13;" } },

    /* FEED_ESC_JSON */
    { { 0, "" }, { 1, "&" }, { 6, "\\u003c" }, { 6, "\\u003e" },
      { 2, "\\\"" }, { 2, "\\\\" }, { 2, "\\t" }, { 2, "\\n" },
      { 2, "\\r" } }
};


/*
 * Plain bytes from p, four at a time: a group with a byte that the mode
 * marks, or fewer than four bytes before end, stops the skip.
 */

static inline const feed_uchar_t *
feed_write_skip4(const feed_uchar_t *p, const feed_uchar_t *end,
    feed_uchar_t mask)
{
    while (end - p >= 4
           && !((feed_write_special[p[0]] | feed_write_special[p[1]]
                 | feed_write_special[p[2]] | feed_write_special[p[3]])
                & mask))
    {
        p += 4;
    }

    return p;
}


#if (FEED_WRITE_SSE2)

/*
 * The printable ASCII bytes other than "<" and ">" that each mode
 * escapes, for the scan 16 bytes at a time, repeated to make two: with
 * the controls, DEL, the bytes from 0x80, "<" and ">", a superset of the
 * bytes the mode marks in feed_write_special.
 */

static const char  feed_write_vec_bytes[6][2] = {
    { 0x7f, 0x7f },                 /* FEED_ESC_NONE */
    { '&', '&' },                   /* FEED_ESC_XML */
    { '&', '&' },                   /* FEED_ESC_PLAIN */
    { '&', '&' },                   /* FEED_ESC_HTML */
    { '&', '"' },                   /* FEED_ESC_ATTR */
    { '"', '\\' }                   /* FEED_ESC_JSON */
};


/*
 * A bit for each of the 16 bytes of v that may need work: those below
 * 0x20, DEL and those from 0x80 (plus one, they are below 0x21 as signed
 * bytes), "<" and ">" (with bit 1 set, both are ">"), c0 and c1.
 */

static inline int
feed_write_vec(__m128i v, __m128i c0, __m128i c1)
{
    __m128i  m;

    m = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(1)),
                       _mm_set1_epi8(0x21));
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(2)),
                                       _mm_set1_epi8('>')));
    m = _mm_or_si128(m, _mm_or_si128(_mm_cmpeq_epi8(v, c0),
                                     _mm_cmpeq_epi8(v, c1)));

    return _mm_movemask_epi8(m);
}


/*
 * The first byte from p to end that may need work, or end: 16 bytes at
 * a time, then the last 16 bytes before end (the input has 16 or more
 * there) without the bits of those before p.
 */

static inline const feed_uchar_t *
feed_write_skip(const feed_uchar_t *p, const feed_uchar_t *end, __m128i c0,
    __m128i c1)
{
    int  bits;

    while (end - p >= 16) {
        bits = feed_write_vec(_mm_loadu_si128((const __m128i *) p), c0, c1);

        if (bits) {
            return p + __builtin_ctz((unsigned) bits);
        }

        p += 16;
    }

    if (p == end) {
        return p;
    }

    bits = feed_write_vec(_mm_loadu_si128((const __m128i *) (end - 16)),
                          c0, c1);
    bits >>= 16 - (end - p);

    return bits ? p + __builtin_ctz((unsigned) bits) : end;
}

#endif


void
feed_write_text(feed_buf_t *b, const char *s, size_t len, int esc)
{
    int                      n;
    size_t                   chunk;
    uint32_t                 cp;
    feed_uchar_t             mask, *d;
    const feed_uchar_t      *p, *q, *last, *end, *start;
    const feed_write_esc_t  *e;
#if (FEED_WRITE_SSE2)
    const feed_uchar_t      *first;
    __m128i                  c0, c1;
#endif

    if (len == 0) {
        return;
    }

    mask = (feed_uchar_t) (1 << esc);

#if (FEED_WRITE_SSE2)
    first = (const feed_uchar_t *) s;
    c0 = _mm_set1_epi8(feed_write_vec_bytes[esc][0]);
    c1 = _mm_set1_epi8(feed_write_vec_bytes[esc][1]);
#endif

    p = (const feed_uchar_t *) s;
    last = p + len;

    /*
     * In chunks, each with room reserved for its worst case, so that the
     * loop writes without checks and memory stays near the output size.
     * The last byte of a chunk may be written as up to 12 bytes (an
     * escape is copied with its array), within the 8 bytes to spare; a
     * byte before it, with 15 more (a copy of 16 plain bytes).
     */

    while (p < last) {
        chunk = (size_t) (last - p);

        if (chunk > FEED_WRITE_CHUNK) {
            chunk = FEED_WRITE_CHUNK;
        }

        if (b->max && b->len <= b->max
            && chunk * FEED_WRITE_GROWTH + 8 > b->max - b->len)
        {
            /* near the limit: a chunk whose worst case still fits */
            chunk = (b->max - b->len) / FEED_WRITE_GROWTH;
            chunk = (chunk > 1) ? chunk - 1 : 1;
        }

        if (feed_buf_reserve(b, chunk * FEED_WRITE_GROWTH + 8) != FEED_OK) {
            return;
        }

        d = b->data + b->len;
        end = p + chunk;
        start = p;

        /* a multibyte sequence may end past "end": up to 3 bytes */

        while (p < end) {

            /* plain bytes: 16 at a time where there are 16 to read */

#if (FEED_WRITE_SSE2)
            p = (end - first >= 16) ? feed_write_skip(p, end, c0, c1)
                                    : feed_write_skip4(p, end, mask);
#else
            p = feed_write_skip4(p, end, mask);
#endif

            if (p == end) {
                break;
            }

            if (!(feed_write_special[*p] & mask)) {
                p++;
                continue;
            }

            if (*p < 0x80) {

                /*
                 * The plain bytes before, in copies of 16 where the input
                 * has 16 bytes to read from p: at most 15 bytes more are
                 * written, in room, since p is before the chunk's end.
                 */

                if (last - p >= 16) {
                    for (q = start; q < p; q += 16) {
                        memcpy(d + (q - start), q, 16);
                    }

                } else {
                    memcpy(d, start, p - start);
                }

                d += p - start;

                /* the whole array: a copy of a known size, in room */

                e = &feed_write_escapes[esc][feed_write_index[*p]];
                memcpy(d, e->s, sizeof(e->s));
                d += e->len;

                start = ++p;
                continue;
            }

            n = feed_write_decode(p, last, &cp);

            if (n > 0
                && cp >= 0xa0
                && (cp < 0xd800 || cp > 0xdfff)
                && cp != 0xfffe && cp != 0xffff
                && (esc != FEED_ESC_JSON || (cp != 0x2028 && cp != 0x2029)))
            {
                /* a character kept as it is */
                p += n;
                continue;
            }

            memcpy(d, start, p - start);
            d += p - start;

            if (n < 0) {
                memcpy(d, "\xef\xbf\xbd", 3);
                d += 3;
                p += -n;

            } else {
                if (cp == 0x2028 || cp == 0x2029) {
                    memcpy(d, cp == 0x2028 ? "\\u2028" : "\\u2029", 6);
                    d += 6;
                }

                /* otherwise removed */

                p += n;
            }

            start = p;
        }

        memcpy(d, start, p - start);
        d += p - start;

        b->len = d - b->data;
    }
}


void
feed_write_str(feed_buf_t *b, const char *s, int esc)
{
    if (s != NULL) {
        feed_write_text(b, s, strlen(s), esc);
    }
}


void
feed_write_again(feed_buf_t *b, size_t pos, size_t len)
{
    if (len == 0 || feed_buf_reserve(b, len) != FEED_OK) {
        return;
    }

    /* from b->data as it is after the reserve, which may move it */

    memcpy(b->data + b->len, b->data + pos, len);
    b->len += len;
}


/*
 * Decodes one UTF-8 sequence at p (p < last).  Returns its length and
 * the code point, or minus the length of the maximal ill-formed
 * subsequence to replace.  Surrogates (ED A0..BF xx) decode as such, for
 * the caller to remove.
 */

static int
feed_write_decode(const feed_uchar_t *p, const feed_uchar_t *last,
    uint32_t *cp)
{
    int           i, need;
    uint32_t      v;
    feed_uchar_t  c, lo, hi;

    c = p[0];

    if (c < 0x80) {
        *cp = c;
        return 1;
    }

    lo = 0x80;
    hi = 0xbf;

    if (c < 0xc2) {
        return -1;

    } else if (c < 0xe0) {
        need = 1;
        v = c & 0x1f;

    } else if (c < 0xf0) {
        need = 2;
        v = c & 0x0f;

        if (c == 0xe0) {
            lo = 0xa0;
        }

    } else if (c < 0xf5) {
        need = 3;
        v = c & 0x07;

        if (c == 0xf0) {
            lo = 0x90;

        } else if (c == 0xf4) {
            hi = 0x8f;
        }

    } else {
        return -1;
    }

    for (i = 1; i <= need; i++) {

        if (p + i == last || p[i] < lo || p[i] > hi) {
            return -i;
        }

        v = (v << 6) | (p[i] & 0x3f);

        lo = 0x80;
        hi = 0xbf;
    }

    *cp = v;

    return need + 1;
}


int
feed_write_has_text(const char *s)
{
    int                  n;
    uint32_t             cp;
    const feed_uchar_t  *p, *last;

    if (s == NULL) {
        return 0;
    }

    p = (const feed_uchar_t *) s;

    /* the usual case, a text that starts with a printable character */

    if (*p > 0x20 && *p < 0x7f) {
        return 1;
    }

    last = p + strlen(s);

    while (p < last) {

        if (*p < 0x80) {
            if (*p > 0x20 && *p < 0x7f) {
                return 1;
            }

            p++;
            continue;
        }

        n = feed_write_decode(p, last, &cp);

        if (n < 0) {
            return 1;   /* U+FFFD */
        }

        if (cp > 0xa0
            && (cp < 0xd800 || cp > 0xdfff)
            && cp != 0xfffe && cp != 0xffff && cp != 0xfeff
            && cp != 0x3000 && cp != 0x2028 && cp != 0x2029
            && (cp < 0x2000 || cp > 0x200b))
        {
            return 1;
        }

        p += n;
    }

    return 0;
}


int
feed_write_is_url(const char *s)
{
    size_t  n;

    /* "http://" or "https://", in any case, then a host */

    if (s == NULL
        || (s[0] | 0x20) != 'h' || (s[1] | 0x20) != 't'
        || (s[2] | 0x20) != 't' || (s[3] | 0x20) != 'p')
    {
        return 0;
    }

    n = ((s[4] | 0x20) == 's') ? 5 : 4;

    if (s[n] != ':' || s[n + 1] != '/' || s[n + 2] != '/') {
        return 0;
    }

    n += 3;

    return s[n] != '\0' && s[n] != '/';
}


int
feed_write_is_iri(const char *s)
{
    int                  n;
    uint32_t             cp;
    const feed_uchar_t  *p, *last;

    if (s == NULL) {
        return 0;
    }

    p = (const feed_uchar_t *) s;
    last = p + strlen(s);

    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */

    if (p == last || feed_lowcase(*p) < 'a' || feed_lowcase(*p) > 'z') {
        return 0;
    }

    while (p < last && *p != ':') {
        if (!((feed_lowcase(*p) >= 'a' && feed_lowcase(*p) <= 'z')
              || (*p >= '0' && *p <= '9')
              || *p == '+' || *p == '-' || *p == '.'))
        {
            return 0;
        }

        p++;
    }

    if (p == last || ++p == last) {
        return 0;
    }

    while (p < last) {

        if (*p < 0x80) {
            if (*p <= 0x20 || *p == 0x7f
                || *p == '<' || *p == '>' || *p == '"' || *p == '{'
                || *p == '}' || *p == '|' || *p == '\\' || *p == '^'
                || *p == '`')
            {
                return 0;
            }

            p++;
            continue;
        }

        n = feed_write_decode(p, last, &cp);

        if (n < 0 || cp < 0xa0 || (cp >= 0xd800 && cp <= 0xdfff)
            || cp == 0xfffe || cp == 0xffff)
        {
            return 0;
        }

        p += n;
    }

    return 1;
}


int
feed_write_is_lang(const char *s)
{
    size_t  n;

    if (s == NULL || *s == '\0') {
        return 0;
    }

    /* 1*8ALPHA *("-" 1*8alphanum) */

    for (n = 0; (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'); s++) {
        n++;
    }

    if (n == 0 || n > 8) {
        return 0;
    }

    while (*s == '-') {
        s++;

        for (n = 0;
             (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')
             || (*s >= '0' && *s <= '9');
             s++)
        {
            n++;
        }

        if (n == 0 || n > 8) {
            return 0;
        }
    }

    return *s == '\0';
}


size_t
feed_write_cut(char *buf, const char *s, int html)
{
    int                  pending, space;
    size_t               n, len, clen, last_space;
    uint32_t             cp;
    feed_uchar_t         u[4];
    const feed_uchar_t  *p, *c;

    /*
     * Characters are counted by their first bytes, and at most 4 bytes
     * are kept of each (cleaning on output replaces what is invalid).
     */

    len = 0;
    n = 0;
    last_space = 0;
    pending = 0;

    p = (const feed_uchar_t *) (s ? s : "");

    while (*p) {
        c = p;
        clen = 1;
        space = 0;

        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'
            || *p == '\f')
        {
            space = 1;
            p++;

        } else if (html && *p == '<') {
            space = feed_write_block_tag(p + 1);

            while (*p && *p != '>') {
                p++;
            }

            if (*p) {
                p++;
            }

            if (!space) {
                continue;
            }

        } else if (html && *p == '&' && (clen = feed_write_entity(&p, &cp))) {

            if (cp == 0xa0) {
                space = 1;

            } else {
                clen = feed_write_utf8(u, cp);
                c = u;
            }

        } else {
            clen = 1;
            p++;

            if (*c >= 0xc0) {
                while (clen < 4 && (*p & 0xc0) == 0x80) {
                    p++;
                    clen++;
                }
            }
        }

        if (space) {
            pending = (len > 0);
            continue;
        }

        if (n + pending + 1 > FEED_WRITE_CUT_CHARS) {

            /*
             * Cut: after a whole word, or else at the last space if it
             * is not too far back.
             */

            if (!pending && last_space > len / 2) {
                len = last_space;
            }

            memcpy(buf + len, "\xe2\x80\xa6", 3);
            len += 3;
            break;
        }

        if (pending) {
            last_space = len;
            buf[len++] = ' ';
            n++;
            pending = 0;
        }

        memcpy(buf + len, c, clen);
        len += clen;
        n++;
    }

    buf[len] = '\0';

    return len;
}


/*
 * Whether a tag (p points after its "<") breaks the text flow, so that
 * it reads as a space once the tags are gone.
 */

static int
feed_write_block_tag(const feed_uchar_t *p)
{
    size_t  i, n;

    static const char  *blocks[] = {
        "address", "article", "aside", "blockquote", "br", "dd", "div",
        "dl", "dt", "figcaption", "figure", "footer", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre",
        "section", "table", "td", "th", "tr", "ul", NULL
    };

    if (*p == '/') {
        p++;
    }

    for (n = 0; n < 11; n++) {
        if (!((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z')
              || (p[n] >= '0' && p[n] <= '9')))
        {
            break;
        }
    }

    for (i = 0; blocks[i]; i++) {
        if (strlen(blocks[i]) == n
            && feed_strncasecmp(p, (const feed_uchar_t *) blocks[i], n) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/*
 * A character reference at *pp: the few named ones that plain text needs
 * (&amp; &lt; &gt; &quot; &apos; &nbsp;) and numeric ones.  Moves *pp
 * past it and returns its length, or returns 0 when there is none.
 */

static size_t
feed_write_entity(const feed_uchar_t **pp, uint32_t *cp)
{
    size_t               i, n;
    uint32_t             v;
    const feed_uchar_t  *p, *q;

    static const struct {
        const char      *name;
        uint32_t         cp;
    } named[] = {
        { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
        { "apos;", '\'' }, { "nbsp;", 0xa0 }, { NULL, 0 }
    };

    p = *pp + 1;

    if (*p != '#') {
        for (i = 0; named[i].name; i++) {
            n = strlen(named[i].name);

            if (strncmp((const char *) p, named[i].name, n) == 0) {
                *cp = named[i].cp;
                *pp = p + n;
                return n + 1;
            }
        }

        return 0;
    }

    p++;
    v = 0;

    if (*p == 'x' || *p == 'X') {
        for (q = ++p; q - p < 6; q++) {
            if (*q >= '0' && *q <= '9') {
                v = v * 16 + (*q - '0');

            } else if (feed_lowcase(*q) >= 'a' && feed_lowcase(*q) <= 'f') {
                v = v * 16 + (feed_lowcase(*q) - 'a' + 10);

            } else {
                break;
            }
        }

    } else {
        for (q = p; q - p < 7; q++) {
            if (*q < '0' || *q > '9') {
                break;
            }

            v = v * 10 + (*q - '0');
        }
    }

    if (q == p || *q != ';' || v == 0 || v > 0x10ffff) {
        return 0;
    }

    *cp = v;
    n = q + 1 - *pp;
    *pp = q + 1;

    return n;
}


static size_t
feed_write_utf8(feed_uchar_t *u, uint32_t cp)
{
    if (cp < 0x80) {
        u[0] = (feed_uchar_t) cp;
        return 1;
    }

    if (cp < 0x800) {
        u[0] = (feed_uchar_t) (0xc0 | (cp >> 6));
        u[1] = (feed_uchar_t) (0x80 | (cp & 0x3f));
        return 2;
    }

    if (cp < 0x10000) {
        u[0] = (feed_uchar_t) (0xe0 | (cp >> 12));
        u[1] = (feed_uchar_t) (0x80 | ((cp >> 6) & 0x3f));
        u[2] = (feed_uchar_t) (0x80 | (cp & 0x3f));
        return 3;
    }

    u[0] = (feed_uchar_t) (0xf0 | (cp >> 18));
    u[1] = (feed_uchar_t) (0x80 | ((cp >> 12) & 0x3f));
    u[2] = (feed_uchar_t) (0x80 | ((cp >> 6) & 0x3f));
    u[3] = (feed_uchar_t) (0x80 | (cp & 0x3f));

    return 4;
}


size_t
feed_write_uuid(char *buf, const void *data, size_t len)
{
    return feed_write_uuid_hex(buf, feed_hash(data, len, FEED_WRITE_SEED1),
                               feed_hash(data, len, FEED_WRITE_SEED2));
}


static size_t
feed_write_uuid_hex(char *buf, uint64_t a, uint64_t b)
{
    int           i, j;
    feed_uchar_t  v[16];

    static const char  hex[] = "0123456789abcdef";

    for (i = 0; i < 8; i++) {
        v[i] = (feed_uchar_t) (a >> (56 - 8 * i));
        v[8 + i] = (feed_uchar_t) (b >> (56 - 8 * i));
    }

    /* RFC 9562: version 8 (custom), variant 10 */

    v[6] = (feed_uchar_t) ((v[6] & 0x0f) | 0x80);
    v[8] = (feed_uchar_t) ((v[8] & 0x3f) | 0x80);

    memcpy(buf, "urn:uuid:", 9);
    j = 9;

    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            buf[j++] = '-';
        }

        buf[j++] = hex[v[i] >> 4];
        buf[j++] = hex[v[i] & 0x0f];
    }

    buf[j] = '\0';

    return (size_t) j;
}


static void
feed_write_hash_field(feed_hash_t *h1, feed_hash_t *h2, const char *s,
    uint64_t v)
{
    int           i;
    feed_uchar_t  le[8];

    /*
     * A 64-bit little-endian number (a string's length + 1, or 0 for
     * none), then the string's bytes: no two field lists hash alike, and
     * the hash is the same on every machine.
     */

    if (s) {
        v = (uint64_t) strlen(s) + 1;
    }

    for (i = 0; i < 8; i++) {
        le[i] = (feed_uchar_t) (v >> (8 * i));
    }

    feed_hash_update(h1, le, 8);
    feed_hash_update(h2, le, 8);

    if (s) {
        feed_hash_update(h1, s, v - 1);
        feed_hash_update(h2, s, v - 1);
    }
}


int
feed_write_item_ok(const feed_item_t *item)
{
    return feed_write_has_text(item->title)
           || feed_write_has_text(item->summary)
           || feed_write_has_text(item->content);
}


const feed_date_t *
feed_write_item_date(const feed_item_t *item)
{
    if (item->published.kind != FEED_DATE_NONE) {
        return &item->published;
    }

    if (item->updated.kind != FEED_DATE_NONE) {
        return &item->updated;
    }

    return NULL;
}


void
feed_write_item_id(feed_write_id_t *id, const feed_item_t *item, int iri)
{
    uint64_t     t;
    feed_hash_t  h1, h2;

    id->permalink = 0;

    if (feed_write_has_text(item->id)) {

        if (!iri || feed_write_is_iri(item->id)) {
            id->id = item->id;

        } else {
            feed_write_uuid(id->buf, item->id, strlen(item->id));
            id->id = id->buf;
            return;
        }

    } else if (feed_write_is_url(item->url)) {

        if (!iri || feed_write_is_iri(item->url)) {
            id->id = item->url;

        } else {
            feed_write_uuid(id->buf, item->url, strlen(item->url));
            id->id = id->buf;
            return;
        }

    } else {
        feed_hash_init(&h1, FEED_WRITE_SEED1);
        feed_hash_init(&h2, FEED_WRITE_SEED2);

        feed_write_hash_field(&h1, &h2, item->title, 0);
        feed_write_hash_field(&h1, &h2, item->summary, 0);
        feed_write_hash_field(&h1, &h2, item->content, 0);
        feed_write_hash_field(&h1, &h2, item->author, 0);

        t = (item->published.kind != FEED_DATE_NONE)
            ? (uint64_t) item->published.t : 0;

        feed_write_hash_field(&h1, &h2, NULL, t);

        feed_write_uuid_hex(id->buf, feed_hash_final(&h1),
                            feed_hash_final(&h2));
        id->id = id->buf;
        return;
    }

    if (feed_write_is_url(item->url)
        && (id->id == item->url || strcmp(id->id, item->url) == 0))
    {
        id->permalink = 1;
    }
}


int64_t
feed_write_newest(const feed_channel_t *ch)
{
    int                 found;
    size_t              i;
    int64_t             newest;
    const feed_item_t  *item;

    found = 0;
    newest = 0;

    for (i = 0; i < ch->nitems; i++) {
        item = &ch->items[i];

        if (!feed_write_item_ok(item)) {
            continue;
        }

        if (item->published.kind != FEED_DATE_NONE
            && (!found || item->published.t > newest))
        {
            newest = item->published.t;
            found = 1;
        }

        if (item->updated.kind != FEED_DATE_NONE
            && (!found || item->updated.t > newest))
        {
            newest = item->updated.t;
            found = 1;
        }
    }

    return found ? newest : ch->build_date;
}


const char *
feed_write_title(const feed_channel_t *ch)
{
    if (feed_write_has_text(ch->title)) {
        return ch->title;
    }

    if (feed_write_is_url(ch->home_url)) {
        return ch->home_url;
    }

    return "";
}


void
feed_write_reserve(feed_buf_t *b, const feed_channel_t *ch)
{
    size_t              i, j, n;
    const feed_item_t  *item;

    /* a guess at the output size, so that the buffer grows once */

    n = 1024;

    for (i = 0; i < ch->nitems; i++) {
        item = &ch->items[i];

        n += 512;
        n += item->title ? strlen(item->title) : 0;
        n += item->url ? 2 * strlen(item->url) : 0;
        n += item->summary ? strlen(item->summary) : 0;
        n += item->content ? strlen(item->content) + strlen(item->content) / 4
                           : 0;

        for (j = 0; j < item->ncategories; j++) {
            n += item->categories[j] ? strlen(item->categories[j]) + 32 : 0;
        }
    }

    if (b->max && n > b->max - b->len) {
        n = b->max > b->len ? b->max - b->len : 0;
    }

    (void) feed_buf_reserve(b, n);
}
