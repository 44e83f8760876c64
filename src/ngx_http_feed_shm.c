
/*
 * Copyright (C) ngx_feed authors
 */


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>

#include "ngx_http_feed_module.h"
#include "ngx_http_feed_shm.h"


/* at most this many entries are evicted to make room for one */
#define NGX_HTTP_FEED_SHM_EVICT   64


static ngx_int_t ngx_http_feed_shm_init_zone(ngx_shm_zone_t *shm_zone,
    void *data);


ngx_shm_zone_t *
ngx_http_feed_shm_add(ngx_conf_t *cf, ngx_str_t *name, size_t size,
    ngx_rbtree_insert_pt insert)
{
    ngx_shm_zone_t       *shm_zone;
    ngx_http_feed_shm_t  *shm;

    shm = ngx_pcalloc(cf->pool, sizeof(ngx_http_feed_shm_t));
    if (shm == NULL) {
        return NULL;
    }

    shm->insert = insert;

    shm_zone = ngx_shared_memory_add(cf, name, size, &ngx_http_feed_module);
    if (shm_zone == NULL) {
        return NULL;
    }

    shm_zone->init = ngx_http_feed_shm_init_zone;
    shm_zone->data = shm;

    return shm_zone;
}


static ngx_int_t
ngx_http_feed_shm_init_zone(ngx_shm_zone_t *shm_zone, void *data)
{
    ngx_http_feed_shm_t  *oshm = data;

    size_t                len;
    ngx_http_feed_shm_t  *shm;

    shm = shm_zone->data;

    if (oshm) {
        shm->sh = oshm->sh;
        shm->shpool = oshm->shpool;
        return NGX_OK;
    }

    shm->shpool = (ngx_slab_pool_t *) shm_zone->shm.addr;

    if (shm_zone->shm.exists) {
        shm->sh = shm->shpool->data;
        return NGX_OK;
    }

    shm->sh = ngx_slab_alloc(shm->shpool, sizeof(ngx_http_feed_shm_sh_t));
    if (shm->sh == NULL) {
        return NGX_ERROR;
    }

    shm->shpool->data = shm->sh;

    ngx_rbtree_init(&shm->sh->rbtree, &shm->sh->sentinel, shm->insert);
    ngx_queue_init(&shm->sh->queue);

    shm->sh->seed = ((uint64_t) ngx_random() << 32)
                    ^ (uint64_t) ngx_random()
                    ^ (uint64_t) ngx_time() ^ (uintptr_t) shm->sh;

    len = sizeof(" in zone \"\"") + shm_zone->shm.name.len;

    shm->shpool->log_ctx = ngx_slab_alloc(shm->shpool, len);
    if (shm->shpool->log_ctx == NULL) {
        return NGX_ERROR;
    }

    ngx_sprintf(shm->shpool->log_ctx, " in zone \"%V\"%Z",
                &shm_zone->shm.name);

    /* a full zone is expected: the oldest entries make room */
    shm->shpool->log_nomem = 0;

    return NGX_OK;
}


void *
ngx_http_feed_shm_alloc_locked(ngx_http_feed_shm_t *shm, size_t size)
{
    void                      *p;
    ngx_uint_t                 i;
    ngx_queue_t               *q;
    ngx_http_feed_shm_node_t  *node;

    for (i = 0; /* void */ ; i++) {

        p = ngx_slab_alloc_locked(shm->shpool, size);

        if (p
            || i == NGX_HTTP_FEED_SHM_EVICT
            || ngx_queue_empty(&shm->sh->queue))
        {
            return p;
        }

        q = ngx_queue_last(&shm->sh->queue);
        node = ngx_queue_data(q, ngx_http_feed_shm_node_t, queue);

        ngx_http_feed_shm_delete_locked(shm, node);
    }
}


void
ngx_http_feed_shm_insert_locked(ngx_http_feed_shm_t *shm,
    ngx_http_feed_shm_node_t *node)
{
    ngx_rbtree_insert(&shm->sh->rbtree, &node->node);
    ngx_queue_insert_head(&shm->sh->queue, &node->queue);
}


void
ngx_http_feed_shm_delete_locked(ngx_http_feed_shm_t *shm,
    ngx_http_feed_shm_node_t *node)
{
    ngx_queue_remove(&node->queue);
    ngx_rbtree_delete(&shm->sh->rbtree, &node->node);
    ngx_slab_free_locked(shm->shpool, node);
}


void
ngx_http_feed_shm_touch_locked(ngx_http_feed_shm_t *shm,
    ngx_http_feed_shm_node_t *node)
{
    ngx_queue_remove(&node->queue);
    ngx_queue_insert_head(&shm->sh->queue, &node->queue);
}
