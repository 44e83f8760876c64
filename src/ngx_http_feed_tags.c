
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * What the enrichment filter writes into a page's head: a canonical
 * link, feed links and a keywords meta, each skipped when the page has
 * its own, every value escaped for its context.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_tags.h"
#include "feed_url.h"
#include "feed_hash.h"


static ngx_int_t ngx_http_feed_canonical_url(ngx_http_request_t *r,
    ngx_http_feed_head_t *head, ngx_str_t *url);
static ngx_int_t ngx_http_feed_make_url(ngx_http_request_t *r,
    ngx_str_t *base, ngx_str_t *ref, ngx_str_t *url);
static ngx_int_t ngx_http_feed_keywords_value(ngx_http_request_t *r,
    ngx_http_feed_head_t *head, ngx_str_t *value);
static ngx_uint_t ngx_http_feed_has_token(const feed_scan_attr_t *attr,
    const char *token);
static ngx_uint_t ngx_http_feed_has_keyword(ngx_str_t *list, u_char *word,
    size_t len);


static ngx_str_t  ngx_http_feed_link_types[] = {
    ngx_null_string,
    ngx_string("application/rss+xml"),
    ngx_string("application/atom+xml"),
    ngx_string("application/feed+json")
};


/*
 * Hashes of the configuration: in plan_conf, what the links that
 * ngx_http_feed_head_element() finds depend on (the feed links compared
 * with the page's, the base URL, the head's length limit; without
 * feed_base_url the request adds its base); in tags_conf, everything
 * else the tags are written from, or 0 when that takes variables, so
 * that the tags of a page can be kept for the next responses.
 */

void
ngx_http_feed_head_conf(ngx_http_feed_loc_conf_t *flcf)
{
    uint64_t                    h, t;
    ngx_str_t                  *arg;
    ngx_uint_t                  i, variables;
    ngx_http_feed_link_t       *link;
    ngx_http_complex_value_t   *cv;

    h = feed_hash(flcf->base_url.data, flcf->base_url.len, flcf->head_limit);
    t = flcf->canonical;
    variables = 0;

    cv = flcf->canonical_value;

    if (cv) {
        variables |= (cv->lengths != NULL);
        t = feed_hash(cv->value.data, cv->value.len, t);
    }

    if (flcf->canonical_args) {
        arg = flcf->canonical_args->elts;

        for (i = 0; i < flcf->canonical_args->nelts; i++) {
            t = feed_hash(arg[i].data, arg[i].len, t + i);
        }
    }

    cv = flcf->keywords;

    if (cv) {
        variables |= (cv->lengths != NULL);
        t = feed_hash(cv->value.data, cv->value.len, t + 1);
    }

    if (flcf->links) {
        link = flcf->links->elts;

        for (i = 0; i < flcf->links->nelts; i++) {
            h = feed_hash(link[i].uri.data, link[i].uri.len, h + i);
            t = feed_hash(&link[i].type, sizeof(ngx_uint_t), t);

            cv = link[i].title;

            if (cv) {
                variables |= (cv->lengths != NULL);
                t = feed_hash(cv->value.data, cv->value.len, t + 2);
            }
        }
    }

    flcf->plan_conf = h;
    flcf->tags_conf = variables ? 0 : (t ^ h) | 1;
}


