
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_TAGS_H_INCLUDED_
#define _NGX_HTTP_FEED_TAGS_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "feed_scan.h"


/* what a page's head has, and what goes into it */

typedef struct {
    ngx_str_t                   base;        /* "https://host[:port]" */
    ngx_http_feed_link_t       *link;        /* feed_link, configured */
    ngx_uint_t                  nlinks;
    ngx_str_t                  *links;       /* their absolute URLs */
    u_char                     *links_found; /* the page has link[i] */
    uint64_t                    conf;        /* what the links found
                                                depend on, hashed */
    uint64_t                    tags_key;    /* what the tags depend on,
                                                hashed; 0: they are not
                                                kept */
    ngx_str_t                   learned;     /* keywords from the zone */

    unsigned                    has_canonical:1;
    unsigned                    has_keywords:1;
    unsigned                    xhtml:1;
} ngx_http_feed_head_t;


void ngx_http_feed_head_conf(ngx_http_feed_loc_conf_t *flcf);
ngx_int_t ngx_http_feed_head_init(ngx_http_request_t *r,
    ngx_http_feed_loc_conf_t *flcf, ngx_http_feed_head_t *head);
void ngx_http_feed_head_element(ngx_http_feed_head_t *head,
    const feed_scan_elt_t *elt);
ngx_int_t ngx_http_feed_head_links(ngx_http_request_t *r,
    ngx_http_feed_head_t *head);
ngx_int_t ngx_http_feed_head_tags(ngx_http_request_t *r,
    ngx_http_feed_head_t *head, ngx_buf_t **out);


#endif /* _NGX_HTTP_FEED_TAGS_H_INCLUDED_ */
