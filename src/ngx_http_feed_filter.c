
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The enrichment filter: injects a canonical link, feed-discovery links
 * and keyword metadata at the end of the <head> of HTML responses.
 *
 * The scanner (feed_scan.c) watches the stream and names the injection
 * point; this file only moves buffers.  Bytes leave as soon as they
 * cannot belong to the token that ends the head: at most a few bytes of
 * an undecided tag are copied and held between buffers.  The buffer
 * holding the injection point is split, the tags go in between, and
 * from then on buffers pass untouched.  File buffers (sendfile) are read
 * only as far as the head goes, in small windows, and leave as file
 * buffers.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_filter.h"
#include "ngx_http_feed_keywords.h"
#include "ngx_http_feed_handler.h"
#include "ngx_http_feed_capture.h"
#include "ngx_http_feed_tags.h"
#include "feed_scan.h"
#include "feed_keywords.h"
#include "feed_hash.h"


/* r->buffered is four bits wide; nginx's image filter uses this one too */
#define NGX_HTTP_FEED_BUFFERED    0x08

#define NGX_HTTP_FEED_READ_SIZE   8192
#define NGX_HTTP_FEED_PAGE_SIZE   4096

#define NGX_HTTP_FEED_SCAN        0
#define NGX_HTTP_FEED_PASS        1


typedef struct {
    ngx_uint_t                  kind;        /* NGX_HTTP_FEED_CTX_ENRICH */
    ngx_uint_t                  phase;

    /* bytes of an undecided tag, copied out of earlier buffers */
    u_char                      held[FEED_SCAN_MAX_HOLD];
    size_t                      nheld;
    uint64_t                    held_off;    /* stream offset of held[0] */

    u_char                     *rbuf;        /* window for file buffers */

    ngx_chain_t                *out;
    ngx_chain_t               **last_out;
    ngx_chain_t                *busy;
    ngx_chain_t                *free;

    ngx_http_feed_head_t        head;

    feed_kw_t                  *kw;          /* learning this response */
    ngx_http_feed_kw_key_t      kw_key;

    ngx_http_feed_plan_t        plan;        /* the page's, from the zone */
    ngx_str_t                   kept;        /* the tags kept with it */
    ngx_http_feed_plan_t        fresh;       /* a new one, to keep */
    feed_hash_t                 hash;        /* of the bytes scanned */
    uint64_t                    hashed;      /* stream bytes hashed */
    uint64_t                    seed;
    unsigned                    replay:1;    /* try the plan */
    unsigned                    replayed:1;  /* the plan holds */
    unsigned                    keep:1;      /* keep a new plan */

    uint64_t                    inject;      /* the injection point */
    feed_scan_t                *scan;        /* made when a page must be
                                                scanned */
} ngx_http_feed_ctx_t;


static ngx_int_t ngx_http_feed_header_filter(ngx_http_request_t *r);
static ngx_int_t ngx_http_feed_body_filter(ngx_http_request_t *r,
    ngx_chain_t *in);
static ngx_int_t ngx_http_feed_enrichable(ngx_http_request_t *r,
    ngx_http_feed_loc_conf_t *flcf);
static ngx_int_t ngx_http_feed_scan_buf(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b);
static ngx_int_t ngx_http_feed_scanner(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx);
static ngx_int_t ngx_http_feed_window(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b, off_t from, off_t size,
    u_char **p, size_t *n);
static ngx_uint_t ngx_http_feed_replay(ngx_http_feed_ctx_t *ctx, u_char *p,
    size_t n);
static void ngx_http_feed_keep(ngx_http_feed_ctx_t *ctx);
static ngx_int_t ngx_http_feed_tags(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t **out);
static ngx_int_t ngx_http_feed_found(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b, uint64_t base, off_t size);
static ngx_int_t ngx_http_feed_release(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b, uint64_t base, off_t size);
static ngx_int_t ngx_http_feed_observe(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_chain_t *in);
static void ngx_http_feed_learned(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx);
static ngx_int_t ngx_http_feed_output(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx);
static ngx_int_t ngx_http_feed_add_buf(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b);
static ngx_int_t ngx_http_feed_add_part(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b, off_t from, off_t to,
    ngx_uint_t shadow);
static ngx_int_t ngx_http_feed_add_copy(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, u_char *p, size_t len);
static ngx_int_t ngx_http_feed_add_flags(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b);
static ngx_int_t ngx_http_feed_hold(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, ngx_buf_t *b, off_t from, off_t to);
static ngx_int_t ngx_http_feed_read(ngx_http_request_t *r, ngx_buf_t *b,
    u_char *p, off_t from, size_t len);
static void ngx_http_feed_consume(ngx_buf_t *b);
static ngx_int_t ngx_http_feed_add_head(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx, u_char *p, size_t len, size_t tail);
static ngx_int_t ngx_http_feed_add_tags(ngx_http_request_t *r,
    ngx_http_feed_ctx_t *ctx);
