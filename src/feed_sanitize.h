
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_SANITIZE_H_INCLUDED_
#define _FEED_SANITIZE_H_INCLUDED_


#include <libxml/tree.h>

#include "feed_core.h"
#include "feed_url.h"


/*
 * Feed-safe output from a parsed HTML tree (libxml2's HTML parser):
 * plain text read the way microformats2 parsers read it, and HTML
 * fragments restricted to an allowlist.  Every string produced here is
 * valid UTF-8 without the characters XML forbids or discourages (C0
 * controls but TAB, LF and CR, DEL, U+FFFE, U+FFFF); the C1 controls
 * U+0080 to U+009F, which only come from references such as &#150;, are
 * read as windows-1252 characters the way HTML reads those references.
 *
 * Walks follow parent pointers, never recursion, so tree depth costs no
 * stack.  Two budgets shared by all the calls made for one page bound
 * the work a hostile page can cause: node visits and output bytes.  A
 * walk that runs out of visits stops where it is; a string that does not
 * fit into the remaining output is not produced.
 */


/* elements nested deeper than this inside content are unwrapped */
#define FEED_SANITIZE_MAX_DEPTH    64

/* URLs longer than this, before or after resolution, are dropped */
#define FEED_SANITIZE_MAX_URL      8192

/* attribute values kept in content (title, alt) are cut at this size */
#define FEED_SANITIZE_MAX_ATTR     4096


/* feed_sanitize_text() flags */

#define FEED_TEXT_IMG_ALT    0x01   /* an <img> reads as its alt */
#define FEED_TEXT_IMG_SRC    0x02   /* ... or, without alt, as its src */
#define FEED_TEXT_RAW        0x04   /* the text nodes as they are, as the
                                       DOM's textContent without script,
                                       style and template */

/* feed_sanitize_string() flags */

#define FEED_STRING_TRIM     0x10   /* white space removed at both ends */
#define FEED_STRING_COLLAPSE 0x20   /* runs of ASCII white space become
                                       one space */
#define FEED_STRING_ESCAPE   0x40   /* HTML-escaped: text for content */


typedef struct {
    const char             *base;      /* absolute URL references resolve
                                          against: <base href> or the
                                          page's */
    const feed_url_base_t  *url;       /* base read once, or NULL */
    size_t                  work;      /* node visits left */
    size_t                  room;      /* output bytes left */
    unsigned                failed:1;  /* an allocation failed */
} feed_sanitize_t;


/*
 * Each function returns a string on malloc() that the caller frees, or
 * NULL when there is nothing (an empty result, an unsafe URL, a budget
 * spent), or when an allocation failed, which also sets s->failed.
 */

/*
 * The HTML of the children of parent, as an allowlist keeps it: see
 * feed_sanitize.c for the elements and attributes.  Relative href, src
 * and cite values are resolved against s->base; unsafe ones are removed.
 * At most max bytes of text and markup, and every element opened is
 * closed, so the result is a well-formed fragment in HTML and XML
 * syntax alike.
 */
char *feed_sanitize_html(feed_sanitize_t *s, xmlNode *parent, size_t max);

/*
 * The text of a node as microformats2 parsers take it (mf2py 1.1.2's
 * get_textContent): script, style and template dropped, runs of white
 * space collapsed, a line break for <br> and before <p>, <pre> kept as
 * is, images replaced as the flags say, white space trimmed.  With
 * FEED_TEXT_RAW: the plain concatenation of the text nodes.
 */
char *feed_sanitize_text(feed_sanitize_t *s, xmlNode *node, unsigned flags,
    size_t max);

/* a string value, such as an attribute's, cleaned */
char *feed_sanitize_string(feed_sanitize_t *s, const xmlChar *p,
    unsigned flags, size_t max);

/*
 * ref resolved against s->base; NULL when it cannot be resolved, is
 * longer than FEED_SANITIZE_MAX_URL or, with check set, is not one of
 * the schemes feed_url_is_safe() accepts.
 */
char *feed_sanitize_url(feed_sanitize_t *s, const xmlChar *ref, int check);

/*
 * Appends p[0..len) to b cleaned as described above, HTML-escaped when
 * escape is set (& < > " '), without letting b->len pass max: the cut
 * falls between characters.  Returns 1 when the whole string went in,
 * 0 when it was cut.
 */
int feed_sanitize_add(feed_buf_t *b, const feed_uchar_t *p, size_t len,
    int escape, size_t max);

/*
 * The value of an attribute of an element: NULL when absent, "" when it
 * has no value.
 */
const xmlChar *feed_sanitize_attr(xmlNode *node, const char *name);

/* whether node is an element named one of the space-separated names */
int feed_sanitize_named(xmlNode *node, const char *names);

/*
 * v without the white space Python's strip() removes at both ends, in
 * place; v freed and NULL when nothing is left.
 */
char *feed_sanitize_strip(char *v);

/*
 * The length of the run of printable ASCII, 0x20 to 0x7e, at the start
 * of p[0..len): the values that need no cleaning.
 */
size_t feed_sanitize_printable(const feed_uchar_t *p, size_t len);

/*
 * The length of the character at p when Python's str.isspace() takes it
 * for white space, else 0; p < last.
 */
size_t feed_sanitize_space(const feed_uchar_t *p, const feed_uchar_t *last);


/*
 * Whether node is an element named name.  Inline, so that with a literal
 * name the first bytes are compared without a call: most elements tested
 * have another name.
 */

static inline int
feed_sanitize_is(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE
           && node->name[0] == (xmlChar) name[0]
           && strcmp((const char *) node->name, name) == 0;
}


#endif /* _FEED_SANITIZE_H_INCLUDED_ */
