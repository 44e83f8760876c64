
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_JSON_H_INCLUDED_
#define _FEED_JSON_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * Appends the channel as a JSON Feed 1.1 document (jsonfeed.org) to out:
 *
 *   feed: version, title (else the home URL), home_page_url, feed_url,
 *   description, language (when it is a valid language tag);
 *
 *   item: id (the item's id, else its URL, else a urn:uuid hashed from
 *   the item), url, title, content_html (the content) or else
 *   content_text (the summary, or "" so that one of the two is always
 *   there), summary (when content_html is), image (the photo),
 *   date_published and date_modified (RFC 3339, UTC), authors [{ name,
 *   url }], tags.
 *
 * Items with neither a title, a summary nor content are left out.
 * Strings are cleaned and escaped; "<", ">", U+2028 and U+2029 are
 * written as \u escapes, so no "<" appears anywhere in the output and a
 * browser can never take it for HTML.  The output depends only on ch.
 * Returns FEED_OK, or FEED_ERROR when out failed.
 */

int feed_write_json(feed_buf_t *out, const feed_channel_t *ch);


#endif /* _FEED_JSON_H_INCLUDED_ */
