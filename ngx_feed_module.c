
/*
 * Copyright (C) ngx_feed authors
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_filter.h"
#include "ngx_http_feed_keywords.h"
#include "ngx_http_feed_handler.h"
#include "ngx_http_feed_cache.h"
#include "ngx_http_feed_tags.h"
#include "feed_extract.h"
#include "feed_url.h"

#include <libxml/parser.h>


static void *ngx_http_feed_create_main_conf(ngx_conf_t *cf);
static void *ngx_http_feed_create_srv_conf(ngx_conf_t *cf);
static void *ngx_http_feed_create_loc_conf(ngx_conf_t *cf);
static char *ngx_http_feed_merge_loc_conf(ngx_conf_t *cf, void *parent,
    void *child);
static ngx_int_t ngx_http_feed_init(ngx_conf_t *cf);

static char *ngx_http_feed_base_url_slot(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_feed_canonical(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_feed_link(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_feed_add_variables(ngx_conf_t *cf);
static char *ngx_http_feed_max_items(ngx_conf_t *cf, void *post, void *data);
static char *ngx_http_feed_canonical_args(ngx_conf_t *cf,
    ngx_command_t *cmd, void *conf);
static char *ngx_http_feed_keywords_auto(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_feed_zone_size(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_feed(ngx_conf_t *cf, ngx_command_t *cmd, void *conf);
static char *ngx_http_feed_source(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_feed_item_xpath(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static char *ngx_http_feed_item_field(ngx_conf_t *cf, ngx_command_t *cmd,
    void *conf);
static ngx_int_t ngx_http_feed_extract_conf(ngx_conf_t *cf,
    ngx_http_feed_loc_conf_t *flcf);
static void ngx_http_feed_extract_cleanup(void *data);
static char *ngx_http_feed_merge_feed(ngx_conf_t *cf,
    ngx_http_feed_loc_conf_t *prev, ngx_http_feed_loc_conf_t *conf);
static ngx_int_t ngx_http_feed_first_server_name(ngx_conf_t *cf,
    ngx_str_t *name);




static ngx_conf_post_handler_pt  ngx_http_feed_max_items_post =
    ngx_http_feed_max_items;


static ngx_command_t  ngx_http_feed_commands[] = {

    { ngx_string("feed_enrich"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, enrich),
      NULL },

    { ngx_string("feed_enrich_types"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_types_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, types_keys),
      &ngx_http_html_default_types[0] },

    { ngx_string("feed_enrich_head_limit"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_size_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, head_limit),
      NULL },

    { ngx_string("feed_base_url"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_feed_base_url_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, base_url),
      NULL },

    { ngx_string("feed_canonical"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_feed_canonical,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_canonical_args"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_feed_canonical_args,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_link"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE123,
      ngx_http_feed_link,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_keywords"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_set_complex_value_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, keywords),
      NULL },

    { ngx_string("feed_keywords_auto"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_feed_keywords_auto,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_keywords_zone"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE12,
      ngx_http_feed_zone_size,
      NGX_HTTP_MAIN_CONF_OFFSET,
      offsetof(ngx_http_feed_main_conf_t, keywords_zone_size),
      NULL },

    { ngx_string("feed"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_feed,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_source"),
      NGX_HTTP_LOC_CONF|NGX_CONF_1MORE,
      ngx_http_feed_source,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_title"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_set_complex_value_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, title),
      NULL },

    { ngx_string("feed_description"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_set_complex_value_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, description),
      NULL },

    { ngx_string("feed_max_items"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_num_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, max_items),
      &ngx_http_feed_max_items_post },

    { ngx_string("feed_item_xpath"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_http_feed_item_xpath,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_item_field"),
      NGX_HTTP_LOC_CONF|NGX_CONF_TAKE2,
      ngx_http_feed_item_field,
      NGX_HTTP_LOC_CONF_OFFSET,
      0,
      NULL },

    { ngx_string("feed_cache"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_FLAG,
      ngx_conf_set_flag_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, cache),
      NULL },

    { ngx_string("feed_source_max_size"),
      NGX_HTTP_MAIN_CONF|NGX_HTTP_SRV_CONF|NGX_HTTP_LOC_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_size_slot,
      NGX_HTTP_LOC_CONF_OFFSET,
      offsetof(ngx_http_feed_loc_conf_t, source_max_size),
      NULL },

    { ngx_string("feed_cache_zone"),
      NGX_HTTP_MAIN_CONF|NGX_CONF_TAKE1,
      ngx_conf_set_size_slot,
      NGX_HTTP_MAIN_CONF_OFFSET,
      offsetof(ngx_http_feed_main_conf_t, cache_zone_size),
      NULL },

      ngx_null_command
};


static ngx_http_variable_t  ngx_http_feed_vars[] = {

    { ngx_string("feed_cache_status"), NULL,
      ngx_http_feed_cache_status_variable, 0,
      NGX_HTTP_VAR_NOCACHEABLE, 0 },

      ngx_http_null_variable
};


static ngx_http_module_t  ngx_http_feed_module_ctx = {
    ngx_http_feed_add_variables,           /* preconfiguration */
    ngx_http_feed_init,                    /* postconfiguration */

    ngx_http_feed_create_main_conf,        /* create main configuration */
    NULL,                                  /* init main configuration */

    ngx_http_feed_create_srv_conf,         /* create server configuration */
    NULL,                                  /* merge server configuration */

    ngx_http_feed_create_loc_conf,         /* create location configuration */
    ngx_http_feed_merge_loc_conf           /* merge location configuration */
};


