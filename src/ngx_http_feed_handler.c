
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The feed endpoint.  Each feed_source is fetched through a subrequest
 * whose body the module's own filters capture into memory (so static
 * files, proxied applications and caches all work as sources); when
 * the last one is done, the pages are turned into items by the core,
 * merged and written as RSS, Atom or JSON Feed.  The result is cached
 * in shared memory under a hash of what it was made from.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_handler.h"
#include "ngx_http_feed_cache.h"
#include "feed_extract.h"
#include "feed_hash.h"
#include "feed_merge.h"
#include "feed_rss.h"
#include "feed_atom.h"
#include "feed_json.h"
#include "feed_url.h"


#define NGX_HTTP_FEED_ERRLEN  256


typedef struct ngx_http_feed_req_s  ngx_http_feed_req_t;


typedef struct {
    ngx_str_t                   uri;
    ngx_str_t                   args;
    ngx_http_feed_req_t        *req;

    ngx_uint_t                  status;
    ngx_str_t                   charset;
    const char                 *error;      /* why the source failed */

    ngx_str_t                   etag;       /* strong, or empty */

    u_char                     *body;
    size_t                      len;
    size_t                      size;
    size_t                      max;        /* feed_source_max_size */
    off_t                       total;      /* bytes received */

    /* a file not read yet: read only when the feed has to be made */
    ngx_file_t                 *file;
    off_t                       file_pos;
    size_t                      file_len;

    unsigned                    done:1;
    unsigned                    complete:1; /* the last buffer came */
    unsigned                    headers_done:1;
    unsigned                    too_large:1;
} ngx_http_feed_source_t;


typedef struct {
    ngx_uint_t                  kind;       /* NGX_HTTP_FEED_CTX_CAPTURE */
    ngx_http_feed_source_t     *src;
    ngx_uint_t                  nested;     /* a subrequest of the source */
} ngx_http_feed_capture_t;


struct ngx_http_feed_req_s {
    ngx_uint_t                  kind;       /* NGX_HTTP_FEED_CTX_FEED */
    ngx_http_feed_source_t     *sources;
    ngx_uint_t                  nsources;
    ngx_uint_t                  pending;
    ngx_uint_t                  cache_status;
    ngx_uint_t                 *capture;    /* this feed is a source */

    /* the core's results, freed by a pool cleanup whatever happens */
    feed_page_t                *pages;
    feed_items_t                items;
    feed_buf_t                  out;
};


static ngx_int_t ngx_http_feed_start_source(ngx_http_request_t *r,
    ngx_http_feed_req_t *req, ngx_http_feed_source_t *src);
static ngx_int_t ngx_http_feed_source_headers(ngx_http_request_t *r,
    ngx_http_request_t *sr);
static ngx_uint_t *ngx_http_feed_capture_ctx(ngx_http_request_t *r);
static ngx_int_t ngx_http_feed_source_read(ngx_http_request_t *r,
    ngx_http_feed_source_t *src);
static ngx_int_t ngx_http_feed_source_grow(ngx_http_request_t *r,
    ngx_http_feed_source_t *src, size_t n);
static ngx_int_t ngx_http_feed_read_file(ngx_http_request_t *r,
    ngx_file_t *file, u_char *p, off_t offset, size_t len);
static void ngx_http_feed_consume(ngx_buf_t *b);
static size_t ngx_http_feed_max_size(ngx_http_request_t *r);
static void ngx_http_feed_source_charset(ngx_http_request_t *r,
    ngx_http_feed_source_t *src);
static ngx_int_t ngx_http_feed_source_done(ngx_http_request_t *sr,
    void *data, ngx_int_t rc);
static void ngx_http_feed_wake(ngx_http_request_t *r);
static ngx_int_t ngx_http_feed_respond(ngx_http_request_t *r,
    ngx_http_feed_req_t *req);
static uint64_t ngx_http_feed_key(ngx_http_feed_loc_conf_t *flcf,
    ngx_http_feed_req_t *req, ngx_str_t *base);
static ngx_int_t ngx_http_feed_build(ngx_http_request_t *r,
    ngx_http_feed_req_t *req, ngx_str_t *base,
    ngx_http_feed_cached_t *feed);