static void ngx_http_feed_element(void *data, const feed_scan_elt_t *elt);
static void ngx_http_feed_text(void *data, const feed_uchar_t *p, size_t len,
    unsigned kind);


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;
static ngx_http_output_body_filter_pt    ngx_http_next_body_filter;


ngx_int_t
ngx_http_feed_filter_init(ngx_conf_t *cf)
{
    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_feed_header_filter;

    ngx_http_next_body_filter = ngx_http_top_body_filter;
    ngx_http_top_body_filter = ngx_http_feed_body_filter;

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_header_filter(ngx_http_request_t *r)
{
    ngx_uint_t                 *kind, *cap;
    ngx_http_feed_ctx_t        *ctx;
    ngx_http_feed_loc_conf_t   *flcf;
    ngx_http_feed_main_conf_t  *fmcf;

    kind = ngx_http_get_module_ctx(r, ngx_http_feed_module);

    if (r != r->main) {
        cap = ngx_http_feed_capture(r, kind);

        if (cap) {
            if (ngx_http_feed_capture_header(r, cap) != NGX_OK) {
                return NGX_ERROR;
            }

            return ngx_http_next_header_filter(r);
        }
    }

    if (kind) {
        return ngx_http_next_header_filter(r);
    }

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    if (!flcf->enrich || ngx_http_feed_enrichable(r, flcf) != NGX_OK) {
        return ngx_http_next_header_filter(r);
    }

    ctx = ngx_palloc(r->pool, sizeof(ngx_http_feed_ctx_t));
    if (ctx == NULL) {
        return NGX_ERROR;
    }

    ngx_memzero(ctx, sizeof(ngx_http_feed_ctx_t));

    /*
     * set by ngx_memzero():
     *
     *     ctx->phase = NGX_HTTP_FEED_SCAN;
     *     ctx->nheld = 0;
     *     ctx->out = NULL;
     *     ctx->busy = NULL;
     *     ctx->free = NULL;
     *     ctx->head = { 0 };
     *     ctx->kw = NULL;
     *     ctx->plan.valid = 0;
     *     ctx->fresh.valid = 0;
     *     ctx->replay = 0;
     *     ctx->replayed = 0;
     *     ctx->keep = 0;
     *     ctx->hashed = 0;
     *     ctx->scan = NULL;
     */

    ctx->kind = NGX_HTTP_FEED_CTX_ENRICH;
    ctx->last_out = &ctx->out;

    if (ngx_http_feed_head_init(r, flcf, &ctx->head) != NGX_OK) {
        return NGX_ERROR;
    }

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->keywords_zone) {

        if (ngx_http_feed_keywords_key(r, &ctx->kw_key) != NGX_OK) {
            return NGX_ERROR;
        }

        switch (ngx_http_feed_keywords_lookup(r, &ctx->kw_key,
                                              flcf->keywords_auto != 0,
                                              &ctx->head.learned,
                                              &ctx->plan, &ctx->kept))
        {
        case NGX_OK:
            break;

        case NGX_DECLINED:
            if (ngx_http_feed_learn_start(r, fmcf, &ctx->kw) != NGX_OK) {
                return NGX_ERROR;
            }

            break;

        default:
            return NGX_ERROR;
        }

        if (ctx->head.tags_key && ctx->head.learned.len) {

            /* tags kept with other keywords do not do */

            ctx->head.tags_key = feed_hash(ctx->head.learned.data,
                                           ctx->head.learned.len,
                                           ctx->head.tags_key) | 1;
        }

        if (ctx->head.nlinks <= NGX_HTTP_FEED_PLAN_LINKS) {
            ctx->seed = ngx_http_feed_plan_seed(r);
            ctx->keep = 1;

            ctx->replay = (ctx->plan.valid && ctx->kw == NULL
                           && ctx->plan.conf == ctx->head.conf);

            feed_hash_init(&ctx->hash, ctx->seed);
        }
    }

    ngx_http_set_ctx(r, ctx, ngx_http_feed_module);

    ngx_http_clear_content_length(r);
    ngx_http_clear_accept_ranges(r);
    ngx_http_weak_etag(r);

    return ngx_http_next_header_filter(r);
}


/*
 * The gates, in the order nginx's own filters use: status, header only,
 * content coding, empty body, type; then what would make an injection
 * unsafe: a range request, a charset that is not ASCII-compatible.
 */

