
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Absolute URLs: the site's base URL as configured, references resolved
 * against a base by RFC 3986, and which schemes are safe in a feed.
 */


#include <stdlib.h>

#include "feed_url.h"
#include "feed_url_int.h"


typedef struct {
    size_t               len;
    const feed_uchar_t  *data;        /* NULL: the component is absent */
} feed_url_part_t;


typedef struct {
    feed_url_part_t      scheme;
    feed_url_part_t      authority;
    feed_url_part_t      path;        /* always present, maybe empty */
    feed_url_part_t      query;
    feed_url_part_t      fragment;
} feed_url_parts_t;


static int feed_url_resolve_plain(feed_buf_t *out, const feed_url_base_t *bu,
    const feed_uchar_t *ref, size_t rlen);
static size_t feed_url_plain_scheme(const feed_uchar_t *p,
    const feed_uchar_t *last, int *upper);
static int feed_url_plain_rest(const feed_uchar_t *start,
    const feed_uchar_t *last);
static size_t feed_url_plain_more(const feed_uchar_t *p,
    const feed_uchar_t *last, int start);
static const feed_uchar_t *feed_url_plain_authority(const feed_uchar_t *p,
    const feed_uchar_t *last, int *upper);
static const char *feed_url_host(const feed_uchar_t *p, size_t len);
static int feed_url_ipv4(const feed_uchar_t *p, size_t len);
static int feed_url_ipv6(const feed_uchar_t *p, size_t len);
static size_t feed_url_clean(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t len);
static void feed_url_split(feed_url_parts_t *u, const feed_uchar_t *p,
    size_t len);
static size_t feed_url_remove_dots(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t len);
static feed_uchar_t *feed_url_authority(feed_uchar_t *d,
    const feed_url_part_t *a);


/*
 * Byte classes for the URLs that resolve without cleaning, escaping or
 * dot removal:
 *
 *   FEED_URL_PLAIN   the bytes FEED_ESCAPE_URL keeps, but "%" and ".";
 *   FEED_URL_HOST    those of an authority without user information
 *                    and in lowercase: the FEED_URL_PLAIN bytes but "/",
 *                    "?", "#", "@" and the capital letters, and ".";
 *   FEED_URL_SCHEME  lowercase letters, digits, "+", "-" and ".".
 *
 * The C0 controls and the space, which cleaning removes, are in none.
 */

#define FEED_URL_PLAIN   0x01
#define FEED_URL_HOST    0x02
#define FEED_URL_SCHEME  0x04

static const feed_uchar_t  feed_url_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 3, 0, 1, 3, 0, 3, 3, 3, 3, 3, 7, 3, 7, 6, 1,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3, 3, 0, 3, 0, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 0, 3, 0, 3,
    0, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
    7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 0, 3, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};


