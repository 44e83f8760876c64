
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Escaping for HTML attribute values and for URLs, request paths
 * normalised as nginx normalises them, and query arguments filtered.
 */


#include <stdlib.h>

#include "feed_url.h"
#include "feed_url_int.h"


static feed_uchar_t *feed_url_put_path(feed_uchar_t *u, feed_uchar_t c);
static feed_uchar_t *feed_url_climb(feed_uchar_t *start, feed_uchar_t *u);


static const feed_uchar_t  feed_url_hexdigits[] = "0123456789ABCDEF";


/*
 * The bytes that feed_escape_uri() encodes, one bit per byte value, by
 * FEED_ESCAPE_* type.  '%' is marked in every table; the QUERY and URL
 * types keep it when two hex digits follow.
 */

const uint32_t  feed_url_escape[3][8] = {

    /* FEED_ESCAPE_PATH: unreserved, sub-delims, ":", "@" and "/" stay */
    {
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */

                    /* ?>=< ;:98 7654 3210  /.-, +*)( '&%$ #"!  */
        0xd000002d, /* 1101 0000 0000 0000  0000 0000 0010 1101 */

                    /* _^]\ [ZYX WVUT SRQP  ONML KJIH GFED CBA@ */
        0x78000000, /* 0111 1000 0000 0000  0000 0000 0000 0000 */

                    /*  ~}| {zyx wvut srqp  onml kjih gfed cba` */
        0xb8000001, /* 1011 1000 0000 0000  0000 0000 0000 0001 */

        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff  /* 1111 1111 1111 1111  1111 1111 1111 1111 */
    },

    /* FEED_ESCAPE_QUERY: as a path, and "?", but "'" is encoded */
    {
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */

                    /* ?>=< ;:98 7654 3210  /.-, +*)( '&%$ #"!  */
        0x500000ad, /* 0101 0000 0000 0000  0000 0000 1010 1101 */

                    /* _^]\ [ZYX WVUT SRQP  ONML KJIH GFED CBA@ */
        0x78000000, /* 0111 1000 0000 0000  0000 0000 0000 0000 */

                    /*  ~}| {zyx wvut srqp  onml kjih gfed cba` */
        0xb8000001, /* 1011 1000 0000 0000  0000 0000 0000 0001 */

        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff  /* 1111 1111 1111 1111  1111 1111 1111 1111 */
    },

    /* FEED_ESCAPE_URL: every reserved and unreserved character stays */
    {
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */

                    /* ?>=< ;:98 7654 3210  /.-, +*)( '&%$ #"!  */
        0x50000025, /* 0101 0000 0000 0000  0000 0000 0010 0101 */

                    /* _^]\ [ZYX WVUT SRQP  ONML KJIH GFED CBA@ */
        0x50000000, /* 0101 0000 0000 0000  0000 0000 0000 0000 */

                    /*  ~}| {zyx wvut srqp  onml kjih gfed cba` */
        0xb8000001, /* 1011 1000 0000 0000  0000 0000 0000 0001 */

        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff, /* 1111 1111 1111 1111  1111 1111 1111 1111 */
        0xffffffff  /* 1111 1111 1111 1111  1111 1111 1111 1111 */
    }
};


/* the characters feed_escape_html() replaces, and with what */

static const char  *feed_html_entity[256] = {
    ['&'] = "&amp;",
    ['<'] = "&lt;",
    ['>'] = "&gt;",
    ['"'] = "&quot;",
    ['\''] = "&#39;"
};


size_t
feed_escape_html(feed_uchar_t *dst, const feed_uchar_t *src, size_t size)
{
    size_t               n, len;
    const char          *entity;
    const feed_uchar_t  *run, *last;

    last = src + size;
    len = 0;

    while (src < last) {

        /* a run of bytes that stay as they are */

        for (run = src; src < last && feed_html_entity[*src] == NULL; src++) {
            /* void */
        }

        n = src - run;

        if (dst && n) {
            memcpy(dst + len, run, n);
        }

        len += n;

        if (src == last) {
            break;
        }

        entity = feed_html_entity[*src++];
        n = strlen(entity);

        if (dst) {
            memcpy(dst + len, entity, n);
        }

        len += n;
    }

    return len;
}


size_t
feed_escape_uri(feed_uchar_t *dst, const feed_uchar_t *src, size_t size,
    unsigned type)
{
    size_t               n;
    feed_uchar_t         c;
    const uint32_t      *map;
    const feed_uchar_t  *last;

    if (size == 0) {
        return 0;
    }

    if (type > FEED_ESCAPE_URL) {
        type = FEED_ESCAPE_PATH;
    }

    map = feed_url_escape[type];
    last = src + size;

    for (n = 0; src < last; src++) {
        c = *src;

        if (!feed_url_escaped(map, c)
            || (c == '%' && type != FEED_ESCAPE_PATH
                && feed_url_pct(src, last)))
        {
            if (dst) {
                dst[n] = c;
            }

            n++;
            continue;
        }

        if (dst) {
            dst[n] = '%';
            dst[n + 1] = feed_url_hexdigits[c >> 4];
            dst[n + 2] = feed_url_hexdigits[c & 0xf];
        }

        n += 3;
    }

    return n;
}


/*
 * The state machine of nginx's ngx_http_parse_complex_uri(), writing
 * each decoded byte already encoded as FEED_ESCAPE_PATH encodes it.  The
 * backtracking still works on the encoded output: "/" and "." are never
 * encoded, and an encoded byte never contains them.
 */