static ngx_int_t
ngx_http_feed_enrichable(ngx_http_request_t *r,
    ngx_http_feed_loc_conf_t *flcf)
{
    u_char     *p, *last;
    ngx_str_t  *cs;

    if (r != r->main) {
        return NGX_DECLINED;
    }

    if (r->headers_out.status != NGX_HTTP_OK) {
        return NGX_DECLINED;
    }

    /* nginx sets header_only for HEAD only at the end of the chain */

    if (r->header_only || r->method == NGX_HTTP_HEAD) {
        return NGX_DECLINED;
    }

    if (r->headers_out.content_encoding
        && r->headers_out.content_encoding->value.len)
    {
        ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: not enriching: content encoding \"%V\"",
                       &r->headers_out.content_encoding->value);
        return NGX_DECLINED;
    }

    if (r->headers_out.content_length_n == 0) {
        return NGX_DECLINED;
    }

    if (ngx_http_test_content_type(r, &flcf->types) == NULL) {
        return NGX_DECLINED;
    }

    if (r->headers_in.range) {
        ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: not enriching: range request");
        return NGX_DECLINED;
    }

    /* the charset, as set by the charset module or in Content-Type */

    cs = &r->headers_out.charset;

    if (cs->len == 0) {
        p = r->headers_out.content_type.data;
        last = p + r->headers_out.content_type.len;

        p = ngx_strlcasestrn(p, last, (u_char *) "charset=", 8 - 1);

        if (p) {
            p += 8;

            if (p < last && *p == '"') {
                p++;
            }

            if (last - p >= 6
                && (ngx_strncasecmp(p, (u_char *) "utf-16", 6) == 0
                    || ngx_strncasecmp(p, (u_char *) "utf-32", 6) == 0
                    || ngx_strncasecmp(p, (u_char *) "ucs-2", 5) == 0
                    || ngx_strncasecmp(p, (u_char *) "ucs-4", 5) == 0))
            {
                goto wide;
            }
        }

    } else if (cs->len >= 5
               && (ngx_strncasecmp(cs->data, (u_char *) "utf-16", 6) == 0
                   || ngx_strncasecmp(cs->data, (u_char *) "utf-32", 6) == 0
                   || ngx_strncasecmp(cs->data, (u_char *) "ucs-2", 5) == 0
                   || ngx_strncasecmp(cs->data, (u_char *) "ucs-4", 5) == 0))
    {
        goto wide;
    }

    return NGX_OK;

wide:

    ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "feed: not enriching: UTF-16 or UTF-32 charset");

    return NGX_DECLINED;
}


static ngx_int_t
ngx_http_feed_body_filter(ngx_http_request_t *r, ngx_chain_t *in)
{
    ngx_int_t             rc;
    ngx_uint_t           *kind, *cap;
    ngx_chain_t          *cl;
    ngx_http_feed_ctx_t  *ctx;

    kind = ngx_http_get_module_ctx(r, ngx_http_feed_module);

    if (kind == NULL) {
        return ngx_http_next_body_filter(r, in);
    }

    cap = (r != r->main) ? ngx_http_feed_capture(r, kind) : NULL;

    if (cap) {

        if (ngx_http_feed_capture_body(r, cap, in) != NGX_OK) {
            return NGX_ERROR;
        }

        /*
         * Nothing goes on, but the postpone filter must still run: it
         * starts the subrequests a source makes of its own.
         */

        return ngx_http_next_body_filter(r, NULL);
    }

    if (*kind != NGX_HTTP_FEED_CTX_ENRICH) {
        return ngx_http_next_body_filter(r, in);
    }

    ctx = (ngx_http_feed_ctx_t *) kind;

    if (ctx->phase == NGX_HTTP_FEED_PASS) {

        if (ctx->kw && ngx_http_feed_observe(r, ctx, in) != NGX_OK) {
            return NGX_ERROR;
        }

        if (ctx->busy == NULL) {
            return ngx_http_next_body_filter(r, in);
        }

        for (cl = in; cl; cl = cl->next) {
            if (ngx_http_feed_add_buf(r, ctx, cl->buf) != NGX_OK) {
                return NGX_ERROR;
            }
        }

        return ngx_http_feed_output(r, ctx);
    }

    ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "feed: enrich body filter");

    for (cl = in; cl; cl = cl->next) {

        if (ctx->phase == NGX_HTTP_FEED_PASS) {

            if (ctx->kw && ngx_http_feed_observe(r, ctx, cl) != NGX_OK) {
                return NGX_ERROR;
            }

            for ( /* void */ ; cl; cl = cl->next) {
                if (ngx_http_feed_add_buf(r, ctx, cl->buf) != NGX_OK) {
                    return NGX_ERROR;
                }
            }

            break;
        }

        rc = ngx_http_feed_scan_buf(r, ctx, cl->buf);

        if (rc != NGX_OK) {
            return rc;
        }
    }

    return ngx_http_feed_output(r, ctx);
}


/*
 * Scans one buffer in the SCAN phase and queues what may leave.
 */

