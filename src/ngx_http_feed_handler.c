
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
#include "ngx_http_feed_capture.h"
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
        req->sources[i].pending = &req->pending;

        if (ngx_http_feed_source_start(r, &req->sources[i]) != NGX_OK) {
            return NGX_HTTP_INTERNAL_SERVER_ERROR;
        }
    }

    /* the request stays alive until the last source is done */

    r->main->count++;
    r->write_event_handler = ngx_http_feed_wake;

    return NGX_DONE;
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

    /* the key, hashed over whole bodies maybe, only for the cache */

    key = flcf->cache ? ngx_http_feed_key(flcf, req, &base) : 0;

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

    if (newest == 0) {

        /*
         * No item is dated: the newest Last-Modified of the sources, so
         * that the same pages give the same feed; the time now only
         * when no source says when it changed.
         */

        for (i = 0; i < req->nsources; i++) {
            if (req->sources[i].error == NULL) {
                newest = ngx_max(newest, req->sources[i].last_modified);
            }
        }
    }

    ch.build_date = (newest > 0) ? newest : ngx_time();

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

    /*
     * The feed is sent from the writer's buffer, which the pool cleanup
     * frees when the request ends; the pages and items go now.
     */

    feed->body.data = req->out.data;
    feed->body.len = req->out.len;

    feed->etag = feed_hash(feed->body.data, feed->body.len, 0);
    feed->last_modified = (time_t) ch.build_date;

    for (i = 0; i < req->nsources; i++) {
        feed_page_free(&req->pages[i]);
    }

    feed_items_free(&req->items);

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
                         (size_t) flcf->max_items, &req->pages[i], err,
                         sizeof(err))
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


/* the capture a feed that is itself a source stands in front of */

ngx_uint_t *
ngx_http_feed_req_capture(ngx_uint_t *kind)
{
    return ((ngx_http_feed_req_t *) kind)->capture;
}
