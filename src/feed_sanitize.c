
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Feed-safe HTML from a parsed HTML tree: the allowlist walk, the URLs of
 * links, images and quotes resolved and checked, and the cleaning every
 * string goes through on its way into a feed.  Plain text and string
 * values are read in feed_text.c.
 */


#include <stdlib.h>

#include "feed_sanitize.h"
#include "feed_sanitize_int.h"
#include "feed_url.h"


/*
 * Content keeps the elements marked FEED_SANITIZE_KEEP, with title, lang
 * and dir and the attributes feed_sanitize_allow() gives each.  Dropped
 * with their content, FEED_SANITIZE_DROP: scripts and styles, embedded
 * documents and plugins, media whose children are only fallbacks or
 * sources, foreign content (svg, math), form controls, template, and
 * what belongs to a head.  Any other element is unwrapped: its content
 * stays, its tag goes; that includes noscript, which holds what a reader
 * without scripts, such as a feed reader, is meant to see, and picture,
 * which leaves its <img>.  FEED_SANITIZE_VOID marks the elements kept
 * without an end tag.
 */

#define FEED_SANITIZE_KEEP  0x01
#define FEED_SANITIZE_DROP  0x02
#define FEED_SANITIZE_VOID  0x04


typedef struct {
    const char          *name;
    unsigned             kind;
} feed_sanitize_elt_t;


/* sorted by name, as strcmp() sorts */

static const feed_sanitize_elt_t  feed_sanitize_elts[] = {
    { "a", FEED_SANITIZE_KEEP },
    { "abbr", FEED_SANITIZE_KEEP },
    { "applet", FEED_SANITIZE_DROP },
    { "audio", FEED_SANITIZE_DROP },
    { "b", FEED_SANITIZE_KEEP },
    { "base", FEED_SANITIZE_DROP },
    { "blockquote", FEED_SANITIZE_KEEP },
    { "br", FEED_SANITIZE_KEEP|FEED_SANITIZE_VOID },
    { "button", FEED_SANITIZE_DROP },
    { "canvas", FEED_SANITIZE_DROP },
    { "caption", FEED_SANITIZE_KEEP },
    { "cite", FEED_SANITIZE_KEEP },
    { "code", FEED_SANITIZE_KEEP },
    { "datalist", FEED_SANITIZE_DROP },
    { "dd", FEED_SANITIZE_KEEP },
    { "del", FEED_SANITIZE_KEEP },
    { "dfn", FEED_SANITIZE_KEEP },
    { "div", FEED_SANITIZE_KEEP },
    { "dl", FEED_SANITIZE_KEEP },
    { "dt", FEED_SANITIZE_KEEP },
    { "em", FEED_SANITIZE_KEEP },
    { "embed", FEED_SANITIZE_DROP },
    { "figcaption", FEED_SANITIZE_KEEP },
    { "figure", FEED_SANITIZE_KEEP },
    { "frame", FEED_SANITIZE_DROP },
    { "frameset", FEED_SANITIZE_DROP },
    { "h1", FEED_SANITIZE_KEEP },
    { "h2", FEED_SANITIZE_KEEP },
    { "h3", FEED_SANITIZE_KEEP },
    { "h4", FEED_SANITIZE_KEEP },
    { "h5", FEED_SANITIZE_KEEP },
    { "h6", FEED_SANITIZE_KEEP },
    { "head", FEED_SANITIZE_DROP },
    { "hr", FEED_SANITIZE_KEEP|FEED_SANITIZE_VOID },
    { "i", FEED_SANITIZE_KEEP },
    { "iframe", FEED_SANITIZE_DROP },
    { "img", FEED_SANITIZE_KEEP|FEED_SANITIZE_VOID },
    { "input", FEED_SANITIZE_DROP },
    { "ins", FEED_SANITIZE_KEEP },
    { "kbd", FEED_SANITIZE_KEEP },
    { "keygen", FEED_SANITIZE_DROP },
    { "li", FEED_SANITIZE_KEEP },
    { "link", FEED_SANITIZE_DROP },
    { "map", FEED_SANITIZE_DROP },
    { "mark", FEED_SANITIZE_KEEP },
    { "math", FEED_SANITIZE_DROP },
    { "meta", FEED_SANITIZE_DROP },
    { "noembed", FEED_SANITIZE_DROP },
    { "noframes", FEED_SANITIZE_DROP },
    { "object", FEED_SANITIZE_DROP },
    { "ol", FEED_SANITIZE_KEEP },
    { "optgroup", FEED_SANITIZE_DROP },
    { "option", FEED_SANITIZE_DROP },
    { "p", FEED_SANITIZE_KEEP },
    { "param", FEED_SANITIZE_DROP },
    { "portal", FEED_SANITIZE_DROP },
    { "pre", FEED_SANITIZE_KEEP },
    { "q", FEED_SANITIZE_KEEP },
    { "s", FEED_SANITIZE_KEEP },
    { "samp", FEED_SANITIZE_KEEP },
    { "script", FEED_SANITIZE_DROP },
    { "select", FEED_SANITIZE_DROP },
    { "small", FEED_SANITIZE_KEEP },
    { "source", FEED_SANITIZE_DROP },
    { "span", FEED_SANITIZE_KEEP },
    { "strong", FEED_SANITIZE_KEEP },
    { "style", FEED_SANITIZE_DROP },
    { "sub", FEED_SANITIZE_KEEP },
    { "sup", FEED_SANITIZE_KEEP },
    { "svg", FEED_SANITIZE_DROP },
    { "table", FEED_SANITIZE_KEEP },
    { "tbody", FEED_SANITIZE_KEEP },
    { "td", FEED_SANITIZE_KEEP },
    { "template", FEED_SANITIZE_DROP },
    { "textarea", FEED_SANITIZE_DROP },
    { "tfoot", FEED_SANITIZE_KEEP },
    { "th", FEED_SANITIZE_KEEP },
    { "thead", FEED_SANITIZE_KEEP },
    { "time", FEED_SANITIZE_KEEP },
    { "title", FEED_SANITIZE_DROP },
    { "tr", FEED_SANITIZE_KEEP },
    { "track", FEED_SANITIZE_DROP },
    { "u", FEED_SANITIZE_KEEP },
    { "ul", FEED_SANITIZE_KEEP },
    { "var", FEED_SANITIZE_KEEP },
    { "video", FEED_SANITIZE_DROP }
};


