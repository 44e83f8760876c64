
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_CACHE_H_INCLUDED_
#define _NGX_HTTP_FEED_CACHE_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"


typedef struct {
    ngx_str_t                    body;
    uint64_t                     etag;      /* hash of the body */
    time_t                       last_modified;
} ngx_http_feed_cached_t;


ngx_int_t ngx_http_feed_cache_init(ngx_conf_t *cf,
    ngx_http_feed_main_conf_t *fmcf);
ngx_int_t ngx_http_feed_cache_get(ngx_http_request_t *r, uint64_t key,
    ngx_http_feed_cached_t *feed);
void ngx_http_feed_cache_put(ngx_http_request_t *r, uint64_t key,
    ngx_http_feed_cached_t *feed);


#endif /* _NGX_HTTP_FEED_CACHE_H_INCLUDED_ */
