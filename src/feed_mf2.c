
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The microformats2 items of a page (the contract is in feed_mf2.h):
 * the walk to the h-entry roots, the properties of each, and the
 * classes of elements.  The values of properties, and the implied
 * ones, are in feed_mf2_value.c.
 */


#include <stdlib.h>

#include "feed_mf2_int.h"
#include "feed_date.h"
#include "feed_merge.h"


/*
 * property names an item reads (see feed_mf2_name()): the properties of
 * one element are set in the order of their bits
 */

#define FEED_MF2_NAME        0x0001
#define FEED_MF2_URL         0x0002
#define FEED_MF2_UID         0x0004
#define FEED_MF2_PHOTO       0x0008
#define FEED_MF2_PUBLISHED   0x0010
#define FEED_MF2_UPDATED     0x0020
#define FEED_MF2_SUMMARY     0x0040
#define FEED_MF2_CONTENT     0x0080
#define FEED_MF2_AUTHOR      0x0100
#define FEED_MF2_CATEGORY    0x0200
#define FEED_MF2_OTHER       0x8000

/* prefixes, in the order mf2py reads them on one element */

#define FEED_MF2_P           0
#define FEED_MF2_U           1
#define FEED_MF2_DT          2
#define FEED_MF2_E           3

/* mf2py's parsed_types_aggregation: 1 << prefix, and nested roots */

#define FEED_MF2_HAS(prefix) (1u << (prefix))
#define FEED_MF2_HAS_H       0x10

#define FEED_MF2_H_ENTRY     0x01
#define FEED_MF2_H_FEED      0x02
#define FEED_MF2_H_OTHER     0x04

/* microformats 1 roots: the index in feed_mf2_mf1 as a bit, at most 8 */

#define FEED_MF1_HENTRY      0x01
#define FEED_MF1_HFEED       0x02
#define FEED_MF1_VCARD       0x04
#define FEED_MF1_OTHER       0x08

/* dt- values read in one microformat, for the value class pattern */
#define FEED_MF2_MAX_DT      32

/* category values read, duplicates and empty ones included */
#define FEED_MF2_MAX_CATS    (4 * FEED_MF2_MAX_CATEGORIES)

/* h-feed nested in h-feed, as deep as the parser lets elements go */
#define FEED_MF2_MAX_FEEDS   256

#define feed_mf2_ws(c)                                                        \
    ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\f' || (c) == '\r')


/* a microformats 1 class, read inside some roots as a property */

typedef struct {
    const char          *name;
    unsigned             in;         /* FEED_MF1_* */
    int                  prefix;
    unsigned             prop;
    unsigned             root;       /* an h-* the class adds */
} feed_mf2_rule_t;


/* the element of a property that is a microformat itself */

typedef struct {
    char                *name;       /* explicit */
    char                *url;
    char                *iname;      /* implied */
    char                *iurl;
    unsigned             root:1;
    unsigned             done:1;
    unsigned             named:1;    /* it has a name, maybe empty */
} feed_mf2_nest_t;


/* the h-entry roots of a page, in document order */

typedef struct {
    feed_sanitize_t     *s;
    xmlNode            **nodes;
    unsigned            *rules;
    size_t               n;
    size_t               nalloc;
} feed_mf2_roots_t;


static int feed_mf2_root(feed_mf2_roots_t *r, xmlNode *node, unsigned rules,
    feed_items_t *items, int light);
static int feed_mf2_fill(void *data, size_t i, feed_item_t *item);
static void feed_mf2_item(feed_sanitize_t *s, xmlNode *node, unsigned rules,
    feed_item_t *item, int light);
static void feed_mf2_parse(feed_mf2_mf_t *mf, xmlNode *root, unsigned rules);
static void feed_mf2_props(feed_mf2_mf_t *mf, xmlNode *node,
    feed_mf2_cls_t *c);
static char *feed_mf2_value(feed_mf2_mf_t *mf, xmlNode *node, int prefix,
    feed_mf2_cls_t *c, feed_mf2_nest_t *nest);
static void feed_mf2_set(feed_mf2_mf_t *mf, unsigned prop, int prefix,
    char **v, int last, feed_mf2_nest_t *nest);
static char *feed_mf2_take(feed_sanitize_t *s, char **v, int take);
static char *feed_mf2_take_url(feed_sanitize_t *s, char **v, int check,
    int take);
static void feed_mf2_nest(feed_mf2_mf_t *mf, xmlNode *node,
    feed_mf2_cls_t *c, feed_mf2_nest_t *nest);
static void feed_mf2_tag(feed_mf2_mf_t *mf, xmlNode *node);
static void feed_mf2_class(feed_mf2_cls_t *c, const feed_uchar_t *p,
    size_t len, unsigned rules);