ssize_t
feed_base_url_normalize(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t len, const char **err)
{
    size_t               i, n, port, dport;
    const char          *e;
    feed_uchar_t         c, *d;
    const feed_uchar_t  *p, *q, *r, *seg, *end, *last, *host;

    for (i = 0; i < len; i++) {
        c = src[i];

        if (c <= ' ' || c == 0x7f) {
            e = "must not contain spaces or control characters";
            goto failed;
        }

        if (c >= 0x80) {
            e = "must be ASCII: punycode for the host, "
                "percent-encoding for the path";
            goto failed;
        }
    }

    p = src;
    last = src + len;

    n = feed_url_scheme(p, last);

    if (n == 0) {
        e = "must be an absolute URL, such as https://example.com";
        goto failed;
    }

    if (!(n == 4 && feed_strncasecmp(p, (feed_uchar_t *) "http", 4) == 0)
        && !(n == 5 && feed_strncasecmp(p, (feed_uchar_t *) "https", 5) == 0))
    {
        e = "scheme must be http or https";
        goto failed;
    }

    if (len < n + 3 || p[n + 1] != '/' || p[n + 2] != '/') {
        e = "missing host";
        goto failed;
    }

    dport = (n == 4) ? 80 : 443;

    d = dst;

    for (i = 0; i < n; i++) {
        *d++ = feed_lowcase(p[i]);
    }

    memcpy(d, "://", 3);
    d += 3;
    p += n + 3;

    /* the authority */

    q = p;

    while (q < last && *q != '/' && *q != '?' && *q != '#') {
        q++;
    }

    if (memchr(p, '@', q - p) != NULL) {
        e = "must not contain user information";
        goto failed;
    }

    if (p == q || *p == ':') {
        e = "missing host";
        goto failed;
    }

    host = p;

    if (*p == '[') {
        r = memchr(p, ']', q - p);

        if (r == NULL || feed_url_ipv6(p + 1, r - p - 1) != FEED_OK) {
            e = "invalid IPv6 address";
            goto failed;
        }

        p = r + 1;

        if (p < q && *p != ':') {
            e = "invalid IPv6 address";
            goto failed;
        }

    } else {
        r = memchr(p, ':', q - p);
        p = r ? r : q;

        e = feed_url_host(host, p - host);
        if (e) {
            goto failed;
        }
    }

    while (host < p) {
        *d++ = feed_lowcase(*host);
        host++;
    }

    /* the port */

    if (p < q) {
        r = ++p;
        port = 0;

        for ( /* void */ ; p < q && feed_url_digit(*p) && port <= 65535; p++) {
            port = port * 10 + (*p - '0');
        }

        if (p < q || port == 0 || port > 65535) {
            e = "invalid port";
            goto failed;
        }

        if (port != dport) {
            while (*r == '0') {
                r++;
            }

            *d++ = ':';
            memcpy(d, r, q - r);
            d += q - r;
        }
    }

    /* the path prefix, without a trailing slash */

    end = p;

    while (end < last && *end != '?' && *end != '#') {
        end++;
    }

    while (p < end) {

        /* p is at a "/" */

        seg = p + 1;

        for (q = seg; q < end && *q != '/'; q++) {
            /* void */
        }

        if (q == seg) {
            if (q == end) {
                break;
            }

            e = "path must not contain empty segments";
            goto failed;
        }

        if (feed_url_dots(seg, q)) {
            e = "path must not contain \".\" or \"..\" segments";
            goto failed;
        }

        *d++ = '/';

        for (r = seg; r < q; r++) {
            c = *r;

            if (c == '%') {
                if (!feed_url_pct(r, q)) {
                    e = "invalid percent-encoding in path";
                    goto failed;
                }

                *d++ = '%';
                *d++ = feed_url_upcase(r[1]);
                *d++ = feed_url_upcase(r[2]);
                r += 2;
                continue;
            }

            if (feed_url_escaped(feed_url_escape[FEED_ESCAPE_PATH], c)) {
                e = "invalid character in path";
                goto failed;
            }

            *d++ = c;
        }

        p = q;
    }

    if (end < last) {
        e = (*end == '?') ? "must not contain a query"
                          : "must not contain a fragment";
        goto failed;
    }

    if (err) {
        *err = NULL;
    }

    return d - dst;

failed:

    if (err) {
        *err = e;
    }

    return -1;
}


/*
 * RFC 3986, section 5.2.  Both URLs are first cleaned the way browsers
 * clean an href: leading and trailing C0 controls and spaces go, and so
 * do tabs and newlines anywhere.
 */

int
feed_url_resolve(feed_buf_t *out, const feed_uchar_t *base, size_t blen,
    const feed_uchar_t *ref, size_t rlen)
{
    feed_url_base_t  b;

    feed_url_base(&b, base, blen);

    return feed_url_resolve_base(out, &b, ref, rlen);
}


/* what feed_url_resolve_plain() needs of a base, read once */

void
feed_url_base(feed_url_base_t *b, const feed_uchar_t *base, size_t blen)
{
    int                  upper;
    size_t               n;
    const feed_uchar_t  *last;

    b->data = base;
    b->len = blen;
    b->slen = 0;
    b->aend = NULL;
    b->supper = 0;
    b->aupper = 0;
    b->safe = 0;

    last = base + blen;

    upper = 0;
    n = feed_url_plain_scheme(base, last, &upper);

    if (n == 0 || blen - n < 3 || base[n + 1] != '/' || base[n + 2] != '/') {
        return;
    }

    b->slen = n + 1;
    b->supper = upper;
    b->safe = feed_url_is_safe(base, blen);

    upper = 0;
    b->aend = feed_url_plain_authority(base + n + 3, last, &upper);
    b->aupper = upper;
}


