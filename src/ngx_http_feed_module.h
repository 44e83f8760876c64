
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_MODULE_H_INCLUDED_
#define _NGX_HTTP_FEED_MODULE_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


#define NGX_HTTP_FEED_RSS              1
#define NGX_HTTP_FEED_ATOM             2
#define NGX_HTTP_FEED_JSON             3

#define NGX_HTTP_FEED_MAX_ITEMS        1000

#define NGX_HTTP_FEED_CANONICAL_OFF    0
#define NGX_HTTP_FEED_CANONICAL_AUTO   1
#define NGX_HTTP_FEED_CANONICAL_VALUE  2

/* what a request's module context is: the first field of each kind */
#define NGX_HTTP_FEED_CTX_ENRICH       1
#define NGX_HTTP_FEED_CTX_CAPTURE      2
#define NGX_HTTP_FEED_CTX_FEED         3


typedef struct {
    ngx_str_t                   uri;          /* as configured */
    ngx_uint_t                  type;         /* NGX_HTTP_FEED_RSS, ... */
    ngx_http_complex_value_t   *title;        /* NULL: no title */
} ngx_http_feed_link_t;


typedef struct {
    ngx_shm_zone_t             *keywords_zone;
    size_t                      keywords_zone_size;
    time_t                      keywords_valid;
    ngx_uint_t                  keywords_used;  /* feed_keywords_auto seen */
    ngx_uint_t                  enrich_used;    /* feed_enrich on seen */

    ngx_shm_zone_t             *cache_zone;
    size_t                      cache_zone_size;
    ngx_uint_t                  feeds_used;     /* a feed location seen */

    void                       *kw_re;          /* feed_kw_re_t */
} ngx_http_feed_main_conf_t;


typedef struct {
    ngx_uint_t                  warned;         /* no usable base url */
} ngx_http_feed_srv_conf_t;


typedef struct {
    /* enrichment */
    ngx_flag_t                  enrich;
    ngx_hash_t                  types;
    ngx_array_t                *types_keys;
    ngx_str_t                   base_url;       /* normalised; data NULL if
                                                   unset */
    ngx_str_t                   server_name;    /* fallback host */
    ngx_uint_t                  canonical;
    ngx_http_complex_value_t   *canonical_value;
    ngx_array_t                *canonical_args; /* of ngx_str_t */
    ngx_array_t                *links;          /* ngx_http_feed_link_t */
    ngx_http_complex_value_t   *keywords;
    ngx_int_t                   keywords_auto;
    size_t                      head_limit;
    uint64_t                    plan_conf;      /* what a scanner result
                                                   depends on, hashed */
    uint64_t                    tags_conf;      /* what the tags depend
                                                   on, hashed; 0: they
                                                   take variables */

    /* feed endpoint */
    ngx_uint_t                  format;
    ngx_array_t                *sources;        /* of ngx_str_t */
    ngx_http_complex_value_t   *title;
    ngx_http_complex_value_t   *description;
    ngx_int_t                   max_items;
    size_t                      source_max_size;
    ngx_flag_t                  cache;
    void                       *extract;        /* feed_extract_conf_t */
    ngx_uint_t                  item_xpath;     /* feed_item_xpath set */
    ngx_uint_t                  nfields;
    uint64_t                    conf_id;        /* part of the cache key */
} ngx_http_feed_loc_conf_t;


extern ngx_module_t  ngx_http_feed_module;


ngx_int_t ngx_http_feed_base_url(ngx_http_request_t *r,
    ngx_http_feed_loc_conf_t *flcf, ngx_str_t *base);


#endif /* _NGX_HTTP_FEED_MODULE_H_INCLUDED_ */