ngx_module_t  ngx_http_feed_module = {
    NGX_MODULE_V1,
    &ngx_http_feed_module_ctx,             /* module context */
    ngx_http_feed_commands,                /* module directives */
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


static ngx_conf_enum_t  ngx_http_feed_link_types[] = {
    { ngx_string("rss"), NGX_HTTP_FEED_RSS },
    { ngx_string("atom"), NGX_HTTP_FEED_ATOM },
    { ngx_string("json"), NGX_HTTP_FEED_JSON },
    { ngx_null_string, 0 }
};


static void *
ngx_http_feed_create_main_conf(ngx_conf_t *cf)
{
    ngx_http_feed_main_conf_t  *fmcf;

    fmcf = ngx_pcalloc(cf->pool, sizeof(ngx_http_feed_main_conf_t));
    if (fmcf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     fmcf->keywords_zone = NULL;
     *     fmcf->keywords_used = 0;
     *     fmcf->kw_re = NULL;
     */

    fmcf->keywords_zone_size = NGX_CONF_UNSET_SIZE;
    fmcf->keywords_valid = NGX_CONF_UNSET;
    fmcf->cache_zone_size = NGX_CONF_UNSET_SIZE;

    return fmcf;
}


static void *
ngx_http_feed_create_srv_conf(ngx_conf_t *cf)
{
    return ngx_pcalloc(cf->pool, sizeof(ngx_http_feed_srv_conf_t));
}


static void *
ngx_http_feed_create_loc_conf(ngx_conf_t *cf)
{
    ngx_http_feed_loc_conf_t  *conf;

    conf = ngx_pcalloc(cf->pool, sizeof(ngx_http_feed_loc_conf_t));
    if (conf == NULL) {
        return NULL;
    }

    /*
     * set by ngx_pcalloc():
     *
     *     conf->types = { NULL };
     *     conf->types_keys = NULL;
     *     conf->base_url = { 0, NULL };
     *     conf->server_name = { 0, NULL };
     *     conf->canonical_value = NULL;
     *     conf->keywords = NULL;
     *     conf->format = 0;
     *     conf->title = NULL;
     *     conf->description = NULL;
     *     conf->extract = NULL;
     *     conf->nfields = 0;
     */

    conf->enrich = NGX_CONF_UNSET;
    conf->canonical = NGX_CONF_UNSET_UINT;
    conf->canonical_args = NGX_CONF_UNSET_PTR;
    conf->links = NGX_CONF_UNSET_PTR;
    conf->keywords_auto = NGX_CONF_UNSET;
    conf->head_limit = NGX_CONF_UNSET_SIZE;
    conf->sources = NGX_CONF_UNSET_PTR;
    conf->max_items = NGX_CONF_UNSET;
    conf->source_max_size = NGX_CONF_UNSET_SIZE;
    conf->cache = NGX_CONF_UNSET;

    return conf;
}


static char *
ngx_http_feed_merge_loc_conf(ngx_conf_t *cf, void *parent, void *child)
{
    ngx_http_feed_loc_conf_t *prev = parent;
    ngx_http_feed_loc_conf_t *conf = child;

    ngx_http_feed_srv_conf_t   *fscf;
    ngx_http_feed_main_conf_t  *fmcf;

    ngx_conf_merge_value(conf->enrich, prev->enrich, 0);

    if (ngx_http_merge_types(cf, &conf->types_keys, &conf->types,
                             &prev->types_keys, &prev->types,
                             ngx_http_html_default_types)
        != NGX_OK)
    {
        return NGX_CONF_ERROR;
    }

    ngx_conf_merge_size_value(conf->head_limit, prev->head_limit,
                              1024 * 1024);

    ngx_conf_merge_str_value(conf->base_url, prev->base_url, "");

    if (conf->canonical == NGX_CONF_UNSET_UINT) {
        conf->canonical = prev->canonical;
        conf->canonical_value = prev->canonical_value;
    }

    if (conf->canonical == NGX_CONF_UNSET_UINT) {
        conf->canonical = NGX_HTTP_FEED_CANONICAL_AUTO;
    }

    ngx_conf_merge_ptr_value(conf->canonical_args, prev->canonical_args,
                             NULL);

    /* like add_header: a level that sets any replaces the outer list */
    ngx_conf_merge_ptr_value(conf->links, prev->links, NULL);

    if (conf->keywords == NULL) {
        conf->keywords = prev->keywords;
    }

    ngx_conf_merge_value(conf->keywords_auto, prev->keywords_auto, 0);

    if (ngx_http_feed_first_server_name(cf, &conf->server_name) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    if (ngx_http_feed_merge_feed(cf, prev, conf) != NGX_CONF_OK) {
        return NGX_CONF_ERROR;
    }

    if (conf->enrich) {
        fmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_feed_module);
        fmcf->enrich_used = 1;

        if (conf->keywords_auto) {
            fmcf->keywords_used = 1;
        }
    }

    ngx_http_feed_head_conf(conf);

    if (conf->enrich
        && conf->canonical == NGX_HTTP_FEED_CANONICAL_AUTO
        && conf->base_url.len == 0
        && conf->server_name.len == 0)
    {
        fscf = ngx_http_conf_get_module_srv_conf(cf, ngx_http_feed_module);

        if (!fscf->warned) {
            fscf->warned = 1;
            ngx_conf_log_error(NGX_LOG_WARN, cf, 0,
                               "feed_enrich: no feed_base_url and no literal "
                               "server_name in this server, so no canonical "
                               "link is written and feed links stay "
                               "relative");
        }
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_feed_merge_feed(ngx_conf_t *cf, ngx_http_feed_loc_conf_t *prev,
    ngx_http_feed_loc_conf_t *conf)
{
    ngx_http_feed_main_conf_t  *fmcf;

    ngx_conf_merge_ptr_value(conf->sources, prev->sources, NULL);
    ngx_conf_merge_value(conf->max_items, prev->max_items, 20);
    ngx_conf_merge_value(conf->cache, prev->cache, 1);
    ngx_conf_merge_size_value(conf->source_max_size, prev->source_max_size,
                              1024 * 1024);

    if (conf->title == NULL) {
        conf->title = prev->title;
    }

    if (conf->description == NULL) {
        conf->description = prev->description;
    }

    if (conf->extract == NULL) {
        conf->extract = prev->extract;
        conf->item_xpath = prev->item_xpath;
        conf->nfields = prev->nfields;
    }

    if (conf->format == 0) {
        return NGX_CONF_OK;
    }

    if (conf->sources == NULL) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"feed\" needs at least one \"feed_source\"");
        return NGX_CONF_ERROR;
    }

    if (conf->nfields && !conf->item_xpath) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"feed_item_field\" needs \"feed_item_xpath\"");
        return NGX_CONF_ERROR;
    }

    if (conf->base_url.len == 0 && conf->server_name.len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "\"feed\" needs absolute URLs: set "
                           "\"feed_base_url\" or a literal \"server_name\"");
        return NGX_CONF_ERROR;
    }

    conf->conf_id = ((uint64_t) ngx_random() << 32)
                    ^ (uint64_t) ngx_random() ^ (uintptr_t) conf;

    fmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_feed_module);
    fmcf->feeds_used = 1;

    return NGX_CONF_OK;
}