static ngx_int_t
ngx_http_feed_scan_buf(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b)
{
    off_t        size, done, x, head, want;
    size_t       n;
    u_char      *p;
    uint64_t     base, start, end;
    ngx_int_t    rc;
    ngx_uint_t   have;

    base = ctx->scan ? ctx->scan->offset : 0;
    rc = FEED_SCAN_AGAIN;
    p = NULL;
    n = 0;

    if (ngx_buf_in_memory(b)) {
        size = b->last - b->pos;

    } else if (b->in_file) {
        size = b->file_last - b->file_pos;

    } else {
        size = 0;
    }

    done = 0;
    have = 0;

    if (ctx->replay && size) {

        /* the first bytes of the page, as they were when last scanned? */

        ctx->replay = 0;
        want = size;

        if (!ngx_buf_in_memory(b)) {

            /* of a file, no more than the plan needs */

            want = ngx_align(b->file_pos + ctx->plan.inject,
                             NGX_HTTP_FEED_PAGE_SIZE)
                   - b->file_pos;
            want = ngx_min(ngx_max(want, (off_t) ctx->plan.decided), size);
        }

        if (ngx_http_feed_window(r, ctx, b, 0, want, &p, &n) != NGX_OK) {
            return NGX_ERROR;
        }

        have = 1;

        if (ngx_http_feed_replay(ctx, p, n)) {
            ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                           "feed: the head as scanned before, %uD bytes",
                           ctx->plan.decided);

            rc = FEED_SCAN_FOUND;
            done = n;
            goto found;
        }
    }

    if (ctx->scan == NULL && ngx_http_feed_scanner(r, ctx) != NGX_OK) {
        return NGX_ERROR;
    }

    while (done < size) {

        if (!have
            && ngx_http_feed_window(r, ctx, b, done, size, &p, &n) != NGX_OK)
        {
            return NGX_ERROR;
        }

        have = 0;
        start = ctx->scan->offset;

        rc = feed_scan(ctx->scan, p, n);
        done += n;

        if (ctx->keep) {
            end = start + n;

            if (rc == FEED_SCAN_FOUND && ctx->scan->decided_at < end) {
                end = ctx->scan->decided_at;
            }

            if (end > start) {
                feed_hash_update(&ctx->hash, p, (size_t) (end - start));
                ctx->hashed = end;
            }

            if (rc == FEED_SCAN_FOUND) {
                ngx_http_feed_keep(ctx);
            }
        }

        if (rc != FEED_SCAN_AGAIN) {
            break;
        }
    }

    if (rc == FEED_SCAN_AGAIN && b->last_buf) {
        rc = feed_scan_finish(ctx->scan);
    }

    if (rc == FEED_SCAN_FOUND) {
        ctx->inject = ctx->scan->inject;
    }

found:

    switch (rc) {

    case FEED_SCAN_AGAIN:
        return ngx_http_feed_release(r, ctx, b, base, size);

    case FEED_SCAN_FOUND:
        ctx->phase = NGX_HTTP_FEED_PASS;

        x = (off_t) (ctx->inject - base);
        head = 0;

        if (!ngx_buf_in_memory(b)
            && ctx->inject > base && done == (off_t) n && x < size)
        {
            /*
             * The head of a file is in the window just read: it leaves
             * from memory with the tags, in one write, and with it the
             * bytes up to the next page boundary of the file, so that
             * the rest leaves by sendfile from whole pages, as it would
             * without the module (an unaligned sendfile doubles the
             * socket buffer fragments).
             */

            head = ngx_align(b->file_pos + x, NGX_HTTP_FEED_PAGE_SIZE)
                   - b->file_pos;

            if (head > (off_t) n || head > size) {
                head = x;
            }

            if (ngx_http_feed_add_head(r, ctx, p, (size_t) x,
                                       (size_t) (head - x))
                != NGX_OK)
            {
                return NGX_ERROR;
            }
        }

        if (ctx->kw) {

            /* learning goes on over the rest of a file buffer */

            while (done < size && rc != FEED_SCAN_DONE) {
                n = ngx_min(size - done, NGX_HTTP_FEED_READ_SIZE);

                if (ngx_http_feed_read(r, b, ctx->rbuf, done, n) != NGX_OK) {
                    return NGX_ERROR;
                }

                rc = feed_scan(ctx->scan, ctx->rbuf, n);
                done += n;
            }

            if (rc == FEED_SCAN_DONE || b->last_buf) {
                ngx_http_feed_learned(r, ctx);
            }
        }

        if (head == size) {
            /* the whole file went from memory: only its flags are left */
            ngx_http_feed_consume(b);
            return ngx_http_feed_add_flags(r, ctx, b);
        }

        if (head) {
            b->file_pos += head;
            return ngx_http_feed_add_buf(r, ctx, b);
        }

        return ngx_http_feed_found(r, ctx, b, base, size);

    case FEED_SCAN_DONE:
        ngx_log_error(NGX_LOG_ALERT, r->connection->log, 0,
                      "feed: scanner done before the injection point");
        return NGX_ERROR;

    default: /* FEED_SCAN_DECLINED */
        ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: page passed unchanged: %s",
                       ctx->scan->reason ? ctx->scan->reason : "declined");

        ctx->phase = NGX_HTTP_FEED_PASS;

        if (ctx->kw) {
            feed_kw_free(ctx->kw);
            ctx->kw = NULL;
        }

        if (ctx->nheld) {
            if (ngx_http_feed_add_copy(r, ctx, ctx->held, ctx->nheld)
                != NGX_OK)
            {
                return NGX_ERROR;
            }

            ctx->nheld = 0;
        }

        return ngx_http_feed_add_buf(r, ctx, b);
    }
}