static const xmlChar *feed_mf2_class_attr(xmlNode *node);
static unsigned feed_mf2_name(const feed_uchar_t *p, size_t len);
static const xmlChar *feed_mf2_token(const xmlChar *p, size_t *len);
static int feed_mf2_valid(const feed_uchar_t *p, size_t len);
static int feed_mf2_letters(const feed_uchar_t *p, size_t len);


static const feed_str_t  feed_mf2_mf1[] = {
    feed_string("hentry"), feed_string("hfeed"), feed_string("vcard"),
    feed_string("adr"), feed_string("geo"), feed_string("hproduct"),
    feed_string("hrecipe"), feed_string("hresume"), feed_string("hreview"),
    feed_string("hreview-aggregate"), feed_string("vevent"), feed_null_string
};


/*
 * mf2py's backward compatible vocabularies (its backcompat-rules), for
 * the properties an item reads; hreview, hproduct and the rest are only
 * roots here.
 */

static const feed_mf2_rule_t  feed_mf2_rules[] = {

    { "entry-title",   FEED_MF1_HENTRY, FEED_MF2_P, FEED_MF2_NAME, 0 },
    { "entry-summary", FEED_MF1_HENTRY, FEED_MF2_P, FEED_MF2_SUMMARY, 0 },
    { "entry-content", FEED_MF1_HENTRY, FEED_MF2_E, FEED_MF2_CONTENT, 0 },
    { "published",     FEED_MF1_HENTRY, FEED_MF2_DT, FEED_MF2_PUBLISHED, 0 },
    { "updated",       FEED_MF1_HENTRY, FEED_MF2_DT, FEED_MF2_UPDATED, 0 },
    { "author",        FEED_MF1_HENTRY, FEED_MF2_P, FEED_MF2_AUTHOR,
                       FEED_MF2_H_OTHER },
    { "geo",           FEED_MF1_HENTRY|FEED_MF1_VCARD, FEED_MF2_P,
                       FEED_MF2_OTHER, FEED_MF2_H_OTHER },
    { "category",      FEED_MF1_HENTRY|FEED_MF1_HFEED|FEED_MF1_VCARD,
                       FEED_MF2_P, FEED_MF2_CATEGORY, 0 },
    { "site-title",    FEED_MF1_HFEED, FEED_MF2_P, FEED_MF2_NAME, 0 },
    { "title",         FEED_MF1_HFEED, FEED_MF2_P, FEED_MF2_NAME, 0 },
    { "site-description", FEED_MF1_HFEED, FEED_MF2_P, FEED_MF2_SUMMARY, 0 },
    { "description",   FEED_MF1_HFEED, FEED_MF2_P, FEED_MF2_SUMMARY, 0 },
    { "fn",            FEED_MF1_VCARD, FEED_MF2_P, FEED_MF2_NAME, 0 },
    { "url",           FEED_MF1_VCARD, FEED_MF2_U, FEED_MF2_URL, 0 },
    { "uid",           FEED_MF1_VCARD, FEED_MF2_U, FEED_MF2_UID, 0 },
    { "photo",         FEED_MF1_VCARD, FEED_MF2_U, FEED_MF2_PHOTO, 0 },
    { "adr",           FEED_MF1_VCARD, FEED_MF2_P, FEED_MF2_OTHER,
                       FEED_MF2_H_OTHER },
    { NULL, 0, 0, 0, 0 }
};


