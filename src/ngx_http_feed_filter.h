
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_FILTER_H_INCLUDED_
#define _NGX_HTTP_FEED_FILTER_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


ngx_int_t ngx_http_feed_filter_init(ngx_conf_t *cf);


#endif /* _NGX_HTTP_FEED_FILTER_H_INCLUDED_ */