static ngx_int_t ngx_http_feed_extract(ngx_http_request_t *r,
    ngx_http_feed_req_t *req, ngx_str_t *base);
static ngx_int_t ngx_http_feed_channel(ngx_http_request_t *r,
    ngx_http_feed_req_t *req, ngx_str_t *base, feed_channel_t *ch);
static ngx_int_t ngx_http_feed_send(ngx_http_request_t *r,
    ngx_http_feed_cached_t *feed);
static char *ngx_http_feed_cstr(ngx_pool_t *pool, u_char *p, size_t len);
static void ngx_http_feed_cleanup(void *data);


#define NGX_HTTP_FEED_CACHE_BYPASS  1
#define NGX_HTTP_FEED_CACHE_MISS    2
#define NGX_HTTP_FEED_CACHE_HIT     3


static ngx_str_t  ngx_http_feed_cache_statuses[] = {
    ngx_null_string,
    ngx_string("BYPASS"),
    ngx_string("MISS"),
    ngx_string("HIT")
};


static ngx_str_t  ngx_http_feed_types[] = {
    ngx_null_string,
    ngx_string("application/rss+xml"),
    ngx_string("application/atom+xml"),
    ngx_string("application/feed+json")
};


ngx_int_t
ngx_http_feed_handler(ngx_http_request_t *r)
{
    ngx_int_t                  rc;
    ngx_str_t                 *uri;
    ngx_uint_t                 i, *kind;
    ngx_pool_cleanup_t        *cln;
    ngx_http_feed_req_t       *req;
    ngx_http_feed_loc_conf_t  *flcf;

    if (!(r->method & (NGX_HTTP_GET|NGX_HTTP_HEAD))) {
        return NGX_HTTP_NOT_ALLOWED;
    }

    rc = ngx_http_discard_request_body(r);

    if (rc != NGX_OK) {
        return rc;
    }

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    req = ngx_pcalloc(r->pool, sizeof(ngx_http_feed_req_t));
    if (req == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    cln->handler = ngx_http_feed_cleanup;
    cln->data = req;

    req->kind = NGX_HTTP_FEED_CTX_FEED;
    req->nsources = flcf->sources->nelts;

    req->sources = ngx_pcalloc(r->pool,
                               req->nsources * sizeof(ngx_http_feed_source_t));
    if (req->sources == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    if (r != r->main) {
        /* this feed is itself a source of another feed */
        kind = ngx_http_get_module_ctx(r, ngx_http_feed_module);
        req->capture = ngx_http_feed_capture(r, kind);
    }

    ngx_http_set_ctx(r, req, ngx_http_feed_module);

    uri = flcf->sources->elts;

    for (i = 0; i < req->nsources; i++) {

        req->sources[i].uri = uri[i];
        req->sources[i].req = req;

        if (ngx_http_feed_start_source(r, req, &req->sources[i]) != NGX_OK) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    /* the request stays alive until the last source is done */

    r->main->count++;
    r->write_event_handler = ngx_http_feed_wake;

    return NGX_DONE;
}


static ngx_int_t
ngx_http_feed_start_source(ngx_http_request_t *r, ngx_http_feed_req_t *req,
    ngx_http_feed_source_t *src)
{
    u_char                       *q;
    ngx_http_request_t           *sr;
    ngx_http_feed_capture_t      *cap;
    ngx_http_post_subrequest_t   *ps;

    ps = ngx_palloc(r->pool, sizeof(ngx_http_post_subrequest_t));
    cap = ngx_pcalloc(r->pool, sizeof(ngx_http_feed_capture_t));

    if (ps == NULL || cap == NULL) {
        return NGX_ERROR;
    }

    ps->handler = ngx_http_feed_source_done;
    ps->data = src;

    q = ngx_strlchr(src->uri.data, src->uri.data + src->uri.len, '?');

    if (q) {
        src->args.data = q + 1;
        src->args.len = src->uri.data + src->uri.len - q - 1;
        src->uri.len = q - src->uri.data;
    }

    if (ngx_http_subrequest(r, &src->uri, &src->args, &sr, ps,
                            NGX_HTTP_SUBREQUEST_WAITED)
        != NGX_OK)
    {
        return NGX_ERROR;
    }

    if (ngx_http_feed_source_headers(r, sr) != NGX_OK) {
        return NGX_ERROR;
    }

    src->max = ngx_http_feed_max_size(r);

    cap->kind = NGX_HTTP_FEED_CTX_CAPTURE;
    cap->src = src;

    ngx_http_set_ctx(sr, cap, ngx_http_feed_module);

    req->pending++;

    return NGX_OK;
}


/*
 * A source is fetched whole and as it is: the client's conditional,
 * range and content-coding headers are not passed on.
 */

static ngx_int_t
ngx_http_feed_source_headers(ngx_http_request_t *r, ngx_http_request_t *sr)
{
    ngx_uint_t        i;
    ngx_list_part_t  *part;
    ngx_table_elt_t  *h, *nh;

    if (ngx_list_init(&sr->headers_in.headers, r->pool, 8,
                      sizeof(ngx_table_elt_t))
        != NGX_OK)
    {
        return NGX_ERROR;
    }

    part = &r->headers_in.headers.part;
    h = part->elts;

    for (i = 0; /* void */ ; i++) {

        if (i >= part->nelts) {
            if (part->next == NULL) {
                break;
            }

            part = part->next;
            h = part->elts;
            i = 0;
        }

        if ((h[i].key.len > 3
             && ngx_strncasecmp(h[i].key.data, (u_char *) "if-", 3) == 0)
            || (h[i].key.len == 5
                && ngx_strncasecmp(h[i].key.data, (u_char *) "range", 5)
                   == 0)
            || (h[i].key.len == 15
                && ngx_strncasecmp(h[i].key.data,
                                   (u_char *) "accept-encoding", 15)
                   == 0))
        {
            continue;
        }

        nh = ngx_list_push(&sr->headers_in.headers);
        if (nh == NULL) {
            return NGX_ERROR;
        }

        *nh = h[i];
    }

    sr->headers_in.if_modified_since = NULL;
    sr->headers_in.if_unmodified_since = NULL;
    sr->headers_in.if_match = NULL;
    sr->headers_in.if_none_match = NULL;
    sr->headers_in.if_range = NULL;
    sr->headers_in.range = NULL;

#if (NGX_HTTP_GZIP || NGX_HTTP_HEADERS)
    sr->headers_in.accept_encoding = NULL;
#endif

    return NGX_OK;
}


/*
 * The capture context of a source's subrequest, made again when an
 * internal redirect (an index file, try_files, error_page) has cleared
 * the module contexts: the subrequest keeps its completion handler.
 * The subrequests a source makes itself (SSI includes) are captured into
 * the same source, in the order their output comes.
 */

static ngx_uint_t *
ngx_http_feed_capture_ctx(ngx_http_request_t *r)
{
    ngx_http_request_t       *pr;
    ngx_http_feed_capture_t  *cap;

    for (pr = r; pr != pr->main; pr = pr->parent) {

        if (pr->post_subrequest
            && pr->post_subrequest->handler == ngx_http_feed_source_done)
        {
            break;
        }
    }

    if (pr == pr->main) {
        return NULL;
    }

    cap = ngx_pcalloc(r->pool, sizeof(ngx_http_feed_capture_t));
    if (cap == NULL) {
        return NULL;
    }

    cap->kind = NGX_HTTP_FEED_CTX_CAPTURE;
    cap->src = pr->post_subrequest->data;
    cap->nested = (pr != r);

    ngx_http_set_ctx(r, cap, ngx_http_feed_module);

    return &cap->kind;
}


/*
 * The capture context that takes a subrequest's output, given the
 * module context it has: a feed location can itself be a source, and
 * then its own context stands in front of the capture.
 */

ngx_uint_t *
ngx_http_feed_capture(ngx_http_request_t *r, ngx_uint_t *kind)
{
    if (kind == NULL) {
        return ngx_http_feed_capture_ctx(r);
    }

    switch (*kind) {

    case NGX_HTTP_FEED_CTX_CAPTURE:
        return kind;

    case NGX_HTTP_FEED_CTX_FEED:
        return ((ngx_http_feed_req_t *) kind)->capture;

    default:
        return NULL;
    }
}


ngx_int_t
ngx_http_feed_capture_header(ngx_http_request_t *r, ngx_uint_t *kind)
{
    ngx_table_elt_t          *etag;
    ngx_http_feed_source_t   *src;
    ngx_http_feed_capture_t  *cap;

    cap = (ngx_http_feed_capture_t *) kind;
    src = cap->src;

    if (cap->nested) {
        return NGX_OK;
    }

    src->status = r->headers_out.status;

    etag = r->headers_out.etag;

    if (etag && etag->value.len > 2 && etag->value.data[0] == '"') {
        src->etag = etag->value;
    }

    if (r->headers_out.content_encoding
        && r->headers_out.content_encoding->value.len)
    {
        src->error = "the response is compressed";
    }

    return NGX_OK;
}


/*
 * The charset the source's headers declare, known only once every
 * header filter has run (the charset module sets it late).
 */

static void
ngx_http_feed_source_charset(ngx_http_request_t *r,
    ngx_http_feed_source_t *src)
{
    u_char  *p, *last;

    src->charset = r->headers_out.charset;

    if (src->charset.len == 0) {
        p = r->headers_out.content_type.data;
        last = p + r->headers_out.content_type.len;

        p = ngx_strlcasestrn(p, last, (u_char *) "charset=", 8 - 1);

        if (p) {
            p += 8;

            if (p < last && *p == '"') {
                p++;
            }

            src->charset.data = p;

            while (p < last && *p != ';' && *p != '"' && *p != ' ') {
                p++;
            }

            src->charset.len = p - src->charset.data;
        }
    }
}


ngx_int_t
ngx_http_feed_capture_body(ngx_http_request_t *r, ngx_uint_t *kind,
    ngx_chain_t *in)
{
    off_t                     size;
    ngx_buf_t                *b;
    ngx_chain_t              *cl;
    ngx_http_feed_source_t   *src;
    ngx_http_feed_capture_t  *cap;

    cap = (ngx_http_feed_capture_t *) kind;
    src = cap->src;

    if (!src->headers_done && !cap->nested) {
        src->headers_done = 1;
        ngx_http_feed_source_charset(r, src);
    }

    for (cl = in; cl; cl = cl->next) {

        b = cl->buf;

        if ((b->last_buf || b->last_in_chain) && !cap->nested) {
            src->complete = 1;
        }

        if (ngx_buf_in_memory(b)) {
            size = b->last - b->pos;

        } else if (b->in_file) {
            size = b->file_last - b->file_pos;

        } else {
            continue;
        }

        src->total += size;

        if (cap->nested && size) {
            /* the source's ETag does not cover what its subrequests add */
            ngx_str_null(&src->etag);
        }

        if (size == 0 || src->too_large || src->error) {
            ngx_http_feed_consume(b);
            continue;
        }

        if ((off_t) (src->len + src->file_len) + size > (off_t) src->max) {
            src->too_large = 1;
            ngx_http_feed_consume(b);
            continue;
        }

        if (!ngx_buf_in_memory(b) && src->len == 0 && src->file == NULL) {

            /* a static file: nothing is read while the cache may answer */

            src->file = b->file;
            src->file_pos = b->file_pos;
            src->file_len = (size_t) size;

            ngx_http_feed_consume(b);
            continue;
        }

        if (ngx_http_feed_source_read(r, src) != NGX_OK
            || ngx_http_feed_source_grow(r, src, (size_t) size) != NGX_OK)
        {
            return NGX_ERROR;
        }

        if (ngx_buf_in_memory(b)) {
            ngx_memcpy(src->body + src->len, b->pos, size);

        } else if (ngx_http_feed_read_file(r, b->file, src->body + src->len,
                                           b->file_pos, (size_t) size)
                   != NGX_OK)
        {
            src->error = "the response could not be read";
            ngx_http_feed_consume(b);
            continue;
        }

        src->len += size;

        ngx_http_feed_consume(b);
    }

    return NGX_OK;
}


/* the part of a source still in its file, read now */

static ngx_int_t
ngx_http_feed_source_read(ngx_http_request_t *r, ngx_http_feed_source_t *src)
{
    ngx_file_t  *file;

    if (src->file == NULL) {
        return NGX_OK;
    }

    file = src->file;
    src->file = NULL;

    if (ngx_http_feed_source_grow(r, src, src->file_len) != NGX_OK) {
        return NGX_ERROR;
    }

    if (ngx_http_feed_read_file(r, file, src->body + src->len, src->file_pos,
                                src->file_len)
        != NGX_OK)
    {
        src->error = "the response could not be read";
        src->file_len = 0;
        return NGX_OK;
    }

    src->len += src->file_len;
    src->file_len = 0;

    return NGX_OK;
}


/* room for n more bytes of a source's body */

static ngx_int_t
ngx_http_feed_source_grow(ngx_http_request_t *r, ngx_http_feed_source_t *src,
    size_t n)
{
    u_char  *p;
    size_t   size;

    if (src->len + n <= src->size) {
        return NGX_OK;
    }

    size = ngx_max(src->size * 2, 16384);
    size = ngx_max(size, src->len + n);
    size = ngx_min(size, src->max);

    p = ngx_palloc(r->pool, size);
    if (p == NULL) {
        return NGX_ERROR;
    }

    if (src->len) {
        ngx_memcpy(p, src->body, src->len);
    }

    if (src->body) {
        ngx_pfree(r->pool, src->body);
    }

    src->body = p;
    src->size = size;

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_read_file(ngx_http_request_t *r, ngx_file_t *file, u_char *p,
    off_t offset, size_t len)
{
    ssize_t  n;

    n = ngx_read_file(file, p, len, offset);

    if (n == NGX_ERROR) {
        return NGX_ERROR;
    }

    if ((size_t) n != len) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      ngx_read_file_n " read only %z of %uz from \"%s\"",
                      n, len, file->name.data);
        return NGX_ERROR;
    }

    return NGX_OK;
}


static void
ngx_http_feed_consume(ngx_buf_t *b)
{
    b->pos = b->last;

    if (b->in_file) {
        b->file_pos = b->file_last;
    }
}


/* the feed location's limit, also for the subrequests of a source */

static size_t
ngx_http_feed_max_size(ngx_http_request_t *r)
{
    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    return flcf->source_max_size;
}


/* runs when a source's subrequest ends, maybe more than once */

static ngx_int_t
ngx_http_feed_source_done(ngx_http_request_t *sr, void *data, ngx_int_t rc)
{
    ngx_http_feed_source_t  *src = data;

    if (src->done) {
        return rc;
    }

    if (sr->postponed && rc != NGX_ERROR && rc < NGX_HTTP_SPECIAL_RESPONSE) {
        /* its own subrequests are not done yet: called again later */
        return rc;
    }

    src->done = 1;
    src->req->pending--;

    if (src->status == 0) {
        src->status = sr->headers_out.status;
    }

    if (src->error) {
        /* already known */

    } else if (rc == NGX_HTTP_GATEWAY_TIME_OUT
               || src->status == NGX_HTTP_GATEWAY_TIME_OUT)
    {
        src->error = "timed out";

    } else if (rc >= NGX_HTTP_SPECIAL_RESPONSE && src->status == 0) {
        src->status = rc;

    } else if (rc == NGX_ERROR || !src->complete) {
        src->error = "the response was cut short";
    }

    ngx_log_debug3(NGX_LOG_DEBUG_HTTP, sr->connection->log, 0,
                   "feed: source \"%V\" done: %i, status %ui",
                   &src->uri, rc, src->status);

    return rc;
}


static void
ngx_http_feed_wake(ngx_http_request_t *r)
{
    ngx_http_feed_req_t  *req;

    req = ngx_http_get_module_ctx(r, ngx_http_feed_module);

    if (req->pending) {
        return;
    }

    r->write_event_handler = ngx_http_request_empty_handler;

    ngx_http_finalize_request(r, ngx_http_feed_respond(r, req));
}


static ngx_int_t
ngx_http_feed_respond(ngx_http_request_t *r, ngx_http_feed_req_t *req)
{
    uint64_t                   key;
    ngx_str_t                  base;
    ngx_uint_t                 i, ok;
    ngx_http_feed_source_t    *src;
    ngx_http_feed_cached_t     feed;
    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    ok = 0;

    for (i = 0; i < req->nsources; i++) {

        src = &req->sources[i];

        if (src->too_large) {
            ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                          "feed source \"%V\" failed: too large, %O bytes "
                          "or more, feed_source_max_size is %uz",
                          &src->uri, src->total, src->max);
            src->error = "too large";
            continue;
        }

        /* without a strong ETag a source is known by its body */

        if (src->etag.len == 0
            && ngx_http_feed_source_read(r, src) != NGX_OK)
        {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        if (src->error) {
            ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                          "feed source \"%V\" failed: %s",
                          &src->uri, src->error);
            continue;
        }

        if (src->status != NGX_HTTP_OK) {
            ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                          "feed source \"%V\" failed: status %ui",
                          &src->uri, src->status);
            src->error = "status";
            continue;
        }

        ok++;
    }

    if (ok == 0) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "feed: every source failed");
        return NGX_HTTP_BAD_GATEWAY;
    }

    if (ngx_http_feed_base_url(r, flcf, &base) != NGX_OK) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    key = ngx_http_feed_key(flcf, req, &base);

    req->cache_status = flcf->cache ? NGX_HTTP_FEED_CACHE_MISS
                                    : NGX_HTTP_FEED_CACHE_BYPASS;

    if (!flcf->cache || ngx_http_feed_cache_get(r, key, &feed) != NGX_OK) {

        for (i = 0; i < req->nsources; i++) {
            if (ngx_http_feed_source_read(r, &req->sources[i]) != NGX_OK) {
                return NGX_HTTP_INTERNAL_SERVER_ERROR;
            }
        }

        if (ngx_http_feed_build(r, req, &base, &feed) != NGX_OK) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }

        if (feed.body.len == 0) {
            return NGX_HTTP_BAD_GATEWAY;
        }

        if (flcf->cache) {
            ngx_http_feed_cache_put(r, key, &feed);
        }

    } else {
        req->cache_status = NGX_HTTP_FEED_CACHE_HIT;

        ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: cached feed %016uxL", key);
    }

    return ngx_http_feed_send(r, &feed);
}


