
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The feed endpoint's sources: one subrequest each, whose status,
 * charset, ETag and body the module's own filters capture instead of
 * sending them.  A static file is not read until the feed has to be
 * made, so that a cached feed costs no more than the subrequest.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_handler.h"
#include "ngx_http_feed_capture.h"


static ngx_int_t ngx_http_feed_source_headers(ngx_http_request_t *r,
    ngx_http_request_t *sr);
static ngx_uint_t *ngx_http_feed_capture_ctx(ngx_http_request_t *r);
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


/* starts the subrequest of a source, whose output the filters capture */

ngx_int_t
ngx_http_feed_source_start(ngx_http_request_t *r, ngx_http_feed_source_t *src)
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

    (*src->pending)++;

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
        return ngx_http_feed_req_capture(kind);

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

    src->last_modified = r->headers_out.last_modified_time;

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

ngx_int_t
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
    (*src->pending)--;

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
