
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _NGX_HTTP_FEED_SHM_H_INCLUDED_
#define _NGX_HTTP_FEED_SHM_H_INCLUDED_


#include <ngx_config.h>
#include <ngx_core.h>
#include <ngx_http.h>


/*
 * A shared memory zone holding an rbtree of entries with an LRU queue,
 * as the learned keywords and the feed cache need: when an allocation
 * fails, the least recently used entries make room.
 */

typedef struct {
    ngx_rbtree_node_t            node;
    ngx_queue_t                  queue;
} ngx_http_feed_shm_node_t;


typedef struct {
    ngx_rbtree_t                 rbtree;
    ngx_rbtree_node_t            sentinel;
    ngx_queue_t                  queue;
    uint64_t                     seed;      /* random, for keyed hashes */
} ngx_http_feed_shm_sh_t;


typedef struct {
    ngx_http_feed_shm_sh_t      *sh;
    ngx_slab_pool_t             *shpool;
    ngx_rbtree_insert_pt         insert;
} ngx_http_feed_shm_t;


ngx_shm_zone_t *ngx_http_feed_shm_add(ngx_conf_t *cf, ngx_str_t *name,
    size_t size, ngx_rbtree_insert_pt insert);
void *ngx_http_feed_shm_alloc_locked(ngx_http_feed_shm_t *shm, size_t size);
void ngx_http_feed_shm_insert_locked(ngx_http_feed_shm_t *shm,
    ngx_http_feed_shm_node_t *node);
void ngx_http_feed_shm_delete_locked(ngx_http_feed_shm_t *shm,
    ngx_http_feed_shm_node_t *node);
void ngx_http_feed_shm_touch_locked(ngx_http_feed_shm_t *shm,
    ngx_http_feed_shm_node_t *node);


#endif /* _NGX_HTTP_FEED_SHM_H_INCLUDED_ */
