
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>

#include "feed_merge.h"
#include "feed_write.h"
#include "feed_hash.h"


typedef struct {
    feed_item_t     *item;
    int64_t          t;
    size_t           seq;        /* document order */
    int              dated;
} feed_merge_entry_t;


static void feed_merge_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));
static int feed_merge_cmp(const void *one, const void *two);
static int feed_merge_seq(const void *one, const void *two);
static const char **feed_merge_set(size_t n, size_t *size);
static const char **feed_merge_slot(const char **set, size_t size,
    const char *url);


int
feed_merge(feed_items_t *out, feed_page_t *pages, size_t npages, size_t max)
{
    size_t               i, j, n, total, limit, kept, size;
    const char         **set, **slot;
    feed_item_t         *item, *elts;
    const feed_date_t   *date;
    feed_merge_entry_t  *e;

    total = 0;

    for (i = 0; i < npages; i++) {
        total += pages[i].items.nelts;
    }

    e = NULL;
    n = 0;

    if (total) {
        e = malloc(total * sizeof(feed_merge_entry_t));
        if (e == NULL) {
            return FEED_ERROR;
        }
    }

    for (i = 0; i < npages; i++) {
        for (j = 0; j < pages[i].items.nelts; j++) {
            item = &pages[i].items.elts[j];

            if (!feed_write_item_ok(item)) {
                continue;
            }

            date = feed_write_item_date(item);

            e[n].item = item;
            e[n].t = date ? date->t : 0;
            e[n].dated = (date != NULL);
            e[n].seq = n;
            n++;
        }
    }

    if (n > 1) {
        feed_merge_sort(e, n, sizeof(feed_merge_entry_t), feed_merge_cmp);
    }

    limit = n < max ? n : max;

    elts = NULL;
    set = feed_merge_set(limit, &size);

    if (limit) {
        elts = malloc(limit * sizeof(feed_item_t));
    }

    if (set == NULL || (limit && elts == NULL)) {
        free(set);
        free(elts);
        free(e);
        return FEED_ERROR;
    }

    kept = 0;

    for (i = 0; i < n && kept < limit; i++) {
        item = e[i].item;

        if (item->url && item->url[0]) {
            slot = feed_merge_slot(set, size, item->url);

            if (*slot) {
                continue;
            }

            *slot = item->url;
        }

        elts[kept++] = *item;
        memset(item, 0, sizeof(feed_item_t));
    }

    for (i = 0; i < npages; i++) {
        feed_items_free(&pages[i].items);
    }

    out->elts = elts;
    out->nelts = kept;
    out->nalloc = limit;

    free(set);
    free(e);

    return FEED_OK;
}


/*
 * qsort(), unless the array is in order already: a page lists its
 * entries newest first, mostly, and they are chosen in that order.  The
 * orders compare their sequence numbers last, so that no two elements
 * are equal and the sorted array is the same either way.
 */

static void
feed_merge_sort(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
    char    *p;
    size_t   i;

    p = base;

    for (i = 1; i < n; i++) {
        if (cmp(p + (i - 1) * size, p + i * size) > 0) {
            qsort(base, n, size, cmp);
            return;
        }
    }
}


static int
feed_merge_cmp(const void *one, const void *two)
{
    const feed_merge_entry_t  *a, *b;

    a = one;
    b = two;

    if (a->dated != b->dated) {
        return a->dated ? -1 : 1;
    }

    if (a->dated && a->t != b->t) {
        return a->t > b->t ? -1 : 1;
    }

    return a->seq < b->seq ? -1 : (a->seq > b->seq);
}


int
feed_merge_choose(feed_items_t *items, size_t max, feed_merge_fill_pt fill,
    void *data)
{
    int                  rc;
    size_t               i, n, kept, size;
    const char         **set, **slot;
    feed_item_t         *full, *item;
    const feed_date_t   *date;
    feed_merge_entry_t  *e;

    n = items->nelts;

    e = malloc(n * sizeof(feed_merge_entry_t));
    full = malloc(max * sizeof(feed_item_t));
    set = feed_merge_set(max, &size);

    if (e == NULL || full == NULL || set == NULL) {
        rc = FEED_ERROR;
        kept = 0;
        goto done;
    }

    for (i = 0; i < n; i++) {
        item = &items->elts[i];
        date = feed_write_item_date(item);

        e[i].item = item;
        e[i].t = date ? date->t : 0;
        e[i].dated = (date != NULL);
        e[i].seq = i;
    }

    feed_merge_sort(e, n, sizeof(feed_merge_entry_t), feed_merge_cmp);

    /*
     * In the merge's order, read in full: kept unless it has nothing to
     * show or an item kept has its URL.
     */

    rc = FEED_OK;
    kept = 0;

    for (i = 0; i < n && kept < max; i++) {
        item = &full[kept];
        memset(item, 0, sizeof(feed_item_t));

        if (fill(data, e[i].seq, item) != FEED_OK) {
            feed_item_free(item);
            rc = FEED_ERROR;
            break;
        }

        slot = NULL;

        if (item->url && item->url[0]) {
            slot = feed_merge_slot(set, size, item->url);
        }

        if (!feed_write_item_ok(item) || (slot && *slot)) {
            feed_item_free(item);
            continue;
        }

        if (slot) {
            *slot = item->url;
        }

        item->order = e[i].seq;
        kept++;
    }

done:

    feed_items_free(items);

    if (rc == FEED_OK && kept) {
        /* back into document order, which the merge reads them in */
        feed_merge_sort(full, kept, sizeof(feed_item_t), feed_merge_seq);

        items->elts = full;
        items->nelts = kept;
        items->nalloc = max;
        full = NULL;

    } else {
        for (i = 0; i < kept; i++) {
            feed_item_free(&full[i]);
        }
    }

    free(full);
    free(set);
    free(e);

    return rc;
}


static int
feed_merge_seq(const void *one, const void *two)
{
    const feed_item_t  *a, *b;

    a = one;
    b = two;

    return a->order < b->order ? -1 : (a->order > b->order);
}


/* an open-addressing set of URLs for n of them, never more than half full */

static const char **
feed_merge_set(size_t n, size_t *size)
{
    *size = 2;

    while (*size < 2 * n) {
        *size *= 2;
    }

    return calloc(*size, sizeof(const char *));
}


/* the slot of url in set: where it is, or where it would go */

static const char **
feed_merge_slot(const char **set, size_t size, const char *url)
{
    size_t  slot;

    slot = feed_hash(url, strlen(url), 0) & (size - 1);

    while (set[slot] && strcmp(set[slot], url) != 0) {
        slot = (slot + 1) & (size - 1);
    }

    return &set[slot];
}