int
feed_mf2_items(feed_sanitize_t *s, xmlNode *root, feed_items_t *items,
    size_t max, size_t keep)
{
    int               rc, light;
    size_t            n, i;
    unsigned          rules, props;
    xmlNode          *node, *next, *feeds[FEED_MF2_MAX_FEEDS];
    unsigned          frules[FEED_MF2_MAX_FEEDS];
    feed_mf2_cls_t    c;
    feed_mf2_roots_t  r;

    /*
     * With keep, the entries are first read only for the dates the merge
     * sorts them by, and then only those it could take are read in full.
     */

    memset(&r, 0, sizeof(feed_mf2_roots_t));
    r.s = s;
    light = (keep != 0);

    n = 0;
    node = root;

    while (node && s->work && items->nelts < max && !s->failed) {

        s->work--;

        feed_mf2_classes(node, n ? frules[n - 1] : 0, &c);

        next = feed_mf2_child(node);
        props = c.props[0] | c.props[1] | c.props[2] | c.props[3];
        rules = c.roots ? 0 : c.mf1;

        /* top level, or a child (not a property) of an h-feed */

        if ((c.roots || c.mf1) && n && props) {
            next = NULL;

        } else if (c.roots ? (c.roots & FEED_MF2_H_ENTRY)
                           : (c.mf1 & FEED_MF1_HENTRY))
        {
            (void) feed_mf2_root(&r, node, rules, items, light);
            next = NULL;

        } else if (c.roots ? (c.roots & FEED_MF2_H_FEED)
                           : (c.mf1 & FEED_MF1_HFEED))
        {
            if (next && n < FEED_MF2_MAX_FEEDS) {
                feeds[n] = node;
                frules[n++] = rules;
            }

        } else if (c.roots || c.mf1) {
            next = NULL;
        }

        if (next) {
            node = next;
            continue;
        }

        while (node != root && (next = feed_mf2_sibling(node)) == NULL) {
            node = node->parent;

            if (n && feeds[n - 1] == node) {
                n--;
            }
        }

        node = (node == root) ? NULL : next;
    }

    rc = FEED_OK;

    if (light && !s->failed) {

        if (items->nelts > keep) {
            rc = feed_merge_choose(items, keep, feed_mf2_fill, &r);

        } else {
            for (i = 0; i < items->nelts; i++) {
                feed_item_free(&items->elts[i]);
                (void) feed_mf2_fill(&r, i, &items->elts[i]);
            }
        }
    }

    free(r.nodes);
    free(r.rules);

    return (s->failed || rc != FEED_OK) ? FEED_ERROR : FEED_OK;
}


/* an item at an h-entry root, and the root kept to be read again */

static int
feed_mf2_root(feed_mf2_roots_t *r, xmlNode *node, unsigned rules,
    feed_items_t *items, int light)
{
    size_t        n;
    xmlNode     **nodes;
    unsigned     *ru;
    feed_item_t  *item;

    if (light && r->n == r->nalloc) {
        n = r->nalloc ? 2 * r->nalloc : 16;

        nodes = realloc(r->nodes, n * sizeof(xmlNode *));
        if (nodes) {
            r->nodes = nodes;
        }

        ru = realloc(r->rules, n * sizeof(unsigned));
        if (ru) {
            r->rules = ru;
        }

        if (nodes == NULL || ru == NULL) {
            r->s->failed = 1;
            return FEED_ERROR;
        }

        r->nalloc = n;
    }

    item = feed_items_push(items);
    if (item == NULL) {
        r->s->failed = 1;
        return FEED_ERROR;
    }

    item->order = items->nelts - 1;

    if (light) {
        r->nodes[r->n] = node;
        r->rules[r->n++] = rules;
    }

    feed_mf2_item(r->s, node, rules, item, light);

    return FEED_OK;
}


/* the item of the i-th root, read in full */

static int
feed_mf2_fill(void *data, size_t i, feed_item_t *item)
{
    feed_mf2_roots_t  *r;

    r = data;

    feed_mf2_item(r->s, r->nodes[i], r->rules[i], item, 0);
    item->order = i;

    return r->s->failed ? FEED_ERROR : FEED_OK;
}


static void
feed_mf2_item(feed_sanitize_t *s, xmlNode *node, unsigned rules,
    feed_item_t *item, int light)
{
    feed_mf2_mf_t  mf;

    memset(&mf, 0, sizeof(feed_mf2_mf_t));
    mf.s = s;
    mf.item = item;
    mf.light = light;

    feed_mf2_parse(&mf, node, rules);

    /* microformats 1 have no implied properties, dates none either */

    if (rules || light) {
        return;
    }

    if (!(mf.seen & FEED_MF2_NAME)
        && !(mf.agg & (FEED_MF2_HAS(FEED_MF2_P) | FEED_MF2_HAS(FEED_MF2_E)
                       | FEED_MF2_HAS_H)))
    {
        item->title = feed_sanitize_strip(feed_mf2_implied_name(s, node));
    }

    if (!(mf.seen & FEED_MF2_PHOTO)) {
        item->photo = feed_mf2_implied_photo(s, node);
    }

    if (!(mf.seen & FEED_MF2_URL)
        && !(mf.agg & (FEED_MF2_HAS(FEED_MF2_U) | FEED_MF2_HAS_H)))
    {
        item->url = feed_mf2_implied_url(s, node);
    }
}


/*
 * The properties of the microformat at root: its descendants in
 * document order, not entering nested microformats.  rules: the
 * microformats 1 roots root has, when it has no h-* class.
 */

