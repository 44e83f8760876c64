
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_hash.h"
#include "tap.h"


/* values from the reference xxHash64 implementation (python3-xxhash) */

int
main(void)
{
    size_t         i, split;
    uint64_t       h, whole;
    feed_hash_t    st;
    feed_uchar_t   buf[768], seq[100];

    static const char  *phrase = "Nobody inspects the spammish repetition";

    ok(feed_hash("", 0, 0) == 0xef46db3751d8e999ULL, "empty input");
    ok(feed_hash("a", 1, 0) == 0xd24ec4f1a98c6e5bULL, "one byte");
    ok(feed_hash("abc", 3, 0) == 0x44bc2cf5ad770999ULL, "three bytes");
    ok(feed_hash(phrase, strlen(phrase), 0) == 0xfbcea83c8a378bf1ULL,
       "39 bytes: the stripes and the tail");

    for (i = 0; i < sizeof(buf); i++) {
        buf[i] = (feed_uchar_t) (i & 0xff);
    }

    ok(feed_hash(buf, sizeof(buf), 0) == 0x8e03c838c596036fULL,
       "768 bytes");

    ok(feed_hash("hello world, this is a longer string!", 37, 12345)
       == 0x64ff142141d47f9dULL, "a seed");

    for (i = 0; i < sizeof(seq); i++) {
        seq[i] = (feed_uchar_t) i;
    }

    ok(feed_hash(seq, sizeof(seq), 0xdeadbeefcafebabeULL)
       == 0xddbd6a26cf28b660ULL, "a 64-bit seed");

    /* streaming: every split point of 768 bytes gives the same hash */

    whole = feed_hash(buf, sizeof(buf), 7);

    for (split = 0; split <= sizeof(buf); split++) {
        feed_hash_init(&st, 7);
        feed_hash_update(&st, buf, split);
        feed_hash_update(&st, buf + split, sizeof(buf) - split);

        if (feed_hash_final(&st) != whole) {
            break;
        }
    }

    ok(split == sizeof(buf) + 1, "the same hash split at every byte");

    feed_hash_init(&st, 7);

    for (i = 0; i < sizeof(buf); i++) {
        feed_hash_update(&st, buf + i, 1);
    }

    h = feed_hash_final(&st);

    ok(h == whole, "the same hash one byte at a time");

    ok(feed_hash(buf, sizeof(buf), 8) != whole, "the seed changes the hash");

    /* the one-pass hash and the streaming one agree at every length,
       from an unaligned start */

    for (i = 0; i <= 300; i++) {
        h = i * 0x9e3779b97f4a7c15ULL;

        feed_hash_init(&st, h);
        feed_hash_update(&st, buf + 1, i);

        if (feed_hash_final(&st) != feed_hash(buf + 1, i, h)) {
            break;
        }
    }

    ok(i == 301, "one pass and streaming agree at every length to 300");

    return tap_done();
}
