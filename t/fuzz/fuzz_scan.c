/*
 * Copyright (C) ngx_feed authors
 */


/*
 * libFuzzer target for the head scanner: a page scanned whole, one byte
 * at a time and in random pieces gives the same verdict, injection
 * point, elements and text, and every call keeps the streaming
 * contract of feed_scan.h.  The first input byte picks learning, the
 * text limit and the seed of the pieces; the rest is the page.
 *
 *   clang -std=gnu99 -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *       t/fuzz/fuzz_scan.c src/feed_scan.c src/feed_scan_text.c \
 *       src/feed_core.c -o fuzz_scan
 *   ./fuzz_scan -max_total_time=120 t/unit/scan
 */


#include <stdio.h>
#include <stdlib.h>

#include "feed_scan.h"


#define FUZZ_WHOLE    0
#define FUZZ_BYTES    1
#define FUZZ_RANDOM   2


typedef struct {
    int             rc;
    uint64_t        inject;
    feed_buf_t      elts;
    feed_buf_t      text[4];
} fuzz_result_t;


static void fuzz_scan(const uint8_t *page, size_t len, unsigned how,
    unsigned opts, fuzz_result_t *r);
static void fuzz_element(void *data, const feed_scan_elt_t *elt);
static void fuzz_text(void *data, const feed_uchar_t *p, size_t len,
    unsigned kind);
static void fuzz_fail(const char *what, unsigned how);
static void fuzz_free(fuzz_result_t *r);
static int fuzz_buf_eq(feed_buf_t *a, feed_buf_t *b);


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t         i, k;
    unsigned       how, opts;
    fuzz_result_t  r[3];

    if (size == 0) {
        return 0;
    }

    opts = data[0];

    for (how = FUZZ_WHOLE; how <= FUZZ_RANDOM; how++) {
        fuzz_scan(data + 1, size - 1, how, opts, &r[how]);
    }

    for (how = FUZZ_BYTES; how <= FUZZ_RANDOM; how++) {

        if (r[how].rc != r[0].rc
            || (r[0].rc == FEED_SCAN_FOUND && r[how].inject != r[0].inject))
        {
            fuzz_fail("another verdict", how);
        }

        if (!fuzz_buf_eq(&r[how].elts, &r[0].elts)) {
            fuzz_fail("other elements", how);
        }

        for (k = 1; k < 4; k++) {
            if (!fuzz_buf_eq(&r[how].text[k], &r[0].text[k])) {
                fuzz_fail("other text", how);
            }
        }
    }

    for (i = 0; i < 3; i++) {
        fuzz_free(&r[i]);
    }

    return 0;
}