ngx_int_t
ngx_http_feed_head_init(ngx_http_request_t *r,
    ngx_http_feed_loc_conf_t *flcf, ngx_http_feed_head_t *head)
{
    size_t                     len;
    u_char                    *p;
    uint64_t                   seed;
    ngx_http_core_srv_conf_t  *cscf;

    head->xhtml = (r->headers_out.content_type.len >= 21
                   && ngx_strncasecmp(r->headers_out.content_type.data,
                                      (u_char *) "application/xhtml+xml", 21)
                      == 0);

    if (ngx_http_feed_base_url(r, flcf, &head->base) != NGX_OK) {
        return NGX_ERROR;
    }

    /* the absolute URLs of the links depend on the base */

    head->conf = flcf->plan_conf;

    if (flcf->base_url.len == 0) {
        head->conf = feed_hash(head->base.data, head->base.len,
                               flcf->plan_conf);
    }

    if (flcf->links) {
        head->link = flcf->links->elts;
        head->nlinks = flcf->links->nelts;

        head->links_found = ngx_pcalloc(r->pool, head->nlinks);
        if (head->links_found == NULL) {
            return NGX_ERROR;
        }
    }

    if (flcf->tags_conf == 0) {
        return NGX_OK;
    }

    /*
     * What the tags depend on in this request: the base, and for the
     * canonical link the request's path, and its arguments when some
     * are kept.
     */

    cscf = ngx_http_get_module_srv_conf(r, ngx_http_core_module);

    seed = flcf->tags_conf ^ head->conf ^ (head->xhtml << 1)
           ^ (cscf->merge_slashes << 2);

    p = r->unparsed_uri.data;
    len = 0;

    if (flcf->canonical == NGX_HTTP_FEED_CANONICAL_AUTO) {
        len = r->unparsed_uri.len;

        if (flcf->canonical_args == NULL) {
            p = ngx_strlchr(r->unparsed_uri.data,
                            r->unparsed_uri.data + len, '?');

            if (p) {
                len = p - r->unparsed_uri.data;
            }

            p = r->unparsed_uri.data;
        }
    }

    head->tags_key = feed_hash(p, len, seed) | 1;

    return NGX_OK;
}


/* the absolute URLs of the feed links, for comparing and writing */

ngx_int_t
ngx_http_feed_head_links(ngx_http_request_t *r, ngx_http_feed_head_t *head)
{
    ngx_uint_t  i;

    if (head->links || head->nlinks == 0) {
        return NGX_OK;
    }

    head->links = ngx_palloc(r->pool, head->nlinks * sizeof(ngx_str_t));
    if (head->links == NULL) {
        return NGX_ERROR;
    }

    for (i = 0; i < head->nlinks; i++) {
        if (ngx_http_feed_make_url(r, &head->base, &head->link[i].uri,
                                   &head->links[i])
            != NGX_OK)
        {
            return NGX_ERROR;
        }
    }

    return NGX_OK;
}


/*
 * The markup that goes into the head, escaped for its context:
 *
 *   <link rel="canonical" href="...">
 *   <link rel="alternate" type="application/rss+xml" title="..." href="...">
 *   <meta name="keywords" content="...">
 */