/*
 * The first server_name of the current server that names one host
 * literally: not a regex, not a wildcard, not empty.
 */

static ngx_int_t
ngx_http_feed_first_server_name(ngx_conf_t *cf, ngx_str_t *name)
{
    ngx_uint_t                  i;
    ngx_http_server_name_t     *sn;
    ngx_http_core_srv_conf_t   *cscf;

    ngx_str_null(name);

    cscf = ngx_http_conf_get_module_srv_conf(cf, ngx_http_core_module);

    if (cscf == NULL || cscf->server_names.nelts == 0) {
        return NGX_OK;
    }

    sn = cscf->server_names.elts;

    for (i = 0; i < cscf->server_names.nelts; i++) {

#if (NGX_PCRE)
        if (sn[i].regex) {
            continue;
        }
#endif

        if (sn[i].name.len == 0
            || sn[i].name.data[0] == '*'
            || sn[i].name.data[0] == '.'
            || sn[i].name.data[sn[i].name.len - 1] == '*'
            || (sn[i].name.len == 1 && sn[i].name.data[0] == '_'))
        {
            continue;
        }

        *name = sn[i].name;
        return NGX_OK;
    }

    return NGX_OK;
}


static char *
ngx_http_feed_base_url_slot(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    u_char      *p;
    ssize_t      n;
    ngx_str_t   *value;
    const char  *err;

    if (flcf->base_url.data) {
        return "is duplicate";
    }

    value = cf->args->elts;

    p = ngx_pnalloc(cf->pool, value[1].len + 1);
    if (p == NULL) {
        return NGX_CONF_ERROR;
    }

    err = NULL;
    n = feed_base_url_normalize(p, value[1].data, value[1].len, &err);

    if (n <= 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid value \"%V\" in \"%V\" directive: %s",
                           &value[1], &cmd->name,
                           err ? err : "not an absolute http(s) URL");
        return NGX_CONF_ERROR;
    }

    flcf->base_url.data = p;
    flcf->base_url.len = n;

    return NGX_CONF_OK;
}


