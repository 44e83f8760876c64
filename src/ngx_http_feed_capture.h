
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_CAPTURE_H_INCLUDED_
#define _NGX_HTTP_FEED_CAPTURE_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


typedef struct {
    ngx_str_t                   uri;
    ngx_str_t                   args;
    ngx_uint_t                 *pending;    /* the feed's count of sources
                                               not done */

    ngx_uint_t                  status;
    ngx_str_t                   charset;
    const char                 *error;      /* why the source failed */

    ngx_str_t                   etag;       /* strong, or empty */
    time_t                      last_modified;  /* -1: none */

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


ngx_int_t ngx_http_feed_source_start(ngx_http_request_t *r,
    ngx_http_feed_source_t *src);
ngx_int_t ngx_http_feed_source_read(ngx_http_request_t *r,
    ngx_http_feed_source_t *src);

/* called by the filters for the sources' subrequests */
ngx_uint_t *ngx_http_feed_capture(ngx_http_request_t *r, ngx_uint_t *kind);
ngx_int_t ngx_http_feed_capture_header(ngx_http_request_t *r,
    ngx_uint_t *kind);
ngx_int_t ngx_http_feed_capture_body(ngx_http_request_t *r, ngx_uint_t *kind,
    ngx_chain_t *in);


#endif /* _NGX_HTTP_FEED_CAPTURE_H_INCLUDED_ */
