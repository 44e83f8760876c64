
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_HASH_H_INCLUDED_
#define _FEED_HASH_H_INCLUDED_


#include "feed_core.h"


/*
 * A fast seeded 64-bit hash (the xxHash64 construction) for content
 * addressing: the feed cache key is the hash of the source bodies.
 * Streaming: feed_hash_update() may be called any number of times.
 */

typedef struct {
    uint64_t         v[4];
    uint64_t         seed;
    uint64_t         total;
    feed_uchar_t     tail[32];
    size_t           ntail;
} feed_hash_t;


void feed_hash_init(feed_hash_t *h, uint64_t seed);
void feed_hash_update(feed_hash_t *h, const void *data, size_t len);
uint64_t feed_hash_final(const feed_hash_t *h);
uint64_t feed_hash(const void *data, size_t len, uint64_t seed);


#endif /* _FEED_HASH_H_INCLUDED_ */