static char *
ngx_http_feed_canonical(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t                         *value;
    ngx_http_compile_complex_value_t   ccv;

    if (flcf->canonical != NGX_CONF_UNSET_UINT) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "off") == 0) {
        flcf->canonical = NGX_HTTP_FEED_CANONICAL_OFF;
        return NGX_CONF_OK;
    }

    if (ngx_strcmp(value[1].data, "auto") == 0) {
        flcf->canonical = NGX_HTTP_FEED_CANONICAL_AUTO;
        return NGX_CONF_OK;
    }

    if (value[1].len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid value \"\" in \"%V\" directive: "
                           "use \"off\" to write no canonical link",
                           &cmd->name);
        return NGX_CONF_ERROR;
    }

    flcf->canonical_value = ngx_palloc(cf->pool,
                                       sizeof(ngx_http_complex_value_t));
    if (flcf->canonical_value == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(&ccv, sizeof(ngx_http_compile_complex_value_t));

    ccv.cf = cf;
    ccv.value = &value[1];
    ccv.complex_value = flcf->canonical_value;

    if (ngx_http_compile_complex_value(&ccv) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    flcf->canonical = NGX_HTTP_FEED_CANONICAL_VALUE;

    return NGX_CONF_OK;
}


/*
 * feed_link uri [type=rss|atom|json] [title=text];
 */

static char *
ngx_http_feed_link(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t                         *value, s;
    ngx_uint_t                         i, j;
    ngx_http_feed_link_t              *link;
    ngx_http_compile_complex_value_t   ccv;

    if (flcf->links == NGX_CONF_UNSET_PTR) {
        flcf->links = ngx_array_create(cf->pool, 2,
                                       sizeof(ngx_http_feed_link_t));
        if (flcf->links == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    link = ngx_array_push(flcf->links);
    if (link == NULL) {
        return NGX_CONF_ERROR;
    }

    ngx_memzero(link, sizeof(ngx_http_feed_link_t));

    value = cf->args->elts;

    if (value[1].len == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "empty uri in \"%V\" directive", &cmd->name);
        return NGX_CONF_ERROR;
    }

    link->uri = value[1];
    link->type = NGX_HTTP_FEED_RSS;

    for (i = 2; i < cf->args->nelts; i++) {

        if (ngx_strncmp(value[i].data, "type=", 5) == 0) {

            s.data = value[i].data + 5;
            s.len = value[i].len - 5;

            for (j = 0; ngx_http_feed_link_types[j].name.len; j++) {
                if (ngx_http_feed_link_types[j].name.len == s.len
                    && ngx_strncmp(ngx_http_feed_link_types[j].name.data,
                                   s.data, s.len)
                       == 0)
                {
                    link->type = ngx_http_feed_link_types[j].value;
                    break;
                }
            }

            if (ngx_http_feed_link_types[j].name.len == 0) {
                ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                                   "invalid value \"%V\" in \"%V\" directive, "
                                   "it must be \"type=rss\", \"type=atom\" or "
                                   "\"type=json\"", &value[i], &cmd->name);
                return NGX_CONF_ERROR;
            }

            continue;
        }

        if (ngx_strncmp(value[i].data, "title=", 6) == 0) {

            s.data = value[i].data + 6;
            s.len = value[i].len - 6;

            if (s.len == 0) {
                continue;
            }

            link->title = ngx_palloc(cf->pool,
                                     sizeof(ngx_http_complex_value_t));
            if (link->title == NULL) {
                return NGX_CONF_ERROR;
            }

            ngx_memzero(&ccv, sizeof(ngx_http_compile_complex_value_t));

            ccv.cf = cf;
            ccv.value = &s;
            ccv.complex_value = link->title;

            if (ngx_http_compile_complex_value(&ccv) != NGX_OK) {
                return NGX_CONF_ERROR;
            }

            continue;
        }

        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid parameter \"%V\" in \"%V\" directive",
                           &value[i], &cmd->name);
        return NGX_CONF_ERROR;
    }

    return NGX_CONF_OK;
}