#define FEED_AT_HREF      0x01
#define FEED_AT_SRC       0x02
#define FEED_AT_CITE      0x04
#define FEED_AT_ALT       0x08
#define FEED_AT_DATETIME  0x10
#define FEED_AT_SIZE      0x20      /* width, height */
#define FEED_AT_SPAN      0x40      /* colspan, rowspan */

/* Python's str.isspace() for an ASCII character */
#define feed_sanitize_ascii_space(c)                                          \
    (((c) >= 0x09 && (c) <= 0x0d) || ((c) >= 0x1c && (c) <= 0x20))

/* room kept for the end tags of a fragment cut short */
#define FEED_SANITIZE_RESERVE  (FEED_SANITIZE_MAX_DEPTH * 16)


static unsigned feed_sanitize_kind(const char *name);
static int feed_sanitize_open(feed_sanitize_t *s, feed_buf_t *b,
    xmlNode *node, unsigned kind, size_t limit);
static unsigned feed_sanitize_allow(const char *name);
static int feed_sanitize_attrs(feed_sanitize_t *s, feed_buf_t *b,
    xmlNode *node, unsigned allow);
static void feed_sanitize_close(feed_buf_t *b, xmlNode *node);
static int feed_sanitize_in(const char *list, const char *name);
static int feed_sanitize_digits(const xmlChar *p, size_t max);
static const xmlChar *feed_sanitize_value(xmlAttr *a);
static int feed_sanitize_resolve(feed_sanitize_t *s, feed_buf_t *b,
    const xmlChar *ref, int check);