static void
feed_mf2_parse(feed_mf2_mf_t *mf, xmlNode *root, unsigned rules)
{
    xmlNode         *node, *next;
    feed_mf2_cls_t   c;

    node = feed_mf2_child(root);

    while (node && mf->s->work) {

        /* the date an item sorts by is its published one, once known */

        if (mf->light && mf->item->published.kind != FEED_DATE_NONE) {
            return;
        }

        mf->s->work--;

        feed_mf2_classes(node, rules, &c);

        if (c.tag && !mf->nested && !mf->light) {
            feed_mf2_tag(mf, node);
        }

        if (c.props[0] | c.props[1] | c.props[2] | c.props[3]) {
            feed_mf2_props(mf, node, &c);
        }

        next = NULL;

        if (c.roots || c.mf1) {
            mf->agg |= FEED_MF2_HAS_H;
            mf->date[0] = '\0';

        } else {
            next = feed_mf2_child(node);
        }

        if (next) {
            node = next;
            continue;
        }

        while ((next = feed_mf2_sibling(node)) == NULL) {
            node = node->parent;

            if (node == root) {
                return;
            }
        }

        node = next;
    }
}


/* the properties on one element, first p-*, then u-*, dt-* and e-* */

static void
feed_mf2_props(feed_mf2_mf_t *mf, xmlNode *node, feed_mf2_cls_t *c)
{
    int               prefix;
    char             *v;
    unsigned          want, prop, rest;
    const char       *usual;
    feed_mf2_nest_t   nest;

    memset(&nest, 0, sizeof(feed_mf2_nest_t));

    nest.root = (c->roots || c->mf1) && !mf->nested;

    for (prefix = FEED_MF2_P; prefix <= FEED_MF2_E; prefix++) {

        if (c->props[prefix] == 0) {
            continue;
        }

        mf->agg |= FEED_MF2_HAS(prefix);

        want = c->props[prefix] & ~mf->seen
               & ~(FEED_MF2_OTHER|FEED_MF2_CATEGORY);

        if (mf->nested) {
            want &= FEED_MF2_NAME|FEED_MF2_URL;

        } else if (mf->light) {
            want &= FEED_MF2_PUBLISHED|FEED_MF2_UPDATED;

        } else if ((c->props[prefix] & FEED_MF2_CATEGORY)
                   && prefix != FEED_MF2_U
                   && mf->item->ncategories < FEED_MF2_MAX_CATEGORIES
                   && mf->ncat++ < FEED_MF2_MAX_CATS)
        {
            want |= FEED_MF2_CATEGORY;
        }

        if (want & FEED_MF2_CONTENT) {
            mf->item->content = feed_sanitize_html(mf->s, node,
                                                   FEED_MF2_MAX_CONTENT);
            mf->seen |= FEED_MF2_CONTENT;
            want &= ~FEED_MF2_CONTENT;
        }

        /* every dt- value may lend its date to a later one */

        if (want == 0
            && (prefix != FEED_MF2_DT || mf->nested
                || mf->ndt >= FEED_MF2_MAX_DT))
        {
            continue;
        }

        mf->ndt += (prefix == FEED_MF2_DT);

        if (nest.root && !nest.done) {
            feed_mf2_nest(mf, node, c, &nest);
        }

        usual = (prefix == FEED_MF2_DT) ? feed_mf2_dt_usual(mf, node) : NULL;

        /*
         * An author that is a microformat with a name (a p-author h-card)
         * is that name and url: the element's own value is not read,
         * unless it is a dt- one, which may lend its date.
         */

        v = usual ? (char *) usual
            : (want == FEED_MF2_AUTHOR && nest.root && prefix != FEED_MF2_DT
               && (prefix == FEED_MF2_U ? (nest.url || nest.iurl)
                                        : nest.named))
              ? NULL : feed_mf2_value(mf, node, prefix, c, &nest);

        /*
         * The wanted properties, lowest bit first.  A usual dt- value is
         * the attribute itself: only read, never taken over nor freed.
         */

        for (rest = want & (FEED_MF2_OTHER - 1); rest; rest &= rest - 1) {
            prop = rest & (~rest + 1);
            feed_mf2_set(mf, prop, prefix, &v,
                         usual == NULL && (rest & (rest - 1)) == 0, &nest);
        }

        mf->seen |= want & ~FEED_MF2_CATEGORY;

        if (usual == NULL) {
            free(v);
        }
    }

    /* only a root's nest has strings */

    if (nest.root) {
        free(nest.name);
        free(nest.url);
        free(nest.iname);
        free(nest.iurl);
    }
}


/*
 * A property's value as mf2py gives it; for a nested microformat, its
 * "value": the microformat's explicit name (p-*) or url (u-*) when it
 * has one, else the element's value.
 */

