
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_MERGE_H_INCLUDED_
#define _FEED_MERGE_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * Merges the items of several pages into one list, moving them (no copy):
 *
 *   - items with neither a title, a summary nor content are dropped (no
 *     writer could show them: see feed_write_item_ok());
 *   - dated items come first, newest first, by their published date, or
 *     by their updated date when they have no published one;
 *   - undated items follow in document order: page order, then position
 *     in the page; items with the same date keep document order too, so
 *     the result never depends on the sort algorithm;
 *   - an item whose URL was already taken by an earlier item of that
 *     order is dropped (items without a URL are all kept);
 *   - at most max items are kept.
 *
 * out must be empty ({ NULL, 0, 0 }).  On FEED_OK the kept items are in
 * out, owned by it (free it with feed_items_free()), and every page's item
 * list is empty: the items not kept have been freed.  The pages' other
 * fields (title, description, lang) stay.  On FEED_ERROR (no memory)
 * nothing has moved and out is still empty.
 */

int feed_merge(feed_items_t *out, feed_page_t *pages, size_t npages,
    size_t max);


/*
 * Fills the full item of index i of a page (a fresh, zeroed item):
 * FEED_OK, or FEED_ERROR when out of memory.
 */
typedef int (*feed_merge_fill_pt)(void *data, size_t i, feed_item_t *item);

/*
 * A page whose items are costly to read in full keeps only those that
 * feed_merge() could take when it keeps at most max (max > 0): items
 * holds the page's items in document order, read only as far as the
 * merge sorts them (their dates).  In the merge's order, items are read
 * in full by fill and kept when they have something to show and a URL
 * no item kept has, until max are kept.  Whatever the other pages hold,
 * the merge then takes the same items as from the whole page.  On
 * FEED_OK items holds the kept items, in full and in document order; on
 * FEED_ERROR it is empty.
 */
int feed_merge_choose(feed_items_t *items, size_t max, feed_merge_fill_pt fill,
    void *data);


#endif /* _FEED_MERGE_H_INCLUDED_ */