ngx_int_t
ngx_http_feed_head_tags(ngx_http_request_t *r, ngx_http_feed_head_t *head,
    ngx_buf_t **out)
{
    size_t                     len;
    u_char                    *p;
    ngx_buf_t                 *b;
    ngx_str_t                  canonical, keywords, *titles, *type;
    ngx_uint_t                 i, nlinks;
    ngx_http_feed_link_t      *link;

    static u_char  end_html[] = "\">\n";
    static u_char  end_xhtml[] = "\" />\n";

    *out = NULL;

    if (ngx_http_feed_head_links(r, head) != NGX_OK) {
        return NGX_ERROR;
    }

    ngx_str_null(&canonical);
    ngx_str_null(&keywords);

    if (!head->has_canonical
        && ngx_http_feed_canonical_url(r, head, &canonical) != NGX_OK)
    {
        return NGX_ERROR;
    }

    if (!head->has_keywords
        && ngx_http_feed_keywords_value(r, head, &keywords) != NGX_OK)
    {
        return NGX_ERROR;
    }

    nlinks = head->nlinks;
    link = head->link;
    titles = NULL;

    /* room for the markup, each escaped value at its longest */

    len = 0;

    if (canonical.len) {
        len += sizeof("<link rel=\"canonical\" href=\"") - 1
               + FEED_ESCAPE_HTML_MAX * canonical.len
               + sizeof(end_xhtml) - 1;
    }

    if (nlinks) {
        titles = ngx_pcalloc(r->pool, nlinks * sizeof(ngx_str_t));
        if (titles == NULL) {
            return NGX_ERROR;
        }
    }

    for (i = 0; i < nlinks; i++) {

        if (head->links_found[i]) {
            continue;
        }

        if (link[i].title
            && ngx_http_complex_value(r, link[i].title, &titles[i]) != NGX_OK)
        {
            return NGX_ERROR;
        }

        len += sizeof("<link rel=\"alternate\" type=\"") - 1
               + ngx_http_feed_link_types[link[i].type].len
               + sizeof("\" title=\"") - 1
               + FEED_ESCAPE_HTML_MAX * titles[i].len
               + sizeof("\" href=\"") - 1
               + FEED_ESCAPE_HTML_MAX * head->links[i].len
               + sizeof(end_xhtml) - 1;
    }

    if (keywords.len) {
        len += sizeof("<meta name=\"keywords\" content=\"") - 1
               + FEED_ESCAPE_HTML_MAX * keywords.len
               + sizeof(end_xhtml) - 1;
    }

    if (len == 0) {
        return NGX_OK;
    }

    b = ngx_create_temp_buf(r->pool, len);
    if (b == NULL) {
        return NGX_ERROR;
    }

    p = b->last;

    if (canonical.len) {
        p = ngx_cpymem(p, "<link rel=\"canonical\" href=\"",
                       sizeof("<link rel=\"canonical\" href=\"") - 1);
        p += feed_escape_html(p, canonical.data, canonical.len);
        p = head->xhtml ? ngx_cpymem(p, end_xhtml, sizeof(end_xhtml) - 1)
                       : ngx_cpymem(p, end_html, sizeof(end_html) - 1);
    }

    for (i = 0; i < nlinks; i++) {

        if (head->links_found[i]) {
            continue;
        }

        type = &ngx_http_feed_link_types[link[i].type];

        p = ngx_cpymem(p, "<link rel=\"alternate\" type=\"",
                       sizeof("<link rel=\"alternate\" type=\"") - 1);
        p = ngx_cpymem(p, type->data, type->len);

        if (titles[i].len) {
            p = ngx_cpymem(p, "\" title=\"", sizeof("\" title=\"") - 1);
            p += feed_escape_html(p, titles[i].data, titles[i].len);
        }

        p = ngx_cpymem(p, "\" href=\"", sizeof("\" href=\"") - 1);
        p += feed_escape_html(p, head->links[i].data, head->links[i].len);
        p = head->xhtml ? ngx_cpymem(p, end_xhtml, sizeof(end_xhtml) - 1)
                       : ngx_cpymem(p, end_html, sizeof(end_html) - 1);
    }

    if (keywords.len) {
        p = ngx_cpymem(p, "<meta name=\"keywords\" content=\"",
                       sizeof("<meta name=\"keywords\" content=\"") - 1);
        p += feed_escape_html(p, keywords.data, keywords.len);
        p = head->xhtml ? ngx_cpymem(p, end_xhtml, sizeof(end_xhtml) - 1)
                       : ngx_cpymem(p, end_html, sizeof(end_html) - 1);
    }

    b->last = p;

    *out = b;

    return NGX_OK;
}


/*
 * auto: the base URL, then the request's own path as nginx normalises
 * it (taken from the request line, so that index files and internal
 * redirects do not show), then the kept query arguments.
 */

static ngx_int_t
ngx_http_feed_canonical_url(ngx_http_request_t *r, ngx_http_feed_head_t *head,
    ngx_str_t *url)
{
    u_char                    *p, *q, *path, *args, *last;
    size_t                     n;
    ssize_t                    len;
    ngx_str_t                  value;
    ngx_uint_t                 flags;
    ngx_http_feed_loc_conf_t  *flcf;
    ngx_http_core_srv_conf_t  *cscf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    switch (flcf->canonical) {

    case NGX_HTTP_FEED_CANONICAL_OFF:
        return NGX_OK;

    case NGX_HTTP_FEED_CANONICAL_VALUE:
        if (ngx_http_complex_value(r, flcf->canonical_value, &value)
            != NGX_OK)
        {
            return NGX_ERROR;
        }

        if (value.len == 0) {
            return NGX_OK;
        }

        return ngx_http_feed_make_url(r, &head->base, &value, url);
    }

    if (head->base.len == 0) {
        return NGX_OK;
    }

    path = r->unparsed_uri.data;
    last = path + r->unparsed_uri.len;

    args = ngx_strlchr(path, last, '?');
    if (args == NULL) {
        args = last;
    }

    cscf = ngx_http_get_module_srv_conf(r, ngx_http_core_module);
    flags = cscf->merge_slashes ? FEED_MERGE_SLASHES : 0;

    n = (args - path) * 3 + (last - args) * 3;

    p = ngx_pnalloc(r->pool, head->base.len + n + 1);
    if (p == NULL) {
        return NGX_ERROR;
    }

    url->data = p;

    q = ngx_cpymem(p, head->base.data, head->base.len);

    len = feed_normalize_path(q, path, args - path, flags);

    if (len < 0) {
        ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: no canonical for path \"%V\"",
                       &r->unparsed_uri);
        return NGX_OK;
    }

    q += len;

    if (flcf->canonical_args && args + 1 < last) {
        *q = '?';

        /* ngx_str_t and feed_str_t share their layout */

        n = feed_filter_args(q + 1, args + 1, last - args - 1,
                             flcf->canonical_args->elts,
                             flcf->canonical_args->nelts);
        if (n) {
            q += 1 + n;
        }
    }

    url->len = q - p;

    return NGX_OK;
}