static char *
feed_mf2_value(feed_mf2_mf_t *mf, xmlNode *node, int prefix,
    feed_mf2_cls_t *c, feed_mf2_nest_t *nest)
{
    if (nest->root && !nest->done) {
        feed_mf2_nest(mf, node, c, nest);
    }

    switch (prefix) {

    case FEED_MF2_P:
        return nest->name ? feed_sanitize_string(mf->s,
                                (xmlChar *) nest->name, 0, FEED_MF2_MAX_TEXT)
                          : feed_mf2_text_value(mf->s, node);

    case FEED_MF2_U:
        return nest->url ? feed_sanitize_string(mf->s, (xmlChar *) nest->url,
                                                0, FEED_SANITIZE_MAX_URL)
                         : feed_mf2_url_value(mf->s, node);

    case FEED_MF2_DT:
        return feed_mf2_dt_value(mf, node);

    default:
        return feed_sanitize_text(mf->s, node,
                                  FEED_TEXT_IMG_ALT|FEED_TEXT_IMG_SRC,
                                  FEED_MF2_MAX_TEXT);
    }
}


static void
feed_mf2_set(feed_mf2_mf_t *mf, unsigned prop, int prefix, char **vp,
    int last, feed_mf2_nest_t *nest)
{
    char             *v, *url;
    feed_date_t      *d;
    feed_item_t      *it;
    feed_sanitize_t  *s;

    it = mf->item;
    s = mf->s;
    v = *vp;

    switch (prop) {

    case FEED_MF2_NAME:
    case FEED_MF2_SUMMARY:
        *((prop == FEED_MF2_NAME) ? &it->title : &it->summary)
            = feed_mf2_take(s, vp, last);
        break;

    case FEED_MF2_URL:
    case FEED_MF2_PHOTO:
        *((prop == FEED_MF2_URL) ? &it->url : &it->photo)
            = feed_mf2_take_url(s, vp, 1, last);
        break;

    case FEED_MF2_UID:
        it->id = feed_mf2_take_url(s, vp, 0, last);
        break;

    case FEED_MF2_PUBLISHED:
    case FEED_MF2_UPDATED:
        d = (prop == FEED_MF2_PUBLISHED) ? &it->published : &it->updated;

        /* a dt- value is normalised already */

        if (v && prefix == FEED_MF2_DT) {
            (void) feed_date_parse(v, strlen(v), d);

        } else if (v) {
            (void) feed_mf2_date(v, d);
        }

        break;

    case FEED_MF2_CATEGORY:
        feed_mf2_category(s, it, v);
        break;

    case FEED_MF2_AUTHOR:

        /*
         * An h-card's name and url, explicit or implied; without a name,
         * the text of a p-author.  A u-author is a url.
         */

        url = nest->url ? nest->url : nest->iurl;

        /* a property is set once: the name is not needed again */

        if (nest->root) {
            it->author = feed_mf2_take(s, nest->name ? &nest->name
                                                     : &nest->iname, 1);

            /* a p- value is read before a u- one, which may be the url */

            it->author_url = feed_mf2_take_url(s, nest->url ? &nest->url
                                                            : &nest->iurl,
                                               1, nest->url == NULL
                                                  || prefix != FEED_MF2_P);
        }

        if (prefix == FEED_MF2_U && url == NULL) {
            it->author_url = feed_sanitize_url(s, (xmlChar *) v, 1);

        } else if (prefix != FEED_MF2_U && !nest->named) {
            it->author = feed_mf2_take(s, vp, last);
        }

        break;
    }
}


/*
 * A text value for an item: what feed_sanitize_string(s, *v, 0,
 * FEED_MF2_MAX_TEXT) gives, stripped.  Printable ASCII, which that call
 * copies as it is, is taken over instead when take is set (*v is then
 * NULL), the budget charged the same.
 */

static char *
feed_mf2_take(feed_sanitize_t *s, char **v, int take)
{
    size_t         len;
    feed_uchar_t  *p;

    p = (feed_uchar_t *) *v;

    if (p == NULL) {
        return NULL;
    }

    len = strlen((const char *) p);

    if (!take || len > FEED_MF2_MAX_TEXT
        || feed_sanitize_printable(p, len) != len)
    {
        return feed_sanitize_strip(feed_sanitize_string(s, p, 0,
                                                        FEED_MF2_MAX_TEXT));
    }

    if (len == 0 || len > s->room) {
        return NULL;
    }

    s->room -= len;
    *v = NULL;

    /* the ends of a text value are trimmed already, mostly */

    if (p[0] != ' ' && p[len - 1] != ' ') {
        return (char *) p;
    }

    return feed_sanitize_strip((char *) p);
}


/*
 * A URL value for an item: what feed_sanitize_url(s, *v, check) gives.
 * Most are resolved already, and resolution gives them back as they
 * are: then they are taken over when take is set (*v is then NULL), or
 * copied, the budget charged the same.
 */

