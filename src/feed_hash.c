
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


static inline uint64_t
feed_merge_round(uint64_t acc, uint64_t val)
{
    val = feed_round(0, val);
    acc ^= val;
    acc = acc * FEED_P1 + FEED_P4;

    return acc;
}


/* whole 32-byte stripes, the four lanes kept in locals: the input's
   bytes could alias the state, for all the compiler knows */

static inline const feed_uchar_t *
feed_hash_stripes(uint64_t v[4], const feed_uchar_t *p, size_t n)
{
    uint64_t  v0, v1, v2, v3;

    v0 = v[0];
    v1 = v[1];
    v2 = v[2];
    v3 = v[3];

    for ( /* void */ ; n; n--) {
        v0 = feed_round(v0, feed_read64(p));
        v1 = feed_round(v1, feed_read64(p + 8));
        v2 = feed_round(v2, feed_read64(p + 16));
        v3 = feed_round(v3, feed_read64(p + 24));
        p += 32;
    }

    v[0] = v0;
    v[1] = v1;
    v[2] = v2;
    v[3] = v3;

    return p;
}


static inline uint64_t
feed_hash_converge(const uint64_t v[4])
{
    uint64_t  acc;

    acc = feed_rotl(v[0], 1) + feed_rotl(v[1], 7)
          + feed_rotl(v[2], 12) + feed_rotl(v[3], 18);

    acc = feed_merge_round(acc, v[0]);
    acc = feed_merge_round(acc, v[1]);
    acc = feed_merge_round(acc, v[2]);
    acc = feed_merge_round(acc, v[3]);

    return acc;
}


/* the last bytes, fewer than 32, and the final mix */

static inline uint64_t
feed_hash_tail(uint64_t acc, const feed_uchar_t *p, const feed_uchar_t *last)
{
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

    p = feed_hash_stripes(h->v, p, (size_t) (last - p) / 32);

    if (p < last) {
        memcpy(h->tail, p, last - p);
        h->ntail = last - p;
    }
}


uint64_t
feed_hash_final(const feed_hash_t *h)
{
    uint64_t  acc;

    acc = (h->total >= 32) ? feed_hash_converge(h->v) : h->seed + FEED_P5;

    return feed_hash_tail(acc + h->total, h->tail, h->tail + h->ntail);
}


/*
 * The same hash in one pass over the input, without the streaming
 * state: the keys hashed for every request are short, and the head
 * compared for every replayed page is read where it lies.
 */

uint64_t
feed_hash(const void *data, size_t len, uint64_t seed)
{
    uint64_t             acc, v[4];
    const feed_uchar_t  *p;

    p = data;

    if (len >= 32) {
        v[0] = seed + FEED_P1 + FEED_P2;
        v[1] = seed + FEED_P2;
        v[2] = seed;
        v[3] = seed - FEED_P1;

        p = feed_hash_stripes(v, p, len / 32);
        acc = feed_hash_converge(v);

    } else {
        acc = seed + FEED_P5;
    }

    return feed_hash_tail(acc + len, p, (const feed_uchar_t *) data + len);
}