static char *
ngx_http_feed_max_items(ngx_conf_t *cf, void *post, void *data)
{
    ngx_int_t *np = data;

    ngx_str_t  *value;

    if (*np >= 1 && *np <= NGX_HTTP_FEED_MAX_ITEMS) {
        return NGX_CONF_OK;
    }

    value = cf->args->elts;

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid value \"%V\" in \"%V\" directive, "
                       "it must be a number from 1 to %d",
                       &value[1], &value[0], NGX_HTTP_FEED_MAX_ITEMS);

    return NGX_CONF_ERROR;
}


/*
 * feed_canonical_args name ...;
 */

static char *
ngx_http_feed_canonical_args(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t   *value, *name;
    ngx_uint_t   i;

    if (flcf->canonical_args != NGX_CONF_UNSET_PTR) {
        return "is duplicate";
    }

    flcf->canonical_args = ngx_array_create(cf->pool, cf->args->nelts - 1,
                                            sizeof(ngx_str_t));
    if (flcf->canonical_args == NULL) {
        return NGX_CONF_ERROR;
    }

    value = cf->args->elts;

    for (i = 1; i < cf->args->nelts; i++) {

        if (value[i].len == 0
            || ngx_strlchr(value[i].data, value[i].data + value[i].len, '&')
            || ngx_strlchr(value[i].data, value[i].data + value[i].len, '='))
        {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid argument name \"%V\" in \"%V\" "
                               "directive", &value[i], &cmd->name);
            return NGX_CONF_ERROR;
        }

        name = ngx_array_push(flcf->canonical_args);
        if (name == NULL) {
            return NGX_CONF_ERROR;
        }

        *name = value[i];
    }

    return NGX_CONF_OK;
}