static char *
feed_mf2_take_url(feed_sanitize_t *s, char **v, int check, int take)
{
    char                *r;
    size_t               len;
    const feed_uchar_t  *p;

    p = (const feed_uchar_t *) *v;

    if (p == NULL) {
        return NULL;
    }

    len = strlen((const char *) p);

    if (s->url == NULL || s->url->slen == 0 || len > FEED_SANITIZE_MAX_URL
        || !feed_url_resolved_base(s->url, p, len, check))
    {
        return feed_sanitize_url(s, p, check);
    }

    if (len > s->room) {
        return NULL;
    }

    if (take) {
        r = *v;
        *v = NULL;

    } else {
        r = feed_strndup(p, len);

        if (r == NULL) {
            s->failed = 1;
            return NULL;
        }
    }

    s->room -= len;

    return r;
}


/*
 * A nested microformat that is a property: its name and url, explicit,
 * and implied for microformats2 roots.
 */

static void
feed_mf2_nest(feed_mf2_mf_t *mf, xmlNode *node, feed_mf2_cls_t *c,
    feed_mf2_nest_t *nest)
{
    feed_item_t    it;
    feed_mf2_mf_t  sub;

    nest->done = 1;

    memset(&it, 0, sizeof(feed_item_t));
    memset(&sub, 0, sizeof(feed_mf2_mf_t));

    sub.s = mf->s;
    sub.item = &it;
    sub.nested = 1;

    feed_mf2_parse(&sub, node, c->roots ? 0 : c->mf1);

    if (c->roots) {
        if (!(sub.seen & FEED_MF2_NAME)
            && !(sub.agg & (FEED_MF2_HAS(FEED_MF2_P)
                            | FEED_MF2_HAS(FEED_MF2_E) | FEED_MF2_HAS_H)))
        {
            nest->iname = feed_mf2_implied_name(mf->s, node);
            sub.seen |= FEED_MF2_NAME;
        }

        if (!(sub.seen & FEED_MF2_URL)
            && !(sub.agg & (FEED_MF2_HAS(FEED_MF2_U) | FEED_MF2_HAS_H)))
        {
            nest->iurl = feed_mf2_implied_url(mf->s, node);
        }
    }

    nest->named = (sub.seen & FEED_MF2_NAME) ? 1 : 0;
    nest->name = it.title;
    nest->url = it.url;

    it.title = NULL;
    it.url = NULL;

    feed_item_free(&it);
}


void
feed_mf2_category(feed_sanitize_t *s, feed_item_t *it, const char *v)
{
    char    *cat, **cats;
    size_t   i;

    if (it->ncategories >= FEED_MF2_MAX_CATEGORIES) {
        return;
    }

    cat = feed_sanitize_strip(feed_sanitize_string(s, (const xmlChar *) v, 0,
                                                   FEED_MF2_MAX_TEXT));
    if (cat == NULL) {
        return;
    }

    for (i = 0; i < it->ncategories; i++) {
        if (strcmp(it->categories[i], cat) == 0) {
            free(cat);
            return;
        }
    }

    cats = realloc(it->categories, (it->ncategories + 1) * sizeof(char *));
    if (cats == NULL) {
        s->failed = 1;
        free(cat);
        return;
    }

    cats[it->ncategories++] = cat;
    it->categories = cats;
}


/* an hentry's rel=tag link: the last segment of its href, decoded */

static void
feed_mf2_tag(feed_mf2_mf_t *mf, xmlNode *node)
{
    int             hi, lo;
    char           *v, *d;
    size_t          i, end, start;
    const xmlChar  *href;

    href = feed_sanitize_attr(node, "href");
    end = href ? strlen((const char *) href) : 0;

    while (end && href[end - 1] == '/') {
        end--;
    }

    for (start = end; start && href[start - 1] != '/'; start--) {
        /* void */
    }

    if (start == end || (v = malloc(end - start + 1)) == NULL) {
        mf->s->failed |= (start != end);
        return;
    }

    for (d = v, i = start; i < end; i++) {
        hi = (end - i >= 3 && href[i] == '%') ? feed_lowcase(href[i + 1]) : 0;
        lo = hi ? feed_lowcase(href[i + 2]) : 0;

        hi = (hi >= '0' && hi <= '9') ? hi - '0'
             : (hi >= 'a' && hi <= 'f') ? hi - 'a' + 10 : -1;
        lo = (lo >= '0' && lo <= '9') ? lo - '0'
             : (lo >= 'a' && lo <= 'f') ? lo - 'a' + 10 : -1;

        if (hi >= 0 && lo >= 0) {
            *d++ = (char) (hi * 16 + lo);
            i += 2;

        } else {
            *d++ = (char) href[i];
        }
    }

    *d = '\0';

    feed_mf2_category(mf->s, mf->item, v);

    free(v);
}