int
feed_url_resolve_base(feed_buf_t *out, const feed_url_base_t *bb,
    const feed_uchar_t *ref, size_t rlen)
{
    int                     rc;
    size_t                  n, i, blen;
    feed_uchar_t           *mem, *b, *r, *m, *o, *d;
    feed_url_parts_t        bu, ru;
    const feed_uchar_t     *base;
    const feed_url_part_t  *scheme, *query;

    base = bb->data;
    blen = bb->len;

    if (blen > (size_t) -1 / 8 || rlen > (size_t) -1 / 8 - blen) {
        out->failed = 1;
        return FEED_ERROR;
    }

    rc = feed_url_resolve_plain(out, bb, ref, rlen);

    if (rc != FEED_DECLINED) {
        return rc;
    }

    mem = malloc(3 * (blen + rlen) + 16);
    if (mem == NULL) {
        out->failed = 1;
        return FEED_ERROR;
    }

    b = mem;
    blen = feed_url_clean(b, base, blen);
    r = b + blen;
    rlen = feed_url_clean(r, ref, rlen);

    m = r + rlen;                   /* a merged path: blen + rlen + 1 */
    o = m + blen + rlen + 1;        /* the result: blen + rlen + 8 */

    feed_url_split(&bu, b, blen);

    if (bu.scheme.data == NULL) {
        free(mem);
        return FEED_ERROR;
    }

    feed_url_split(&ru, r, rlen);

    scheme = ru.scheme.data ? &ru.scheme : &bu.scheme;

    d = o;

    for (i = 0; i < scheme->len; i++) {
        *d++ = feed_lowcase(scheme->data[i]);
    }

    *d++ = ':';

    if (ru.scheme.data || ru.authority.data) {
        d = feed_url_authority(d, &ru.authority);
        d += feed_url_remove_dots(d, ru.path.data, ru.path.len);
        query = &ru.query;

    } else {
        d = feed_url_authority(d, &bu.authority);

        if (ru.path.len == 0) {
            d += feed_url_remove_dots(d, bu.path.data, bu.path.len);
            query = ru.query.data ? &ru.query : &bu.query;

        } else if (ru.path.data[0] == '/') {
            d += feed_url_remove_dots(d, ru.path.data, ru.path.len);
            query = &ru.query;

        } else {

            /* section 5.2.3: merge the paths */

            n = 0;

            if (bu.authority.data && bu.path.len == 0) {
                m[n++] = '/';

            } else {
                for (i = bu.path.len; i > 0; i--) {
                    if (bu.path.data[i - 1] == '/') {
                        break;
                    }
                }

                memcpy(m, bu.path.data, i);
                n = i;
            }

            memcpy(m + n, ru.path.data, ru.path.len);
            n += ru.path.len;

            d += feed_url_remove_dots(d, m, n);
            query = &ru.query;
        }
    }

    if (query->data) {
        *d++ = '?';
        memcpy(d, query->data, query->len);
        d += query->len;
    }

    if (ru.fragment.data) {
        *d++ = '#';
        memcpy(d, ru.fragment.data, ru.fragment.len);
        d += ru.fragment.len;
    }

    /* room for every byte escaped, rather than a pass to count them */

    if (feed_buf_reserve(out, 3 * (d - o)) == FEED_OK) {
        out->len += feed_escape_uri(out->data + out->len, o, d - o,
                                    FEED_ESCAPE_URL);
    }

    free(mem);

    return out->failed ? FEED_ERROR : FEED_OK;
}


/*
 * The common case, without a copy: both URLs are plain (see above) but
 * for valid escapes outside the authority, the base has a scheme and an
 * authority, no authority has user information and no path segment used
 * begins with "." or "%2e", so no byte needs cleaning, escaping or
 * removing.  The result is then the parts taken from each URL put
 * together as they are, the scheme and the authority lowercased.
 * FEED_DECLINED leaves the rest to the general way.
 */

