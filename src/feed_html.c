
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The HTML tree builder (the contract is in feed_html.h): a tokeniser
 * over the whole page in memory, and a simplified tree construction on
 * a stack of open elements.  Nodes, names and strings are carved from
 * an arena of chunks that hangs off the document.
 */


#include <stdlib.h>
#include <string.h>

#include "feed_html.h"


#define FEED_HTML_CHUNK      (16 * 1024)
#define FEED_HTML_MAX_GUESS  (16 * 1024 * 1024)
#define FEED_HTML_MAX_ATTRS  1024
#define FEED_HTML_SEEN       128
#define FEED_HTML_NAME_LEN   32       /* longest name remembered */
#define FEED_HTML_MAX_AFE    64       /* formatting elements remembered */


/* what an element is to the tree builder */

#define FH_VOID       0x0001    /* no content, no end tag */
#define FH_RAW        0x0002    /* raw text: script, style... */
#define FH_RCDATA     0x0004    /* escapable raw text: title, textarea */
#define FH_SPECIAL    0x0008    /* the standard's "special" category */
#define FH_SCOPE      0x0010    /* bounds "has an element in scope" */
#define FH_CLOSE_P    0x0020    /* its start tag closes an open p */
#define FH_HEAD       0x0040    /* belongs in head before the body */
#define FH_FORMAT     0x0080    /* a formatting element */
#define FH_HEADING    0x0100    /* h1 to h6 */
#define FH_FOREIGN    0x0200    /* svg, math */
#define FH_BREAKOUT   0x0400    /* leaves foreign content */
#define FH_TABLE      0x0800    /* bounds "in table scope" */
#define FH_LIST       0x1000    /* ol, ul: bound "in list item scope" */
#define FH_PLAIN      0x2000    /* plaintext */
#define FH_PART       0x4000    /* a part of a table: td, tr, caption... */
#define FH_MARKER     0x8000    /* bounds the reopening of formatting */
#define FH_REOPEN     0x10000   /* a special element before which closed
                                   formatting elements are reopened */
#define FH_RULE       0x20000   /* its start tag has a rule of its own in
                                   feed_html_start_body() */

/* a start tag with none of these may take the common way in the body */

#define FH_START_RULES                                                        \
    (FH_RULE|FH_PART|FH_HEADING|FH_VOID|FH_RAW|FH_RCDATA|FH_PLAIN             \
     |FH_FOREIGN|FH_FORMAT|FH_MARKER)


typedef enum {
    FE_OTHER = 0,
    FE_A,
    FE_ADDRESS,
    FE_BODY,
    FE_BR,
    FE_BUTTON,
    FE_DD,
    FE_DIV,
    FE_DT,
    FE_FRAMESET,
    FE_HEAD,
    FE_HTML,
    FE_LI,
    FE_NOBR,
    FE_NOFRAMES,
    FE_NOSCRIPT,
    FE_OPTGROUP,
    FE_OPTION,
    FE_P,
    FE_STYLE,
    FE_TABLE,
    FE_TBODY,
    FE_TD,
    FE_TEMPLATE,
    FE_TFOOT,
    FE_TH,
    FE_THEAD,
    FE_TR,
} feed_html_id_t;


typedef struct {
    const char      *name;
    size_t           len;
    unsigned         flags;
    feed_html_id_t   id;
} feed_html_elt_t;


#define feed_html_elt(name, flags, id)  { name, sizeof(name) - 1, flags, id }


/* sorted by name */

