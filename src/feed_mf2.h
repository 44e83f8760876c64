
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_MF2_H_INCLUDED_
#define _FEED_MF2_H_INCLUDED_


#include <libxml/tree.h>

#include "feed_core.h"
#include "feed_item.h"
#include "feed_sanitize.h"


/*
 * microformats2 h-entry items of a parsed HTML page, following the
 * parsing specification (microformats.org/wiki/microformats2-parsing)
 * as mf2py 1.1.2, the reference parser Debian ships, reads it: root
 * classes h-*, properties p-*, u-*, dt-*, e-*, the value class pattern,
 * the implied name, photo and url, and the backward compatible classes
 * of microformats 1 (hentry, hfeed, vcard...).
 *
 * Items are the h-entry microformats at the top level of the page or
 * children (not properties) of an h-feed at the top level or of another
 * such h-feed.  An h-entry nested inside an h-entry or any other
 * microformat (a comment, an h-cite) is not an item, and its properties
 * stay its own.
 *
 * Item fields: title from the first "name" (explicit, else implied),
 * url from "url" (else implied), id from "uid", published and updated
 * from the dt- properties, summary, content from e-content (sanitised
 * HTML), author and author_url from "author" (the name and url of an
 * h-card, or the text; a u-author gives author_url), photo from "photo"
 * (else implied), categories from the p-category values (and the rel=tag
 * links of an hentry); u-category values, which are people or URLs, are
 * not categories.  Where mf2py keeps every value of a property, an item
 * keeps the first, and at most FEED_MF2_MAX_CATEGORIES categories out
 * of the first 4 * FEED_MF2_MAX_CATEGORIES values.
 */


#define FEED_MF2_MAX_CATEGORIES  64

/* plain text fields (title, summary, author, category) */
#define FEED_MF2_MAX_TEXT        (64 * 1024)

/* content, sanitised HTML */
#define FEED_MF2_MAX_CONTENT     (256 * 1024)


/*
 * Appends the items found under root (the document element) to items,
 * until items holds max.  With keep (not 0), only the items feed_merge()
 * could take when it keeps keep items, which are read in full; the other
 * entries are read only for their dates (see
 * feed_merge_choose()).  FEED_ERROR only when an allocation failed.
 */
int feed_mf2_items(feed_sanitize_t *s, xmlNode *root, feed_items_t *items,
    size_t max, size_t keep);

/*
 * Adds v to the item's categories, cleaned and stripped, unless it is
 * empty, already there, or the item has FEED_MF2_MAX_CATEGORIES.
 */
void feed_mf2_category(feed_sanitize_t *s, feed_item_t *item,
    const char *v);

/* the implied name and url of an element, as for an h-* root */
char *feed_mf2_implied_name(feed_sanitize_t *s, xmlNode *node);
char *feed_mf2_implied_url(feed_sanitize_t *s, xmlNode *node);

/*
 * An element's value as a p-*, u-* or dt-* property has it: the value
 * class pattern, then title, value, alt, href, src, datetime... as the
 * element's name says, else its text.  The url is resolved, not checked;
 * the date is normalised for feed_mf2_date().
 */
char *feed_mf2_text_value(feed_sanitize_t *s, xmlNode *node);
char *feed_mf2_url_value(feed_sanitize_t *s, xmlNode *node);
char *feed_mf2_date_value(feed_sanitize_t *s, xmlNode *node);

/*
 * A dt- value as mf2py normalises it (12-hour times, a lone time with
 * the date of an earlier value...), parsed by feed_date_parse().
 */
int feed_mf2_date(const char *value, feed_date_t *d);


#endif /* _FEED_MF2_H_INCLUDED_ */