/* the scanner, made for a response whose head is to be scanned */

static ngx_int_t
ngx_http_feed_scanner(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx)
{
    feed_scan_t               *s;
    ngx_http_feed_loc_conf_t  *flcf;

    s = ngx_palloc(r->pool, sizeof(feed_scan_t));
    if (s == NULL) {
        return NGX_ERROR;
    }

    feed_scan_init(s);

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    s->element = ngx_http_feed_element;
    s->data = ctx;
    s->limit = flcf->head_limit;

    if (ctx->kw) {
        s->text = ngx_http_feed_text;
        s->learn = 1;
        s->text_limit = NGX_HTTP_FEED_LEARN_LIMIT;
    }

    ctx->scan = s;

    return ngx_http_feed_head_links(r, &ctx->head);
}


/*
 * The bytes of a buffer to scan from "from" on: all of a memory buffer,
 * a window read from a file buffer.
 */

static ngx_int_t
ngx_http_feed_window(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b, off_t from, off_t size, u_char **p, size_t *n)
{
    if (ngx_buf_in_memory(b)) {
        *p = b->pos + from;
        *n = (size_t) (size - from);
        return NGX_OK;
    }

    if (ctx->rbuf == NULL) {
        ctx->rbuf = ngx_palloc(r->pool, NGX_HTTP_FEED_READ_SIZE);
        if (ctx->rbuf == NULL) {
            return NGX_ERROR;
        }
    }

    *p = ctx->rbuf;
    *n = (size_t) ngx_min(size - from, NGX_HTTP_FEED_READ_SIZE);

    return ngx_http_feed_read(r, b, *p, from, *n);
}


/*
 * When the first bytes of the page hash as they did when the page was
 * last scanned, the scanner would decide as it did then: its result is
 * taken as it was kept.  (A page made to collide with its own earlier
 * version only misplaces the tags in itself.)
 */

static ngx_uint_t
ngx_http_feed_replay(ngx_http_feed_ctx_t *ctx, u_char *p, size_t n)
{
    ngx_uint_t             i;
    ngx_http_feed_plan_t  *plan;

    plan = &ctx->plan;

    if (plan->decided > n
        || feed_hash(p, plan->decided, ctx->seed) != plan->hash)
    {
        return 0;
    }

    ctx->inject = plan->inject;

    ctx->replayed = 1;

    ctx->head.has_canonical = plan->has_canonical;
    ctx->head.has_keywords = plan->has_keywords;

    for (i = 0; i < ctx->head.nlinks; i++) {
        ctx->head.links_found[i] = (plan->links_found >> i) & 1;
    }

    return 1;
}


/* the scanner's result, to be kept for the next responses of the page */

static void
ngx_http_feed_keep(ngx_http_feed_ctx_t *ctx)
{
    ngx_uint_t             i;
    ngx_http_feed_plan_t  *plan;

    if (ctx->scan->decided_at == 0
        || ctx->scan->decided_at > NGX_MAX_UINT32_VALUE
        || ctx->hashed != ctx->scan->decided_at)
    {
        /* decided at the end of the stream, or of a buffer */
        return;
    }

    plan = &ctx->fresh;

    ngx_memzero(plan, sizeof(ngx_http_feed_plan_t));

    plan->hash = feed_hash_final(&ctx->hash);
    plan->conf = ctx->head.conf;
    plan->decided = (uint32_t) ctx->scan->decided_at;
    plan->inject = (uint32_t) ctx->scan->inject;

    if (ctx->plan.valid
        && ctx->plan.hash == plan->hash
        && ctx->plan.conf == plan->conf
        && ctx->plan.decided == plan->decided)
    {
        /* the page's plan holds, though it could not be replayed */
        ctx->replayed = 1;
        return;
    }

    plan->valid = 1;
    plan->has_canonical = ctx->head.has_canonical;
    plan->has_keywords = ctx->head.has_keywords;

    for (i = 0; i < ctx->head.nlinks; i++) {
        if (ctx->head.links_found[i]) {
            plan->links_found |= (uint32_t) 1 << i;
        }
    }
}


/*
 * The tags: those kept with the page's plan when they were written for
 * the same request path and configuration, else written now, and kept
 * with the plan for the next responses.
 */

