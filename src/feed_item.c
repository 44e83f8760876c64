
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>

#include "feed_item.h"


feed_item_t *
feed_items_push(feed_items_t *items)
{
    size_t        n;
    feed_item_t  *elts, *item;

    if (items->nelts == items->nalloc) {
        n = items->nalloc ? items->nalloc * 2 : 16;

        elts = realloc(items->elts, n * sizeof(feed_item_t));
        if (elts == NULL) {
            return NULL;
        }

        items->elts = elts;
        items->nalloc = n;
    }

    item = &items->elts[items->nelts++];
    memset(item, 0, sizeof(feed_item_t));

    return item;
}


void
feed_item_free(feed_item_t *item)
{
    size_t  i;

    free(item->title);
    free(item->url);
    free(item->id);
    free(item->summary);
    free(item->content);
    free(item->author);
    free(item->author_url);
    free(item->photo);

    for (i = 0; i < item->ncategories; i++) {
        free(item->categories[i]);
    }

    free(item->categories);

    memset(item, 0, sizeof(feed_item_t));
}


void
feed_items_free(feed_items_t *items)
{
    size_t  i;

    for (i = 0; i < items->nelts; i++) {
        feed_item_free(&items->elts[i]);
    }

    free(items->elts);

    items->elts = NULL;
    items->nelts = 0;
    items->nalloc = 0;
}


void
feed_page_free(feed_page_t *page)
{
    free(page->title);
    free(page->description);
    free(page->lang);

    feed_items_free(&page->items);

    page->title = NULL;
    page->description = NULL;
    page->lang = NULL;
}
