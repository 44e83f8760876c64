
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_RSS_H_INCLUDED_
#define _FEED_RSS_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * Appends the channel as an RSS 2.0 document (RSS Advisory Board spec
 * and Best Practices Profile) to out:
 *
 *   channel: title (else the home URL), link (the home URL), description
 *   (else the title), atom:link rel="self", language (when it is a valid
 *   language tag), lastBuildDate (ch->build_date), generator;
 *
 *   item: title, link, description (the content HTML, else the summary
 *   made HTML), dc:creator (the author's name, else URL), a category per
 *   category, guid (the id, else the URL, else a urn:uuid hashed from the
 *   item; isPermaLink="true" only when it is the item's URL), pubDate
 *   (published, else updated).  Items with neither a title nor a
 *   description are left out.
 *
 * Text is cleaned and escaped (plain text with &#x26; &#x3C; &#x3E;, as
 * the profile recommends), dates are RFC 822 with four-digit years, and
 * the output depends only on ch.  Returns FEED_OK, or FEED_ERROR when out
 * failed (no memory, or its max reached).
 */

int feed_write_rss(feed_buf_t *out, const feed_channel_t *ch);


#endif /* _FEED_RSS_H_INCLUDED_ */