static ngx_int_t
ngx_http_feed_tags(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t **out)
{
    uint64_t               key;
    ngx_buf_t             *b;
    ngx_str_t              tags;
    ngx_http_feed_plan_t  *plan;

    key = ctx->head.tags_key;

    if (ctx->replayed && key && ctx->plan.tags_key == key) {

        *out = NULL;

        if (ctx->kept.len == 0) {
            return NGX_OK;
        }

        b = ngx_calloc_buf(r->pool);
        if (b == NULL) {
            return NGX_ERROR;
        }

        b->pos = ctx->kept.data;
        b->last = ctx->kept.data + ctx->kept.len;
        b->memory = 1;

        *out = b;

        return NGX_OK;
    }

    if (ngx_http_feed_head_tags(r, &ctx->head, out) != NGX_OK) {
        return NGX_ERROR;
    }

    if (ctx->fresh.valid) {
        plan = &ctx->fresh;

    } else if (ctx->replayed && key) {
        plan = &ctx->plan;

    } else {
        return NGX_OK;
    }

    ngx_str_null(&tags);

    if (key && *out) {
        tags.data = (*out)->pos;
        tags.len = (*out)->last - (*out)->pos;
    }

    plan->tags_key = key;

    ngx_http_feed_plan_store(r, &ctx->kw_key, plan, &tags);

    return NGX_OK;
}


/*
 * The injection point is known: the held bytes and the buffer are split
 * around it and the tags go in between.
 */

static ngx_int_t
ngx_http_feed_found(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b, uint64_t base, off_t size)
{
    off_t   x;
    size_t  k;

    ngx_log_debug1(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "feed: injecting at stream offset %uL",
                   (uint64_t) ctx->inject);

    if (ctx->inject < base) {

        /* inside the held bytes */

        k = (size_t) (ctx->inject - ctx->held_off);

        if (ngx_http_feed_add_copy(r, ctx, ctx->held, k) != NGX_OK
            || ngx_http_feed_add_tags(r, ctx) != NGX_OK
            || ngx_http_feed_add_copy(r, ctx, ctx->held + k, ctx->nheld - k)
               != NGX_OK)
        {
            return NGX_ERROR;
        }

        ctx->nheld = 0;

        return ngx_http_feed_add_buf(r, ctx, b);
    }

    if (ctx->nheld) {
        if (ngx_http_feed_add_copy(r, ctx, ctx->held, ctx->nheld) != NGX_OK) {
            return NGX_ERROR;
        }

        ctx->nheld = 0;
    }

    x = (off_t) (ctx->inject - base);

    if (x > size) {
        ngx_log_error(NGX_LOG_ALERT, r->connection->log, 0,
                      "feed: injection point %uL beyond the buffer",
                      (uint64_t) ctx->inject);
        return NGX_ERROR;
    }

    if (x == size) {

        /* at the end of the buffer: its flags must follow the tags */

        if (x && ngx_http_feed_add_part(r, ctx, b, 0, x, 1) != NGX_OK) {
            return NGX_ERROR;
        }

        if (x == 0) {
            ngx_http_feed_consume(b);
        }

        if (ngx_http_feed_add_tags(r, ctx) != NGX_OK) {
            return NGX_ERROR;
        }

        return ngx_http_feed_add_flags(r, ctx, b);
    }

    if (x && ngx_http_feed_add_part(r, ctx, b, 0, x, 0) != NGX_OK) {
        return NGX_ERROR;
    }

    if (ngx_http_feed_add_tags(r, ctx) != NGX_OK) {
        return NGX_ERROR;
    }

    /* the rest of the buffer leaves as it came, only its start moved */

    if (ngx_buf_in_memory(b)) {
        b->pos += x;
    }

    if (b->in_file) {
        b->file_pos += x;
    }

    return ngx_http_feed_add_buf(r, ctx, b);
}


/*
 * No decision yet: everything before the scanner's hold point leaves,
 * the few bytes after it are copied aside.
 */

static ngx_int_t
ngx_http_feed_release(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b, uint64_t base, off_t size)
{
    off_t     x;
    size_t    k;
    uint64_t  hold;

    hold = ctx->scan->hold;

    if (ctx->nheld && hold > ctx->held_off) {

        k = (size_t) (ngx_min(hold, base) - ctx->held_off);

        if (ngx_http_feed_add_copy(r, ctx, ctx->held, k) != NGX_OK) {
            return NGX_ERROR;
        }

        ngx_memmove(ctx->held, ctx->held + k, ctx->nheld - k);
        ctx->nheld -= k;
        ctx->held_off += k;
    }

    if (hold >= base + size) {
        /* nothing of this buffer is held */
        return ngx_http_feed_add_buf(r, ctx, b);
    }

    x = (hold > base) ? (off_t) (hold - base) : 0;

    if (ngx_http_feed_hold(r, ctx, b, x, size) != NGX_OK) {
        return NGX_ERROR;
    }

    if (x) {
        if (ngx_http_feed_add_part(r, ctx, b, 0, x, 1) != NGX_OK) {
            return NGX_ERROR;
        }

    } else {
        ngx_http_feed_consume(b);
    }

    return ngx_http_feed_add_flags(r, ctx, b);
}


/*
 * After the injection, while learning keywords: buffers are read, never
 * changed.
 */

