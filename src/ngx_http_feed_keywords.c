
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Learned keywords live in shared memory, keyed by server and path and
 * stamped with the page's validators, so a page is learned once per
 * version, not per request.  The zone is an rbtree with an LRU queue:
 * when it is full the oldest entries go; when even that fails the
 * keywords are simply not stored.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_keywords.h"
#include "ngx_http_feed_shm.h"
#include "feed_hash.h"


/* one learner at a time per page: others wait this long at most */
#define NGX_HTTP_FEED_LEARNING_TIME   10


typedef struct {
    ngx_http_feed_shm_node_t     sn;        /* sn.node.key: name hash */
    time_t                       expires;
    uint32_t                     version;
    u_short                      name_len;
    u_short                      len;       /* of the keywords */
    unsigned                     learning:1;
    u_char                       data[1];   /* name, then keywords */
} ngx_http_feed_kw_node_t;


static void ngx_http_feed_kw_rbtree_insert(ngx_rbtree_node_t *temp,
    ngx_rbtree_node_t *node, ngx_rbtree_node_t *sentinel);
static ngx_http_feed_kw_node_t *ngx_http_feed_kw_find(
    ngx_http_feed_shm_t *shm, ngx_http_feed_kw_key_t *key);
static void ngx_http_feed_kw_store_locked(ngx_http_request_t *r,
    ngx_http_feed_shm_t *shm, ngx_http_feed_kw_key_t *key,
    u_char *keywords, size_t len, time_t expires, ngx_uint_t learning);
static void ngx_http_feed_kw_re_cleanup(void *data);
static void ngx_http_feed_kw_cleanup(void *data);


static ngx_str_t  ngx_http_feed_kw_zone_name = ngx_string("feed_keywords");


ngx_int_t
ngx_http_feed_keywords_init(ngx_conf_t *cf, ngx_http_feed_main_conf_t *fmcf)
{
    const char          *err;
    ngx_pool_cleanup_t  *cln;

    if (fmcf->keywords_zone_size == NGX_CONF_UNSET_SIZE) {
        fmcf->keywords_zone_size = 1024 * 1024;
    }

    if (fmcf->keywords_valid == NGX_CONF_UNSET) {
        fmcf->keywords_valid = 600;
    }

    if (!fmcf->keywords_used) {
        return NGX_OK;
    }

    err = NULL;
    fmcf->kw_re = feed_kw_re_create(&err);

    if (fmcf->kw_re == NULL) {
        ngx_conf_log_error(NGX_LOG_EMERG, cf, 0,
                           "feed_keywords_auto: cannot compile the word "
                           "pattern: %s", err ? err : "unknown error");
        return NGX_ERROR;
    }

    cln = ngx_pool_cleanup_add(cf->pool, 0);
    if (cln == NULL) {
        feed_kw_re_free(fmcf->kw_re);
        return NGX_ERROR;
    }

    cln->handler = ngx_http_feed_kw_re_cleanup;
    cln->data = fmcf->kw_re;

    fmcf->keywords_zone = ngx_http_feed_shm_add(cf,
                                                &ngx_http_feed_kw_zone_name,
                                                fmcf->keywords_zone_size,
                                                ngx_http_feed_kw_rbtree_insert);
    if (fmcf->keywords_zone == NULL) {
        return NGX_ERROR;
    }

    return NGX_OK;
}


static void
ngx_http_feed_kw_rbtree_insert(ngx_rbtree_node_t *temp,
    ngx_rbtree_node_t *node, ngx_rbtree_node_t *sentinel)
{
    ngx_rbtree_node_t        **p;
    ngx_http_feed_kw_node_t   *kn, *kt;

    for ( ;; ) {

        if (node->key < temp->key) {
            p = &temp->left;

        } else if (node->key > temp->key) {
            p = &temp->right;

        } else { /* node->key == temp->key */

            kn = (ngx_http_feed_kw_node_t *) node;
            kt = (ngx_http_feed_kw_node_t *) temp;

            p = (ngx_memn2cmp(kn->data, kt->data, kn->name_len, kt->name_len)
                 < 0) ? &temp->left : &temp->right;
        }

        if (*p == sentinel) {
            break;
        }

        temp = *p;
    }

    *p = node;
    node->parent = temp;
    node->left = sentinel;
    node->right = sentinel;
    ngx_rbt_red(node);
}


/*
 * The key: the server's name and the request's path (so "/" and its
 * index file share one entry), and a version from the validators.
 */

ngx_int_t
ngx_http_feed_keywords_key(ngx_http_request_t *r, ngx_http_feed_kw_key_t *key)
{
    u_char                    *p;
    uint64_t                   seed;
    ngx_table_elt_t           *etag;
    ngx_http_core_srv_conf_t  *cscf;

    cscf = ngx_http_get_module_srv_conf(r, ngx_http_core_module);

    key->name.len = cscf->server_name.len + 1 + r->uri.len;

    if (key->name.len > 65535) {
        key->name.len = 65535;
    }

    p = ngx_pnalloc(r->pool, key->name.len);
    if (p == NULL) {
        return NGX_ERROR;
    }

    key->name.data = p;

    p = ngx_cpymem(p, cscf->server_name.data, cscf->server_name.len);
    *p++ = '\0';
    ngx_memcpy(p, r->uri.data, key->name.len - cscf->server_name.len - 1);

    key->hash = (uint32_t) feed_hash(key->name.data, key->name.len, 0);

    /* the validators: the ETag, seeded with Last-Modified */

    etag = r->headers_out.etag;
    seed = (uint64_t) r->headers_out.last_modified_time;

    key->version = etag ? (uint32_t) feed_hash(etag->value.data,
                                               etag->value.len, seed)
                        : (uint32_t) feed_hash("", 0, seed);

    return NGX_OK;
}