static void
fuzz_scan(const uint8_t *page, size_t len, unsigned how, unsigned opts,
    fuzz_result_t *r)
{
    int           rc, decided;
    size_t        pos, n, k;
    uint64_t      hold, seed;
    feed_scan_t  *s;

    memset(r, 0, sizeof(fuzz_result_t));

    feed_buf_init(&r->elts, 0);

    for (k = 0; k < 4; k++) {
        feed_buf_init(&r->text[k], 0);
    }

    s = malloc(sizeof(feed_scan_t));
    if (s == NULL) {
        abort();
    }

    feed_scan_init(s);

    s->element = fuzz_element;
    s->text = fuzz_text;
    s->data = r;
    s->learn = opts & 1;
    s->text_limit = (opts & 2) ? (opts >> 2) * 7 : 0;

    pos = 0;
    hold = 0;
    decided = 0;
    seed = opts * 2654435761u + 1;
    rc = FEED_SCAN_AGAIN;

    while (pos < len) {

        if (how == FUZZ_WHOLE) {
            n = len;

        } else if (how == FUZZ_BYTES) {
            n = 1;

        } else {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            n = 1 + (size_t) (seed >> 33) % 23;
        }

        if (n > len - pos) {
            n = len - pos;
        }

        rc = feed_scan(s, page + pos, n);
        pos += n;

        if (decided) {

            if (rc == FEED_SCAN_DONE) {
                break;
            }

            if (rc != FEED_SCAN_AGAIN) {
                fuzz_fail("not again while learning", how);
            }

            continue;
        }

        if (rc == FEED_SCAN_AGAIN) {

            if (s->offset != pos || s->hold < hold || s->hold > pos
                || pos - s->hold > FEED_SCAN_MAX_HOLD)
            {
                fuzz_fail("the hold", how);
            }

            hold = s->hold;
            continue;
        }

        if (rc == FEED_SCAN_DONE) {
            fuzz_fail("done before found", how);
        }

        decided = 1;
        r->rc = rc;

        if (rc == FEED_SCAN_DECLINED) {
            if (s->reason == NULL) {
                fuzz_fail("no reason", how);
            }

            break;
        }

        r->inject = s->inject;

        if (s->inject < hold || s->inject > pos) {
            fuzz_fail("the injection point", how);
        }

        if (!s->learn) {
            break;
        }
    }

    if (!decided) {
        rc = feed_scan_finish(s);
        r->rc = rc;

        if (rc == FEED_SCAN_FOUND) {
            r->inject = s->inject;

            if (s->inject != hold) {
                fuzz_fail("found at the end, not at the hold", how);
            }

        } else if (rc != FEED_SCAN_DECLINED) {
            fuzz_fail("finish", how);
        }

    } else if (r->rc == FEED_SCAN_FOUND && rc != FEED_SCAN_DONE && s->learn) {

        if (feed_scan_finish(s) != FEED_SCAN_DONE) {
            fuzz_fail("finish while learning", how);
        }
    }

    if (r->rc == FEED_SCAN_FOUND
        && feed_scan(s, (const feed_uchar_t *) "<", 1) != FEED_SCAN_DONE)
    {
        fuzz_fail("not done after all", how);
    }

    free(s);
}


static void
fuzz_element(void *data, const feed_scan_elt_t *elt)
{
    size_t                   i;
    fuzz_result_t           *r = data;
    const feed_scan_attr_t  *a[FEED_SCAN_NATTRS];

    a[0] = &elt->rel;
    a[1] = &elt->href;
    a[2] = &elt->type;
    a[3] = &elt->name;
    a[4] = &elt->content;
    a[5] = &elt->charset;

    feed_buf_add_byte(&r->elts, (feed_uchar_t) elt->tag);

    for (i = 0; i < FEED_SCAN_NATTRS; i++) {

        if (a[i]->len > FEED_SCAN_ATTR_MAX
            || (a[i]->len && !a[i]->present))
        {
            fuzz_fail("an attribute", FUZZ_WHOLE);
        }

        feed_buf_printf(&r->elts, "|%u%u%zu:", a[i]->present,
                        a[i]->truncated, a[i]->len);
        feed_buf_add(&r->elts, a[i]->data, a[i]->len);
    }
}


static void
fuzz_text(void *data, const feed_uchar_t *p, size_t len, unsigned kind)
{
    fuzz_result_t  *r = data;

    if (kind < 1 || kind > 3 || len == 0) {
        fuzz_fail("a text callback", FUZZ_WHOLE);
    }

    feed_buf_add(&r->text[kind], p, len);
}


static void
fuzz_fail(const char *what, unsigned how)
{
    fprintf(stderr, "fuzz_scan: %s (%s)\n", what,
            how == FUZZ_WHOLE ? "whole" : how == FUZZ_BYTES ? "bytes"
                                                            : "pieces");
    abort();
}


static void
fuzz_free(fuzz_result_t *r)
{
    size_t  k;

    feed_buf_free(&r->elts);

    for (k = 0; k < 4; k++) {
        feed_buf_free(&r->text[k]);
    }
}


static int
fuzz_buf_eq(feed_buf_t *a, feed_buf_t *b)
{
    return a->len == b->len
           && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}