static int
feed_url_resolve_plain(feed_buf_t *out, const feed_url_base_t *bu,
    const feed_uchar_t *ref, size_t rlen)
{
    int                  upper, rupper;
    size_t               n, slen, plen, len;
    feed_uchar_t        *d;
    const feed_uchar_t  *p, *q, *scheme, *auth, *aend, *path, *base, *blast,
                        *rlast;

    if (bu->slen == 0) {
        return FEED_DECLINED;
    }

    base = bu->data;
    blast = base + bu->len;
    rlast = ref + rlen;

    upper = bu->supper;
    n = bu->slen - 1;

    /*
     * The result: slen bytes of scheme and ":" at scheme, then "//" and
     * the authority from auth to aend, both lowercased if upper is set,
     * plen bytes of the base's path at path, and ref from p on.
     */

    scheme = base;
    slen = n + 1;
    path = NULL;
    plen = 0;
    p = ref;

    rupper = 0;
    n = feed_url_plain_scheme(ref, rlast, &rupper);

    if (n || (rlen >= 2 && ref[0] == '/' && ref[1] == '/')) {

        /* the scheme of ref, its authority, or both */

        if (n) {
            scheme = ref;
            slen = n + 1;
            upper = rupper;
            p += slen;
        }

        auth = p;

        if (rlast - p >= 2 && p[0] == '/' && p[1] == '/') {
            p = feed_url_plain_authority(p + 2, rlast, &upper);

            if (p == NULL) {
                return FEED_DECLINED;
            }
        }

        aend = p;

    } else {

        /* the authority of the base, and maybe its path and query */

        auth = base + slen;
        q = bu->aend;

        if (q == NULL) {
            return FEED_DECLINED;
        }

        upper |= bu->aupper;

        aend = q;

        if (rlen == 0 || ref[0] != '/') {

            /* its path, which begins with "/": q[-1] is never before it */

            for ( /* void */ ; q < blast && *q != '?' && *q != '#'; q++) {
                if (!(feed_url_plain[*q] & FEED_URL_PLAIN)) {
                    n = feed_url_plain_more(q, blast, q[-1] == '/');

                    if (n == 0) {
                        return FEED_DECLINED;
                    }

                    q += n - 1;
                }
            }

            path = aend;
            plen = q - aend;

            if (rlen == 0 || ref[0] == '#') {

                /* and its query */

                for ( /* void */ ; q < blast && *q != '#'; q++) {
                    if (!(feed_url_plain[*q] & FEED_URL_PLAIN)) {
                        n = feed_url_plain_more(q, blast, 0);

                        if (n == 0) {
                            return FEED_DECLINED;
                        }

                        q += n - 1;
                    }
                }

                plen = q - aend;

            } else if (ref[0] != '?') {

                /* section 5.2.3: merge the paths */

                if (plen == 0) {
                    path = (const feed_uchar_t *) "/";
                    plen = 1;

                } else {
                    while (path[plen - 1] != '/') {
                        plen--;
                    }
                }
            }
        }
    }

    /*
     * The rest of ref, from its path on, where a dot segment may begin at
     * the start and after a "/" (in a query or a fragment too, which only
     * sends a few more URLs the general way)
     */

    for (q = p; q < rlast; q++) {
        if (!(feed_url_plain[*q] & FEED_URL_PLAIN)) {
            n = feed_url_plain_more(q, rlast, q == p || q[-1] == '/');

            if (n == 0) {
                return FEED_DECLINED;
            }

            q += n - 1;
        }
    }

    len = slen + (aend - auth) + plen + (rlast - p);

    /* room for every byte escaped, as the general way reserves */

    if (feed_buf_reserve(out, 3 * len) != FEED_OK) {
        return FEED_ERROR;
    }

    d = out->data + out->len;

    if (upper) {
        for (q = scheme; q < scheme + slen; q++) {
            *d++ = feed_lowcase(*q);
        }

        for (q = auth; q < aend; q++) {
            *d++ = feed_lowcase(*q);
        }

    } else {
        memcpy(d, scheme, slen);
        d += slen;

        memcpy(d, auth, aend - auth);
        d += aend - auth;
    }

    if (plen) {
        memcpy(d, path, plen);
        d += plen;
    }

    memcpy(d, p, rlast - p);
    d += rlast - p;

    out->len = d - out->data;

    return FEED_OK;
}


/*
 * The checks feed_url_resolve_plain() makes of a reference with a scheme
 * and an authority: when they pass and neither has a capital letter, it
 * gives the reference back as it is.
 */