/*
 * The classes of an element as mf2py reads them inside a microformat
 * whose microformats 1 roots are rules (0 for microformats2): there,
 * h-* classes stay, p-* u-* dt-* e-* ones are ignored, and the classes
 * of the roots' vocabularies are read as properties, and some rel values.
 */

void
feed_mf2_classes(xmlNode *node, unsigned rules, feed_mf2_cls_t *c)
{
    size_t          n;
    const xmlChar  *p, *q;

    memset(c, 0, sizeof(feed_mf2_cls_t));

    p = feed_mf2_class_attr(node);

    /* the tokens of the list, read here without a call for each */

    while (p) {

        while (feed_mf2_ws(*p)) {
            p++;
        }

        if (*p == '\0') {
            break;
        }

        /* white space and NUL are not above the space */

        for (q = p + 1; *q > ' ' || (*q != '\0' && !feed_mf2_ws(*q)); q++) {
            /* void */
        }

        feed_mf2_class(c, p, q - p, rules);

        p = q;
    }

    if (c->roots) {
        c->mf1 = 0;
    }

    if (!(rules & (FEED_MF1_HENTRY|FEED_MF1_HFEED))) {
        return;
    }

    for (p = feed_sanitize_attr(node, "rel");
         p && (p = feed_mf2_token(p, &n)) != NULL; p += n)
    {
        if (n == 8 && memcmp(p, "bookmark", 8) == 0
            && (rules & FEED_MF1_HENTRY))
        {
            c->props[FEED_MF2_U] |= FEED_MF2_URL;

        } else if (n == 3 && memcmp(p, "tag", 3) == 0) {
            c->tag = 1;
        }
    }
}


/*
 * The class attribute of an element, as feed_sanitize_attr() gives it:
 * asked for every element, so its name is compared inline.
 */

static const xmlChar *
feed_mf2_class_attr(xmlNode *node)
{
    xmlAttr        *a;
    const xmlChar  *name;

    if (node->type != XML_ELEMENT_NODE) {
        return NULL;
    }

    for (a = node->properties; a; a = a->next) {
        name = a->name;

        if (name[0] == 'c' && name[1] == 'l' && name[2] == 'a'
            && name[3] == 's' && name[4] == 's' && name[5] == '\0')
        {
            break;
        }
    }

    if (a == NULL) {
        return NULL;
    }

    /* the HTML parser gives an attribute one text child, or none */

    if (a->children && a->children->type == XML_TEXT_NODE
        && a->children->content)
    {
        return a->children->content;
    }

    return (const xmlChar *) "";
}


static void
feed_mf2_class(feed_mf2_cls_t *c, const feed_uchar_t *p, size_t len,
    unsigned rules)
{
    int                     prefix;
    size_t                  i, n;
    unsigned                prop;
    const feed_mf2_rule_t  *r;

    /*
     * The first byte tells the kinds a class can be: h-* roots, value
     * and value-title, the p-, u-, dt- and e- properties, microformats 1
     * roots (h..., v..., adr, geo), and inside those the properties of
     * their vocabularies.
     */

    n = 0;
    prefix = FEED_MF2_P;

    switch (p[0]) {

    case 'h':
        if (len > 2 && p[1] == '-') {

            /* an invalid h-* name is no other class either */

            if (len == 7 && memcmp(p + 2, "entry", 5) == 0) {
                c->roots |= FEED_MF2_H_ENTRY;

            } else if (len == 6 && memcmp(p + 2, "feed", 4) == 0) {
                c->roots |= FEED_MF2_H_FEED;

            } else if (feed_mf2_valid(p + 2, len - 2)) {
                c->roots |= FEED_MF2_H_OTHER;
            }

            return;
        }

        break;

    case 'v':
        if (len == 5 && memcmp(p, "value", 5) == 0) {
            c->value |= FEED_MF2_VALUE;
            return;
        }

        if (len == 11 && memcmp(p, "value-title", 11) == 0) {
            c->value |= FEED_MF2_VALUE_TITLE;
            return;
        }

        break;

    case 'd':
        if (len > 3 && p[1] == 't' && p[2] == '-') {
            n = 3;
            prefix = FEED_MF2_DT;
        }

        break;

    case 'p':
    case 'u':
    case 'e':
        if (len > 2 && p[1] == '-') {
            n = 2;
            prefix = (p[0] == 'p') ? FEED_MF2_P
                     : (p[0] == 'u') ? FEED_MF2_U : FEED_MF2_E;
        }

        break;

    case 'a':
    case 'g':
        break;

    default:
        if (rules == 0) {
            return;
        }
    }

    if (n) {

        /* inside microformats 1 roots, microformats2 properties are not */

        if (rules) {
            return;
        }

        p += n;
        len -= n;

        prop = feed_mf2_name(p, len);

        /* the names an item reads are valid ones */

        if (prop) {
            c->props[prefix] |= prop;

        } else if (feed_mf2_valid(p, len)) {
            c->props[prefix] |= FEED_MF2_OTHER;
        }

        return;
    }

    if (p[0] == 'h' || p[0] == 'v' || p[0] == 'a' || p[0] == 'g') {
        for (i = 0; feed_mf2_mf1[i].len; i++) {
            if (feed_mf2_mf1[i].len == len
                && memcmp(feed_mf2_mf1[i].data, p, len) == 0)
            {
                c->mf1 |= (i < 3) ? (1u << i) : FEED_MF1_OTHER;
                break;
            }
        }
    }

    if (rules) {
        for (r = feed_mf2_rules; r->name; r++) {
            if ((r->in & rules) && r->name[0] == (char) p[0]
                && strlen(r->name) == len && memcmp(r->name, p, len) == 0)
            {
                c->props[r->prefix] |= r->prop;
                c->roots |= r->root;
            }
        }
    }
}


