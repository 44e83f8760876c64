
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Synthesised feeds, in shared memory, keyed by a hash of everything
 * they are made from: the location's configuration and each source's
 * status and body.  An unchanged page is never parsed twice; a changed
 * one changes the key, so the new feed shows at once.
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_cache.h"
#include "ngx_http_feed_shm.h"


typedef struct {
    ngx_http_feed_shm_node_t     sn;
    uint64_t                     key;
    uint64_t                     etag;
    time_t                       last_modified;
    size_t                       len;
    u_char                       data[1];
} ngx_http_feed_cache_node_t;


static void ngx_http_feed_cache_rbtree_insert(ngx_rbtree_node_t *temp,
    ngx_rbtree_node_t *node, ngx_rbtree_node_t *sentinel);
static ngx_http_feed_cache_node_t *ngx_http_feed_cache_find(
    ngx_http_feed_shm_t *shm, uint64_t key);


static ngx_str_t  ngx_http_feed_cache_zone_name = ngx_string("feed_cache");


ngx_int_t
ngx_http_feed_cache_init(ngx_conf_t *cf, ngx_http_feed_main_conf_t *fmcf)
{
    if (fmcf->cache_zone_size == NGX_CONF_UNSET_SIZE) {
        fmcf->cache_zone_size = 4 * 1024 * 1024;
    }

    if (!fmcf->feeds_used) {
        return NGX_OK;
    }

    fmcf->cache_zone = ngx_http_feed_shm_add(cf,
                                             &ngx_http_feed_cache_zone_name,
                                             fmcf->cache_zone_size,
                                             ngx_http_feed_cache_rbtree_insert);
    if (fmcf->cache_zone == NULL) {
        return NGX_ERROR;
    }

    return NGX_OK;
}


static void
ngx_http_feed_cache_rbtree_insert(ngx_rbtree_node_t *temp,
    ngx_rbtree_node_t *node, ngx_rbtree_node_t *sentinel)
{
    ngx_rbtree_node_t           **p;
    ngx_http_feed_cache_node_t   *cn, *ct;

    for ( ;; ) {

        if (node->key < temp->key) {
            p = &temp->left;

        } else if (node->key > temp->key) {
            p = &temp->right;

        } else {
            cn = (ngx_http_feed_cache_node_t *) node;
            ct = (ngx_http_feed_cache_node_t *) temp;

            p = (cn->key < ct->key) ? &temp->left : &temp->right;
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


static ngx_http_feed_cache_node_t *
ngx_http_feed_cache_find(ngx_http_feed_shm_t *shm, uint64_t key)
{
    ngx_rbtree_key_t             k;
    ngx_rbtree_node_t           *node, *sentinel;
    ngx_http_feed_cache_node_t  *cn;

    k = (ngx_rbtree_key_t) key;
    node = shm->sh->rbtree.root;
    sentinel = shm->sh->rbtree.sentinel;

    while (node != sentinel) {

        if (k < node->key) {
            node = node->left;
            continue;
        }

        if (k > node->key) {
            node = node->right;
            continue;
        }

        cn = (ngx_http_feed_cache_node_t *) node;

        if (cn->key == key) {
            return cn;
        }

        node = (key < cn->key) ? node->left : node->right;
    }

    return NULL;
}


/* NGX_OK with a copy of the feed in the request's pool, or NGX_DECLINED */

ngx_int_t
ngx_http_feed_cache_get(ngx_http_request_t *r, uint64_t key,
    ngx_http_feed_cached_t *feed)
{
    ngx_int_t                    rc;
    ngx_http_feed_shm_t         *shm;
    ngx_http_feed_cache_node_t  *cn;
    ngx_http_feed_main_conf_t   *fmcf;

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->cache_zone == NULL) {
        return NGX_DECLINED;
    }

    shm = fmcf->cache_zone->data;
    rc = NGX_DECLINED;

    ngx_shmtx_lock(&shm->shpool->mutex);

    cn = ngx_http_feed_cache_find(shm, key);

    if (cn) {
        feed->body.data = ngx_pnalloc(r->pool, cn->len);

        if (feed->body.data) {
            ngx_memcpy(feed->body.data, cn->data, cn->len);
            feed->body.len = cn->len;
            feed->etag = cn->etag;
            feed->last_modified = cn->last_modified;

            ngx_http_feed_shm_touch_locked(shm, &cn->sn);

            rc = NGX_OK;
        }
    }

    ngx_shmtx_unlock(&shm->shpool->mutex);

    return rc;
}


void
ngx_http_feed_cache_put(ngx_http_request_t *r, uint64_t key,
    ngx_http_feed_cached_t *feed)
{
    ngx_http_feed_shm_t         *shm;
    ngx_http_feed_cache_node_t  *cn;
    ngx_http_feed_main_conf_t   *fmcf;

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->cache_zone == NULL
        || feed->body.len > fmcf->cache_zone_size / 4)
    {
        return;
    }

    shm = fmcf->cache_zone->data;

    ngx_shmtx_lock(&shm->shpool->mutex);

    cn = ngx_http_feed_cache_find(shm, key);

    if (cn) {
        ngx_http_feed_shm_delete_locked(shm, &cn->sn);
    }

    cn = ngx_http_feed_shm_alloc_locked(shm,
                                      offsetof(ngx_http_feed_cache_node_t, data)
                                      + feed->body.len);
    if (cn) {
        cn->sn.node.key = (ngx_rbtree_key_t) key;
        cn->key = key;
        cn->etag = feed->etag;
        cn->last_modified = feed->last_modified;
        cn->len = feed->body.len;

        ngx_memcpy(cn->data, feed->body.data, feed->body.len);

        ngx_http_feed_shm_insert_locked(shm, &cn->sn);

    } else {
        ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: cache zone full, feed not stored");
    }

    ngx_shmtx_unlock(&shm->shpool->mutex);
}