int
feed_url_resolved(const feed_uchar_t *p, size_t len)
{
    int                  upper;
    size_t               n;
    const feed_uchar_t  *start, *last;

    last = p + len;

    upper = 0;
    n = feed_url_plain_scheme(p, last, &upper);

    if (n == 0 || len - n < 3 || p[n + 1] != '/' || p[n + 2] != '/') {
        return 0;
    }

    start = feed_url_plain_authority(p + n + 3, last, &upper);

    if (start == NULL || upper) {
        return 0;
    }

    return feed_url_plain_rest(start, last);
}


/*
 * feed_url_resolved(), and with check feed_url_is_safe(), for a URL
 * resolved against b: most begin with b's own scheme and authority,
 * which b knows already.
 */

int
feed_url_resolved_base(const feed_url_base_t *b, const feed_uchar_t *p,
    size_t len, int check)
{
    size_t  n;

    n = b->aend ? (size_t) (b->aend - b->data) : 0;

    if (n && !b->supper && !b->aupper && len >= n
        && memcmp(p, b->data, n) == 0
        && (len == n || p[n] == '/' || p[n] == '?' || p[n] == '#'))
    {
        return (!check || b->safe) && feed_url_plain_rest(p + n, p + len);
    }

    return feed_url_resolved(p, len) && (!check || feed_url_is_safe(p, len));
}


/*
 * The rest of a URL from its path on, where a dot segment may begin at
 * the start and after a "/": 1 when resolution keeps it as it is.
 */

static int
feed_url_plain_rest(const feed_uchar_t *start, const feed_uchar_t *last)
{
    size_t               n;
    const feed_uchar_t  *q;

    for (q = start; q < last; q++) {
        if (!(feed_url_plain[*q] & FEED_URL_PLAIN)) {
            n = feed_url_plain_more(q, last, q == start || q[-1] == '/');

            if (n == 0) {
                return 0;
            }

            q += n - 1;
        }
    }

    return 1;
}


/*
 * feed_url_scheme() for a URL of plain bytes, setting upper when the
 * scheme has a capital letter
 */

static size_t
feed_url_plain_scheme(const feed_uchar_t *p, const feed_uchar_t *last,
    int *upper)
{
    const feed_uchar_t  *q;

    for (q = p; q < last; q++) {

        if (feed_url_plain[*q] & FEED_URL_SCHEME) {
            continue;
        }

        if (*q < 'A' || *q > 'Z') {
            break;
        }

        *upper = 1;
    }

    if (q == p || q == last || *q != ':' || !feed_url_alpha(*p)) {
        return 0;
    }

    return q - p;
}


/*
 * At a byte that is not FEED_URL_PLAIN, the length of a "." or of a valid
 * escape, which resolution and escaping leave as they are, or 0 for any
 * other byte.  Where a dot segment may begin (start set), a "." and a
 * "%2e" give 0 too.
 */

static size_t
feed_url_plain_more(const feed_uchar_t *p, const feed_uchar_t *last,
    int start)
{
    if (*p == '.') {
        return start ? 0 : 1;
    }

    if (*p == '%' && feed_url_pct(p, last)
        && !(start && p[1] == '2' && (p[2] | 0x20) == 'e'))
    {
        return 3;
    }

    return 0;
}


/*
 * The end of an authority of plain bytes at p: NULL when it has user
 * information or a byte that is not plain; upper set when it has a
 * capital letter.
 */

static const feed_uchar_t *
feed_url_plain_authority(const feed_uchar_t *p, const feed_uchar_t *last,
    int *upper)
{
    for ( /* void */ ; p < last; p++) {

        if (feed_url_plain[*p] & FEED_URL_HOST) {
            continue;
        }

        if (*p == '/' || *p == '?' || *p == '#') {
            break;
        }

        if (*p < 'A' || *p > 'Z') {
            return NULL;
        }

        *upper = 1;
    }

    return p;
}


/*
 * Conservative: whatever precedes the first ":" that comes before any
 * "/", "?" or "#" is taken as a scheme, as the generic syntax of RFC
 * 3986 does, so "java script:" is refused although a browser would see
 * a relative path in it.
 */