static const feed_html_elt_t  feed_html_elts[] = {
    feed_html_elt("a", FH_FORMAT|FH_RULE, FE_A),
    feed_html_elt("address", FH_SPECIAL|FH_CLOSE_P, FE_ADDRESS),
    feed_html_elt("applet", FH_SPECIAL|FH_SCOPE|FH_MARKER|FH_REOPEN, FE_OTHER),
    feed_html_elt("area", FH_SPECIAL|FH_VOID|FH_REOPEN, FE_OTHER),
    feed_html_elt("article", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("aside", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("b", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("base", FH_SPECIAL|FH_VOID|FH_HEAD, FE_OTHER),
    feed_html_elt("basefont", FH_SPECIAL|FH_VOID|FH_HEAD, FE_OTHER),
    feed_html_elt("bgsound", FH_SPECIAL|FH_VOID|FH_HEAD, FE_OTHER),
    feed_html_elt("big", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("blockquote", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("body", FH_SPECIAL|FH_BREAKOUT|FH_RULE, FE_BODY),
    feed_html_elt("br", FH_SPECIAL|FH_VOID|FH_BREAKOUT|FH_REOPEN, FE_BR),
    feed_html_elt("button", FH_SPECIAL|FH_REOPEN|FH_RULE, FE_BUTTON),
    feed_html_elt("caption", FH_SPECIAL|FH_SCOPE|FH_PART|FH_MARKER, FE_OTHER),
    feed_html_elt("center", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("code", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("col", FH_SPECIAL|FH_VOID|FH_PART, FE_OTHER),
    feed_html_elt("colgroup", FH_SPECIAL|FH_PART, FE_OTHER),
    feed_html_elt("dd", FH_SPECIAL|FH_BREAKOUT|FH_RULE, FE_DD),
    feed_html_elt("details", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("dialog", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("dir", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("div", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_DIV),
    feed_html_elt("dl", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("dt", FH_SPECIAL|FH_BREAKOUT|FH_RULE, FE_DT),
    feed_html_elt("em", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("embed", FH_SPECIAL|FH_VOID|FH_BREAKOUT|FH_REOPEN, FE_OTHER),
    feed_html_elt("fieldset", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("figcaption", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("figure", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("font", FH_FORMAT, FE_OTHER),
    feed_html_elt("footer", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("form", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("frame", FH_SPECIAL|FH_VOID, FE_OTHER),
    feed_html_elt("frameset", FH_SPECIAL|FH_RULE, FE_FRAMESET),
    feed_html_elt("h1", FH_SPECIAL|FH_CLOSE_P|FH_HEADING|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("h2", FH_SPECIAL|FH_CLOSE_P|FH_HEADING|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("h3", FH_SPECIAL|FH_CLOSE_P|FH_HEADING|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("h4", FH_SPECIAL|FH_CLOSE_P|FH_HEADING|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("h5", FH_SPECIAL|FH_CLOSE_P|FH_HEADING|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("h6", FH_SPECIAL|FH_CLOSE_P|FH_HEADING|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("head", FH_SPECIAL|FH_BREAKOUT|FH_RULE, FE_HEAD),
    feed_html_elt("header", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("hgroup", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("hr", FH_SPECIAL|FH_VOID|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("html", FH_SPECIAL|FH_SCOPE|FH_TABLE|FH_RULE, FE_HTML),
    feed_html_elt("i", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("iframe", FH_SPECIAL|FH_RAW, FE_OTHER),
    feed_html_elt("img", FH_SPECIAL|FH_VOID|FH_BREAKOUT|FH_REOPEN, FE_OTHER),
    feed_html_elt("input", FH_SPECIAL|FH_VOID|FH_REOPEN, FE_OTHER),
    feed_html_elt("keygen", FH_SPECIAL|FH_VOID|FH_REOPEN, FE_OTHER),
    feed_html_elt("li", FH_SPECIAL|FH_BREAKOUT|FH_RULE, FE_LI),
    feed_html_elt("link", FH_SPECIAL|FH_VOID|FH_HEAD, FE_OTHER),
    feed_html_elt("listing", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("main", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("marquee", FH_SPECIAL|FH_SCOPE|FH_MARKER|FH_REOPEN, FE_OTHER),
    feed_html_elt("math", FH_FOREIGN, FE_OTHER),
    feed_html_elt("menu", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("meta", FH_SPECIAL|FH_VOID|FH_HEAD|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("nav", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("nobr", FH_FORMAT|FH_BREAKOUT|FH_RULE, FE_NOBR),
    feed_html_elt("noembed", FH_SPECIAL|FH_RAW, FE_OTHER),
    feed_html_elt("noframes", FH_SPECIAL|FH_RAW|FH_HEAD, FE_NOFRAMES),
    feed_html_elt("noscript", FH_SPECIAL|FH_HEAD, FE_NOSCRIPT),
    feed_html_elt("object", FH_SPECIAL|FH_SCOPE|FH_MARKER|FH_REOPEN, FE_OTHER),
    feed_html_elt("ol", FH_SPECIAL|FH_CLOSE_P|FH_LIST|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("optgroup", FH_RULE, FE_OPTGROUP),
    feed_html_elt("option", FH_RULE, FE_OPTION),
    feed_html_elt("p", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_P),
    feed_html_elt("param", FH_SPECIAL|FH_VOID, FE_OTHER),
    feed_html_elt("plaintext", FH_SPECIAL|FH_CLOSE_P|FH_PLAIN, FE_OTHER),
    feed_html_elt("pre", FH_SPECIAL|FH_CLOSE_P|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("ruby", FH_BREAKOUT, FE_OTHER),
    feed_html_elt("s", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("script", FH_SPECIAL|FH_RAW|FH_HEAD, FE_OTHER),
    feed_html_elt("search", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("section", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("select", FH_SPECIAL|FH_REOPEN, FE_OTHER),
    feed_html_elt("small", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("source", FH_SPECIAL|FH_VOID, FE_OTHER),
    feed_html_elt("span", FH_BREAKOUT, FE_OTHER),
    feed_html_elt("strike", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("strong", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("style", FH_SPECIAL|FH_RAW|FH_HEAD, FE_STYLE),
    feed_html_elt("sub", FH_BREAKOUT, FE_OTHER),
    feed_html_elt("summary", FH_SPECIAL|FH_CLOSE_P, FE_OTHER),
    feed_html_elt("sup", FH_BREAKOUT, FE_OTHER),
    feed_html_elt("svg", FH_FOREIGN, FE_OTHER),
    feed_html_elt("table", FH_SPECIAL|FH_SCOPE|FH_CLOSE_P|FH_TABLE
                           |FH_BREAKOUT, FE_TABLE),
    feed_html_elt("tbody", FH_SPECIAL|FH_PART, FE_TBODY),
    feed_html_elt("td", FH_SPECIAL|FH_SCOPE|FH_PART|FH_MARKER, FE_TD),
    feed_html_elt("template", FH_SPECIAL|FH_SCOPE|FH_TABLE|FH_HEAD|FH_MARKER,
                  FE_TEMPLATE),
    feed_html_elt("textarea", FH_SPECIAL|FH_RCDATA, FE_OTHER),
    feed_html_elt("tfoot", FH_SPECIAL|FH_PART, FE_TFOOT),
    feed_html_elt("th", FH_SPECIAL|FH_SCOPE|FH_PART|FH_MARKER, FE_TH),
    feed_html_elt("thead", FH_SPECIAL|FH_PART, FE_THEAD),
    feed_html_elt("title", FH_SPECIAL|FH_RCDATA|FH_HEAD, FE_OTHER),
    feed_html_elt("tr", FH_SPECIAL|FH_PART, FE_TR),
    feed_html_elt("track", FH_SPECIAL|FH_VOID, FE_OTHER),
    feed_html_elt("tt", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("u", FH_FORMAT|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("ul", FH_SPECIAL|FH_CLOSE_P|FH_LIST|FH_BREAKOUT, FE_OTHER),
    feed_html_elt("var", FH_BREAKOUT, FE_OTHER),
    feed_html_elt("wbr", FH_SPECIAL|FH_VOID|FH_REOPEN, FE_OTHER),
    feed_html_elt("xmp", FH_SPECIAL|FH_RAW|FH_CLOSE_P|FH_REOPEN, FE_OTHER)
};


#define feed_html_space(c)  (feed_html_class[c] & FEED_HTML_SPACE)

/* where a tag name ends, an attribute name, an unquoted value */
#define feed_html_ends(c, set)  (feed_html_class[c] & (set))

#define feed_html_alpha(c)                                                    \
    ((((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z'))

#define feed_html_alnum(c)                                                    \
    (feed_html_alpha(c) || ((c) >= '0' && (c) <= '9'))


#define feed_html_id(elt)  ((elt) ? (elt)->id : FE_OTHER)

/* the open element at i has the name of the tag just read */
#define feed_html_same(h, i)                                                  \
    ((h)->stack[i].elt ? (h)->stack[i].elt == (h)->elt                        \
                       : ((h)->elt == NULL                                    \
                          && strcmp((const char *) (h)->stack[i].node->name,  \
                                    (h)->name) == 0))


#define FEED_HTML_SPACE      0x01      /* TAB LF FF CR SP */
#define FEED_HTML_NAME_END   0x02      /* the space, "/", ">" */
#define FEED_HTML_ATTR_END   0x04      /* the space, "/", ">", "=" */
#define FEED_HTML_VALUE_END  0x08      /* the space, ">" */


/* the classes of the characters above, by byte */

static const feed_uchar_t  feed_html_class[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 15, 0, 15, 15, 0, 0,     /* \t \n \f \r */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    15, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6,      /* " " "/" */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 14, 0,      /* "=" ">" */
};


typedef struct feed_html_chunk_s  feed_html_chunk_t;

struct feed_html_chunk_s {
    feed_html_chunk_t  *next;
    size_t              size;
};


/* the arena's first chunk starts with this */

typedef struct {
    feed_html_chunk_t   chunk;
    xmlDoc              doc;
    feed_html_chunk_t  *last;
} feed_html_arena_t;


/*
 * An open element.  One made of a start tag has its name as the name
 * of the tag was remembered (feed_html_name_t), for its end tag to be
 * found at once; others have a word that no page matches.
 */

typedef struct {
    xmlNode                *node;
    const feed_html_elt_t  *elt;     /* NULL: not in feed_html_elts */
    unsigned                flags;
    uint64_t                word;
    uint64_t                mask;
    size_t                  len;
} feed_html_open_t;


/*
 * A tag or attribute name seen, lower-cased, in the arena or static.  A
 * name of up to 8 bytes is kept as a word too: the 8 bytes of the page
 * where the name is, and-ed with mask, are word.  A longer name, or an
 * entry not used yet, has a bit set in word that mask clears, which no
 * page matches.
 */

typedef struct {
    uint64_t                word;
    uint64_t                mask;
    const char             *name;
    size_t                  len;
    const feed_html_elt_t  *elt;     /* of a tag name */
    unsigned                flags;   /* of elt, or 0 */
} feed_html_name_t;


/* where a name is remembered: by its first two bytes */
#define feed_html_hash(c0, c1)  (((c0) ^ ((c1) * 5)) % FEED_HTML_SEEN)


/* mask of a name of n bytes: the 8 bytes from feed_html_ones + 8 - n */

static const feed_uchar_t  feed_html_ones[16] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0
};


/*
 * The standard's list of active formatting elements: formatting
 * elements (a, b, em, font...) in the order they were opened, and
 * markers, where a cell, caption or object begins.  One closed by the
 * end of a block around it is reopened, as a copy, before the next text
 * or inline element: <p><b>x</p>y makes y bold too.
 */

typedef struct {
    xmlNode                *node;     /* NULL: a marker */
    const feed_html_elt_t  *elt;
    xmlAttr                *attrs;    /* copied to a reopened element */
    unsigned                open:1;
} feed_html_afe_t;


enum {
    FEED_HTML_INITIAL = 0,
    FEED_HTML_BEFORE_HEAD,
    FEED_HTML_IN_HEAD,
    FEED_HTML_AFTER_HEAD,
    FEED_HTML_IN_BODY
};


typedef struct {
    const feed_uchar_t *p;
    const feed_uchar_t *end;
    const feed_uchar_t *amp;         /* the next "&", or end */

    feed_html_arena_t  *arena;
    xmlDoc             *doc;         /* &arena->doc */
    feed_uchar_t       *pos;         /* the free part of the last chunk */
    feed_uchar_t       *limit;
    xmlNode            *html;
    xmlNode            *head;
    xmlNode            *body;

    feed_html_open_t   *stack;
    size_t              nopen;
    size_t              max_open;
    size_t              over;        /* start tags not created, open */
    size_t              foreign;     /* open svg and math elements */
    size_t              open_p;      /* open p elements */
    size_t              nodes;
    size_t              nafe;
    size_t              nclosed;     /* formatting elements to reopen */

    feed_buf_t          text;        /* decoded text not yet a node */
    const feed_uchar_t *run;         /* or text of the page as it is */
    size_t              run_len;
    feed_buf_t          scratch;     /* an attribute value, raw text */
    int                 mode;
    unsigned            failed:1;

    /* the tag just read */
    feed_html_name_t   *tag;
    const char         *name;
    const feed_html_elt_t  *elt;
    const feed_html_elt_t  *p_elt;
    const feed_html_elt_t  *button_elt;
    const feed_html_elt_t  *table_elt;
    unsigned            flags;
    unsigned            end_tag;
    unsigned            current;     /* an end tag of the current node */
    unsigned            self_closing;
    xmlAttr            *attrs;

    /* the rest is not zeroed at the start */

    feed_html_afe_t     afe[FEED_HTML_MAX_AFE];

    /*
     * Tag and attribute names seen, by their first two bytes: most pages
     * use a few names over and over, and the nodes share the strings.
     */
    feed_html_name_t    seen[FEED_HTML_SEEN];
    feed_html_name_t    attr_seen[FEED_HTML_SEEN];
    feed_html_name_t    long_name;
} feed_html_t;


static void *feed_html_alloc(feed_html_t *h, size_t size);
static void *feed_html_grow(feed_html_t *h, size_t size);
static char *feed_html_strdup(feed_html_t *h, const feed_uchar_t *p,
    size_t len);
static inline xmlNode *feed_html_node(feed_html_t *h, xmlNode *parent,
    xmlElementType type, size_t extra);
static xmlNode *feed_html_node_alloc(feed_html_t *h, size_t size);
static xmlNode *feed_html_text_node(feed_html_t *h, xmlNode *parent,
    const feed_uchar_t *p, size_t len);
static void feed_html_append(xmlNode *parent, xmlNode *node);
static const feed_html_elt_t *feed_html_lookup(const void *name,
    size_t len);

static void feed_html_data(feed_html_t *h);
static void feed_html_run(feed_html_t *h);
static int feed_html_amp(feed_html_t *h, const feed_uchar_t *p,
    const feed_uchar_t *end);
static void feed_html_markup(feed_html_t *h);
static int feed_html_tag(feed_html_t *h);
static int feed_html_attrs(feed_html_t *h, const feed_uchar_t *p);
static inline feed_html_name_t *feed_html_seen(feed_html_t *h,
    feed_html_name_t *seen, const feed_uchar_t *p, unsigned set);
static feed_html_name_t *feed_html_name(feed_html_t *h,
    feed_html_name_t *seen, const feed_uchar_t *p, unsigned set);
static feed_html_name_t *feed_html_name_add(feed_html_t *h,
    feed_html_name_t *seen, const feed_uchar_t *p, size_t len);
static int feed_html_eq(const char *s, const feed_uchar_t *p, size_t len);
static xmlAttr *feed_html_attr(feed_html_t *h, size_t *nattrs);
static void feed_html_raw(feed_html_t *h, xmlNode *elt, const char *name,
    int rcdata);
static const feed_uchar_t *feed_html_raw_end(const feed_uchar_t *p,
    const feed_uchar_t *end, const char *name);
static const feed_uchar_t *feed_html_search(const feed_uchar_t *p,
    const feed_uchar_t *end, const char *s);
static void feed_html_decode(feed_buf_t *b, const feed_uchar_t *p,
    const feed_uchar_t *end, int attr);
static const feed_uchar_t *feed_html_ref(feed_buf_t *b,
    const feed_uchar_t *p, const feed_uchar_t *end, int attr);
static void feed_html_utf8(feed_buf_t *b, uint32_t cp);

static inline void feed_html_start(feed_html_t *h);
static void feed_html_start_mode(feed_html_t *h);
static void feed_html_start_body(feed_html_t *h);
static void feed_html_end(feed_html_t *h);
static void feed_html_end_body(feed_html_t *h);
static void feed_html_text(feed_html_t *h);
static inline xmlNode *feed_html_element(feed_html_t *h, xmlNode *parent);
static void feed_html_insert(feed_html_t *h);
static inline void feed_html_push(feed_html_t *h, xmlNode *node,
    const feed_html_elt_t *elt);
static inline void feed_html_push_tag(feed_html_t *h, xmlNode *node);
static inline int feed_html_end_current(feed_html_t *h);
static void feed_html_pop_to(feed_html_t *h, size_t i);
static int feed_html_find(feed_html_t *h, const feed_html_elt_t *elt,
    unsigned stop);
static void feed_html_close_p(feed_html_t *h);
static void feed_html_afe_push(feed_html_t *h, xmlNode *node);
static int feed_html_afe_find(feed_html_t *h, const feed_html_elt_t *elt);
static void feed_html_afe_remove(feed_html_t *h, size_t i);
static void feed_html_reopen(feed_html_t *h);
static void feed_html_merge(feed_html_t *h, xmlNode *elt);
static xmlNode *feed_html_open(feed_html_t *h, xmlNode *parent,
    feed_html_id_t id, const char *name);
static xmlNode *feed_html_implied(feed_html_t *h, xmlNode *parent,
    const char *name);
static void feed_html_body(feed_html_t *h);
static inline void feed_html_flush(feed_html_t *h);
static void feed_html_flush_text(feed_html_t *h);


xmlDoc *
feed_html_parse(const feed_uchar_t *p, size_t len, size_t max_depth)
{
    size_t              size, i;
    feed_html_t         h;
    feed_html_open_t   *stack;
    feed_html_arena_t  *a;

    /* about what a page takes, so that most pages need one chunk */

    size = (len < FEED_HTML_MAX_GUESS / 8) ? len * 8 : FEED_HTML_MAX_GUESS;
    size += FEED_HTML_CHUNK;

    a = malloc(size);
    stack = malloc((max_depth + 3) * sizeof(feed_html_open_t));

    if (a == NULL || stack == NULL) {
        free(a);
        free(stack);
        return NULL;
    }

    memset(a, 0, sizeof(feed_html_arena_t));
    a->chunk.size = size;
    a->last = &a->chunk;
    a->doc.type = XML_HTML_DOCUMENT_NODE;
    a->doc.doc = &a->doc;

    memset(&h, 0, offsetof(feed_html_t, afe));

    for (i = 0; i < FEED_HTML_SEEN; i++) {
        /* no name yet: one that no page matches */
        h.seen[i].word = 1;
        h.seen[i].mask = 0;
        h.seen[i].len = 0;
        h.attr_seen[i].word = 1;
        h.attr_seen[i].mask = 0;
        h.attr_seen[i].len = 0;
    }

    h.p = p;
    h.end = p + len;
    h.amp = memchr(p, '&', len);

    if (h.amp == NULL) {
        h.amp = h.end;
    }
    h.arena = a;
    h.doc = &a->doc;
    h.pos = (feed_uchar_t *) a + sizeof(feed_html_arena_t);
    h.limit = (feed_uchar_t *) a + size;
    h.stack = stack;
    h.max_open = max_depth + 2;     /* html, head or body, and max_depth */
    h.mode = FEED_HTML_INITIAL;
    h.p_elt = feed_html_lookup("p", 1);
    h.button_elt = feed_html_lookup("button", 6);
    h.table_elt = feed_html_lookup("table", 5);

    feed_buf_init(&h.text, 0);
    feed_buf_init(&h.scratch, 0);

    /* a failed allocation ends the page too (feed_html_grow()) */

    while (h.p < h.end) {

        if (*h.p == '<') {
            feed_html_markup(&h);

        } else {
            feed_html_data(&h);
        }
    }

    if (!h.failed) {
        /* an empty page still has html, head and body */
        feed_html_body(&h);
        feed_html_flush(&h);
    }

    if (h.text.failed || h.scratch.failed) {
        h.failed = 1;
    }

    feed_buf_free(&h.text);
    feed_buf_free(&h.scratch);
    free(stack);

    if (h.failed) {
        feed_html_free(&a->doc);
        return NULL;
    }

    return &a->doc;
}


void
feed_html_free(xmlDoc *doc)
{
    feed_html_chunk_t  *c, *next;
    feed_html_arena_t  *a;

    if (doc == NULL) {
        return;
    }

    a = (feed_html_arena_t *) ((char *) doc
                               - offsetof(feed_html_arena_t, doc));

    for (c = a->chunk.next; c; c = next) {
        next = c->next;
        free(c);
    }

    free(a);
}


/* the arena: most allocations are carved from the free part at once */

static void *
feed_html_alloc(feed_html_t *h, size_t size)
{
    feed_uchar_t  *p;

    size = (size + 7) & ~(size_t) 7;

    if ((size_t) (h->limit - h->pos) < size) {
        return feed_html_grow(h, size);
    }

    p = h->pos;
    h->pos += size;

    return p;
}


/*
 * A new chunk, for an allocation of size (a multiple of 8).  When none
 * can be had, the parse fails, and the tokeniser is sent to the end of
 * the page: the main loop need not test for the failure at each token
 * (what is being read when it fails may still move on a little).
 */

static void *
feed_html_grow(feed_html_t *h, size_t size)
{
    size_t              n;
    feed_html_chunk_t  *c;

    c = h->arena->last;
    n = sizeof(feed_html_chunk_t) + size;
    n = (n < c->size) ? c->size : n;

    c = malloc(n);
    if (c == NULL) {
        h->failed = 1;
        h->p = h->end;
        return NULL;
    }

    c->next = NULL;
    c->size = n;
    h->arena->last->next = c;
    h->arena->last = c;

    h->pos = (feed_uchar_t *) c + sizeof(feed_html_chunk_t) + size;
    h->limit = (feed_uchar_t *) c + n;

    return (feed_uchar_t *) c + sizeof(feed_html_chunk_t);
}


static char *
feed_html_strdup(feed_html_t *h, const feed_uchar_t *p, size_t len)
{
    char  *s;

    s = feed_html_alloc(h, len + 1);
    if (s == NULL) {
        return NULL;
    }

    memcpy(s, p, len);
    s[len] = '\0';

    return s;
}


/*
 * A node, appended to parent unless it is NULL, with extra bytes after
 * it for the caller; the arena's fast path is repeated here, inline,
 * where most allocations are made.  Only the fields the extractor reads
 * are set (feed_html.h): a node is not zeroed as a whole.
 */

static inline xmlNode *
feed_html_node(feed_html_t *h, xmlNode *parent, xmlElementType type,
    size_t extra)
{
    size_t    size;
    xmlNode  *node, *last;

    size = (sizeof(xmlNode) + extra + 7) & ~(size_t) 7;

    if (h->nodes < FEED_HTML_MAX_NODES
        && (size_t) (h->limit - h->pos) >= size)
    {
        h->nodes++;
        node = (xmlNode *) h->pos;
        h->pos += size;

    } else {
        node = feed_html_node_alloc(h, size);

        if (node == NULL) {
            return NULL;
        }
    }

    node->type = type;
    node->name = NULL;
    node->children = NULL;
    node->last = NULL;
    node->next = NULL;
    node->doc = h->doc;
    node->content = NULL;
    node->properties = NULL;
    node->parent = parent;

    if (parent == NULL) {
        node->prev = NULL;
        return node;
    }

    last = parent->last;
    node->prev = last;

    if (last) {
        last->next = node;

    } else {
        parent->children = node;
    }

    parent->last = node;

    return node;
}


/* the node of size bytes that feed_html_node() does not find room for */

static xmlNode *
feed_html_node_alloc(feed_html_t *h, size_t size)
{
    if (h->nodes == FEED_HTML_MAX_NODES) {
        /* cut the page here */
        h->p = h->end;
        return NULL;
    }

    h->nodes++;

    return feed_html_grow(h, size);
}


/* a text node of the len bytes at p, its content in the same allocation */

static xmlNode *
feed_html_text_node(feed_html_t *h, xmlNode *parent, const feed_uchar_t *p,
    size_t len)
{
    xmlChar  *s;
    xmlNode  *text;

    text = feed_html_node(h, parent, XML_TEXT_NODE, len + 1);
    if (text == NULL) {
        return NULL;
    }

    s = (xmlChar *) (text + 1);
    memcpy(s, p, len);
    s[len] = '\0';
    text->content = s;

    return text;
}


static void
feed_html_append(xmlNode *parent, xmlNode *node)
{
    node->parent = parent;
    node->prev = parent->last;

    if (parent->last) {
        parent->last->next = node;

    } else {
        parent->children = node;
    }

    parent->last = node;
}


static const feed_html_elt_t *
feed_html_lookup(const void *name, size_t len)
{
    size_t               lo, hi, mid;
    const char          *s;
    const feed_uchar_t  *p;

    p = name;

    /* the first of the names with the same first letter */

    lo = 0;
    hi = sizeof(feed_html_elts) / sizeof(feed_html_elts[0]);

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;

        if ((feed_uchar_t) feed_html_elts[mid].name[0] < p[0]) {
            lo = mid + 1;

        } else {
            hi = mid;
        }
    }

    for ( /* void */ ; lo < sizeof(feed_html_elts) / sizeof(feed_html_elts[0]);
         lo++)
    {
        s = feed_html_elts[lo].name;

        if ((feed_uchar_t) s[0] != p[0]) {
            break;
        }

        if (feed_html_elts[lo].len == len && memcmp(s, p, len) == 0) {
            return &feed_html_elts[lo];
        }
    }

    return NULL;
}


/*
 * The tokeniser: text up to the next "<", decoded.  Most text is a
 * single run between two tags with no character reference: it is kept
 * as a pointer into the page and copied once, into its node.
 */

static void
feed_html_data(feed_html_t *h)
{
    const feed_uchar_t  *lt;

    /*
     * h->p is no "<"; most runs are of one byte, a newline between two
     * tags, and end at the next byte
     */

    lt = h->p + 1;

    if (lt < h->end && *lt != '<') {
        lt = memchr(lt, '<', h->end - lt);

        if (lt == NULL) {
            lt = h->end;
        }
    }

    if (h->nclosed && h->mode == FEED_HTML_IN_BODY && !h->foreign) {
        feed_html_reopen(h);
    }

    if (h->run == NULL && h->text.len == 0 && !feed_html_amp(h, h->p, lt)) {
        h->run = h->p;
        h->run_len = lt - h->p;

    } else {
        feed_html_run(h);
        feed_html_decode(&h->text, h->p, lt, 0);
    }

    h->p = lt;

    if (h->mode != FEED_HTML_IN_BODY) {
        feed_html_text(h);
    }
}


/* the text kept as a run of the page goes into the text buffer */

static void
feed_html_run(feed_html_t *h)
{
    if (h->run) {
        feed_buf_add(&h->text, h->run, h->run_len);
        h->run = NULL;
    }
}


/*
 * Whether the bytes from p to end have an "&".  Most pages have few or
 * none: the next one is looked for once for all the text and values
 * before it.  h->amp is the first "&" at or after some point before p:
 * the calls come in the order of the page (p never goes back), text
 * runs and attribute values as the tokeniser reads them.
 */

static int
feed_html_amp(feed_html_t *h, const feed_uchar_t *p, const feed_uchar_t *end)
{
    if (h->amp < p) {
        h->amp = memchr(p, '&', h->end - p);

        if (h->amp == NULL) {
            h->amp = h->end;
        }
    }

    return h->amp < end;
}


/* at "<": a tag, a comment, a doctype, or a "<" that is text */

static void
feed_html_markup(feed_html_t *h)
{
    const feed_uchar_t  *p, *end, *q;

    p = h->p;
    end = h->end;

    if (p + 1 < end && feed_html_alpha(p[1])) {
        h->p = p + 1;
        h->end_tag = 0;

        if (feed_html_tag(h) == FEED_OK) {
            feed_html_start(h);
        }

        return;
    }

    if (p + 2 < end && p[1] == '/') {
        h->p = p + 2;

        if (feed_html_alpha(p[2])) {

            if (feed_html_end_current(h)) {
                return;
            }

            h->end_tag = 1;

            if (feed_html_tag(h) == FEED_OK) {
                feed_html_end(h);
            }

            return;
        }

        /* "</>", or a bogus comment */
        q = memchr(h->p, '>', end - h->p);
        h->p = q ? q + 1 : end;
        return;
    }

    if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
        p += 4;

        /* "<!-->" and "<!--->" are whole comments */

        if (p < end && *p == '>') {
            h->p = p + 1;
            return;
        }

        if (end - p >= 2 && p[0] == '-' && p[1] == '>') {
            h->p = p + 2;
            return;
        }

        for (q = p; (q = feed_html_search(q, end, "--")) != NULL; q++) {
            if (end - q >= 3 && q[2] == '>') {
                h->p = q + 3;
                return;
            }

            if (end - q >= 4 && q[2] == '!' && q[3] == '>') {
                h->p = q + 4;
                return;
            }
        }

        h->p = end;
        return;
    }

    if (h->foreign && end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
        p += 9;
        q = feed_html_search(p, end, "]]>");

        feed_html_run(h);
        feed_buf_add(&h->text, p, (q ? q : end) - p);
        h->p = q ? q + 3 : end;
        return;
    }

    if (p + 1 < end && (p[1] == '!' || p[1] == '?')) {
        /* a doctype, or a bogus comment */
        q = memchr(p, '>', end - p);
        h->p = q ? q + 1 : end;
        return;
    }

    /* a "<" of text */

    if (h->nclosed && h->mode == FEED_HTML_IN_BODY && !h->foreign) {
        feed_html_reopen(h);
    }

    feed_html_run(h);
    feed_buf_add_byte(&h->text, '<');
    h->p = p + 1;

    if (h->mode != FEED_HTML_IN_BODY) {
        feed_html_text(h);
    }
}


/*
 * The common end tag, at its name: in HTML content of the body, with
 * every element made, the end tag of the current element, as the
 * element's start tag named it, with no attributes, when the element
 * has no rule of its own and is no formatting element and no marker.
 * It closes the element, as feed_html_end() would; 0 for any other
 * tag, which is then read as usual.
 */

static inline int
feed_html_end_current(feed_html_t *h)
{
    uint64_t             w;
    feed_html_open_t    *o;
    const feed_uchar_t  *p;

    p = h->p;

    if (h->mode != FEED_HTML_IN_BODY || h->foreign || h->over
        || h->end - p <= 8)
    {
        return 0;
    }

    o = &h->stack[h->nopen - 1];
    memcpy(&w, p, 8);

    if ((w & o->mask) != o->word || p[o->len] != '>'
        || (o->flags & (FH_RULE|FH_FORMAT|FH_MARKER)))
    {
        return 0;
    }

    feed_html_flush(h);

    h->nopen--;

    if (o->elt == h->p_elt) {
        h->open_p--;
    }

    h->p = p + o->len + 1;

    return 1;
}


/* the first s between p and end, or NULL */

static const feed_uchar_t *
feed_html_search(const feed_uchar_t *p, const feed_uchar_t *end,
    const char *s)
{
    size_t  n;

    n = strlen(s);

    while ((size_t) (end - p) >= n) {
        p = memchr(p, s[0], end - p - n + 1);

        if (p == NULL) {
            return NULL;
        }

        if (memcmp(p, s, n) == 0) {
            return p;
        }

        p++;
    }

    return NULL;
}


/*
 * A start or end tag from its name on, up to and with its ">": its name
 * and flags, and for a start tag its attributes.  FEED_DECLINED when the
 * page ends inside the tag, which is then dropped.
 */

static int
feed_html_tag(feed_html_t *h)
{
    feed_html_name_t    *n;
    const feed_uchar_t  *p, *end;

    p = h->p;
    end = h->end;

    n = feed_html_seen(h, h->seen, p, FEED_HTML_NAME_END);

    if (n == NULL) {
        n = feed_html_name(h, h->seen, p, FEED_HTML_NAME_END);

        if (n == NULL) {
            return FEED_ERROR;
        }
    }

    p += n->len;

    if (p == end) {
        h->p = end;
        return FEED_DECLINED;
    }

    h->tag = n;
    h->name = n->name;
    h->elt = n->elt;
    h->flags = n->flags;
    h->current = 0;
    h->attrs = NULL;
    h->self_closing = 0;

    if (h->end_tag && h->nopen) {
        /* most end tags close the current element */
        h->current = feed_html_same(h, h->nopen - 1);
    }

    if (*p == '>') {
        /* most tags have no attributes */
        h->p = p + 1;
        return FEED_OK;
    }

    return feed_html_attrs(h, p);
}


/* the rest of a tag from p, after its name: its attributes */

static int
feed_html_attrs(feed_html_t *h, const feed_uchar_t *p)
{
    size_t               nattrs;
    xmlAttr             *a, *last;
    const feed_uchar_t  *end;

    end = h->end;
    last = NULL;
    nattrs = 0;

    for ( ;; ) {
        while (p < end && feed_html_space(*p)) {
            p++;
        }

        if (p == end) {
            h->p = end;
            return FEED_DECLINED;
        }

        if (*p == '>') {
            h->p = p + 1;
            return FEED_OK;
        }

        if (*p == '/') {
            p++;

            if (p < end && *p == '>') {
                h->p = p + 1;
                h->self_closing = 1;
                return FEED_OK;
            }

            continue;
        }

        h->p = p;
        a = feed_html_attr(h, &nattrs);
        p = h->p;

        if (h->failed) {
            return FEED_ERROR;
        }

        if (a == NULL || h->end_tag) {
            continue;
        }

        if (last) {
            last->next = a;
            a->prev = last;

        } else {
            h->attrs = a;
        }

        last = a;
    }
}


/*
 * A name at p ends at the first byte of set after its first byte, or at
 * the end of the page.  Most names are remembered, in lower case, and
 * are found here as they are in the page: its 8 bytes at p, masked, are
 * the name, and the byte after the name is of set.  NULL when the name
 * is not found so.
 */

static inline feed_html_name_t *
feed_html_seen(feed_html_t *h, feed_html_name_t *seen, const feed_uchar_t *p,
    unsigned set)
{
    uint64_t           w;
    feed_html_name_t  *n;

    if (h->end - p <= 8) {
        return NULL;
    }

    n = &seen[feed_html_hash(p[0], p[1])];
    memcpy(&w, p, 8);

    if ((w & n->mask) == n->word && feed_html_ends(p[n->len], set)) {
        return n;
    }

    return NULL;
}


/* the entry of seen for a name not found so; NULL when out of memory */

static feed_html_name_t *
feed_html_name(feed_html_t *h, feed_html_name_t *seen, const feed_uchar_t *p,
    unsigned set)
{
    const feed_uchar_t  *q, *end;

    end = h->end;

    for (q = p + 1; q < end && !feed_html_ends(*q, set); q++) {
        /* void */
    }

    return feed_html_name_add(h, seen, p, q - p);
}


/*
 * A name of len bytes not found so: lower-cased, looked up, and
 * remembered in place of the name with the same first two bytes (the
 * second of a name of one byte is the byte after it); a long one is
 * made anew each time.  NULL when out of memory.
 */

static feed_html_name_t *
feed_html_name_add(feed_html_t *h, feed_html_name_t *seen,
    const feed_uchar_t *p, size_t len)
{
    char              *s;
    size_t             i;
    feed_uchar_t       low[FEED_HTML_NAME_LEN], c1;
    feed_html_name_t  *n;

    if (len > FEED_HTML_NAME_LEN) {
        s = feed_html_alloc(h, len + 1);
        if (s == NULL) {
            return NULL;
        }

        for (i = 0; i < len; i++) {
            s[i] = feed_lowcase(p[i]);
        }

        s[len] = '\0';

        n = &h->long_name;
        n->word = 1;
        n->mask = 0;
        n->name = s;
        n->len = len;
        n->elt = NULL;
        n->flags = 0;

        return n;
    }

    for (i = 0; i < len; i++) {
        low[i] = feed_lowcase(p[i]);
    }

    if (len > 1) {
        c1 = low[1];

    } else {
        c1 = (p + 1 < h->end) ? p[1] : 0;
    }

    n = &seen[feed_html_hash(low[0], c1)];

    if (n->len == len && feed_html_eq(n->name, low, len)) {
        return n;
    }

    n->word = 1;
    n->mask = 0;
    n->elt = (seen == h->seen) ? feed_html_lookup(low, len) : NULL;
    n->flags = n->elt ? n->elt->flags : 0;

    if (n->elt) {
        n->name = n->elt->name;

    } else {
        n->name = feed_html_strdup(h, low, len);

        if (n->name == NULL) {
            n->len = 0;
            return NULL;
        }
    }

    n->len = len;

    if (len <= 8) {
        memset(low + len, 0, 8 - len);
        memcpy(&n->word, low, 8);
        memcpy(&n->mask, feed_html_ones + 8 - len, 8);
    }

    return n;
}


/* the string s starts with the len bytes at p */

static int
feed_html_eq(const char *s, const feed_uchar_t *p, size_t len)
{
    size_t  i;

    for (i = 0; i < len; i++) {
        if ((feed_uchar_t) s[i] != p[i]) {
            return 0;
        }
    }

    return 1;
}


/* one attribute; NULL for a duplicate, or one too many */

static xmlAttr *
feed_html_attr(feed_html_t *h, size_t *nattrs)
{
    size_t               vlen;
    xmlChar             *s;
    xmlAttr             *a, *prev;
    xmlNode             *text;
    const char          *name;
    feed_uchar_t         q;
    feed_html_name_t    *n;
    const feed_uchar_t  *p, *end, *v;

    p = h->p;
    end = h->end;

    /* a name may start with "=" */

    n = feed_html_seen(h, h->attr_seen, p, FEED_HTML_ATTR_END);

    if (n == NULL) {
        n = feed_html_name(h, h->attr_seen, p, FEED_HTML_ATTR_END);

        if (n == NULL) {
            h->p = end;
            return NULL;
        }
    }

    p += n->len;

    if (end - p > 1 && p[0] == '=' && p[1] == '"') {
        /* the usual form, name="value" */

        v = p + 2;
        p = memchr(v, '"', end - v);

        if (p == NULL) {
            h->p = end;
            return NULL;
        }

        h->p = p + 1;

    } else {
        while (p < end && feed_html_space(*p)) {
            p++;
        }

        v = NULL;
        q = 0;

        if (p < end && *p == '=') {
            p++;

            while (p < end && feed_html_space(*p)) {
                p++;
            }

            if (p < end && (*p == '"' || *p == '\'')) {
                q = *p++;
                v = p;
                p = memchr(p, q, end - p);

                if (p == NULL) {
                    h->p = end;
                    return NULL;
                }

            } else {
                v = p;

                while (p < end && !feed_html_ends(*p, FEED_HTML_VALUE_END)) {
                    p++;
                }
            }
        }

        h->p = (q && p < end) ? p + 1 : p;
    }

    if (h->end_tag || *nattrs == FEED_HTML_MAX_ATTRS) {
        return NULL;
    }

    name = n->name;

    /* the first of duplicates wins */

    for (prev = h->attrs; prev; prev = prev->next) {
        if ((const char *) prev->name == name
            || (prev->name[0] == (xmlChar) name[0]
                && strcmp((const char *) prev->name, name) == 0))
        {
            return NULL;
        }
    }

    (*nattrs)++;

    vlen = 0;

    if (v && feed_html_amp(h, v, p)) {
        h->scratch.len = 0;
        feed_html_decode(&h->scratch, v, p, 1);

        if (h->scratch.failed) {
            return NULL;
        }

        v = h->scratch.data;
        vlen = h->scratch.len;

    } else if (v) {
        vlen = p - v;
    }

    /* the value's text node, the attribute and the value in one piece */

    text = feed_html_node(h, NULL, XML_TEXT_NODE,
                          sizeof(xmlAttr) + vlen + 1);
    if (text == NULL) {
        return NULL;
    }

    a = (xmlAttr *) (text + 1);
    s = (xmlChar *) (a + 1);

    /* the fields the extractor reads, as in feed_html_node() */

    a->type = XML_ATTRIBUTE_NODE;
    a->name = (xmlChar *) name;
    a->children = text;
    a->last = text;
    a->parent = NULL;
    a->next = NULL;
    a->prev = NULL;
    a->doc = text->doc;
    text->parent = (xmlNode *) a;

    if (vlen) {
        memcpy(s, v, vlen);
    }

    s[vlen] = '\0';
    text->content = s;

    return a;
}


/*
 * The text of a raw text or escapable raw text element, up to its end
 * tag, which is consumed; the element gets it as one text child (or,
 * for an element not made, the text read so far).
 */

static void
feed_html_raw(feed_html_t *h, xmlNode *elt, const char *name, int rcdata)
{
    feed_buf_t          *b;
    const feed_uchar_t  *close;

    close = feed_html_raw_end(h->p, h->end, name);

    b = &h->scratch;
    b->len = 0;

    if (rcdata) {
        feed_html_decode(b, h->p, close, 0);

    } else {
        feed_buf_add(b, h->p, close - h->p);
    }

    h->p = close;

    if (close < h->end) {
        /* the end tag, attributes and all */
        h->p = close + 2;
        h->end_tag = 1;
        (void) feed_html_tag(h);
    }

    if (b->len == 0) {
        return;
    }

    if (elt == NULL) {
        /* an element not made: its text is the current node's */
        feed_html_run(h);
        feed_buf_add(&h->text, b->data, b->len);
        return;
    }

    (void) feed_html_text_node(h, elt, b->data, b->len);
}


/*
 * Where the raw text from p ends: at "</name" followed by white space,
 * "/" or ">", in any case.  In a script, an end tag inside "<!--" and
 * a nested "<script" is not its end (the standard's script data
 * escaped and double escaped states).
 */

static const feed_uchar_t *
feed_html_raw_end(const feed_uchar_t *p, const feed_uchar_t *end,
    const char *name)
{
    int                  script, escaped, twice, slash;
    size_t               n;
    const feed_uchar_t  *q, *dash;

    n = strlen(name);
    script = (strcmp(name, "script") == 0);
    escaped = 0;
    twice = 0;

    for ( ;; ) {
        /* the next "<", or in an escaped script the next "-" too */

        q = memchr(p, '<', end - p);

        if (escaped) {
            dash = memchr(p, '-', (q ? q : end) - p);

            if (dash) {
                q = dash;
            }
        }

        if (q == NULL) {
            return end;
        }

        p = q;

        if (*p == '-') {
            if (end - p >= 3 && p[1] == '-' && p[2] == '>') {
                escaped = 0;
                twice = 0;
                p += 3;

            } else {
                p++;
            }

            continue;
        }

        if (script && !escaped && end - p >= 4 && memcmp(p, "<!--", 4) == 0)
        {
            /* at its dashes, which may end it at once: "<!-->" */
            escaped = 1;
            p += 2;
            continue;
        }

        slash = (end - p > 1 && p[1] == '/');
        q = p + 1 + slash;

        if ((size_t) (end - q) > n
            && feed_strncasecmp(q, (const feed_uchar_t *) name, n) == 0
            && feed_html_ends(q[n], FEED_HTML_NAME_END))
        {
            if (slash && !twice) {
                return p;
            }

            if (slash) {
                twice = 0;

            } else if (escaped) {
                twice = 1;
            }
        }

        p++;
    }
}


/* text with character references from p to end, decoded into b */

static void
feed_html_decode(feed_buf_t *b, const feed_uchar_t *p,
    const feed_uchar_t *end, int attr)
{
    const feed_uchar_t  *amp;

    while (p < end) {
        amp = memchr(p, '&', end - p);

        if (amp == NULL) {
            feed_buf_add(b, p, end - p);
            return;
        }

        feed_buf_add(b, p, amp - p);
        p = feed_html_ref(b, amp, end, attr);
    }
}


/*
 * A character reference at p ("&") before end: its characters go to b;
 * returns where the text goes on.
 */

static const feed_uchar_t *
feed_html_ref(feed_buf_t *b, const feed_uchar_t *p, const feed_uchar_t *end,
    int attr)
{
    int                  hex;
    size_t               len, n;
    uint32_t             cp[2], v;
    const feed_uchar_t  *q, *name;

    q = p + 1;

    if (q < end && *q == '#') {
        q++;
        hex = 0;

        if (q < end && (*q | 0x20) == 'x') {
            hex = 1;
            q++;
        }

        v = 0;

        for (n = 0; q < end; n++, q++) {

            if (*q >= '0' && *q <= '9') {
                v = v * (hex ? 16 : 10) + (*q - '0');

            } else if (hex && (*q | 0x20) >= 'a' && (*q | 0x20) <= 'f') {
                v = v * 16 + ((*q | 0x20) - 'a' + 10);

            } else {
                break;
            }

            if (v > 0x10ffff) {
                v = 0x110000;
            }
        }

        if (n == 0) {
            feed_buf_add_byte(b, '&');
            return p + 1;
        }

        if (q < end && *q == ';') {
            q++;
        }

        if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
            v = 0xfffd;

        } else if (v >= 0x80 && v <= 0x9f) {
            v = feed_cp1252_c1[v - 0x80];     /* &#128; is the euro */
        }

        feed_html_utf8(b, v);
        return q;
    }

    name = q;

    while (q < end && feed_html_alnum(*q) && q - name < 32) {
        q++;
    }

    len = q - name;

    if (len && q < end && *q == ';' && feed_html_entity(name, len, cp) != 0)
    {
        feed_html_utf8(b, cp[0]);

        if (cp[1]) {
            feed_html_utf8(b, cp[1]);
        }

        return q + 1;
    }

    /* the longest name recognised without a semicolon */

    for (n = (len < 6) ? len : 6; n >= 2; n--) {

        if (feed_html_entity(name, n, cp) != FEED_HTML_LEGACY) {
            continue;
        }

        if (attr && name + n < end
            && (feed_html_alnum(name[n]) || name[n] == '='))
        {
            break;
        }

        feed_html_utf8(b, cp[0]);
        return name + n;
    }

    feed_buf_add_byte(b, '&');

    return p + 1;
}


static void
feed_html_utf8(feed_buf_t *b, uint32_t cp)
{
    feed_uchar_t  u[4];

    if (cp < 0x80) {
        feed_buf_add_byte(b, (feed_uchar_t) cp);

    } else if (cp < 0x800) {
        u[0] = (feed_uchar_t) (0xc0 | (cp >> 6));
        u[1] = (feed_uchar_t) (0x80 | (cp & 0x3f));
        feed_buf_add(b, u, 2);

    } else if (cp < 0x10000) {
        u[0] = (feed_uchar_t) (0xe0 | (cp >> 12));
        u[1] = (feed_uchar_t) (0x80 | ((cp >> 6) & 0x3f));
        u[2] = (feed_uchar_t) (0x80 | (cp & 0x3f));
        feed_buf_add(b, u, 3);

    } else {
        u[0] = (feed_uchar_t) (0xf0 | (cp >> 18));
        u[1] = (feed_uchar_t) (0x80 | ((cp >> 12) & 0x3f));
        u[2] = (feed_uchar_t) (0x80 | ((cp >> 6) & 0x3f));
        u[3] = (feed_uchar_t) (0x80 | (cp & 0x3f));
        feed_buf_add(b, u, 4);
    }
}


/* tree construction: a start tag */

static inline void
feed_html_start(feed_html_t *h)
{
    unsigned   f;
    xmlNode   *elt;

    f = h->flags;

    /*
     * The common case: in HTML content of the body, an element with no
     * rule of its own, no p to close and nothing to reopen before it.
     */

    if (h->mode == FEED_HTML_IN_BODY && !h->foreign && !h->nclosed
        && !(f & FH_START_RULES)
        && (!(f & FH_CLOSE_P) || h->open_p == 0)
        && h->nopen < h->max_open)
    {
        feed_html_flush(h);

        elt = feed_html_element(h, h->stack[h->nopen - 1].node);

        if (elt) {
            feed_html_push_tag(h, elt);
        }

        return;
    }

    feed_html_start_mode(h);
}


/* a start tag by the insertion mode, and in the body by its rules */

static void
feed_html_start_mode(feed_html_t *h)
{
    unsigned         f;
    feed_html_id_t   id, top;

    f = h->flags;
    id = feed_html_id(h->elt);

    for ( ;; ) {
        switch (h->mode) {

        case FEED_HTML_INITIAL:
            h->html = feed_html_open(h, (xmlNode *) &h->arena->doc, FE_HTML,
                                     "html");
            if (h->html == NULL) {
                return;
            }

            h->mode = FEED_HTML_BEFORE_HEAD;

            if (id == FE_HTML) {
                return;
            }

            continue;

        case FEED_HTML_BEFORE_HEAD:
            if (id == FE_HTML) {
                feed_html_merge(h, h->html);
                return;
            }

            h->head = feed_html_open(h, h->html, FE_HEAD, "head");
            if (h->head == NULL) {
                return;
            }

            h->mode = FEED_HTML_IN_HEAD;

            if (id == FE_HEAD) {
                return;
            }

            continue;

        case FEED_HTML_IN_HEAD:
            if (id == FE_HEAD) {
                return;
            }

            if (id == FE_HTML) {
                feed_html_merge(h, h->html);
                return;
            }

            top = feed_html_id(h->stack[h->nopen - 1].elt);

            if ((f & FH_HEAD)
                && !(top == FE_NOSCRIPT && !(f & FH_VOID)
                     && id != FE_STYLE && id != FE_NOFRAMES))
            {
                feed_html_insert(h);
                return;
            }

            /* anything else ends the head, and a noscript in it */

            h->nopen = 1;
            h->mode = FEED_HTML_AFTER_HEAD;
            continue;

        case FEED_HTML_AFTER_HEAD:
            if (id == FE_HTML) {
                feed_html_merge(h, h->html);
                return;
            }

            if (id == FE_HEAD) {
                return;
            }

            if (id == FE_BODY) {
                h->body = feed_html_element(h, h->html);

                if (h->body) {
                    feed_html_push(h, h->body, h->elt);
                    h->mode = FEED_HTML_IN_BODY;
                }

                return;
            }

            if ((f & FH_HEAD) && (f & (FH_VOID|FH_RAW|FH_RCDATA))) {
                /* a late head element still goes into the head */
                feed_html_push(h, h->head, feed_html_lookup("head", 4));
                feed_html_insert(h);
                h->nopen = 1;
                return;
            }

            feed_html_body(h);
            continue;

        default:
            feed_html_start_body(h);
            return;
        }
    }
}


static void
feed_html_start_body(feed_html_t *h)
{
    int              i;
    unsigned         f;
    feed_html_id_t   id, n;

    f = h->flags;
    id = feed_html_id(h->elt);

    if (h->foreign) {
        if (!(f & FH_BREAKOUT)) {
            feed_html_insert(h);
            return;
        }

        /* an HTML element ends the foreign content it appears in */

        while (h->foreign && h->nopen > 1) {
            feed_html_pop_to(h, h->nopen - 1);
        }
    }

    switch (id) {

    case FE_HTML:
        feed_html_merge(h, h->html);
        return;

    case FE_BODY:
        feed_html_merge(h, h->body);
        return;

    case FE_HEAD:
    case FE_FRAMESET:
        return;

    default:
        break;
    }

    /* a cell, row or other part of a table outside any table is ignored */

    if ((f & FH_PART) && feed_html_find(h, h->table_elt, FH_TABLE) < 0) {
        return;
    }

    if (f & FH_CLOSE_P) {
        feed_html_close_p(h);
    }

    if (f & FH_HEADING) {
        if (h->stack[h->nopen - 1].flags & FH_HEADING) {
            feed_html_pop_to(h, h->nopen - 1);
        }

        feed_html_insert(h);
        return;
    }

    switch (id) {

    case FE_LI:
    case FE_DD:
    case FE_DT:
        /* an open li (dd, dt) is closed, unless inside another block */

        for (i = (int) h->nopen - 1; i > 0; i--) {
            n = feed_html_id(h->stack[i].elt);

            if (n == id || (id != FE_LI && (n == FE_DD || n == FE_DT))) {
                feed_html_pop_to(h, i);
                break;
            }

            if ((h->stack[i].flags & FH_SPECIAL)
                && n != FE_ADDRESS && n != FE_DIV && n != FE_P)
            {
                break;
            }
        }

        feed_html_close_p(h);
        break;

    case FE_OPTION:
    case FE_OPTGROUP:
        if (feed_html_id(h->stack[h->nopen - 1].elt) == FE_OPTION) {
            feed_html_pop_to(h, h->nopen - 1);
        }

        break;

    case FE_TD:
    case FE_TH:
    case FE_TR:
    case FE_TBODY:
    case FE_THEAD:
    case FE_TFOOT:
        /* a cell closes the open cell, a row the open row... */

        for (i = (int) h->nopen - 1; i > 0; i--) {
            n = feed_html_id(h->stack[i].elt);

            if (h->stack[i].flags & FH_TABLE) {
                break;
            }

            if (((n == FE_TD || n == FE_TH) && (id == FE_TD || id == FE_TH))
                || (n == FE_TR && id == FE_TR)
                || ((n == FE_TBODY || n == FE_THEAD || n == FE_TFOOT)
                    && (id == FE_TBODY || id == FE_THEAD
                        || id == FE_TFOOT)))
            {
                feed_html_pop_to(h, i);
                break;
            }
        }

        break;

    case FE_A:
    case FE_BUTTON:
    case FE_NOBR:
        /*
         * A second a (button, nobr) closes the first; an a still
         * remembered as active is not reopened any more.
         */

        for (i = (int) h->nopen - 1; i > 0; i--) {
            if (h->stack[i].elt == h->elt) {
                feed_html_pop_to(h, i);
                break;
            }

            if (h->stack[i].flags & (FH_SPECIAL|FH_SCOPE)) {
                break;
            }
        }

        if (id != FE_BUTTON && (i = feed_html_afe_find(h, h->elt)) >= 0) {
            feed_html_afe_remove(h, (size_t) i);
        }

        break;

    default:
        break;
    }

    if (h->nclosed && (!(f & FH_SPECIAL) || (f & FH_REOPEN))) {
        feed_html_reopen(h);
    }

    feed_html_insert(h);
}


/*
 * Creates the element of the tag under the current node: pushed, or for
 * a void element not, or for raw text with its text.
 */

static void
feed_html_insert(feed_html_t *h)
{
    xmlNode  *elt;
    unsigned  f;

    f = h->flags;

    if (h->foreign) {
        /* no raw text, and a self-closing tag closes */
        f &= ~(FH_RAW|FH_RCDATA|FH_PLAIN|FH_VOID);

        if (h->self_closing) {
            f |= FH_VOID;
        }

    } else if ((f & FH_FOREIGN) && h->self_closing) {
        f |= FH_VOID;
    }

    if (h->nopen == h->max_open) {
        /* too deep: the element is not made, its text goes on here */

        if (f & (FH_RAW|FH_RCDATA)) {
            feed_html_raw(h, NULL, h->name, f & FH_RCDATA);

        } else if (!(f & FH_VOID)) {
            h->over++;
        }

        return;
    }

    feed_html_flush(h);

    elt = feed_html_element(h, h->stack[h->nopen - 1].node);

    if (elt == NULL || (f & FH_VOID)) {
        return;
    }

    if (f & (FH_RAW|FH_RCDATA)) {
        feed_html_raw(h, elt, h->name, f & FH_RCDATA);
        return;
    }

    feed_html_push_tag(h, elt);

    if (h->foreign) {
        h->stack[h->nopen - 1].flags = 0;

    } else if (f & FH_FOREIGN) {
        h->foreign++;

    } else if (h->mode == FEED_HTML_IN_BODY && (f & (FH_FORMAT|FH_MARKER))) {
        feed_html_afe_push(h, (f & FH_FORMAT) ? elt : NULL);
    }

    if (f & FH_PLAIN) {
        feed_html_run(h);
        feed_buf_add(&h->text, h->p, h->end - h->p);
        h->p = h->end;
    }
}


/* tree construction: an end tag */

static void
feed_html_end(feed_html_t *h)
{
    int             i;
    feed_html_id_t  id;

    if (h->over) {
        h->over--;
        return;
    }

    /*
     * The common case: in HTML content of the body, the end tag of the
     * current element, which has no rule of its own and is no formatting
     * element, closes it; unless it is a marker, nothing else is done
     * (feed_html_pop_to(), for the one element).
     */

    if (h->current && h->mode == FEED_HTML_IN_BODY && !h->foreign
        && !(h->flags & (FH_RULE|FH_FORMAT)))
    {
        if (h->flags & FH_MARKER) {
            feed_html_pop_to(h, h->nopen - 1);
            return;
        }

        feed_html_flush(h);
        h->nopen--;

        if (h->elt == h->p_elt) {
            h->open_p--;
        }

        return;
    }

    id = feed_html_id(h->elt);

    switch (h->mode) {

    case FEED_HTML_IN_BODY:
        break;

    case FEED_HTML_IN_HEAD:
        if (id == FE_HEAD) {
            h->nopen = 1;
            h->mode = FEED_HTML_AFTER_HEAD;
            return;
        }

        if (id == FE_NOSCRIPT
            && feed_html_id(h->stack[h->nopen - 1].elt) == FE_NOSCRIPT)
        {
            h->nopen--;
            return;
        }

        if (id == FE_TEMPLATE) {
            i = feed_html_find(h, h->elt, 0);

            if (i > 1) {
                feed_html_pop_to(h, i);
            }

            return;
        }

        /* fall through */

    default:
        if (id != FE_BR) {
            return;
        }
    }

    if (id == FE_BR) {
        /* </br> is read as <br> */
        h->attrs = NULL;
        h->self_closing = 0;
        feed_html_start(h);
        return;
    }

    feed_html_end_body(h);
}


static void
feed_html_end_body(feed_html_t *h)
{
    int             i, k;
    unsigned        f;
    feed_html_id_t  id;

    f = h->flags;
    id = feed_html_id(h->elt);

    if (id == FE_BODY || id == FE_HTML) {
        return;
    }

    if (h->foreign) {
        /* the matching foreign element */

        for (i = (int) h->nopen - 1; i > 0; i--) {

            if (feed_html_same(h, i)) {
                feed_html_pop_to(h, i);
                return;
            }

            if (h->stack[i].flags & FH_FOREIGN) {
                break;
            }
        }

        /* else it is read as an HTML end tag */
    }

    if (f & FH_HEADING) {
        for (i = (int) h->nopen - 1; i > 0; i--) {
            if (h->stack[i].flags & FH_HEADING) {
                feed_html_pop_to(h, i);
                return;
            }

            if (h->stack[i].flags & FH_SCOPE) {
                return;
            }
        }

        return;
    }

    if (f & FH_SPECIAL) {

        switch (id) {

        case FE_LI:
            i = feed_html_find(h, h->elt, FH_SCOPE|FH_LIST);
            break;

        case FE_TABLE:
        case FE_TR:
        case FE_TBODY:
        case FE_THEAD:
        case FE_TFOOT:
            i = feed_html_find(h, h->elt, FH_TABLE);
            break;

        default:
            i = feed_html_find(h, h->elt, FH_SCOPE);
        }

        if (i > 0) {
            feed_html_pop_to(h, i);

        } else if (id == FE_P && h->nopen < h->max_open) {
            /* a </p> with no p open makes an empty one */
            feed_html_flush(h);
            (void) feed_html_element(h, h->stack[h->nopen - 1].node);
        }

        return;
    }

    /*
     * Formatting and other elements: the nearest open one of the name,
     * unless a special element is open inside it.  A formatting element
     * closed so is not reopened; one closed already is forgotten.
     */

    k = (f & FH_FORMAT) ? feed_html_afe_find(h, h->elt) : -1;

    if (k >= 0 && !h->afe[k].open) {
        feed_html_afe_remove(h, (size_t) k);
        return;
    }

    for (i = (int) h->nopen - 1; i > 0; i--) {

        if (feed_html_same(h, i)) {
            feed_html_pop_to(h, i);

            if (k >= 0) {
                feed_html_afe_remove(h, (size_t) k);
            }

            return;
        }

        if (h->stack[i].flags & FH_SPECIAL) {
            return;
        }
    }
}


/* text read outside the body: white space dropped, the rest starts it */

static void
feed_html_text(feed_html_t *h)
{
    size_t       i;
    feed_buf_t  *t;

    feed_html_run(h);
    t = &h->text;

    for (i = 0; i < t->len && feed_html_space(t->data[i]); i++) {
        /* void */
    }

    if (i == t->len) {
        t->len = 0;
        return;
    }

    memmove(t->data, t->data + i, t->len - i);
    t->len -= i;

    feed_html_body(h);
}


/* the element of the tag just read, appended to parent */

static inline xmlNode *
feed_html_element(feed_html_t *h, xmlNode *parent)
{
    xmlAttr  *a;
    xmlNode  *elt;

    elt = feed_html_node(h, parent, XML_ELEMENT_NODE, 0);
    if (elt == NULL) {
        return NULL;
    }

    elt->name = (const xmlChar *) h->name;
    elt->properties = h->attrs;

    for (a = h->attrs; a; a = a->next) {
        a->parent = elt;
    }

    return elt;
}


/*
 * A later <html> or <body> adds the attributes the element does not
 * have yet.
 */

static void
feed_html_merge(feed_html_t *h, xmlNode *elt)
{
    xmlAttr  *a, *next, *have, *last;

    last = NULL;

    for (have = elt->properties; have; have = have->next) {
        last = have;
    }

    for (a = h->attrs; a; a = next) {
        next = a->next;

        for (have = elt->properties; have; have = have->next) {
            if (strcmp((const char *) have->name, (const char *) a->name)
                == 0)
            {
                break;
            }
        }

        if (have) {
            continue;
        }

        a->parent = elt;
        a->next = NULL;
        a->prev = last;

        if (last) {
            last->next = a;

        } else {
            elt->properties = a;
        }

        last = a;
    }

    h->attrs = NULL;
}


/*
 * The html or head element, opened: the tag's own when the tag is that
 * element, else one the standard implies.
 */

static xmlNode *
feed_html_open(feed_html_t *h, xmlNode *parent, feed_html_id_t id,
    const char *name)
{
    xmlNode  *elt;

    elt = (feed_html_id(h->elt) == id) ? feed_html_element(h, parent)
                                       : feed_html_implied(h, parent, name);

    if (elt) {
        feed_html_push(h, elt, feed_html_lookup(name, strlen(name)));
    }

    return elt;
}


/* an element the standard implies, with no attributes */

static xmlNode *
feed_html_implied(feed_html_t *h, xmlNode *parent, const char *name)
{
    xmlNode  *elt;

    elt = feed_html_node(h, parent, XML_ELEMENT_NODE, 0);

    if (elt) {
        elt->name = (const xmlChar *) name;
    }

    return elt;
}


static inline void
feed_html_push(feed_html_t *h, xmlNode *node, const feed_html_elt_t *elt)
{
    feed_html_open_t  *o;

    o = &h->stack[h->nopen++];
    o->node = node;
    o->elt = elt;
    o->flags = elt ? elt->flags : 0;
    o->word = 1;
    o->mask = 0;
    o->len = 0;

    if (elt == h->p_elt) {
        h->open_p++;
    }
}


/* pushes the element of the tag just read, with the tag's name */

static inline void
feed_html_push_tag(feed_html_t *h, xmlNode *node)
{
    feed_html_open_t  *o;

    feed_html_push(h, node, h->elt);

    o = &h->stack[h->nopen - 1];
    o->word = h->tag->word;
    o->mask = h->tag->mask;
    o->len = h->tag->len;
}


/* closes the open element at i and all inside it */

static void
feed_html_pop_to(feed_html_t *h, size_t i)
{
    size_t             k;
    feed_html_open_t  *o;

    feed_html_flush(h);

    while (h->nopen > i) {
        o = &h->stack[--h->nopen];

        if (o->elt == h->p_elt) {
            h->open_p--;
        }

        if (o->flags & FH_FOREIGN) {
            h->foreign--;
        }

        if ((o->flags & FH_FORMAT) && h->nafe) {
            /* still active: to be reopened */

            for (k = h->nafe; k > 0 && h->afe[k - 1].node; k--) {
                if (h->afe[k - 1].node == o->node && h->afe[k - 1].open) {
                    h->afe[k - 1].open = 0;
                    h->nclosed++;
                    break;
                }
            }

        } else if ((o->flags & FH_MARKER) && h->nafe) {
            /* the formatting opened inside it ends with it */

            while (h->nafe && h->afe[h->nafe - 1].node) {
                feed_html_afe_remove(h, h->nafe - 1);
            }

            if (h->nafe) {
                h->nafe--;
            }
        }
    }
}


/*
 * The open element elt nearest the current node, unless an element with
 * a flag of stop comes first; -1 if none.
 */

static int
feed_html_find(feed_html_t *h, const feed_html_elt_t *elt, unsigned stop)
{
    int  i, button;

    /* a button bounds the scope of a p */
    button = ((stop & FH_SCOPE) && elt == h->p_elt);

    for (i = (int) h->nopen - 1; i > 0; i--) {
        if (h->stack[i].elt == elt) {
            return i;
        }

        if (h->stack[i].flags & stop) {
            return -1;
        }

        if (button && h->stack[i].elt == h->button_elt) {
            return -1;
        }
    }

    return -1;
}


/*
 * Remembers a formatting element just opened, or a marker (node NULL).
 * Of three or more of one name since the last marker the earliest goes
 * (the standard compares attributes too); a full list loses its oldest.
 */

static void
feed_html_afe_push(feed_html_t *h, xmlNode *node)
{
    size_t            i, n, first;
    feed_html_afe_t  *e;

    if (node) {
        n = 0;
        first = 0;

        for (i = h->nafe; i > 0 && h->afe[i - 1].node; i--) {
            if (h->afe[i - 1].elt == h->elt) {
                n++;
                first = i - 1;
            }
        }

        if (n >= 3) {
            feed_html_afe_remove(h, first);
        }
    }

    if (h->nafe == FEED_HTML_MAX_AFE) {
        feed_html_afe_remove(h, 0);
    }

    e = &h->afe[h->nafe++];
    e->node = node;
    e->elt = node ? h->elt : NULL;
    e->attrs = node ? h->attrs : NULL;
    e->open = 1;
}


/* the entry of elt since the last marker, the latest; -1 if none */

static int
feed_html_afe_find(feed_html_t *h, const feed_html_elt_t *elt)
{
    size_t  i;

    for (i = h->nafe; i > 0 && h->afe[i - 1].node; i--) {
        if (h->afe[i - 1].elt == elt) {
            return (int) i - 1;
        }
    }

    return -1;
}


static void
feed_html_afe_remove(feed_html_t *h, size_t i)
{
    if (h->afe[i].node && !h->afe[i].open) {
        h->nclosed--;
    }

    memmove(&h->afe[i], &h->afe[i + 1],
            (h->nafe - i - 1) * sizeof(feed_html_afe_t));
    h->nafe--;
}


/*
 * The standard's "reconstruct the active formatting elements": each
 * formatting element closed since the last marker or the last one still
 * open is opened again, a copy with the same attributes, in order.
 */

static void
feed_html_reopen(feed_html_t *h)
{
    size_t            i;
    xmlAttr          *a, *copy, *last;
    xmlNode          *elt, *text;
    feed_html_afe_t  *e;

    i = h->nafe;

    while (i > 0 && h->afe[i - 1].node && !h->afe[i - 1].open) {
        i--;
    }

    feed_html_flush(h);

    for ( /* void */ ; i < h->nafe && h->nopen < h->max_open; i++) {
        e = &h->afe[i];

        elt = feed_html_node(h, NULL, XML_ELEMENT_NODE, 0);
        if (elt == NULL) {
            return;
        }

        elt->name = (const xmlChar *) e->elt->name;
        last = NULL;

        for (a = e->attrs; a; a = a->next) {
            text = feed_html_node(h, NULL, XML_TEXT_NODE, sizeof(xmlAttr));
            if (text == NULL) {
                return;
            }

            copy = (xmlAttr *) (text + 1);

            copy->type = XML_ATTRIBUTE_NODE;
            copy->name = a->name;
            copy->children = text;
            copy->last = text;
            copy->parent = elt;
            copy->next = NULL;
            copy->doc = elt->doc;
            copy->prev = last;
            text->parent = (xmlNode *) copy;
            text->content = a->children->content;

            if (last) {
                last->next = copy;

            } else {
                elt->properties = copy;
            }

            last = copy;
        }

        feed_html_append(h->stack[h->nopen - 1].node, elt);
        feed_html_push(h, elt, e->elt);

        e->node = elt;
        e->open = 1;
        h->nclosed--;
    }
}


/* an open p is closed by a block */

static void
feed_html_close_p(feed_html_t *h)
{
    int  i;

    if (h->open_p == 0) {
        return;
    }

    i = feed_html_find(h, h->p_elt, FH_SCOPE);

    if (i > 0) {
        feed_html_pop_to(h, i);
    }
}


/* the implied html, head and body, up to the body */

static void
feed_html_body(feed_html_t *h)
{
    if (h->mode == FEED_HTML_IN_BODY) {
        return;
    }

    if (h->html == NULL) {
        h->html = feed_html_implied(h, (xmlNode *) &h->arena->doc, "html");

        if (h->html == NULL) {
            return;
        }

        feed_html_push(h, h->html, feed_html_lookup("html", 4));
    }

    if (h->head == NULL) {
        h->head = feed_html_implied(h, h->html, "head");

        if (h->head == NULL) {
            return;
        }
    }

    h->body = feed_html_implied(h, h->html, "body");

    if (h->body == NULL) {
        return;
    }

    h->nopen = 1;
    h->open_p = 0;
    feed_html_push(h, h->body, feed_html_lookup("body", 4));
    h->mode = FEED_HTML_IN_BODY;
}


/*
 * The text read so far becomes a text node of the current node.  Most
 * elements begin and end here: inline, no text costs nothing, and the
 * newline between two tags, the most common text of all, makes its node
 * with no call and no copy.
 */

static inline void
feed_html_flush(feed_html_t *h)
{
    xmlNode  *text;

    if (h->run == NULL) {
        if (h->text.len) {
            feed_html_flush_text(h);
        }

        return;
    }

    if (h->run_len == 1 && h->run[0] == '\n' && h->nopen) {
        h->run = NULL;
        text = feed_html_node(h, h->stack[h->nopen - 1].node, XML_TEXT_NODE,
                              0);

        if (text) {
            text->content = (xmlChar *) "\n";
        }

        return;
    }

    feed_html_flush_text(h);
}


/* feed_html_flush() of other text */

static void
feed_html_flush_text(feed_html_t *h)
{
    size_t               len;
    xmlNode             *text, *parent;
    const feed_uchar_t  *p;

    if (h->run) {
        p = h->run;
        len = h->run_len;
        h->run = NULL;

    } else {
        p = h->text.data;
        len = h->text.len;
        h->text.len = 0;
    }

    if (len == 0 || h->nopen == 0) {
        return;
    }

    parent = h->stack[h->nopen - 1].node;

    if (len == 1 && p[0] == '\n') {
        /* a newline, decoded: not copied either */

        text = feed_html_node(h, parent, XML_TEXT_NODE, 0);

        if (text) {
            text->content = (xmlChar *) "\n";
        }

    } else {
        (void) feed_html_text_node(h, parent, p, len);
    }
}
