
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * What is learned of a page lives in shared memory, keyed by server and
 * path: its keywords, stamped with the page's validators, so a page is
 * learned once per version, not per request; and the head scanner's
 * result, with a hash of the bytes it rests on, so that a page served
 * again as it was is not scanned again.  The zone is an rbtree with an
 * LRU queue: when it is full the oldest entries go; when even that
 * fails nothing is stored.
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
    ngx_http_feed_plan_t         plan;
    time_t                       expires;   /* of the keywords */
    uint32_t                     version;
    u_short                      name_len;
    u_short                      len;       /* of the keywords */
    u_short                      tags_len;  /* of the plan's tags */
    unsigned                     learning:1;
    u_char                       data[1];   /* name, keywords, tags */
} ngx_http_feed_kw_node_t;


static void ngx_http_feed_kw_rbtree_insert(ngx_rbtree_node_t *temp,
    ngx_rbtree_node_t *node, ngx_rbtree_node_t *sentinel);
static ngx_http_feed_kw_node_t *ngx_http_feed_kw_find(
    ngx_http_feed_shm_t *shm, ngx_http_feed_kw_key_t *key);
static void ngx_http_feed_kw_store_locked(ngx_http_request_t *r,
    ngx_http_feed_shm_t *shm, ngx_http_feed_kw_key_t *key, u_char *keywords,
    size_t len, time_t expires, ngx_uint_t learning);
static ngx_http_feed_kw_node_t *ngx_http_feed_kw_make_locked(
    ngx_http_request_t *r, ngx_http_feed_shm_t *shm,
    ngx_http_feed_kw_key_t *key, size_t len, size_t tags_len);
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

    if (!fmcf->enrich_used) {
        return NGX_OK;
    }

    fmcf->keywords_zone = ngx_http_feed_shm_add(cf,
                                                &ngx_http_feed_kw_zone_name,
                                                fmcf->keywords_zone_size,
                                                ngx_http_feed_kw_rbtree_insert);
    if (fmcf->keywords_zone == NULL) {
        return NGX_ERROR;
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
 * The page's entry: its scanner result in plan (plan->valid is 0 when
 * there is none) with the tags written with it, and with learn, NGX_OK
 * with its keywords (maybe none yet, while another request learns them)
 * or NGX_DECLINED when this response should learn them.
 */

ngx_int_t
ngx_http_feed_keywords_lookup(ngx_http_request_t *r,
    ngx_http_feed_kw_key_t *key, ngx_uint_t learn, ngx_str_t *keywords,
    ngx_http_feed_plan_t *plan, ngx_str_t *tags)
{
    time_t                      now;
    ngx_http_feed_shm_t        *shm;
    ngx_http_feed_kw_node_t    *kn;
    ngx_http_feed_main_conf_t  *fmcf;

    ngx_str_null(keywords);
    ngx_str_null(tags);
    plan->valid = 0;

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->keywords_zone == NULL) {
        return NGX_OK;
    }

    shm = fmcf->keywords_zone->data;
    now = ngx_time();

    ngx_shmtx_lock(&shm->shpool->mutex);

    kn = ngx_http_feed_kw_find(shm, key);

    if (kn && learn
        && (kn->version != key->version || kn->expires <= now))
    {
        /* claim the learning, so that concurrent responses do not all
           learn */

        ngx_http_feed_kw_store_locked(r, shm, key, NULL, 0,
                                      now + NGX_HTTP_FEED_LEARNING_TIME, 1);

        ngx_shmtx_unlock(&shm->shpool->mutex);

        return NGX_DECLINED;
    }

    if (kn == NULL) {

        if (learn) {
            ngx_http_feed_kw_store_locked(r, shm, key, NULL, 0,
                                          now + NGX_HTTP_FEED_LEARNING_TIME,
                                          1);
        }

        ngx_shmtx_unlock(&shm->shpool->mutex);

        return learn ? NGX_DECLINED : NGX_OK;
    }

    ngx_http_feed_shm_touch_locked(shm, &kn->sn);

    *plan = kn->plan;

    if (kn->tags_len) {
        tags->data = ngx_pnalloc(r->pool, kn->tags_len);

        if (tags->data) {
            ngx_memcpy(tags->data, kn->data + kn->name_len + kn->len,
                       kn->tags_len);
            tags->len = kn->tags_len;
        }
    }

    if (learn && kn->len) {
        keywords->data = ngx_pnalloc(r->pool, kn->len);

        if (keywords->data) {
            ngx_memcpy(keywords->data, kn->data + kn->name_len, kn->len);
            keywords->len = kn->len;
        }
    }

    ngx_shmtx_unlock(&shm->shpool->mutex);

    ngx_log_debug2(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                   "feed: entry for \"%V\", keywords \"%V\"",
                   &r->uri, keywords);

    return NGX_OK;
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


/*
 * New keywords for the page: its plan stays, the tags written with the
 * old ones go.
 */