int
feed_url_is_safe(const feed_uchar_t *p, size_t len)
{
    size_t               n;
    feed_uchar_t         c, scheme[6];
    const feed_uchar_t  *last;

    if (len == 0) {
        return 1;
    }

    last = p + len;

    while (p < last && *p <= ' ') {
        p++;
    }

    n = 0;

    for ( /* void */ ; p < last; p++) {
        c = *p;

        if (c == ':') {
            break;
        }

        if (c == '/' || c == '?' || c == '#') {
            return 1;
        }

        if (feed_url_tab_nl(c)) {
            continue;
        }

        if (n < sizeof(scheme)) {
            scheme[n] = feed_lowcase(c);
        }

        n++;
    }

    if (p == last) {
        return 1;
    }

    return (n == 4 && memcmp(scheme, "http", 4) == 0)
           || (n == 5 && memcmp(scheme, "https", 5) == 0)
           || (n == 6 && memcmp(scheme, "mailto", 6) == 0);
}


static const char *
feed_url_host(const feed_uchar_t *p, size_t len)
{
    unsigned             numeric;
    feed_uchar_t         c;
    const feed_uchar_t  *q, *last;

    if (len > 253) {
        return "host name is too long";
    }

    last = p + len;

    for ( ;; ) {
        numeric = 1;

        for (q = p; q < last && *q != '.'; q++) {
            c = *q;

            if (feed_url_digit(c)) {
                continue;
            }

            if (!feed_url_alpha(c) && c != '-') {
                return "invalid character in host";
            }

            numeric = 0;
        }

        if (q == p) {
            return "empty label in host";
        }

        if (q - p > 63) {
            return "host name label is too long";
        }

        if (*p == '-' || q[-1] == '-') {
            return "host name label must not begin or end with \"-\"";
        }

        if (q == last) {
            break;
        }

        p = q + 1;

        if (p == last) {
            return "empty label in host";
        }
    }

    /* a last label of digits makes an IPv4 address, as in browsers */

    if (numeric && feed_url_ipv4(last - len, len) != FEED_OK) {
        return "invalid IPv4 address";
    }

    return NULL;
}


/* four decimal numbers 0..255 without leading zeros */

static int
feed_url_ipv4(const feed_uchar_t *p, size_t len)
{
    size_t               parts, digits, value;
    const feed_uchar_t  *last;

    last = p + len;
    parts = 0;

    for ( ;; ) {
        value = 0;
        digits = 0;

        while (p < last && feed_url_digit(*p)) {
            if (digits && value == 0) {
                return FEED_ERROR;
            }

            value = value * 10 + (*p++ - '0');
            digits++;

            if (value > 255) {
                return FEED_ERROR;
            }
        }

        if (digits == 0) {
            return FEED_ERROR;
        }

        if (++parts == 4 || p == last) {
            break;
        }

        if (*p++ != '.') {
            return FEED_ERROR;
        }
    }

    return (parts == 4 && p == last) ? FEED_OK : FEED_ERROR;
}


/* RFC 3986 IPv6address, without the brackets */

static int
feed_url_ipv6(const feed_uchar_t *p, size_t len)
{
    size_t               groups;
    unsigned             compressed;
    const feed_uchar_t  *q, *last;

    last = p + len;
    groups = 0;
    compressed = 0;

    if (len >= 2 && p[0] == ':' && p[1] == ':') {
        compressed = 1;
        p += 2;
    }

    while (p < last) {

        for (q = p; q < last && feed_url_hex(*q) >= 0; q++) {
            /* void */
        }

        if (q < last && *q == '.') {

            /* a trailing IPv4 address counts for two groups */

            if (groups > 6 || feed_url_ipv4(p, last - p) != FEED_OK) {
                return FEED_ERROR;
            }

            groups += 2;
            break;
        }

        if (q == p || q - p > 4 || ++groups > 8) {
            return FEED_ERROR;
        }

        p = q;

        if (p == last) {
            break;
        }

        if (*p++ != ':' || p == last) {
            return FEED_ERROR;
        }

        if (*p == ':') {
            if (compressed) {
                return FEED_ERROR;
            }

            compressed = 1;
            p++;
        }
    }

    if (compressed) {
        return (groups <= 7) ? FEED_OK : FEED_ERROR;
    }

    return (groups == 8) ? FEED_OK : FEED_ERROR;
}