static size_t feed_sanitize_utf8(const feed_uchar_t *p,
    const feed_uchar_t *last, uint32_t *u);


char *
feed_sanitize_html(feed_sanitize_t *s, xmlNode *parent, size_t max)
{
    int            rc, depth;
    size_t         limit, off;
    xmlNode       *node;
    unsigned       kind;
    feed_buf_t     b;
    unsigned char  open[FEED_SANITIZE_MAX_DEPTH + 1];

    if (parent == NULL || parent->children == NULL) {
        return NULL;
    }

    feed_buf_init(&b, 0);

    limit = (max > 2 * FEED_SANITIZE_RESERVE) ? max - FEED_SANITIZE_RESERVE
                                               : max / 2;
    node = parent->children;
    depth = 1;

    while (s->work) {

        s->work--;
        rc = 0;

        if (node->type == XML_TEXT_NODE && node->content) {
            if (!feed_sanitize_add(&b, node->content,
                                   strlen((char *) node->content), 1, limit))
            {
                break;
            }

        } else if (node->type == XML_ELEMENT_NODE) {
            kind = feed_sanitize_kind((const char *) node->name);

            if (kind & FEED_SANITIZE_DROP) {
                goto next;
            }

            if (depth <= FEED_SANITIZE_MAX_DEPTH
                && (kind & FEED_SANITIZE_KEEP))
            {
                rc = feed_sanitize_open(s, &b, node, kind, limit);

                if (rc == FEED_ERROR) {
                    break;
                }
            }

            if (node->children && !(kind & FEED_SANITIZE_VOID)) {
                if (depth <= FEED_SANITIZE_MAX_DEPTH) {
                    open[depth] = (unsigned char) rc;
                }

                node = node->children;
                depth++;
                continue;
            }

            if (rc && !(kind & FEED_SANITIZE_VOID)) {
                feed_sanitize_close(&b, node);
            }
        }

    next:

        while (node->next == NULL) {
            node = node->parent;
            depth--;

            if (node == parent) {
                goto done;
            }

            if (depth <= FEED_SANITIZE_MAX_DEPTH && open[depth]) {
                feed_sanitize_close(&b, node);
            }
        }

        node = node->next;
    }

    /* cut short: close what is open around node */

    for (node = node->parent, depth--; node != parent;
         node = node->parent, depth--)
    {
        if (depth <= FEED_SANITIZE_MAX_DEPTH && open[depth]) {
            feed_sanitize_close(&b, node);
        }
    }

done:

    if (b.len) {
        b.len = feed_sanitize_trim(b.data, b.len, &off);
        memmove(b.data, b.data + off, b.len);
    }

    return feed_sanitize_result(s, &b);
}


/* the FEED_SANITIZE_* marks of an element, 0 for one unwrapped */

static unsigned
feed_sanitize_kind(const char *name)
{
    int     rc;
    size_t  lo, hi, mid;

    lo = 0;
    hi = sizeof(feed_sanitize_elts) / sizeof(feed_sanitize_elt_t);

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;

        /* most steps are told by the first byte, without a call */

        rc = (unsigned char) name[0]
             - (unsigned char) feed_sanitize_elts[mid].name[0];

        if (rc == 0) {
            rc = strcmp(name, feed_sanitize_elts[mid].name);
        }

        if (rc == 0) {
            return feed_sanitize_elts[mid].kind;
        }

        if (rc < 0) {
            hi = mid;

        } else {
            lo = mid + 1;
        }
    }

    return 0;
}


/*
 * Writes the start tag of a kept element: 1 when written, 0 when the
 * element is unwrapped (an <a> without a safe href; an <img> without a
 * safe src leaves its alt as text), FEED_ERROR when out of room.
 */

