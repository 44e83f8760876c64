
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_KEYWORDS_H_INCLUDED_
#define _NGX_HTTP_FEED_KEYWORDS_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "feed_keywords.h"


/* the page text a learner reads, and the longest list it keeps */
#define NGX_HTTP_FEED_LEARN_LIMIT     (256 * 1024)
#define NGX_HTTP_FEED_KEYWORDS_MAX    1024


typedef struct {
    uint32_t                     hash;
    ngx_str_t                    name;      /* server name, path */
    uint32_t                     version;   /* of the page's validators */
} ngx_http_feed_kw_key_t;


/*
 * What the head scanner found in a page, kept beside its keywords: a
 * response whose first bytes hash the same gets the same result
 * without being scanned.
 */

#define NGX_HTTP_FEED_PLAN_LINKS      32

typedef struct {
    uint64_t                     hash;      /* of the first "decided"
                                               bytes, seeded by the zone */
    uint64_t                     conf;      /* of the configuration the
                                               links were compared with */
    uint32_t                     decided;   /* feed_scan_t.decided_at */
    uint32_t                     inject;
    uint32_t                     links_found;  /* bit i: feed_link i */
    uint64_t                     tags_key;  /* what the tags kept with the
                                               plan were written for */
    unsigned                     valid:1;
    unsigned                     has_canonical:1;
    unsigned                     has_keywords:1;
} ngx_http_feed_plan_t;


ngx_int_t ngx_http_feed_keywords_init(ngx_conf_t *cf,
    ngx_http_feed_main_conf_t *fmcf);
ngx_int_t ngx_http_feed_keywords_key(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key);
ngx_int_t ngx_http_feed_keywords_lookup(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key, ngx_uint_t learn, ngx_str_t *keywords,
    ngx_http_feed_plan_t *plan, ngx_str_t *tags);
void ngx_http_feed_plan_store(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key, ngx_http_feed_plan_t *plan,
    ngx_str_t *tags);
uint64_t ngx_http_feed_plan_seed(ngx_http_request_t *r);
void ngx_http_feed_keywords_store(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key, u_char *keywords, size_t len);
ngx_int_t ngx_http_feed_learn_start(ngx_http_request_t *r,
    ngx_http_feed_main_conf_t *fmcf, feed_kw_t **kw);


#endif /* _NGX_HTTP_FEED_KEYWORDS_H_INCLUDED_ */
