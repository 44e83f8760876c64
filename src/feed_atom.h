
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_ATOM_H_INCLUDED_
#define _FEED_ATOM_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * Appends the channel as an Atom 1.0 feed document (RFC 4287) to out:
 *
 *   feed: id (the self URL, else the home URL, when it is an absolute
 *   IRI; else a urn:uuid hashed from the title), title (else the home
 *   URL), subtitle (the description), updated (the newest item date,
 *   else ch->build_date), link rel="self" and rel="alternate", xml:lang
 *   (when it is a valid language tag), generator, and an author (the
 *   site: its title and home URL) whenever an entry has no author of
 *   its own or there is no entry, as RFC 4287 section 4.1.1 requires;
 *
 *   entry: id (the item's id when it is an absolute IRI, else a urn:uuid
 *   hashed from it; else the URL; else a urn:uuid hashed from the item),
 *   title (else a cut of the summary or of the content's text, since
 *   atom:title is required), updated (updated, else published, else the
 *   feed's updated), published, link rel="alternate", author (name: the
 *   author's name, else URL; uri), a category term per category, summary
 *   (text), content type="html".  An entry with neither content nor link
 *   gets its summary as content type="text" (section 4.1.1.1).
 *
 * Items with neither a title, a summary nor content are left out.  Text
 * is cleaned and escaped; the output depends only on ch.  Returns FEED_OK,
 * or FEED_ERROR when out failed.
 */

int feed_write_atom(feed_buf_t *out, const feed_channel_t *ch);


#endif /* _FEED_ATOM_H_INCLUDED_ */
