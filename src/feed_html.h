
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_HTML_H_INCLUDED_
#define _FEED_HTML_H_INCLUDED_


#include <libxml/tree.h>

#include "feed_core.h"


/*
 * The HTML tree builder of the microformats2 path: a UTF-8 page in, a
 * document out, built of libxml2's node structures (xmlDoc, xmlNode,
 * xmlAttr) so that the extractor walks it as it walks a tree of
 * libxml2's own parser, but allocated in one arena and freed at once
 * with feed_html_free(), never with xmlFreeDoc().  It is several times
 * faster than libxml2's HTML parser, whose cost is mostly in allocating
 * and freeing nodes and strings one by one, and it follows the HTML
 * standard where libxml2 2.9 follows HTML 4: HTML5 elements, void
 * elements, the named character references of the standard.  Of a node
 * (and an attribute) only the fields the extractor reads are set: type,
 * name, children, last, parent, next, prev, doc, content and
 * properties; _private, ns, nsDef, psvi, line and extra are not.
 *
 * Tokenising follows the standard (section 13.2.5): tags, attributes
 * (lower-cased names, the first of duplicates kept), character
 * references in text and attribute values, comments, doctypes, bogus
 * comments, raw text (script, style, xmp, iframe, noembed, noframes),
 * escapable raw text (title, textarea), plaintext, and in svg and math
 * self-closing tags and CDATA sections.  Tree construction follows the
 * standard in these parts:
 *
 *   - the implied html, head and body elements, with head content
 *     (meta, link, title, style, script...) before the first body
 *     content going into head; a later <html> or <body> adds its
 *     attributes;
 *   - void elements; an open p closed by a block start tag; li, dd,
 *     dt, option, headings, table cells and rows closing their open
 *     siblings; cells, rows and other table parts outside a table
 *     ignored;
 *   - an end tag closes the matching element in scope and everything
 *     open inside it, and is ignored when nothing matches;
 *   - the list of active formatting elements: a formatting element
 *     (<b>, <a>, <font>...) closed by the end of a block around it is
 *     reopened before the next text or inline element, and cells,
 *     captions and objects bound it;
 *   - svg and math content, left by an HTML element or end tag.
 *
 * Where the standard would do more, and only misnested markup shows
 * it: a formatting end tag (</b>, </a>) with a block open inside its
 * element is ignored, where the adoption agency would split the
 * element; a second <a> with a block between the two leaves the first
 * open; no foster parenting in tables and no implied tbody; no quirks
 * mode (<table> always closes an open p); no form element pointer; no
 * HTML integration points inside svg and math; template contents are
 * ordinary children; the first newline of a pre, listing or textarea
 * is kept, as libxml2 kept it.
 *
 * Comments and doctypes make no nodes.  Elements nested more than
 * max_depth deep in head or body are not created: their text goes to the
 * deepest element kept.  A page that would make more than
 * FEED_HTML_MAX_NODES nodes is cut there.
 *
 * The input is UTF-8 with no NUL byte and LF line ends (feed_extract()
 * decodes it so).
 */


#define FEED_HTML_MAX_NODES  (1024 * 1024)


/* NULL when out of memory */
xmlDoc *feed_html_parse(const feed_uchar_t *p, size_t len, size_t max_depth);

void feed_html_free(xmlDoc *doc);


/*
 * The named character reference of len bytes at name (no "&", no ";"):
 * 0 when there is none, FEED_HTML_NAMED for one recognised only with its
 * semicolon, FEED_HTML_LEGACY for one recognised without it too; its one
 * or two code points in cp (cp[1] is 0 for one).
 */

#define FEED_HTML_NAMED      1
#define FEED_HTML_LEGACY     2

int feed_html_entity(const feed_uchar_t *name, size_t len, uint32_t cp[2]);


#endif /* _FEED_HTML_H_INCLUDED_ */
