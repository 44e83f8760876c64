
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_WRITE_H_INCLUDED_
#define _FEED_WRITE_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * What the three feed writers share: one text cleaning step with the
 * escaping of each output context, and the decisions every format makes
 * the same way (which items are written, their ids, their dates).
 *
 * Cleaning: invalid UTF-8 (stray continuation bytes, overlong forms,
 * truncated sequences, code points above U+10FFFF) becomes U+FFFD, one
 * per maximal ill-formed subsequence; characters XML 1.0 forbids or
 * discourages are removed: the C0 controls except TAB, LF and CR, DEL
 * and the C1 controls, UTF-16 surrogates encoded in UTF-8, U+FFFE and
 * U+FFFF.  The result is valid UTF-8 that is well-formed in any XML text
 * or attribute and in any JSON string, whatever the input bytes.
 */

#define FEED_ESC_NONE    0   /* cleaning only */
#define FEED_ESC_XML     1   /* XML character data: &amp; &lt; &gt; */
#define FEED_ESC_PLAIN   2   /* RSS plain text: &#x26; &#x3C; &#x3E;, as the
                                RSS Best Practices Profile recommends */
#define FEED_ESC_HTML    3   /* plain text as HTML inside XML character
                                data (an RSS description from text):
                                "<" becomes "&amp;lt;" */
#define FEED_ESC_ATTR    4   /* an XML attribute value in double quotes:
                                also &quot; &#9; &#10; &#13; */
#define FEED_ESC_JSON    5   /* the inside of a JSON string: \" \\ \n \r
                                \t, and \u003c \u003e \u2028 \u2029 so
                                that no "<" reaches the output */

/* "urn:uuid:" and 36 characters */
#define FEED_WRITE_UUID_LEN   45

/* the longest title made from a summary, in characters */
#define FEED_WRITE_CUT_CHARS  80
#define FEED_WRITE_CUT_SIZE   (FEED_WRITE_CUT_CHARS * 4 + 4)


typedef struct {
    const char      *id;          /* NUL-terminated, never NULL */
    unsigned         permalink:1; /* the id is the item's URL */
    char             buf[FEED_WRITE_UUID_LEN + 1];
} feed_write_id_t;


#define feed_write_lit(b, s)  feed_buf_add(b, s, sizeof(s) - 1)


/*
 * Writes s (len bytes, or up to its NUL; NULL writes nothing), cleaned
 * and escaped for the context esc.
 */
void feed_write_text(feed_buf_t *b, const char *s, size_t len, int esc);
void feed_write_str(feed_buf_t *b, const char *s, int esc);

/*
 * Writes again the len bytes written at pos: a string written twice the
 * same way (an item's link and its guid) is cleaned and escaped once.
 */
void feed_write_again(feed_buf_t *b, size_t pos, size_t len);

/*
 * before, s cleaned and escaped, after: an element in one call.  Inline,
 * so that the lengths of the literals before and after are known when
 * it is compiled and their copies need no call.
 */

static inline void
feed_write_wrap(feed_buf_t *b, const char *before, const char *s, int esc,
    const char *after)
{
    feed_buf_add_str(b, before);
    feed_write_str(b, s, esc);
    feed_buf_add_str(b, after);
}


/*
 * before, s as it is, after: for the text the writers make themselves
 * that needs neither cleaning nor escaping, such as the dates of
 * feed_date.h (ASCII, years 1 to 9999).
 */

static inline void
feed_write_raw(feed_buf_t *b, const char *before, const char *s, size_t len,
    const char *after)
{
    feed_buf_add_str(b, before);
    feed_buf_add(b, s, len);
    feed_buf_add_str(b, after);
}


/* at least one character other than white space survives cleaning */
int feed_write_has_text(const char *s);

/* an absolute http or https URL */
int feed_write_is_url(const char *s);

/* an absolute IRI (RFC 3987) that cleaning leaves unchanged */
int feed_write_is_iri(const char *s);

/* a language tag of RFC 5646's shape: "en", "pt-BR", "zh-Hant-TW" */
int feed_write_is_lang(const char *s);

/*
 * A title cut from a longer text: white space collapsed, at most
 * FEED_WRITE_CUT_CHARS characters, cut at a word boundary when one is
 * near, and an ellipsis (U+2026) when cut.  With html, s is an HTML
 * fragment: tags are dropped (block-level ones read as a space) and
 * numeric and the basic named character references are decoded.  buf
 * holds FEED_WRITE_CUT_SIZE bytes; returns the length written
 * (NUL-terminated).  The result still needs cleaning on output.
 */
size_t feed_write_cut(char *buf, const char *s, int html);

/* "urn:uuid:..." made from a hash of the bytes; buf holds 46 bytes */
size_t feed_write_uuid(char *buf, const void *data, size_t len);

/*
 * An item is written when it has a title, a summary or content; the
 * merge drops the others before it counts the items kept.
 */
int feed_write_item_ok(const feed_item_t *item);

/* the date an item is sorted and dated by: published, else updated */
const feed_date_t *feed_write_item_date(const feed_item_t *item);

/*
 * The item's id.  iri == 0 (RSS guid, JSON Feed id): the item's id, else
 * its URL, else a urn:uuid hashed from its content.  iri == 1 (Atom):
 * the same, but an id or URL that is not an absolute IRI is replaced by
 * a urn:uuid hashed from it.  The result points into the item or into id.
 *
 * The urn:uuid of a string is made of xxHash64 (feed_hash.h) of its bytes
 * with the seeds 0x6e67785f66656564 and 0x666565645f677569, as the 16
 * big-endian bytes of the two hashes with the RFC 9562 version 8 and
 * variant bits set.  An item's content hash is the same over the item's
 * title, summary, content and author, each as a 64-bit little-endian
 * length + 1 (0 when absent) then its bytes, and the published time as a
 * 64-bit little-endian number (0 when undated).
 */
void feed_write_item_id(feed_write_id_t *id, const feed_item_t *item,
    int iri);

/* the newest date among the items written, else the build date */
int64_t feed_write_newest(const feed_channel_t *ch);

/* the channel title, else the home URL, else "" */
const char *feed_write_title(const feed_channel_t *ch);

/*
 * Reserves room for a guess at the output's size (within the buffer's
 * max), so that the buffer grows once.
 */
void feed_write_reserve(feed_buf_t *b, const feed_channel_t *ch);


#endif /* _FEED_WRITE_H_INCLUDED_ */
