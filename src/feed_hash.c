
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_hash.h"


#define FEED_P1  0x9E3779B185EBCA87ULL
#define FEED_P2  0xC2B2AE3D27D4EB4FULL
#define FEED_P3  0x165667B19E3779F9ULL
#define FEED_P4  0x85EBCA77C2B2AE63ULL
#define FEED_P5  0x27D4EB2F165667C5ULL


#define feed_rotl(x, r)  (((x) << (r)) | ((x) >> (64 - (r))))


/* little-endian order, whatever the machine */

static inline uint64_t
feed_read64(const feed_uchar_t *p)
{
#if (defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

    uint64_t  v;

    memcpy(&v, p, sizeof(uint64_t));

    return v;

#else

    return (uint64_t) p[0]
           | (uint64_t) p[1] << 8
           | (uint64_t) p[2] << 16
           | (uint64_t) p[3] << 24
           | (uint64_t) p[4] << 32
           | (uint64_t) p[5] << 40
           | (uint64_t) p[6] << 48
           | (uint64_t) p[7] << 56;

#endif
}


static inline uint32_t
feed_read32(const feed_uchar_t *p)
{
    return (uint32_t) p[0]
           | (uint32_t) p[1] << 8
           | (uint32_t) p[2] << 16
           | (uint32_t) p[3] << 24;
}


static inline uint64_t
feed_round(uint64_t acc, uint64_t input)
{
    acc += input * FEED_P2;
    acc = feed_rotl(acc, 31);
    acc *= FEED_P1;

    return acc;
}


static uint64_t
feed_merge_round(uint64_t acc, uint64_t val)
{
    val = feed_round(0, val);
    acc ^= val;
    acc = acc * FEED_P1 + FEED_P4;

    return acc;
}


void
feed_hash_init(feed_hash_t *h, uint64_t seed)
{
    h->seed = seed;
    h->v[0] = seed + FEED_P1 + FEED_P2;
    h->v[1] = seed + FEED_P2;
    h->v[2] = seed;
    h->v[3] = seed - FEED_P1;
    h->total = 0;
    h->ntail = 0;
}


void
feed_hash_update(feed_hash_t *h, const void *data, size_t len)
{
    size_t               n;
    uint64_t             v0, v1, v2, v3;
    const feed_uchar_t  *p, *last;

    p = data;
    last = p + len;
    h->total += len;

    if (h->ntail) {
        n = 32 - h->ntail;

        if (len < n) {
            memcpy(h->tail + h->ntail, p, len);
            h->ntail += len;
            return;
        }

        memcpy(h->tail + h->ntail, p, n);
        p += n;

        h->v[0] = feed_round(h->v[0], feed_read64(h->tail));
        h->v[1] = feed_round(h->v[1], feed_read64(h->tail + 8));
        h->v[2] = feed_round(h->v[2], feed_read64(h->tail + 16));
        h->v[3] = feed_round(h->v[3], feed_read64(h->tail + 24));

        h->ntail = 0;
    }

    /* in locals: the input's bytes could alias the state, for all the
       compiler knows */

    v0 = h->v[0];
    v1 = h->v[1];
    v2 = h->v[2];
    v3 = h->v[3];

    for (n = (size_t) (last - p) / 32; n; n--) {
        v0 = feed_round(v0, feed_read64(p));
        v1 = feed_round(v1, feed_read64(p + 8));
        v2 = feed_round(v2, feed_read64(p + 16));
        v3 = feed_round(v3, feed_read64(p + 24));
        p += 32;
    }

    h->v[0] = v0;
    h->v[1] = v1;
    h->v[2] = v2;
    h->v[3] = v3;

    if (p < last) {
        memcpy(h->tail, p, last - p);
        h->ntail = last - p;
    }
}


uint64_t
feed_hash_final(const feed_hash_t *h)
{
    uint64_t             acc;
    const feed_uchar_t  *p, *last;

    if (h->total >= 32) {
        acc = feed_rotl(h->v[0], 1) + feed_rotl(h->v[1], 7)
              + feed_rotl(h->v[2], 12) + feed_rotl(h->v[3], 18);

        acc = feed_merge_round(acc, h->v[0]);
        acc = feed_merge_round(acc, h->v[1]);
        acc = feed_merge_round(acc, h->v[2]);
        acc = feed_merge_round(acc, h->v[3]);

    } else {
        acc = h->seed + FEED_P5;
    }

    acc += h->total;

    p = h->tail;
    last = p + h->ntail;

    while (last - p >= 8) {
        acc ^= feed_round(0, feed_read64(p));
        acc = feed_rotl(acc, 27) * FEED_P1 + FEED_P4;
        p += 8;
    }

    if (last - p >= 4) {
        acc ^= (uint64_t) feed_read32(p) * FEED_P1;
        acc = feed_rotl(acc, 23) * FEED_P2 + FEED_P3;
        p += 4;
    }

    while (p < last) {
        acc ^= (*p) * FEED_P5;
        acc = feed_rotl(acc, 11) * FEED_P1;
        p++;
    }

    acc ^= acc >> 33;
    acc *= FEED_P2;
    acc ^= acc >> 29;
    acc *= FEED_P3;
    acc ^= acc >> 32;

    return acc;
}


uint64_t
feed_hash(const void *data, size_t len, uint64_t seed)
{
    feed_hash_t  h;

    feed_hash_init(&h, seed);
    feed_hash_update(&h, data, len);

    return feed_hash_final(&h);
}