static ngx_int_t
ngx_http_feed_observe(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_chain_t *in)
{
    off_t        size, done;
    size_t       n;
    ngx_int_t    rc;
    ngx_buf_t   *b;

    for ( /* void */ ; in && ctx->kw; in = in->next) {

        b = in->buf;
        rc = FEED_SCAN_AGAIN;

        if (ngx_buf_in_memory(b)) {
            rc = feed_scan(ctx->scan, b->pos, b->last - b->pos);

        } else if (b->in_file) {

            if (ctx->rbuf == NULL) {
                ctx->rbuf = ngx_palloc(r->pool, NGX_HTTP_FEED_READ_SIZE);
                if (ctx->rbuf == NULL) {
                    return NGX_ERROR;
                }
            }

            size = b->file_last - b->file_pos;

            for (done = 0; done < size; done += n) {
                n = ngx_min(size - done, NGX_HTTP_FEED_READ_SIZE);

                if (ngx_http_feed_read(r, b, ctx->rbuf, done, n) != NGX_OK) {
                    return NGX_ERROR;
                }

                rc = feed_scan(ctx->scan, ctx->rbuf, n);

                if (rc != FEED_SCAN_AGAIN) {
                    break;
                }
            }
        }

        if (rc != FEED_SCAN_AGAIN || b->last_buf) {
            ngx_http_feed_learned(r, ctx);
        }
    }

    return NGX_OK;
}


static void
ngx_http_feed_learned(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx)
{
    size_t   n;
    u_char   buf[NGX_HTTP_FEED_KEYWORDS_MAX];

    ngx_http_feed_loc_conf_t  *flcf;

    flcf = ngx_http_get_module_loc_conf(r, ngx_http_feed_module);

    feed_kw_flush(ctx->kw);

    n = feed_kw_result(ctx->kw, flcf->keywords_auto, buf, sizeof(buf));

    ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "feed: learned keywords \"%*s\"", n, buf);

    ngx_http_feed_keywords_store(r, &ctx->kw_key, buf, n);

    feed_kw_free(ctx->kw);
    ctx->kw = NULL;
}


static ngx_int_t
ngx_http_feed_output(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx)
{
    ngx_int_t     rc;
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    rc = NGX_OK;

    if (ctx->out == NULL && ctx->busy == NULL) {
        goto buffered;
    }

    rc = ngx_http_next_body_filter(r, ctx->out);

    if (ctx->busy == NULL) {
        ctx->busy = ctx->out;

    } else {
        for (cl = ctx->busy; cl->next; cl = cl->next) { /* void */ }
        cl->next = ctx->out;
    }

    ctx->out = NULL;
    ctx->last_out = &ctx->out;

    while (ctx->busy) {

        cl = ctx->busy;
        b = cl->buf;

        if (ngx_buf_size(b) != 0) {
            break;
        }

        if (b->shadow) {
            /* a part of an upstream buffer went out: the buffer is free */
            ngx_http_feed_consume(b->shadow);
        }

        ctx->busy = cl->next;

        if (b->tag == (ngx_buf_tag_t) &ngx_http_feed_module) {
            cl->next = ctx->free;
            ctx->free = cl;

        } else {
            ngx_free_chain(r->pool, cl);
        }
    }

    if (rc == NGX_ERROR) {
        return rc;
    }

buffered:

    if (ctx->nheld) {
        r->buffered |= NGX_HTTP_FEED_BUFFERED;

    } else {
        r->buffered &= ~NGX_HTTP_FEED_BUFFERED;
    }

    return rc;
}


/* queues a buffer that came in, unchanged */

