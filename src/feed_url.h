
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_URL_H_INCLUDED_
#define _FEED_URL_H_INCLUDED_


#include "feed_core.h"


/*
 * URL and escaping helpers.  The functions that write into caller memory
 * return the length needed when dst is NULL, so that the caller can size
 * an allocation exactly, then call again with it.
 */


/* feed_escape_uri() types, upper-case hex throughout */

#define FEED_ESCAPE_PATH     0    /* a decoded path: every "%" is encoded */
#define FEED_ESCAPE_QUERY    1    /* a raw query: a valid %XX stays */
#define FEED_ESCAPE_URL      2    /* a raw URL or reference: all reserved
                                     characters and valid %XX stay */

/* feed_normalize_path() flags */

#define FEED_MERGE_SLASHES   0x01


/*
 * & < > " ' become &amp; &lt; &gt; &quot; &#39;; without dst, the length
 * it would take, at most FEED_ESCAPE_HTML_MAX times size.
 */
#define FEED_ESCAPE_HTML_MAX  6

size_t feed_escape_html(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t size);

size_t feed_escape_uri(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t size, unsigned type);

/*
 * A raw request path normalised as nginx normalises r->uri, then encoded
 * with FEED_ESCAPE_PATH; dst holds 3 * len bytes.  -1 when nginx would
 * answer 400: no leading "/", a bad or NUL escape, ".." above the root.
 */
ssize_t feed_normalize_path(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t len, unsigned flags);

/*
 * The arguments of a raw query string whose raw names (compared without
 * regard to case, as nginx's $arg_ does) are among names, in their order
 * in args, each
 * escaped with FEED_ESCAPE_QUERY, joined with "&"; dst holds 3 * len
 * bytes, or is NULL for the length.
 */
size_t feed_filter_args(feed_uchar_t *dst, const feed_uchar_t *args,
    size_t len, const feed_str_t *names, size_t n);

/*
 * "https://Shop.Example.com:443/blog/" gives "https://shop.example.com/blog";
 * dst holds len bytes.  -1 with a static reason in *err when the value is
 * not an http or https origin with an optional path prefix.
 */
ssize_t feed_base_url_normalize(feed_uchar_t *dst, const feed_uchar_t *src,
    size_t len, const char **err);

/*
 * RFC 3986 resolution of ref against the absolute URL base, appended to
 * out escaped with FEED_ESCAPE_URL.  FEED_ERROR when base has no scheme
 * or out failed.
 */
int feed_url_resolve(feed_buf_t *out, const feed_uchar_t *base, size_t blen,
    const feed_uchar_t *ref, size_t rlen);


/*
 * A base URL read once for the many references of a page: what the
 * common case of resolution needs to know of it.  It points into the
 * base, which must stay.
 */

typedef struct {
    const feed_uchar_t  *data;
    size_t               len;
    size_t               slen;       /* the scheme and ":", 0 when it is
                                        not plain or has no "//" */
    const feed_uchar_t  *aend;       /* the end of a plain authority, or
                                        NULL */
    unsigned             supper:1;   /* a capital letter in the scheme */
    unsigned             aupper:1;   /* ... in the authority */
    unsigned             safe:1;     /* feed_url_is_safe() of the base,
                                        when slen is set */
} feed_url_base_t;


void feed_url_base(feed_url_base_t *b, const feed_uchar_t *base,
    size_t blen);

/* feed_url_resolve() against a base read by feed_url_base() */
int feed_url_resolve_base(feed_buf_t *out, const feed_url_base_t *b,
    const feed_uchar_t *ref, size_t rlen);

/*
 * 1 when p is an absolute URL that resolution against a base b whose
 * slen is set gives back as it is: a lowercase scheme and authority and
 * plain bytes (see feed_base_url.c), as URLs already resolved mostly are.
 */
int feed_url_resolved(const feed_uchar_t *p, size_t len);

/*
 * feed_url_resolved(p, len) against b, a base whose slen is set, and,
 * with check, feed_url_is_safe(p, len)
 */
int feed_url_resolved_base(const feed_url_base_t *b, const feed_uchar_t *p,
    size_t len, int check);

/*
 * 1 when an href or src value (entities already decoded) is relative or
 * http, https or mailto; 0 for javascript:, data: and any other scheme.
 */
int feed_url_is_safe(const feed_uchar_t *p, size_t len);


#endif /* _FEED_URL_H_INCLUDED_ */