/* the FEED_MF2_* bit of a property name an item reads, else 0 */

static unsigned
feed_mf2_name(const feed_uchar_t *p, size_t len)
{
    /* compared at constant lengths, which compilers do without a call */

    switch (len) {

    case 3:
        return (memcmp(p, "url", 3) == 0) ? FEED_MF2_URL
               : (memcmp(p, "uid", 3) == 0) ? FEED_MF2_UID : 0;

    case 4:
        return (memcmp(p, "name", 4) == 0) ? FEED_MF2_NAME : 0;

    case 5:
        return (memcmp(p, "photo", 5) == 0) ? FEED_MF2_PHOTO : 0;

    case 6:
        return (memcmp(p, "author", 6) == 0) ? FEED_MF2_AUTHOR : 0;

    case 7:
        return (memcmp(p, "updated", 7) == 0) ? FEED_MF2_UPDATED
               : (memcmp(p, "summary", 7) == 0) ? FEED_MF2_SUMMARY
               : (memcmp(p, "content", 7) == 0) ? FEED_MF2_CONTENT : 0;

    case 8:
        return (memcmp(p, "category", 8) == 0) ? FEED_MF2_CATEGORY : 0;

    case 9:
        return (memcmp(p, "published", 9) == 0) ? FEED_MF2_PUBLISHED : 0;

    default:
        return 0;
    }
}


/* the next token of a space-separated list, its length in *len */

static const xmlChar *
feed_mf2_token(const xmlChar *p, size_t *len)
{
    size_t  n;

    while (feed_mf2_ws(*p)) {
        p++;
    }

    /* white space and NUL are not above the space */

    for (n = 0; p[n] > ' ' || (p[n] != '\0' && !feed_mf2_ws(p[n])); n++) {
        /* void */
    }

    *len = n;

    return n ? p : NULL;
}


/* mf2py's names: (:?[a-z0-9]+-)?[a-z]+(:?-[a-z]+)* */

static int
feed_mf2_valid(const feed_uchar_t *p, size_t len)
{
    size_t  i, j;

    i = (len && p[0] == ':') ? 1 : 0;

    for (j = i; j < len && ((p[j] >= 'a' && p[j] <= 'z')
                            || (p[j] >= '0' && p[j] <= '9')); j++)
    {
        /* void */
    }

    if (j > i && j < len && p[j] == '-'
        && feed_mf2_letters(p + j + 1, len - j - 1))
    {
        return 1;
    }

    return feed_mf2_letters(p, len);
}


/* [a-z]+(:?-[a-z]+)* */

static int
feed_mf2_letters(const feed_uchar_t *p, size_t len)
{
    size_t  i, n;

    for (i = 0; /* void */; i++) {
        for (n = 0; i < len && p[i] >= 'a' && p[i] <= 'z'; i++, n++) {
            /* void */
        }

        if (n == 0 || i == len) {
            return n != 0;
        }

        i += (p[i] == ':');

        if (i == len || p[i] != '-') {
            return 0;
        }
    }
}


/* children as mf2py sees them: elements, but not <template> */

xmlNode *
feed_mf2_child(xmlNode *node)
{
    for (node = node->children; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE
            && !(node->name[0] == 't' && node->name[1] == 'e'
                 && strcmp((const char *) node->name, "template") == 0))
        {
            return node;
        }
    }

    return NULL;
}


xmlNode *
feed_mf2_sibling(xmlNode *node)
{
    for (node = node->next; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE
            && !(node->name[0] == 't' && node->name[1] == 'e'
                 && strcmp((const char *) node->name, "template") == 0))
        {
            return node;
        }
    }

    return NULL;
}