/* what the feed is made from: the location, the base, every source */

static uint64_t
ngx_http_feed_key(ngx_http_feed_loc_conf_t *flcf, ngx_http_feed_req_t *req,
    ngx_str_t *base)
{
    ngx_uint_t               i;
    feed_hash_t              h;
    ngx_http_feed_source_t  *src;

    feed_hash_init(&h, flcf->conf_id);

    feed_hash_update(&h, &base->len, sizeof(size_t));
    feed_hash_update(&h, base->data, base->len);

    for (i = 0; i < req->nsources; i++) {

        src = &req->sources[i];

        if (src->error) {
            feed_hash_update(&h, "-", 1);
            continue;
        }

        feed_hash_update(&h, &src->charset.len, sizeof(size_t));
        feed_hash_update(&h, src->charset.data, src->charset.len);

        if (src->etag.len) {
            /* the source's own identity for its body */
            feed_hash_update(&h, "e", 1);
            feed_hash_update(&h, &src->etag.len, sizeof(size_t));
            feed_hash_update(&h, src->etag.data, src->etag.len);
            continue;
        }

        feed_hash_update(&h, "b", 1);
        feed_hash_update(&h, &src->len, sizeof(size_t));
        feed_hash_update(&h, src->body, src->len);
    }

    return feed_hash_final(&h);
}