/*
 * feed_keywords_auto off | number;
 */

static char *
ngx_http_feed_keywords_auto(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_int_t   n;
    ngx_str_t  *value;

    if (flcf->keywords_auto != NGX_CONF_UNSET) {
        return "is duplicate";
    }

    value = cf->args->elts;

    if (ngx_strcmp(value[1].data, "off") == 0) {
        flcf->keywords_auto = 0;
        return NGX_CONF_OK;
    }

    n = ngx_atoi(value[1].data, value[1].len);

    if (n <= 0 || n > 64) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid value \"%V\" in \"%V\" directive, "
                           "it must be \"off\" or a number from 1 to 64",
                           &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    flcf->keywords_auto = n;

    return NGX_CONF_OK;
}


/*
 * feed_keywords_zone size [valid=time];
 */

static char *
ngx_http_feed_zone_size(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_main_conf_t *fmcf = conf;

    time_t      valid;
    ssize_t     size;
    ngx_str_t  *value, s;

    if (fmcf->keywords_zone_size != NGX_CONF_UNSET_SIZE) {
        return "is duplicate";
    }

    value = cf->args->elts;

    size = ngx_parse_size(&value[1]);

    if (size == NGX_ERROR || size < (ssize_t) (8 * ngx_pagesize)) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid value \"%V\" in \"%V\" directive, "
                           "it must be a size of at least %uz",
                           &value[1], &cmd->name, 8 * ngx_pagesize);
        return NGX_CONF_ERROR;
    }

    fmcf->keywords_zone_size = size;

    if (cf->args->nelts == 3) {

        if (ngx_strncmp(value[2].data, "valid=", 6) != 0) {
            goto invalid;
        }

        s.data = value[2].data + 6;
        s.len = value[2].len - 6;

        valid = ngx_parse_time(&s, 1);
        if (valid == (time_t) NGX_ERROR || valid == 0) {
            goto invalid;
        }

        fmcf->keywords_valid = valid;
    }

    return NGX_CONF_OK;

invalid:

    ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                       "invalid parameter \"%V\" in \"%V\" directive",
                       &value[2], &cmd->name);
    return NGX_CONF_ERROR;
}


static ngx_int_t
ngx_http_feed_add_variables(ngx_conf_t *cf)
{
    ngx_http_variable_t  *var, *v;

    for (v = ngx_http_feed_vars; v->name.len; v++) {
        var = ngx_http_add_variable(cf, &v->name, v->flags);
        if (var == NULL) {
            return NGX_ERROR;
        }

        var->get_handler = v->get_handler;
        var->data = v->data;
    }

    return NGX_OK;
}


static ngx_int_t
ngx_http_feed_init(ngx_conf_t *cf)
{
    ngx_http_feed_main_conf_t  *fmcf;

    fmcf = ngx_http_conf_get_module_main_conf(cf, ngx_http_feed_module);

    if (ngx_http_feed_keywords_init(cf, fmcf) != NGX_OK) {
        return NGX_ERROR;
    }

    if (ngx_http_feed_cache_init(cf, fmcf) != NGX_OK) {
        return NGX_ERROR;
    }

    if (fmcf->feeds_used) {
        /* once, in the master, before the workers fork */
        xmlInitParser();
    }

    return ngx_http_feed_filter_init(cf);
}


/*
 * feed rss | atom | json;
 */

static char *
ngx_http_feed(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t                 *value;
    ngx_uint_t                 i;
    ngx_http_core_loc_conf_t  *clcf;

    if (flcf->format) {
        return "is duplicate";
    }

    value = cf->args->elts;

    for (i = 0; ngx_http_feed_link_types[i].name.len; i++) {
        if (ngx_strcmp(ngx_http_feed_link_types[i].name.data, value[1].data)
            == 0)
        {
            flcf->format = ngx_http_feed_link_types[i].value;
            break;
        }
    }

    if (flcf->format == 0) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid value \"%V\" in \"%V\" directive, "
                           "it must be \"rss\", \"atom\" or \"json\"",
                           &value[1], &cmd->name);
        return NGX_CONF_ERROR;
    }

    clcf = ngx_http_conf_get_module_loc_conf(cf, ngx_http_core_module);
    clcf->handler = ngx_http_feed_handler;

    return NGX_CONF_OK;
}