static int
feed_sanitize_open(feed_sanitize_t *s, feed_buf_t *b, xmlNode *node,
    unsigned kind, size_t limit)
{
    int             rc;
    size_t          len;
    unsigned        allow;
    feed_buf_t      url;
    const char     *name;
    const xmlChar  *alt;

    name = (const char *) node->name;
    allow = feed_sanitize_allow(name);
    len = b->len;

    feed_buf_init(&url, 0);

    if (allow & (FEED_AT_HREF|FEED_AT_SRC)) {
        rc = feed_sanitize_resolve(s, &url, feed_sanitize_attr(node,
                                   (allow & FEED_AT_HREF) ? "href" : "src"),
                                   1);
        if (rc != FEED_OK) {
            feed_buf_free(&url);

            alt = (allow & FEED_AT_SRC) ? feed_sanitize_attr(node, "alt")
                                        : NULL;

            if (rc == FEED_ERROR
                || (alt && !feed_sanitize_add(b, alt,
                                              strlen((const char *) alt), 1,
                                              limit)))
            {
                return FEED_ERROR;
            }

            return 0;
        }
    }

    feed_buf_add_byte(b, '<');
    feed_buf_add_str(b, name);

    if (url.len) {
        feed_buf_add_str(b, (allow & FEED_AT_HREF) ? " href=\"" : " src=\"");
        feed_sanitize_add(b, url.data, url.len, 1, (size_t) -1);
        feed_buf_add_byte(b, '"');
    }

    feed_buf_free(&url);

    rc = feed_sanitize_attrs(s, b, node, allow);

    feed_buf_add_str(b, (kind & FEED_SANITIZE_VOID) ? " />" : ">");

    if (rc != FEED_OK || b->failed || b->len > limit) {
        b->len = len;
        return FEED_ERROR;
    }

    return 1;
}


/* the attributes an element keeps besides title, lang and dir */