static ngx_int_t
ngx_http_feed_build(ngx_http_request_t *r, ngx_http_feed_req_t *req,
    ngx_str_t *base, ngx_http_feed_cached_t *feed)
{
    int                        rc;
    int64_t                    newest;
    ngx_uint_t                 i;
    feed_channel_t             ch;
    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    ngx_str_null(&feed->body);

    if (ngx_http_feed_extract(r, req, base) != NGX_OK) {
        return NGX_ERROR;
    }

    if (feed_merge(&req->items, req->pages, req->nsources,
                   (size_t) flcf->max_items)
        != FEED_OK)
    {
        return NGX_ERROR;
    }

    if (ngx_http_feed_channel(r, req, base, &ch) != NGX_OK) {
        return NGX_ERROR;
    }

    newest = 0;

    for (i = 0; i < req->items.nelts; i++) {
        newest = ngx_max(newest, req->items.elts[i].published.t);
        newest = ngx_max(newest, req->items.elts[i].updated.t);
    }

    ch.build_date = newest ? newest : ngx_time();

    feed_buf_init(&req->out, 0);

    switch (flcf->format) {

    case NGX_HTTP_FEED_ATOM:
        rc = feed_write_atom(&req->out, &ch);
        break;

    case NGX_HTTP_FEED_JSON:
        rc = feed_write_json(&req->out, &ch);
        break;

    default: /* NGX_HTTP_FEED_RSS */
        rc = feed_write_rss(&req->out, &ch);
    }

    if (rc != FEED_OK || req->out.failed) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      "feed: cannot write the feed");
        return NGX_ERROR;
    }

    feed->body.data = ngx_pnalloc(r->pool, req->out.len);
    if (feed->body.data == NULL) {
        return NGX_ERROR;
    }

    ngx_memcpy(feed->body.data, req->out.data, req->out.len);
    feed->body.len = req->out.len;

    feed->etag = feed_hash(feed->body.data, feed->body.len, 0);
    feed->last_modified = (time_t) ch.build_date;

    ngx_http_feed_cleanup(req);

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_extract(ngx_http_request_t *r, ngx_http_feed_req_t *req,
    ngx_str_t *base)
{
    u_char                    *p;
    char                      *url, *charset;
    ngx_uint_t                 i;
    ngx_http_feed_source_t    *src;
    ngx_http_feed_loc_conf_t  *flcf;
    char                       err[NGX_HTTP_FEED_ERRLEN];

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    req->pages = ngx_pcalloc(r->pool, req->nsources * sizeof(feed_page_t));
    if (req->pages == NULL) {
        return NGX_ERROR;
    }

    for (i = 0; i < req->nsources; i++) {

        src = &req->sources[i];

        if (src->error) {
            continue;
        }

        url = ngx_pnalloc(r->pool, base->len + src->uri.len * 3
                                   + src->args.len * 3 + 2);
        if (url == NULL) {
            return NGX_ERROR;
        }

        p = ngx_cpymem(url, base->data, base->len);
        p += feed_escape_uri(p, src->uri.data, src->uri.len,
                             FEED_ESCAPE_PATH);

        if (src->args.len) {
            *p++ = '?';
            p += feed_escape_uri(p, src->args.data, src->args.len,
                                 FEED_ESCAPE_QUERY);
        }

        *p = '\0';

        charset = NULL;

        if (src->charset.len) {
            charset = ngx_http_feed_cstr(r->pool, src->charset.data,
                                         src->charset.len);
            if (charset == NULL) {
                return NGX_ERROR;
            }
        }

        err[0] = '\0';

        if (feed_extract(flcf->extract, src->body, src->len, charset, url,
                         &req->pages[i], err, sizeof(err))
            != FEED_OK)
        {
            ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                          "feed source \"%V\" failed: %s", &src->uri,
                          err[0] ? err : "cannot be parsed");

            feed_page_free(&req->pages[i]);
            src->error = "cannot be parsed";
            continue;
        }

        ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: source \"%V\": %uz items",
                       &src->uri, req->pages[i].items.nelts);
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_channel(ngx_http_request_t *r, ngx_http_feed_req_t *req,
    ngx_str_t *base, feed_channel_t *ch)
{
    u_char                    *p;
    ngx_str_t                  value;
    ngx_uint_t                 i;
    feed_page_t               *first;
    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    ngx_memzero(ch, sizeof(feed_channel_t));

    first = NULL;

    for (i = 0; i < req->nsources; i++) {
        if (req->sources[i].error == NULL) {
            first = &req->pages[i];
            break;
        }
    }

    if (flcf->title) {
        if (ngx_http_complex_value(r, flcf->title, &value) != NGX_OK) {
            return NGX_ERROR;
        }

        ch->title = ngx_http_feed_cstr(r->pool, value.data, value.len);
        if (ch->title == NULL) {
            return NGX_ERROR;
        }

    } else if (first && first->title) {
        ch->title = first->title;

    } else {
        ch->title = ngx_http_feed_cstr(r->pool, base->data, base->len);
        if (ch->title == NULL) {
            return NGX_ERROR;
        }
    }

    if (flcf->description) {
        if (ngx_http_complex_value(r, flcf->description, &value) != NGX_OK) {
            return NGX_ERROR;
        }

        ch->description = ngx_http_feed_cstr(r->pool, value.data, value.len);
        if (ch->description == NULL) {
            return NGX_ERROR;
        }

    } else if (first) {
        ch->description = first->description;
    }

    if (first) {
        ch->lang = first->lang;
    }

    p = ngx_pnalloc(r->pool, base->len + 2);
    if (p == NULL) {
        return NGX_ERROR;
    }

    ch->home_url = (char *) p;
    p = ngx_cpymem(p, base->data, base->len);
    *p++ = '/';
    *p = '\0';

    p = ngx_pnalloc(r->pool, base->len + r->uri.len * 3 + 1);
    if (p == NULL) {
        return NGX_ERROR;
    }

    ch->self_url = (char *) p;
    p = ngx_cpymem(p, base->data, base->len);
    p += feed_escape_uri(p, r->uri.data, r->uri.len, FEED_ESCAPE_PATH);
    *p = '\0';

    ch->items = req->items.elts;
    ch->nitems = req->items.nelts;

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_send(ngx_http_request_t *r, ngx_http_feed_cached_t *feed)
{
    ngx_int_t                  rc;
    ngx_buf_t                 *b;
    ngx_chain_t                out;
    ngx_table_elt_t           *etag;
    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    r->headers_out.status = NGX_HTTP_OK;
    r->headers_out.content_type = ngx_http_feed_types[flcf->format];
    r->headers_out.content_type_len = r->headers_out.content_type.len;
    ngx_str_set(&r->headers_out.charset, "utf-8");
    r->headers_out.content_type_lowcase = NULL;

    r->headers_out.content_length_n = feed->body.len;
    r->headers_out.last_modified_time = feed->last_modified;

    etag = ngx_list_push(&r->headers_out.headers);
    if (etag == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    etag->hash = 1;
#if (nginx_version >= 1023000)
    etag->next = NULL;
#endif
    ngx_str_set(&etag->key, "ETag");

    etag->value.data = ngx_pnalloc(r->pool, 2 + 16);
    if (etag->value.data == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    etag->value.len = ngx_sprintf(etag->value.data, "\"%016uxL\"",
                                  feed->etag)
                      - etag->value.data;

    r->headers_out.etag = etag;

    rc = ngx_http_send_header(r);

    if (rc == NGX_ERROR || rc > NGX_OK || r->header_only) {
        return rc;
    }

    b = ngx_calloc_buf(r->pool);
    if (b == NULL) {
        return NGX_HTTP_INTERNAL_SERVER_ERROR;
    }

    b->pos = feed->body.data;
    b->last = feed->body.data + feed->body.len;
    b->memory = 1;
    b->last_buf = (r == r->main) ? 1 : 0;
    b->last_in_chain = 1;

    out.buf = b;
    out.next = NULL;

    return ngx_http_output_filter(r, &out);
}


static char *
ngx_http_feed_cstr(ngx_pool_t *pool, u_char *p, size_t len)
{
    u_char  *s;

    s = ngx_pnalloc(pool, len + 1);
    if (s == NULL) {
        return NULL;
    }

    ngx_memcpy(s, p, len);
    s[len] = '\0';

    return (char *) s;
}


static void
ngx_http_feed_cleanup(void *data)
{
    ngx_http_feed_req_t  *req = data;

    ngx_uint_t  i;

    if (req->pages) {
        for (i = 0; i < req->nsources; i++) {
            feed_page_free(&req->pages[i]);
        }
    }

    feed_items_free(&req->items);
    feed_buf_free(&req->out);
}


/* $feed_cache_status: HIT, MISS or BYPASS, like $upstream_cache_status */

ngx_int_t
ngx_http_feed_cache_status_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data)
{
    ngx_str_t            *status;
    ngx_http_feed_req_t  *req;

    req = ngx_http_get_module_ctx(r, ngx_http_feed_module);

    if (req == NULL || req->kind != NGX_HTTP_FEED_CTX_FEED
        || req->cache_status == 0)
    {
        v->not_found = 1;
        return NGX_OK;
    }

    status = &ngx_http_feed_cache_statuses[req->cache_status];

    v->len = status->len;
    v->valid = 1;
    v->no_cacheable = 0;
    v->not_found = 0;
    v->data = status->data;

    return NGX_OK;
}