static ngx_http_feed_kw_node_t *
ngx_http_feed_kw_find(ngx_http_feed_shm_t *shm, ngx_http_feed_kw_key_t *key)
{
    ngx_int_t                 rc;
    ngx_rbtree_node_t        *node, *sentinel;
    ngx_http_feed_kw_node_t  *kn;

    node = shm->sh->rbtree.root;
    sentinel = shm->sh->rbtree.sentinel;

    while (node != sentinel) {

        if (key->hash < node->key) {
            node = node->left;
            continue;
        }

        if (key->hash > node->key) {
            node = node->right;
            continue;
        }

        kn = (ngx_http_feed_kw_node_t *) node;

        rc = ngx_memn2cmp(key->name.data, kn->data, key->name.len,
                          kn->name_len);

        if (rc == 0) {
            return kn;
        }

        node = (rc < 0) ? node->left : node->right;
    }

    return NULL;
}


/*
 * NGX_OK with the keywords (maybe none yet, while another request
 * learns them), or NGX_DECLINED when this response should learn them.
 */

ngx_int_t
ngx_http_feed_keywords_lookup(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key, ngx_str_t *keywords)
{
    time_t                      now;
    ngx_http_feed_shm_t        *shm;
    ngx_http_feed_kw_node_t    *kn;
    ngx_http_feed_main_conf_t  *fmcf;

    ngx_str_null(keywords);

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->keywords_zone == NULL) {
        return NGX_OK;
    }

    shm = fmcf->keywords_zone->data;
    now = ngx_time();

    ngx_shmtx_lock(&shm->shpool->mutex);

    kn = ngx_http_feed_kw_find(shm, key);

    if (kn && kn->version == key->version && kn->expires > now) {

        ngx_http_feed_shm_touch_locked(shm, &kn->sn);

        if (kn->len) {
            keywords->data = ngx_pnalloc(r->pool, kn->len);

            if (keywords->data) {
                ngx_memcpy(keywords->data, kn->data + kn->name_len, kn->len);
                keywords->len = kn->len;
            }
        }

        ngx_shmtx_unlock(&shm->shpool->mutex);

        ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: keywords for \"%V\": \"%V\"", &r->uri, keywords);

        return NGX_OK;
    }

    /* claim the learning, so that concurrent responses do not all learn */

    ngx_http_feed_kw_store_locked(r, shm, key, NULL, 0,
                                  now + NGX_HTTP_FEED_LEARNING_TIME, 1);

    ngx_shmtx_unlock(&shm->shpool->mutex);

    return NGX_DECLINED;
}


void
ngx_http_feed_keywords_store(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key, u_char *keywords, size_t len)
{
    ngx_http_feed_shm_t        *shm;
    ngx_http_feed_main_conf_t  *fmcf;

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->keywords_zone == NULL) {
        return;
    }

    shm = fmcf->keywords_zone->data;

    ngx_shmtx_lock(&shm->shpool->mutex);

    ngx_http_feed_kw_store_locked(r, shm, key, keywords, len,
                                  ngx_time() + fmcf->keywords_valid, 0);

    ngx_shmtx_unlock(&shm->shpool->mutex);
}


static void
ngx_http_feed_kw_store_locked(ngx_http_request_t *r, ngx_http_feed_shm_t *shm,
    ngx_http_feed_kw_key_t *key, u_char *keywords, size_t len, time_t expires,
    ngx_uint_t learning)
{
    ngx_http_feed_kw_node_t  *kn;

    kn = ngx_http_feed_kw_find(shm, key);

    if (kn) {
        ngx_http_feed_shm_delete_locked(shm, &kn->sn);
    }

    kn = ngx_http_feed_shm_alloc_locked(shm,
                                        offsetof(ngx_http_feed_kw_node_t, data)
                                        + key->name.len + len);
    if (kn == NULL) {
        ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: keywords zone full, not stored");
        return;
    }

    kn->sn.node.key = key->hash;
    kn->expires = expires;
    kn->version = key->version;
    kn->name_len = (u_short) key->name.len;
    kn->len = (u_short) len;
    kn->learning = learning;

    ngx_memcpy(kn->data, key->name.data, key->name.len);

    if (len) {
        ngx_memcpy(kn->data + key->name.len, keywords, len);
    }

    ngx_http_feed_shm_insert_locked(shm, &kn->sn);
}


/* a learner for this response, freed with the request whatever happens */

ngx_int_t
ngx_http_feed_learn_start(ngx_http_request_t *r,
    ngx_http_feed_main_conf_t *fmcf, feed_kw_t **kw)
{
    ngx_pool_cleanup_t  *cln;

    *kw = NULL;

    if (fmcf->kw_re == NULL) {
        return NGX_OK;
    }

    cln = ngx_pool_cleanup_add(r->pool, 0);
    if (cln == NULL) {
        return NGX_ERROR;
    }

    *kw = feed_kw_create(fmcf->kw_re);
    if (*kw == NULL) {
        return NGX_ERROR;
    }

    cln->handler = ngx_http_feed_kw_cleanup;
    cln->data = kw;

    return NGX_OK;
}


static void
ngx_http_feed_kw_cleanup(void *data)
{
    feed_kw_t  **kw = data;

    if (*kw) {
        feed_kw_free(*kw);
        *kw = NULL;
    }
}


static void
ngx_http_feed_kw_re_cleanup(void *data)
{
    feed_kw_re_free(data);
}