/*
 * feed_source uri ...;
 */

static char *
ngx_http_feed_source(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t   *value, *uri;
    ngx_uint_t   i;

    if (flcf->sources == NGX_CONF_UNSET_PTR) {
        flcf->sources = ngx_array_create(cf->pool, 2, sizeof(ngx_str_t));
        if (flcf->sources == NULL) {
            return NGX_CONF_ERROR;
        }
    }

    value = cf->args->elts;

    for (i = 1; i < cf->args->nelts; i++) {

        if (value[i].len == 0 || value[i].data[0] != '/') {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "invalid value \"%V\" in \"%V\" directive, "
                               "a source is a local URI starting with \"/\"",
                               &value[i], &cmd->name);
            return NGX_CONF_ERROR;
        }

        if (flcf->sources->nelts == NGX_HTTP_MAX_SUBREQUESTS / 2) {
            ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                               "too many sources in \"%V\" directive, "
                               "at most %d", &cmd->name,
                               NGX_HTTP_MAX_SUBREQUESTS / 2);
            return NGX_CONF_ERROR;
        }

        uri = ngx_array_push(flcf->sources);
        if (uri == NULL) {
            return NGX_CONF_ERROR;
        }

        *uri = value[i];
    }

    return NGX_CONF_OK;
}


/*
 * feed_item_xpath expression;
 */

static char *
ngx_http_feed_item_xpath(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t  *value;
    char        err[NGX_MAX_CONF_ERRSTR];

    value = cf->args->elts;

    if (ngx_http_feed_extract_conf(cf, flcf) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    if (flcf->item_xpath) {
        return "is duplicate";
    }

    err[0] = '\0';

    if (feed_extract_conf_set_items(flcf->extract, (char *) value[1].data,
                                    err, sizeof(err))
        != FEED_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid XPath expression \"%V\" in \"%V\" "
                           "directive: %s", &value[1], &cmd->name,
                           err[0] ? err : "does not compile");
        return NGX_CONF_ERROR;
    }

    flcf->item_xpath = 1;

    return NGX_CONF_OK;
}


/*
 * feed_item_field name expression;
 */

static char *
ngx_http_feed_item_field(ngx_conf_t *cf, ngx_command_t *cmd, void *conf)
{
    ngx_http_feed_loc_conf_t *flcf = conf;

    ngx_str_t  *value;
    char        err[NGX_MAX_CONF_ERRSTR];

    value = cf->args->elts;

    if (ngx_http_feed_extract_conf(cf, flcf) != NGX_OK) {
        return NGX_CONF_ERROR;
    }

    err[0] = '\0';

    if (feed_extract_conf_add_field(flcf->extract, (char *) value[1].data,
                                    (char *) value[2].data, err, sizeof(err))
        != FEED_OK)
    {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "invalid field \"%V\" \"%V\" in \"%V\" "
                           "directive: %s", &value[1], &value[2], &cmd->name,
                           err[0] ? err : "does not compile");
        return NGX_CONF_ERROR;
    }

    flcf->nfields++;

    return NGX_CONF_OK;
}


/* the location's own extractor configuration, freed with the cycle */

static ngx_int_t
ngx_http_feed_extract_conf(ngx_conf_t *cf, ngx_http_feed_loc_conf_t *flcf)
{
    ngx_pool_cleanup_t  *cln;

    if (flcf->extract) {
        return NGX_OK;
    }

    cln = ngx_pool_cleanup_add(cf->pool, 0);
    if (cln == NULL) {
        return NGX_ERROR;
    }

    flcf->extract = feed_extract_conf_create();
    if (flcf->extract == NULL) {
        return NGX_ERROR;
    }

    cln->handler = ngx_http_feed_extract_cleanup;
    cln->data = flcf->extract;

    return NGX_OK;
}


static void
ngx_http_feed_extract_cleanup(void *data)
{
    feed_extract_conf_free(data);
}
