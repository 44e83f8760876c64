
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_HANDLER_H_INCLUDED_
#define _NGX_HTTP_FEED_HANDLER_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


ngx_int_t ngx_http_feed_handler(ngx_http_request_t *r);
ngx_int_t ngx_http_feed_cache_status_variable(ngx_http_request_t *r,
    ngx_http_variable_value_t *v, uintptr_t data);

ngx_uint_t *ngx_http_feed_req_capture(ngx_uint_t *kind);


#endif /* _NGX_HTTP_FEED_HANDLER_H_INCLUDED_ */