static ngx_int_t
ngx_http_feed_add_buf(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b)
{
    ngx_chain_t  *cl;

    cl = ngx_alloc_chain_link(r->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return NGX_OK;
}


/*
 * Queues bytes [from, to) of a buffer as a new buffer that points into
 * the same memory or file.  With "shadow", the original is marked
 * consumed only once this part has been sent.
 */

static ngx_int_t
ngx_http_feed_add_part(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b, off_t from, off_t to, ngx_uint_t shadow)
{
    ngx_buf_t    *nb;
    ngx_chain_t  *cl;

    cl = ngx_chain_get_free_buf(r->pool, &ctx->free);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    nb = cl->buf;

    ngx_memcpy(nb, b, sizeof(ngx_buf_t));

    if (ngx_buf_in_memory(b)) {
        nb->pos = b->pos + from;
        nb->last = b->pos + to;
    }

    if (b->in_file) {
        nb->file_pos = b->file_pos + from;
        nb->file_last = b->file_pos + to;
    }

    nb->tag = (ngx_buf_tag_t) &ngx_http_feed_module;
    nb->shadow = shadow ? b : NULL;
    nb->last_buf = 0;
    nb->last_in_chain = 0;
    nb->flush = 0;
    nb->sync = 0;
    nb->recycled = 0;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_add_copy(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    u_char *p, size_t len)
{
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    if (len == 0) {
        return NGX_OK;
    }

    b = ngx_create_temp_buf(r->pool, len);
    if (b == NULL) {
        return NGX_ERROR;
    }

    b->last = ngx_cpymem(b->pos, p, len);

    cl = ngx_alloc_chain_link(r->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return NGX_OK;
}


/* an empty buffer that carries the flags of one that was not passed on */

static ngx_int_t
ngx_http_feed_add_flags(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b)
{
    ngx_buf_t    *nb;
    ngx_chain_t  *cl;

    if (!b->last_buf && !b->last_in_chain && !b->flush && !b->sync) {
        return NGX_OK;
    }

    cl = ngx_chain_get_free_buf(r->pool, &ctx->free);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    nb = cl->buf;

    ngx_memzero(nb, sizeof(ngx_buf_t));

    nb->tag = (ngx_buf_tag_t) &ngx_http_feed_module;
    nb->last_buf = b->last_buf;
    nb->last_in_chain = b->last_in_chain;
    nb->flush = b->flush;
    nb->sync = 1;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return NGX_OK;
}


/* copies bytes [from, to) of a buffer into the held bytes */

static ngx_int_t
ngx_http_feed_hold(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    ngx_buf_t *b, off_t from, off_t to)
{
    size_t  n;

    n = (size_t) (to - from);

    if (ctx->nheld + n > FEED_SCAN_MAX_HOLD) {
        ngx_log_error(NGX_LOG_ALERT, r->connection->log, 0,
                      "feed: %uz bytes to hold", ctx->nheld + n);
        return NGX_ERROR;
    }

    if (ctx->nheld == 0) {
        ctx->held_off = ctx->scan->offset - (uint64_t) (to - from);
    }

    if (ngx_buf_in_memory(b)) {
        ngx_memcpy(ctx->held + ctx->nheld, b->pos + from, n);

    } else if (ngx_http_feed_read(r, b, ctx->held + ctx->nheld, from, n)
               != NGX_OK)
    {
        return NGX_ERROR;
    }

    ctx->nheld += n;

    return NGX_OK;
}


/* reads bytes of a file buffer, relative to its current position */

static ngx_int_t
ngx_http_feed_read(ngx_http_request_t *r, ngx_buf_t *b, u_char *p,
    off_t from, size_t len)
{
    ssize_t  n;

    n = ngx_read_file(b->file, p, len, b->file_pos + from);

    if (n == NGX_ERROR) {
        return NGX_ERROR;
    }

    if ((size_t) n != len) {
        ngx_log_error(NGX_LOG_ERR, r->connection->log, 0,
                      ngx_read_file_n " read only %z of %uz from \"%s\"",
                      n, len, b->file->name.data);
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


static void
ngx_http_feed_text(void *data, const feed_uchar_t *p, size_t len,
    unsigned kind)
{
    ngx_http_feed_ctx_t *ctx = data;

    if (ctx->kw) {
        feed_kw_text(ctx->kw, p, len, kind);
    }
}


static void
ngx_http_feed_element(void *data, const feed_scan_elt_t *elt)
{
    ngx_http_feed_ctx_t *ctx = data;

    ngx_http_feed_head_element(&ctx->head, elt);
}


/*
 * Queues the held bytes, the len bytes of the head read from a file, the
 * tags, and the tail bytes that follow the head, copied into one buffer.
 */

static ngx_int_t
ngx_http_feed_add_head(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx,
    u_char *p, size_t len, size_t tail)
{
    u_char       *q;
    size_t        n;
    ngx_buf_t    *b, *tags;
    ngx_chain_t  *cl;

    if (ngx_http_feed_tags(r, ctx, &tags) != NGX_OK) {
        return NGX_ERROR;
    }

    n = tags ? (size_t) (tags->last - tags->pos) : 0;

    b = ngx_create_temp_buf(r->pool, ctx->nheld + len + n + tail);
    if (b == NULL) {
        return NGX_ERROR;
    }

    q = ngx_cpymem(b->pos, ctx->held, ctx->nheld);
    q = ngx_cpymem(q, p, len);

    if (tags) {
        q = ngx_cpymem(q, tags->pos, n);
    }

    b->last = ngx_cpymem(q, p + len, tail);

    ctx->nheld = 0;

    cl = ngx_alloc_chain_link(r->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_add_tags(ngx_http_request_t *r, ngx_http_feed_ctx_t *ctx)
{
    ngx_buf_t    *b;
    ngx_chain_t  *cl;

    if (ngx_http_feed_tags(r, ctx, &b) != NGX_OK) {
        return NGX_ERROR;
    }

    if (b == NULL) {
        return NGX_OK;
    }

    cl = ngx_alloc_chain_link(r->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = b;
    cl->next = NULL;

    *ctx->last_out = cl;
    ctx->last_out = &cl->next;

    return NGX_OK;
}