static unsigned
feed_sanitize_allow(const char *name)
{
    switch (name[0]) {

    case 'a':
        return (name[1] == '\0') ? FEED_AT_HREF : 0;

    case 'b':
        return (strcmp(name, "blockquote") == 0) ? FEED_AT_CITE : 0;

    case 'd':
        return (strcmp(name, "del") == 0) ? FEED_AT_CITE|FEED_AT_DATETIME : 0;

    case 'i':
        return (strcmp(name, "img") == 0)
               ? FEED_AT_SRC|FEED_AT_ALT|FEED_AT_SIZE
               : (strcmp(name, "ins") == 0)
               ? FEED_AT_CITE|FEED_AT_DATETIME : 0;

    case 'q':
        return (name[1] == '\0') ? FEED_AT_CITE : 0;

    case 't':
        return (strcmp(name, "time") == 0) ? FEED_AT_DATETIME
               : (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
               ? FEED_AT_SPAN : 0;

    default:
        return 0;
    }
}


static int
feed_sanitize_attrs(feed_sanitize_t *s, feed_buf_t *b, xmlNode *node,
    unsigned allow)
{
    size_t          len;
    xmlAttr        *a;
    unsigned        at;
    feed_buf_t      cite;
    const char     *name;
    const xmlChar  *v;

    for (a = node->properties; a; a = a->next) {

        name = (const char *) a->name;
        v = feed_sanitize_value(a);

        at = feed_sanitize_in(" title lang ", name) ? 0
             : feed_sanitize_in(" dir ", name) ? 1
             : strcmp(name, "alt") == 0 ? FEED_AT_ALT
             : strcmp(name, "datetime") == 0 ? FEED_AT_DATETIME
             : feed_sanitize_in(" width height ", name) ? FEED_AT_SIZE
             : feed_sanitize_in(" colspan rowspan ", name) ? FEED_AT_SPAN
             : strcmp(name, "cite") == 0 ? FEED_AT_CITE : 0x80;

        if ((at > 1 && !(at & allow))
            || (at == 1 && !feed_sanitize_in(" ltr rtl auto ", (char *) v))
            || (at == FEED_AT_SIZE && !feed_sanitize_digits(v, 5))
            || (at == FEED_AT_SPAN && !feed_sanitize_digits(v, 4)))
        {
            continue;
        }

        len = b->len;

        feed_buf_add_byte(b, ' ');
        feed_buf_add_str(b, name);
        feed_buf_add_str(b, "=\"");

        if (at == FEED_AT_CITE) {
            feed_buf_init(&cite, 0);

            if (feed_sanitize_resolve(s, &cite, v, 1) != FEED_OK) {
                feed_buf_free(&cite);
                b->len = len;
                continue;
            }

            feed_sanitize_add(b, cite.data, cite.len, 1, (size_t) -1);
            feed_buf_free(&cite);

        } else {
            feed_sanitize_add(b, v, strlen((char *) v), 1,
                              b->len + FEED_SANITIZE_MAX_ATTR);
        }

        feed_buf_add_byte(b, '"');
    }

    return b->failed ? FEED_ERROR : FEED_OK;
}


static void
feed_sanitize_close(feed_buf_t *b, xmlNode *node)
{
    feed_buf_add_str(b, "</");
    feed_buf_add_str(b, (const char *) node->name);
    feed_buf_add_byte(b, '>');
}


int
feed_sanitize_named(xmlNode *node, const char *names)
{
    if (node->type != XML_ELEMENT_NODE) {
        return 0;
    }

    return feed_sanitize_in(names, (const char *) node->name);
}


/* whether name is one of the words of list, which spaces separate */

static int
feed_sanitize_in(const char *list, const char *name)
{
    const char  *p, *q;

    p = list;

    for ( ;; ) {

        while (*p == ' ') {
            p++;
        }

        if (*p == '\0') {
            return 0;
        }

        for (q = name; *p != ' ' && *p != '\0' && *p == *q; p++, q++) {
            /* void */
        }

        if (*q == '\0' && (*p == ' ' || *p == '\0')) {
            return 1;
        }

        while (*p != ' ' && *p != '\0') {
            p++;
        }
    }
}


static int
feed_sanitize_digits(const xmlChar *p, size_t max)
{
    size_t  n;

    for (n = 0; p[n]; n++) {
        if (p[n] < '0' || p[n] > '9' || n == max) {
            return 0;
        }
    }

    return n > 0;
}


const xmlChar *
feed_sanitize_attr(xmlNode *node, const char *name)
{
    xmlAttr  *a;

    if (node == NULL || node->type != XML_ELEMENT_NODE) {
        return NULL;
    }

    for (a = node->properties; a; a = a->next) {
        if (a->name[0] == (xmlChar) name[0]
            && strcmp((const char *) a->name, name) == 0)
        {
            return feed_sanitize_value(a);
        }
    }

    return NULL;
}


/* the HTML parser gives an attribute one text child, or none */

static const xmlChar *
feed_sanitize_value(xmlAttr *a)
{
    if (a->children && a->children->type == XML_TEXT_NODE
        && a->children->content)
    {
        return a->children->content;
    }

    return (const xmlChar *) "";
}


char *
feed_sanitize_url(feed_sanitize_t *s, const xmlChar *ref, int check)
{
    feed_buf_t  b;

    feed_buf_init(&b, 0);

    if (feed_sanitize_resolve(s, &b, ref, check) != FEED_OK) {
        feed_buf_free(&b);
        return NULL;
    }

    return feed_sanitize_result(s, &b);
}


/* appends ref resolved: FEED_DECLINED when it is refused */

static int
feed_sanitize_resolve(feed_sanitize_t *s, feed_buf_t *b, const xmlChar *ref,
    int check)
{
    int     rc;
    size_t  len, start;

    if (ref == NULL) {
        return FEED_DECLINED;
    }

    len = strlen((const char *) ref);

    if (len > FEED_SANITIZE_MAX_URL
        || (check && !feed_url_is_safe(ref, len)))
    {
        return FEED_DECLINED;
    }

    start = b->len;

    rc = s->url ? feed_url_resolve_base(b, s->url, ref, len)
                : feed_url_resolve(b, (const feed_uchar_t *) s->base,
                                   strlen(s->base), ref, len);

    if (rc != FEED_OK) {
        if (b->failed) {
            s->failed = 1;
            return FEED_ERROR;
        }

        b->len = start;
        return FEED_DECLINED;
    }

    if (b->len - start > FEED_SANITIZE_MAX_URL) {
        b->len = start;
        return FEED_DECLINED;
    }

    return FEED_OK;
}


size_t
feed_sanitize_printable(const feed_uchar_t *p, size_t len)
{
    size_t    i;
    uint64_t  w;

    /*
     * Eight bytes at a time while all are printable: a byte below 0x20
     * sets its high bit in w - 0x20..., one of 0x7f in w + 0x01..., and
     * one above in w itself.  A borrow or a carry only comes from a byte
     * below that is not printable, which shows itself.
     */

    for (i = 0; len - i >= 8; i += 8) {
        memcpy(&w, p + i, 8);

        if (((w - 0x2020202020202020ULL) | (w + 0x0101010101010101ULL) | w)
            & 0x8080808080808080ULL)
        {
            break;
        }
    }

    while (i < len && p[i] >= 0x20 && p[i] < 0x7f) {
        i++;
    }

    return i;
}


/*
 * The length of p without the white space Python's strip() removes at
 * both ends, and in *off how much there is at the start.
 */

size_t
feed_sanitize_trim(feed_uchar_t *p, size_t len, size_t *off)
{
    size_t         sp;
    feed_uchar_t  *q, *start, *last;

    start = p;
    last = p + len;

    /* ASCII, nearly always, is told here without a call */

    while (p < last) {

        if (*p < 0x80) {
            if (!feed_sanitize_ascii_space(*p)) {
                break;
            }

            p++;
            continue;
        }

        sp = feed_sanitize_space(p, last);

        if (sp == 0) {
            break;
        }

        p += sp;
    }

    while (last > p) {

        if (last[-1] < 0x80) {
            if (!feed_sanitize_ascii_space(last[-1])) {
                break;
            }

            last--;
            continue;
        }

        for (q = last - 1; q > p && (*q & 0xc0) == 0x80; q--) {
            /* void */
        }

        if (feed_sanitize_space(q, last) == 0) {
            break;
        }

        last = q;
    }

    *off = p - start;

    return last - p;
}


size_t
feed_sanitize_space(const feed_uchar_t *p, const feed_uchar_t *last)
{
    size_t    n;
    uint32_t  u;

    if (*p < 0x80) {
        return feed_sanitize_ascii_space(*p);
    }

    n = feed_sanitize_utf8(p, last, &u);

    if ((u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x20)
        || u == 0x85 || u == 0xa0 || u == 0x1680
        || (u >= 0x2000 && u <= 0x200a)
        || u == 0x2028 || u == 0x2029 || u == 0x202f || u == 0x205f
        || u == 0x3000)
    {
        return n;
    }

    return 0;
}


/* the string of a buffer handed over, or NULL; the budget charged */

char *
feed_sanitize_result(feed_sanitize_t *s, feed_buf_t *b)
{
    char  *str;

    str = NULL;

    if (b->failed) {
        s->failed = 1;

    } else if (b->len && b->len <= s->room) {
        str = feed_buf_cstr(b);

        if (str == NULL) {
            s->failed = 1;

        } else {
            s->room -= b->len;
            return str;
        }
    }

    feed_buf_free(b);

    return NULL;
}


/*
 * How feed_sanitize_add() takes a byte: 0 as it is, 1 as it is unless
 * escaping (& < > " '), 2 after a closer look (C0 controls but TAB, LF
 * and CR, DEL, and the bytes of multibyte characters).
 */

static const feed_uchar_t  feed_sanitize_byte[256] = {
    2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 2, 2, 0, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2
};


int
feed_sanitize_add(feed_buf_t *b, const feed_uchar_t *p, size_t len,
    int escape, size_t max)
{
    size_t               n, w;
    uint32_t             u;
    const char          *esc;
    feed_uchar_t         stop;
    const feed_uchar_t  *last, *start;
    feed_uchar_t         enc[4];

    if (p == NULL || len == 0) {
        return 1;
    }

    if (b->len >= max
        || feed_buf_reserve(b, (len < max - b->len) ? len : max - b->len)
           != FEED_OK)
    {
        return 0;
    }

    /* b->len stays within max: every append below is checked first */

    stop = escape ? 1 : 2;

    for (last = p + len; p < last; /* void */) {

        /*
         * A run of bytes that go in as they are, at once; four bytes at a
         * time while it lasts: the classes are 0, 1 and 2, so the four
         * ORed are below stop only when each is.
         */

        start = p;

        while (last - p >= 4
               && (feed_sanitize_byte[p[0]] | feed_sanitize_byte[p[1]]
                   | feed_sanitize_byte[p[2]] | feed_sanitize_byte[p[3]])
                  < stop)
        {
            p += 4;
        }

        while (p < last && feed_sanitize_byte[*p] < stop) {
            p++;
        }

        n = p - start;

        if (n > max - b->len) {
            feed_buf_add(b, start, max - b->len);
            return 0;
        }

        feed_buf_add(b, start, n);

        if (p == last) {
            break;
        }

        if (feed_sanitize_byte[*p] == 1) {

            switch (*p) {
            case '&':
                esc = "&amp;";
                break;
            case '<':
                esc = "&lt;";
                break;
            case '>':
                esc = "&gt;";
                break;
            case '"':
                esc = "&quot;";
                break;
            default:                /* the single quote */
                esc = "&#39;";
                break;
            }

            w = strlen(esc);

            if (w > max - b->len) {
                return 0;
            }

            feed_buf_add(b, esc, w);
            p++;
            continue;
        }

        w = feed_sanitize_utf8(p, last, &u);

        if (w > 1 && u >= 0xa0 && u != 0xfffe && u != 0xffff) {

            /* a well-formed character goes in as it is */

            if (w > max - b->len) {
                return 0;
            }

            feed_buf_add(b, p, w);
            p += w;
            continue;
        }

        p += w;

        if (u >= 0x80 && u < 0xa0) {
            u = feed_cp1252_c1[u - 0x80];

            if (u < 0xa0) {
                /* no character in windows-1252 */
                continue;
            }
        }

        if (u == '\f') {
            /* white space to HTML, forbidden in XML: words stay apart */

            if (b->len + 1 > max) {
                return 0;
            }

            feed_buf_add_byte(b, ' ');
            continue;
        }

        if (u < 0x20 || u == 0x7f || u == 0xfffe || u == 0xffff) {
            continue;
        }

        if (u < 0x800) {
            enc[0] = (feed_uchar_t) (0xc0 | (u >> 6));
            w = 2;

        } else if (u < 0x10000) {
            enc[0] = (feed_uchar_t) (0xe0 | (u >> 12));
            w = 3;

        } else {
            enc[0] = (feed_uchar_t) (0xf0 | (u >> 18));
            w = 4;
        }

        for (n = 1; n < w; n++) {
            enc[n] = (feed_uchar_t) (0x80 | ((u >> (6 * (w - 1 - n))) & 0x3f));
        }

        if (w > max - b->len) {
            return 0;
        }

        feed_buf_add(b, enc, w);
    }

    return 1;
}


/*
 * Decodes one character: its length, 1 for an ill-formed byte, which
 * reads as U+FFFD (so do surrogates and overlong forms).  p < last.
 */

static size_t
feed_sanitize_utf8(const feed_uchar_t *p, const feed_uchar_t *last,
    uint32_t *u)
{
    size_t    n, i;
    uint32_t  c, min;

    c = *p;
    *u = 0xfffd;

    if (c < 0x80) {
        *u = c;
        return 1;
    }

    n = (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
        : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;

    if (n == 0 || (size_t) (last - p) < n) {
        return 1;
    }

    c &= 0x7f >> n;
    min = (n == 2) ? 0x80 : (n == 3) ? 0x800 : 0x10000;

    for (i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80) {
            return 1;
        }

        c = (c << 6) | (p[i] & 0x3f);
    }

    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        return 1;
    }

    *u = c;

    return n;
}