static void
ngx_http_feed_kw_store_locked(ngx_http_request_t *r, ngx_http_feed_shm_t *shm,
    ngx_http_feed_kw_key_t *key, u_char *keywords, size_t len, time_t expires,
    ngx_uint_t learning)
{
    ngx_http_feed_plan_t      plan;
    ngx_http_feed_kw_node_t  *kn;

    kn = ngx_http_feed_kw_find(shm, key);

    plan.valid = 0;

    if (kn) {
        plan = kn->plan;
        ngx_http_feed_shm_delete_locked(shm, &kn->sn);
    }

    /* no tags are kept with the plan any more */

    plan.tags_key = 0;

    kn = ngx_http_feed_kw_make_locked(r, shm, key, len, 0);
    if (kn == NULL) {
        return;
    }

    kn->plan = plan;
    kn->expires = expires;
    kn->learning = learning;

    if (len) {
        ngx_memcpy(kn->data + key->name.len, keywords, len);
    }
}


/*
 * Keeps the scanner's result for the page, with the tags written with
 * it.  An entry made for them alone has no keywords, and expired ones,
 * so that learning starts when a location that learns looks it up.
 */

void
ngx_http_feed_plan_store(ngx_http_request_t *r, ngx_http_feed_kw_key_t *key,
    ngx_http_feed_plan_t *plan, ngx_str_t *tags)
{
    size_t                      len;
    time_t                      expires;
    uint32_t                    version;
    ngx_uint_t                  learning;
    ngx_http_feed_shm_t        *shm;
    ngx_http_feed_kw_node_t    *kn;
    ngx_http_feed_main_conf_t  *fmcf;
    u_char                      keywords[NGX_HTTP_FEED_KEYWORDS_MAX];

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->keywords_zone == NULL || tags->len > 65535) {
        return;
    }

    shm = fmcf->keywords_zone->data;

    ngx_shmtx_lock(&shm->shpool->mutex);

    kn = ngx_http_feed_kw_find(shm, key);

    if (kn == NULL || kn->tags_len != tags->len) {

        /* a new entry, of another size */

        len = 0;
        expires = 0;
        version = key->version;
        learning = 0;

        if (kn) {
            len = ngx_min(kn->len, NGX_HTTP_FEED_KEYWORDS_MAX);
            ngx_memcpy(keywords, kn->data + kn->name_len, len);
            expires = kn->expires;
            version = kn->version;
            learning = kn->learning;

            ngx_http_feed_shm_delete_locked(shm, &kn->sn);
        }

        kn = ngx_http_feed_kw_make_locked(r, shm, key, len, tags->len);
        if (kn == NULL) {
            ngx_shmtx_unlock(&shm->shpool->mutex);
            return;
        }

        kn->expires = expires;
        kn->version = version;
        kn->learning = learning;

        ngx_memcpy(kn->data + kn->name_len, keywords, len);
    }

    kn->plan = *plan;
    ngx_memcpy(kn->data + kn->name_len + kn->len, tags->data, tags->len);

    ngx_shmtx_unlock(&shm->shpool->mutex);
}


/* the seed of the hashes of plans, the same in every worker */

uint64_t
ngx_http_feed_plan_seed(ngx_http_request_t *r)
{
    ngx_http_feed_shm_t        *shm;
    ngx_http_feed_main_conf_t  *fmcf;

    fmcf = ngx_http_get_module_main_conf(r, ngx_http_feed_module);

    if (fmcf->keywords_zone == NULL) {
        return 0;
    }

    shm = fmcf->keywords_zone->data;

    return shm->sh->seed;
}


/*
 * A new entry in the tree, with room for len bytes of keywords and
 * tags_len of tags; NULL when the zone is full.
 */

static ngx_http_feed_kw_node_t *
ngx_http_feed_kw_make_locked(ngx_http_request_t *r, ngx_http_feed_shm_t *shm,
    ngx_http_feed_kw_key_t *key, size_t len, size_t tags_len)
{
    ngx_http_feed_kw_node_t  *kn;

    kn = ngx_http_feed_shm_alloc_locked(shm,
                                        offsetof(ngx_http_feed_kw_node_t, data)
                                        + key->name.len + len + tags_len);
    if (kn == NULL) {
        ngx_log_debug0(NGX_LOG_DEBUG_HTTP, r->connection->log, 0,
                       "feed: keywords zone full, not stored");
        return NULL;
    }

    ngx_memzero(kn, offsetof(ngx_http_feed_kw_node_t, data));

    kn->sn.node.key = key->hash;
    kn->version = key->version;
    kn->name_len = (u_short) key->name.len;
    kn->len = (u_short) len;
    kn->tags_len = (u_short) tags_len;

    ngx_memcpy(kn->data, key->name.data, key->name.len);

    ngx_http_feed_shm_insert_locked(shm, &kn->sn);

    return kn;
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
