
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


static int feed_merge_cmp(const void *one, const void *two);


int
feed_merge(feed_items_t *out, feed_page_t *pages, size_t npages, size_t max)
{
    size_t               i, j, n, total, limit, kept, size, slot;
    const char         **set;
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
        qsort(e, n, sizeof(feed_merge_entry_t), feed_merge_cmp);
    }

    limit = n < max ? n : max;

    /* an open-addressing set of the URLs kept, never more than half full */

    size = 2;

    while (size < 2 * limit) {
        size *= 2;
    }

    elts = NULL;
    set = calloc(size, sizeof(const char *));

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
            slot = feed_hash(item->url, strlen(item->url), 0) & (size - 1);

            while (set[slot] && strcmp(set[slot], item->url) != 0) {
                slot = (slot + 1) & (size - 1);
            }

            if (set[slot]) {
                continue;
            }

            set[slot] = item->url;
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
