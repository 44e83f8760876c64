
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * A control for the benchmark, not part of the module: a filter that
 * does to a response what any filter inserting markup into its head must
 * do, and nothing else.  Its header filter drops Content-Length and
 * Accept-Ranges and weakens the ETag (so the response is chunked); its
 * body filter copies the bytes before a fixed offset of the first buffer
 * into a buffer of its own, with the markup after them, and passes the
 * rest of the buffer on.  It does not look at the page: the offset and
 * the markup come from the configuration,
 *
 *     location = /page.html {
 *         bench_shape  1071  '<link rel="canonical" href="...">';
 *     }
 *
 * It needs the body in memory (sendfile off) and the offset within the
 * first buffer; otherwise the response passes unchanged, which the
 * benchmark's check of the page reports.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


typedef struct {
    size_t      offset;
    ngx_str_t   markup;
} ngx_http_bench_shape_loc_conf_t;


static ngx_int_t ngx_http_bench_shape_header_filter(ngx_http_request_t *r);
static ngx_int_t ngx_http_bench_shape_body_filter(ngx_http_request_t *r,
    ngx_chain_t *in);
static void *ngx_http_bench_shape_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_bench_shape_merge_loc_conf(ngx_conf_t *cf,
    void *parent, void *child);
static char *ngx_http_bench_shape(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_bench_shape_init(ngx_conf_t *cf);


static ngx_command_t  ngx_http_bench_shape_commands[] = {

    { ngx_string("bench_shape"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE2,
      ngx_http_bench_shape,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

      ngx_null_command
};


static ngx_http_module_t  ngx_http_bench_shape_module_ctx = {
    NULL,                                  /* preconfiguration */
    ngx_http_bench_shape_init,             /* postconfiguration */

    NULL,                                  /* create main configuration */
    NULL,                                  /* init main configuration */

    NULL,                                  /* create server configuration */
    NULL,                                  /* merge server configuration */

    ngx_http_bench_shape_create_loc_conf,  /* create location configuration */
    ngx_http_bench_shape_merge_loc_conf    /* merge location configuration */
};


ngx_module_t  ngx_http_bench_shape_module = {
    NGX_MODULE_V1,
    &ngx_http_bench_shape_module_ctx,      /* module context */
    ngx_http_bench_shape_commands,         /* module directives */
    NGX_HTTP_MODULE,                       /* module type */
    NULL,                                  /* init master */
    NULL,                                  /* init module */
    NULL,                                  /* init process */
    NULL,                                  /* init thread */
    NULL,                                  /* exit thread */
    NULL,                                  /* exit process */
    NULL,                                  /* exit master */
    NGX_MODULE_V1_PADDING
};


/* what objs/ngx_modules.c holds for a dynamic module: after the copy
   filter in the chain, so that the body arrives in memory */

ngx_module_t  *ngx_modules[] = {
    &ngx_http_bench_shape_module,
    NULL
};

char  *ngx_module_names[] = {
    "ngx_http_bench_shape_module",
    NULL
};

char  *ngx_module_order[] = {
    "ngx_http_bench_shape_module",
    "ngx_http_copy_filter_module",
    NULL
};


static ngx_http_output_header_filter_pt  ngx_http_next_header_filter;
static ngx_http_output_body_filter_pt    ngx_http_next_body_filter;


static ngx_int_t
ngx_http_bench_shape_header_filter(ngx_http_request_t *r)
{
    ngx_http_bench_shape_loc_conf_t  *conf;

    conf = ngx_http_get_module_loc_conf(r, ngx_http_bench_shape_module);

    if (conf->markup.len == 0
        || r != r->main
        || r->headers_out.status != NGX_HTTP_OK
        || r->header_only)
    {
        return ngx_http_next_header_filter(r);
    }

    /* any non-NULL value: the first buffer is still to come */
    ngx_http_set_ctx(r, conf, ngx_http_bench_shape_module);

    ngx_http_clear_content_length(r);
    ngx_http_clear_accept_ranges(r);
    ngx_http_weak_etag(r);

    return ngx_http_next_header_filter(r);
}


static ngx_int_t
ngx_http_bench_shape_body_filter(ngx_http_request_t *r, ngx_chain_t *in)
{
    u_char                           *p;
    ngx_buf_t                        *b, *head;
    ngx_chain_t                      *cl;
    ngx_http_bench_shape_loc_conf_t  *conf;

    if (in == NULL
        || ngx_http_get_module_ctx(r, ngx_http_bench_shape_module) == NULL)
    {
        return ngx_http_next_body_filter(r, in);
    }

    ngx_http_set_ctx(r, NULL, ngx_http_bench_shape_module);

    conf = ngx_http_get_module_loc_conf(r, ngx_http_bench_shape_module);
    b = in->buf;

    if (!ngx_buf_in_memory(b) || (size_t) (b->last - b->pos) < conf->offset) {
        return ngx_http_next_body_filter(r, in);
    }

    head = ngx_create_temp_buf(r->pool, conf->offset + conf->markup.len);
    if (head == NULL) {
        return NGX_ERROR;
    }

    p = ngx_cpymem(head->pos, b->pos, conf->offset);
    head->last = ngx_cpymem(p, conf->markup.data, conf->markup.len);

    b->pos += conf->offset;

    cl = ngx_alloc_chain_link(r->pool);
    if (cl == NULL) {
        return NGX_ERROR;
    }

    cl->buf = head;
    cl->next = in;

    return ngx_http_next_body_filter(r, cl);
}


static void *
ngx_http_bench_shape_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_bench_shape_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_bench_shape_loc_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->offset = 0;
     *     conf->markup = { 0, NULL };
     */

    return conf;
}


static char *
ngx_http_bench_shape_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child)
{
    ngx_http_bench_shape_loc_conf_t  *prev = parent;
    ngx_http_bench_shape_loc_conf_t  *conf = child;

    if (conf->markup.len == 0) {
        conf->offset = prev->offset;
        conf->markup = prev->markup;
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_bench_shape(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_bench_shape_loc_conf_t  *bslcf = conf;

    ssize_t     n;
    ngx_str_t  *value;

    value = cf->args->elts;

    n = ngx_atosz(value[1].data, value[1].len);

    if (n == NGX_ERROR || value[2].len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid \"bench_shape\" value \"%V %V\"",
                           &value[1], &value[2]);
        return NGX_CONF_ERROR;
    }

    bslcf->offset = (size_t) n;
    bslcf->markup = value[2];

    return NGX_CONF_OK;
}


static ngx_int_t
ngx_http_bench_shape_init(ngx_conf_t *cf)
{
    ngx_http_next_header_filter = ngx_http_top_header_filter;
    ngx_http_top_header_filter = ngx_http_bench_shape_header_filter;

    ngx_http_next_body_filter = ngx_http_top_body_filter;
    ngx_http_top_body_filter = ngx_http_bench_shape_body_filter;

    return NGX_OK;
}