/* a configured URI made absolute against the base, percent-encoded */

static ngx_int_t
ngx_http_feed_make_url(ngx_http_request_t *r, ngx_str_t *base,
    ngx_str_t *ref, ngx_str_t *url)
{
    u_char      *p;
    size_t       len;
    ngx_uint_t   absolute, slash;

    absolute = (ref->len > 7
                && (ngx_strncasecmp(ref->data, (u_char *) "http://", 7) == 0
                    || (ref->len > 8
                        && ngx_strncasecmp(ref->data,
                                           (u_char *) "https://", 8) == 0)));

    if (absolute || base->len == 0) {
        base = NULL;
    }

    slash = (base && ref->len && ref->data[0] != '/');

    len = (base ? base->len : 0) + slash
          + feed_escape_uri(NULL, ref->data, ref->len, FEED_ESCAPE_URL);

    p = ngx_pnalloc(r->pool, len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    url->data = p;

    if (base) {
        p = ngx_cpymem(p, base->data, base->len);
    }

    if (slash) {
        *p++ = '/';
    }

    p += feed_escape_uri(p, ref->data, ref->len, FEED_ESCAPE_URL);

    url->len = p - url->data;

    return NGX_OK;
}


/*
 * feed_keywords first, then the learned ones not already there, compared
 * without regard to case.
 */

static ngx_int_t
ngx_http_feed_keywords_value(ngx_http_request_t *r, ngx_http_feed_head_t *head,
    ngx_str_t *value)
{
    u_char                    *p, *start, *end, *last;
    size_t                     len;
    ngx_str_t                  fixed;
    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    ngx_str_null(&fixed);

    if (flcf->keywords
        && ngx_http_complex_value(r, flcf->keywords, &fixed) != NGX_OK)
    {
        return NGX_ERROR;
    }

    if (head->learned.len == 0) {
        *value = fixed;
        return NGX_OK;
    }

    p = ngx_pnalloc(r->pool, fixed.len + 2 + head->learned.len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    value->data = p;
    p = ngx_cpymem(p, fixed.data, fixed.len);

    /* the learned list is "word, word, word" */

    last = head->learned.data + head->learned.len;

    for (start = head->learned.data; start < last; start = end + 2) {

        end = ngx_strlchr(start, last, ',');
        if (end == NULL) {
            end = last;
        }

        len = end - start;

        if (len == 0 || ngx_http_feed_has_keyword(&fixed, start, len)) {
            continue;
        }

        if (p > value->data) {
            *p++ = ',';
            *p++ = ' ';
        }

        p = ngx_cpymem(p, start, len);
    }

    value->len = p - value->data;

    return NGX_OK;
}


/*
 * The base URL of the site for this request: feed_base_url, else the
 * connection's scheme, the server's first literal server_name and the
 * port it was reached on, when not the default.  Never the Host header.
 */

ngx_int_t
ngx_http_feed_base_url(ngx_http_request_t *r, ngx_http_feed_loc_conf_t *flcf,
    ngx_str_t *base)
{
    u_char      *p;
    ngx_uint_t   port, https;

    if (flcf->base_url.len) {
        *base = flcf->base_url;
        return NGX_OK;
    }

    if (flcf->server_name.len == 0) {
        ngx_str_null(base);
        return NGX_OK;
    }

    https = 0;

#if (NGX_HTTP_SSL)
    https = (r->connection->ssl != NULL);
#endif

    if (ngx_connection_local_sockaddr(r->connection, NULL, 0) != NGX_OK) {
        return NGX_ERROR;
    }

    port = ngx_inet_get_port(r->connection->local_sockaddr);

    p = ngx_pnalloc(r->pool, sizeof("https://") - 1 + flcf->server_name.len
                             + sizeof(":65535") - 1);
    if (p == NULL) {
        return NGX_ERROR;
    }

    base->data = p;

    p = https ? ngx_cpymem(p, "https://", 8) : ngx_cpymem(p, "http://", 7);
    p = ngx_cpymem(p, flcf->server_name.data, flcf->server_name.len);

    if (port && port != (ngx_uint_t) (https ? 443 : 80)) {
        p = ngx_sprintf(p, ":%ui", port);
    }

    base->len = p - base->data;

    return NGX_OK;
}


/* what the head already has, so that nothing is duplicated */

void
ngx_http_feed_head_element(ngx_http_feed_head_t *head,
    const feed_scan_elt_t *elt)
{
    ngx_uint_t             i;
    ngx_http_feed_link_t  *link;

    if (elt->tag == FEED_SCAN_META) {

        if (elt->name.present && !elt->name.truncated
            && elt->name.len == sizeof("keywords") - 1
            && ngx_strncasecmp(elt->name.data, (u_char *) "keywords",
                               sizeof("keywords") - 1)
               == 0)
        {
            head->has_keywords = 1;
        }

        return;
    }

    if (elt->tag != FEED_SCAN_LINK || !elt->rel.present) {
        return;
    }

    if (ngx_http_feed_has_token(&elt->rel, "canonical")) {
        head->has_canonical = 1;
        return;
    }

    if (head->links == NULL
        || !elt->href.present || elt->href.truncated
        || !ngx_http_feed_has_token(&elt->rel, "alternate"))
    {
        return;
    }

    link = head->link;

    for (i = 0; i < head->nlinks; i++) {
        if ((elt->href.len == head->links[i].len
             && ngx_strncmp(elt->href.data, head->links[i].data,
                            elt->href.len) == 0)
            || (elt->href.len == link[i].uri.len
                && ngx_strncmp(elt->href.data, link[i].uri.data,
                               elt->href.len) == 0))
        {
            head->links_found[i] = 1;
        }
    }
}


/* a whitespace-separated token list (rel) holds a token, in any case */

static ngx_uint_t
ngx_http_feed_has_token(const feed_scan_attr_t *attr, const char *token)
{
    size_t   n;
    u_char  *p, *last, *start;

    if (attr->truncated) {
        return 0;
    }

    n = ngx_strlen(token);
    p = attr->data;
    last = p + attr->len;

    while (p < last) {

        while (p < last && (*p == ' ' || *p == '\t' || *p == '\n'
                            || *p == '\r' || *p == '\f'))
        {
            p++;
        }

        start = p;

        while (p < last && *p != ' ' && *p != '\t' && *p != '\n'
               && *p != '\r' && *p != '\f')
        {
            p++;
        }

        if ((size_t) (p - start) == n
            && ngx_strncasecmp(start, (u_char *) token, n) == 0)
        {
            return 1;
        }
    }

    return 0;
}


/* a comma-separated keyword list holds a keyword, in any case */

static ngx_uint_t
ngx_http_feed_has_keyword(ngx_str_t *list, u_char *word, size_t len)
{
    u_char  *p, *last, *end;

    p = list->data;
    last = p + list->len;

    while (p < last) {

        while (p < last && (*p == ' ' || *p == ',')) {
            p++;
        }

        end = ngx_strlchr(p, last, ',');
        if (end == NULL) {
            end = last;
        }

        while (end > p && end[-1] == ' ') {
            end--;
        }

        if ((size_t) (end - p) == len && ngx_strncasecmp(p, word, len) == 0) {
            return 1;
        }

        p = ngx_strlchr(end, last, ',');
        if (p == NULL) {
            break;
        }
    }

    return 0;
}
