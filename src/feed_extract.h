
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_EXTRACT_H_INCLUDED_
#define _FEED_EXTRACT_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * The extractor: a source page's HTML in, its title, description,
 * language and feed items out.  Items are microformats2 h-entry (see
 * feed_mf2.h) unless the configuration has an item XPath expression
 * (see feed_xpath.h).  The caller calls xmlInitParser() once per
 * process; feed_extract() keeps no state between calls and leaves
 * nothing allocated behind but the page it fills.
 *
 * Parsing: for microformats, the tree builder of feed_html.c, which
 * follows the HTML standard and is several times faster than libxml2;
 * for XPath, libxml2's HTML parser with HTML_PARSE_NONET, NOERROR,
 * NOWARNING, RECOVER and IGNORE_ENC (the page reaches it as UTF-8),
 * without NOBLANKS, which would drop white space between inline
 * elements and so change the text.  libxml2 gives up on a document
 * whose elements nest more than 256 deep and loses the rest of it;
 * in both trees, elements nested deeper than FEED_EXTRACT_MAX_DEPTH are
 * flattened instead: their text stays, their tags go.  For libxml2,
 * embed, source, track, wbr and keygen, void in HTML5 but not to
 * libxml2 2.9, get back the content it nests in them.
 *
 * Character set, the first that applies:
 *
 *   1. the charset parameter of Content-Type, when given and known;
 *   2. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
 *   3. <meta charset> or <meta http-equiv="Content-Type" content=...>
 *      in the first FEED_EXTRACT_PRESCAN bytes, as the HTML standard's
 *      prescan finds them (the bytes read by feed_html.c's tree
 *      builder); a declared UTF-16 means UTF-8 there;
 *   4. UTF-8 when the bytes are valid UTF-8, else windows-1252.
 *
 * The HTML standard would default to windows-1252; valid UTF-8 is far
 * more likely to be meant as UTF-8 today, and any byte string is valid
 * windows-1252.  Labels are read as the WHATWG Encoding Standard reads
 * them (iso-8859-1, latin1 and us-ascii are windows-1252, shift_jis is
 * windows-31j...); other names go to iconv(3) as they are.  An unknown
 * name is skipped, not an error.  The page is decoded with iconv(3)
 * before parsing, so that a byte that does not decode becomes U+FFFD
 * where libxml2's own conversion would stop the parse; NUL bytes, which
 * end libxml2's parse, become U+FFFD too; CR LF and lone CR become LF,
 * as in the HTML standard.
 *
 * URLs resolve against the first <base href> (itself resolved against
 * the page URL, and kept only when http or https), else the page URL.
 *
 * Limits bound the memory and time of a hostile page: the input size,
 * the items per page, a budget of node visits and one of output bytes
 * shared by all fields (when spent, the fields left are empty), and the
 * caps of each field (feed_mf2.h, feed_sanitize.h).
 */


#define FEED_EXTRACT_MAX_INPUT     (64 * 1024 * 1024)
#define FEED_EXTRACT_MAX_ITEMS     1000
#define FEED_EXTRACT_MAX_DEPTH     200
#define FEED_EXTRACT_MAX_WORK      20000000          /* node visits */
#define FEED_EXTRACT_MAX_OUTPUT    (32 * 1024 * 1024) /* bytes */
#define FEED_EXTRACT_MAX_META      4096      /* title, description, bytes */
#define FEED_EXTRACT_PRESCAN       1024


/* where the character set came from */

#define FEED_CHARSET_HEADER        1
#define FEED_CHARSET_BOM           2
#define FEED_CHARSET_META          3
#define FEED_CHARSET_DEFAULT       4


/*
 * Built at configuration time, read-only afterwards, shared by requests.
 */
typedef struct feed_extract_conf_s  feed_extract_conf_t;


feed_extract_conf_t *feed_extract_conf_create(void);

/*
 * feed_item_xpath: compiles expr; FEED_ERROR with what is wrong with it
 * in err.
 */
int feed_extract_conf_set_items(feed_extract_conf_t *c, const char *xpath,
    char *err, size_t errlen);

/*
 * feed_item_field: name is one of title, link, date, summary, content,
 * author, category; a name may be given several expressions, tried in
 * order.  FEED_ERROR with a reason in err for an unknown name or an
 * expression that does not compile.
 */
int feed_extract_conf_add_field(feed_extract_conf_t *c, const char *name,
    const char *xpath, char *err, size_t errlen);

void feed_extract_conf_free(feed_extract_conf_t *c);


/*
 * Fills page (zeroed by the caller, freed by it with feed_page_free()
 * whatever the result) from len bytes of HTML.  conf may be NULL, or
 * without an item expression: microformats2 h-entry.  charset is the
 * Content-Type parameter or NULL; page_url the page's absolute http or
 * https URL.  With max (not 0), a feed keeps at most max items, and a
 * page of more h-entries keeps only those feed_merge() could take; the
 * others are read only for their dates (0: every item).
 * FEED_OK, or FEED_ERROR with a reason for the error log in err: a bad
 * page URL, a page over FEED_EXTRACT_MAX_INPUT, an XPath evaluation that
 * fails, no memory.
 */
int feed_extract(const feed_extract_conf_t *conf, const feed_uchar_t *html,
    size_t len, const char *charset, const char *page_url, size_t max,
    feed_page_t *page, char *err, size_t errlen);


/*
 * The character set feed_extract() reads the page in, as an iconv(3)
 * name written into name (NUL-terminated, at most size bytes), and where
 * it came from: FEED_CHARSET_*.
 */
int feed_extract_charset(const feed_uchar_t *html, size_t len,
    const char *charset, char *name, size_t size);


#endif /* _FEED_EXTRACT_H_INCLUDED_ */