/* leading and trailing C0 controls and spaces removed, tabs and newlines */

static size_t
feed_url_clean(feed_uchar_t *dst, const feed_uchar_t *src, size_t len)
{
    feed_uchar_t        *d;
    const feed_uchar_t  *last;

    if (len == 0) {
        return 0;
    }

    last = src + len;

    while (src < last && *src <= ' ') {
        src++;
    }

    while (last > src && last[-1] <= ' ') {
        last--;
    }

    for (d = dst; src < last; src++) {
        if (!feed_url_tab_nl(*src)) {
            *d++ = *src;
        }
    }

    return d - dst;
}


/* RFC 3986, appendix B, with a scheme only where its grammar allows one */

static void
feed_url_split(feed_url_parts_t *u, const feed_uchar_t *p, size_t len)
{
    size_t               n;
    const feed_uchar_t  *q, *last;

    memset(u, 0, sizeof(feed_url_parts_t));

    last = p + len;

    n = feed_url_scheme(p, last);

    if (n) {
        u->scheme.data = p;
        u->scheme.len = n;
        p += n + 1;
    }

    if (last - p >= 2 && p[0] == '/' && p[1] == '/') {
        p += 2;

        for (q = p; q < last && *q != '/' && *q != '?' && *q != '#'; q++) {
            /* void */
        }

        u->authority.data = p;
        u->authority.len = q - p;
        p = q;
    }

    for (q = p; q < last && *q != '?' && *q != '#'; q++) {
        /* void */
    }

    u->path.data = p;
    u->path.len = q - p;
    p = q;

    if (p < last && *p == '?') {

        for (q = p + 1; q < last && *q != '#'; q++) {
            /* void */
        }

        u->query.data = p + 1;
        u->query.len = q - p - 1;
        p = q;
    }

    if (p < last && *p == '#') {
        u->fragment.data = p + 1;
        u->fragment.len = last - p - 1;
    }
}


/*
 * RFC 3986, section 5.2.4, one segment at a time; the output is never
 * longer than the input
 */

static size_t
feed_url_remove_dots(feed_uchar_t *dst, const feed_uchar_t *src, size_t len)
{
    int                  dots;
    feed_uchar_t        *d;
    const feed_uchar_t  *p, *q, *last;

    if (len == 0) {
        return 0;
    }

    d = dst;
    p = src;
    last = src + len;

    /* a relative path loses its leading "." and ".." segments */

    while (p < last && *p != '/') {

        for (q = p; q < last && *q != '/'; q++) {
            /* void */
        }

        if (feed_url_dots(p, q) == 0) {
            memcpy(d, p, q - p);
            d += q - p;
            p = q;
            break;
        }

        p = (q < last) ? q + 1 : q;
    }

    while (p < last) {

        /* p is at a "/" */

        for (q = p + 1; q < last && *q != '/'; q++) {
            /* void */
        }

        dots = feed_url_dots(p + 1, q);

        if (dots == 2) {
            while (d > dst) {
                if (*--d == '/') {
                    break;
                }
            }
        }

        if (dots) {
            if (q == last) {
                *d++ = '/';
            }

            p = q;
            continue;
        }

        memcpy(d, p, q - p);
        d += q - p;
        p = q;
    }

    return d - dst;
}


/* "//" and the authority, its host lowercased; nothing when absent */

static feed_uchar_t *
feed_url_authority(feed_uchar_t *d, const feed_url_part_t *a)
{
    size_t               i, host;
    feed_uchar_t         c;

    if (a->data == NULL) {
        return d;
    }

    *d++ = '/';
    *d++ = '/';

    for (host = a->len; host > 0; host--) {
        if (a->data[host - 1] == '@') {
            break;
        }
    }

    for (i = 0; i < a->len; i++) {
        c = a->data[i];

        if (i >= host) {
            if (c == '%' && a->len - i >= 3) {

                /* an escape keeps its hex digits as they are */

                memcpy(d, &a->data[i], 3);
                d += 3;
                i += 2;
                continue;
            }

            c = feed_lowcase(c);
        }

        *d++ = c;
    }

    return d;
}