ssize_t
feed_normalize_path(feed_uchar_t *dst, const feed_uchar_t *src, size_t len,
    unsigned flags)
{
    int            hi, lo;
    size_t         i;
    feed_uchar_t   ch, *u;

    enum {
        sw_usual = 0,
        sw_slash,
        sw_dot,
        sw_dot_dot
    } state;

    if (len == 0 || src[0] != '/') {
        return -1;
    }

    state = sw_usual;
    u = dst;
    i = 0;

    while (i < len) {
        ch = src[i++];

        if (ch == '#' || ch == '?') {
            break;
        }

        /*
         * The state machine sees decoded bytes, so an encoded "/" or "."
         * counts; an encoded "%", "#" or "?" is data, as in nginx, since
         * the delimiters were looked for before decoding.
         */

        if (ch == '%') {
            if (len - i < 2) {
                return -1;
            }

            hi = feed_url_hex(src[i]);
            lo = feed_url_hex(src[i + 1]);

            if (hi < 0 || lo < 0) {
                return -1;
            }

            i += 2;
            ch = (feed_uchar_t) (hi << 4 | lo);

            if (ch == '\0') {
                return -1;
            }
        }

        switch (state) {

        case sw_usual:

            if (ch == '/') {
                state = sw_slash;
            }

            u = feed_url_put_path(u, ch);
            break;

        case sw_slash:

            if (ch == '/') {
                if (!(flags & FEED_MERGE_SLASHES)) {
                    *u++ = '/';
                }

                break;
            }

            state = (ch == '.') ? sw_dot : sw_usual;
            u = feed_url_put_path(u, ch);
            break;

        case sw_dot:

            if (ch == '/') {
                state = sw_slash;
                u--;
                break;
            }

            state = (ch == '.') ? sw_dot_dot : sw_usual;
            u = feed_url_put_path(u, ch);
            break;

        case sw_dot_dot:

            if (ch == '/') {
                u = feed_url_climb(dst, u);
                if (u == NULL) {
                    return -1;
                }

                state = sw_slash;
                break;
            }

            state = sw_usual;
            u = feed_url_put_path(u, ch);
            break;
        }
    }

    if (state == sw_dot) {
        u--;

    } else if (state == sw_dot_dot) {
        u = feed_url_climb(dst, u);
        if (u == NULL) {
            return -1;
        }
    }

    return u - dst;
}


size_t
feed_filter_args(feed_uchar_t *dst, const feed_uchar_t *args, size_t len,
    const feed_str_t *names, size_t n)
{
    size_t               i, nlen, total;
    const feed_uchar_t  *p, *eq, *end, *last;

    if (len == 0) {
        return 0;
    }

    total = 0;
    p = args;
    last = args + len;

    for ( ;; ) {
        end = memchr(p, '&', last - p);
        if (end == NULL) {
            end = last;
        }

        if (end > p) {
            eq = memchr(p, '=', end - p);
            nlen = (eq ? eq : end) - p;

            for (i = 0; i < n; i++) {
                if (names[i].len == nlen
                    && (nlen == 0
                        || feed_strncasecmp(names[i].data, p, nlen) == 0))
                {
                    break;
                }
            }

            if (i < n) {
                if (total) {
                    if (dst) {
                        dst[total] = '&';
                    }

                    total++;
                }

                total += feed_escape_uri(dst ? dst + total : NULL, p,
                                         end - p, FEED_ESCAPE_QUERY);
            }
        }

        if (end == last) {
            break;
        }

        p = end + 1;
    }

    return total;
}


int
feed_url_hex(feed_uchar_t c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }

    c |= 0x20;

    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }

    return -1;
}


/* a valid %XX escape at p */

int
feed_url_pct(const feed_uchar_t *p, const feed_uchar_t *last)
{
    return last - p >= 3
           && feed_url_hex(p[1]) >= 0
           && feed_url_hex(p[2]) >= 0;
}


/* the length of a scheme followed by ":" at p, or 0 */

size_t
feed_url_scheme(const feed_uchar_t *p, const feed_uchar_t *last)
{
    const feed_uchar_t  *q;

    if (p == last || !feed_url_alpha(*p)) {
        return 0;
    }

    for (q = p + 1; q < last; q++) {
        if (!feed_url_alpha(*q) && !feed_url_digit(*q)
            && *q != '+' && *q != '-' && *q != '.')
        {
            break;
        }
    }

    return (q < last && *q == ':') ? (size_t) (q - p) : 0;
}


/*
 * 1 or 2 when the segment is "." or "..", with any dot possibly written
 * "%2e", as browsers read it; 0 otherwise
 */

int
feed_url_dots(const feed_uchar_t *p, const feed_uchar_t *last)
{
    int  n;

    n = 0;

    while (p < last) {
        if (*p == '.') {
            p++;

        } else if (last - p >= 3 && p[0] == '%' && p[1] == '2'
                   && (p[2] | 0x20) == 'e')
        {
            p += 3;

        } else {
            return 0;
        }

        if (++n > 2) {
            return 0;
        }
    }

    return n;
}


static feed_uchar_t *
feed_url_put_path(feed_uchar_t *u, feed_uchar_t c)
{
    if (feed_url_escaped(feed_url_escape[FEED_ESCAPE_PATH], c)) {
        *u++ = '%';
        *u++ = feed_url_hexdigits[c >> 4];
        *u++ = feed_url_hexdigits[c & 0xf];

    } else {
        *u++ = c;
    }

    return u;
}


/*
 * The output ends with "/..": drop it and the segment before it, keeping
 * that segment's "/".  NULL when there is no such segment.
 */

static feed_uchar_t *
feed_url_climb(feed_uchar_t *start, feed_uchar_t *u)
{
    size_t  k;

    k = u - start;

    if (k < 4) {
        return NULL;
    }

    for (k -= 4; start[k] != '/'; k--) {
        if (k == 0) {
            return NULL;
        }
    }

    return start + k + 1;
}


/* a reg-name of letters, digits, "-" and ".", or a dotted IPv4 address */
