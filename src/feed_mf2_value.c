/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The values of microformats2 properties (the contract is in
 * feed_mf2.h): the value rules of p-*, u-* and dt-* properties by the
 * element's name, the value class pattern, the normalisation of dates
 * and times as mf2py does it, and the implied name, url and photo of a
 * root.  The items and the walk over their properties are in
 * feed_mf2.c.
 */


#include <stdlib.h>

#include "feed_date.h"
#include "feed_mf2_int.h"


/* the elements the value rules name, as bits: see feed_mf2_element() */

#define FEED_MF2_EL_A        0x0001
#define FEED_MF2_EL_ABBR     0x0002
#define FEED_MF2_EL_AREA     0x0004
#define FEED_MF2_EL_AUDIO    0x0008
#define FEED_MF2_EL_DATA     0x0010
#define FEED_MF2_EL_DEL      0x0020
#define FEED_MF2_EL_IFRAME   0x0040
#define FEED_MF2_EL_IMG      0x0080
#define FEED_MF2_EL_INPUT    0x0100
#define FEED_MF2_EL_INS      0x0200
#define FEED_MF2_EL_LINK     0x0400
#define FEED_MF2_EL_OBJECT   0x0800
#define FEED_MF2_EL_SOURCE   0x1000
#define FEED_MF2_EL_TIME     0x2000
#define FEED_MF2_EL_VIDEO    0x4000

/* those that can give an implied name */
#define FEED_MF2_EL_NAMED    (FEED_MF2_EL_IMG|FEED_MF2_EL_AREA|FEED_MF2_EL_ABBR)

/* a normalised date and time: YYYY-MM-DDTHH:MM:SS+HH:MM at most */
#define FEED_MF2_DT_LEN      32

#define feed_mf2_digit(c)    ((c) >= '0' && (c) <= '9')


typedef struct {
    const feed_uchar_t  *date;
    size_t               date_len;
    int                  hour;
    int                  min;
    int                  sec;
    int                  ampm;
    const feed_uchar_t  *tz;
    size_t               tz_len;
} feed_mf2_dt_t;


static unsigned feed_mf2_element(xmlNode *node);
static int feed_mf2_is_root(xmlNode *node);
static int feed_mf2_vcp(feed_sanitize_t *s, xmlNode *node, char **v);
static char *feed_mf2_vcp_dt(feed_mf2_mf_t *mf, xmlNode *node, int *found);
static size_t feed_mf2_count(xmlNode *node, xmlNode **first);
static xmlNode *feed_mf2_one(xmlNode *node, unsigned el, unsigned el2);
static char *feed_mf2_normalize(feed_mf2_mf_t *mf, char *v, size_t len,
    char *date);
static size_t feed_mf2_norm(const char *v, size_t len, char *date,
    char *buf);
static int feed_mf2_usual(const feed_uchar_t *p, size_t len);
static char *feed_mf2_two(char *p, int sep, int n);
static int feed_mf2_datetime(const feed_uchar_t *p, const feed_uchar_t *last,
    feed_mf2_dt_t *t);
static int feed_mf2_time(const feed_uchar_t *p, const feed_uchar_t *last,
    feed_mf2_dt_t *t);
static size_t feed_mf2_match(const feed_uchar_t *p, const feed_uchar_t *last,
    const char *pattern);


/*
 * The FEED_MF2_EL_* bit of an element the value rules name, else 0: one
 * look-up per element instead of one string search per rule.
 */

static unsigned
feed_mf2_element(xmlNode *node)
{
    const char  *name;

    if (node->type != XML_ELEMENT_NODE) {
        return 0;
    }

    name = (const char *) node->name;

    switch (name[0]) {

    case 'a':
        return (name[1] == '\0') ? FEED_MF2_EL_A
               : (strcmp(name, "abbr") == 0) ? FEED_MF2_EL_ABBR
               : (strcmp(name, "area") == 0) ? FEED_MF2_EL_AREA
               : (strcmp(name, "audio") == 0) ? FEED_MF2_EL_AUDIO : 0;

    case 'd':
        return (strcmp(name, "data") == 0) ? FEED_MF2_EL_DATA
               : (strcmp(name, "del") == 0) ? FEED_MF2_EL_DEL : 0;

    case 'i':
        return (strcmp(name, "img") == 0) ? FEED_MF2_EL_IMG
               : (strcmp(name, "iframe") == 0) ? FEED_MF2_EL_IFRAME
               : (strcmp(name, "input") == 0) ? FEED_MF2_EL_INPUT
               : (strcmp(name, "ins") == 0) ? FEED_MF2_EL_INS : 0;

    case 'l':
        return (strcmp(name, "link") == 0) ? FEED_MF2_EL_LINK : 0;

    case 'o':
        return (strcmp(name, "object") == 0) ? FEED_MF2_EL_OBJECT : 0;

    case 's':
        return (strcmp(name, "source") == 0) ? FEED_MF2_EL_SOURCE : 0;

    case 't':
        return (name[1] == 'i' && strcmp(name, "time") == 0)
               ? FEED_MF2_EL_TIME : 0;

    case 'v':
        return (strcmp(name, "video") == 0) ? FEED_MF2_EL_VIDEO : 0;

    default:
        return 0;
    }
}


/* a microformats2 root, for the implied properties */

static int
feed_mf2_is_root(xmlNode *node)
{
    feed_mf2_cls_t  c;

    feed_mf2_classes(node, 0, &c);

    return c.roots != 0;
}


char *
feed_mf2_text_value(feed_sanitize_t *s, xmlNode *node)
{
    char           *v;
    unsigned        el;
    const xmlChar  *a;

    if (feed_mf2_vcp(s, node, &v) == FEED_OK) {
        return v;
    }

    el = feed_mf2_element(node);

    a = (el & (FEED_MF2_EL_ABBR|FEED_MF2_EL_LINK))
        ? feed_sanitize_attr(node, "title") : NULL;

    if (a == NULL && (el & (FEED_MF2_EL_DATA|FEED_MF2_EL_INPUT))) {
        a = feed_sanitize_attr(node, "value");
    }

    if (a == NULL && (el & (FEED_MF2_EL_IMG|FEED_MF2_EL_AREA))) {
        a = feed_sanitize_attr(node, "alt");
    }

    if (a) {
        return feed_sanitize_string(s, a, 0, FEED_MF2_MAX_TEXT);
    }

    return feed_sanitize_text(s, node, FEED_TEXT_IMG_ALT|FEED_TEXT_IMG_SRC,
                              FEED_MF2_MAX_TEXT);
}


char *
feed_mf2_url_value(feed_sanitize_t *s, xmlNode *node)
{
    char           *v;
    unsigned        el;
    const xmlChar  *a;

    el = feed_mf2_element(node);

    a = (el & (FEED_MF2_EL_A|FEED_MF2_EL_AREA|FEED_MF2_EL_LINK))
        ? feed_sanitize_attr(node, "href") : NULL;

    if (a == NULL
        && (el & (FEED_MF2_EL_IMG|FEED_MF2_EL_AUDIO|FEED_MF2_EL_VIDEO
                  |FEED_MF2_EL_SOURCE|FEED_MF2_EL_IFRAME)))
    {
        a = feed_sanitize_attr(node, "src");
    }

    if (a == NULL && (el & FEED_MF2_EL_VIDEO)) {
        a = feed_sanitize_attr(node, "poster");
    }

    if (a == NULL && (el & FEED_MF2_EL_OBJECT)) {
        a = feed_sanitize_attr(node, "data");
    }

    if (a) {
        return feed_sanitize_url(s, a, 0);
    }

    if (feed_mf2_vcp(s, node, &v) == FEED_OK) {
        return v;
    }

    a = (el & FEED_MF2_EL_ABBR) ? feed_sanitize_attr(node, "title") : NULL;

    if (a == NULL && (el & (FEED_MF2_EL_DATA|FEED_MF2_EL_INPUT))) {
        a = feed_sanitize_attr(node, "value");
    }

    return a ? feed_sanitize_string(s, a, 0, FEED_MF2_MAX_TEXT)
             : feed_sanitize_text(s, node, 0, FEED_MF2_MAX_TEXT);
}


/* a dt- value, normalised, and the date it lends to later ones */

char *
feed_mf2_dt_value(feed_mf2_mf_t *mf, xmlNode *node)
{
    int             found;
    char           *v, *r;
    size_t          len;
    unsigned        el;
    feed_buf_t      b;
    feed_mf2_dt_t   t;
    const xmlChar  *a;

    v = feed_mf2_vcp_dt(mf, node, &found);

    if (found) {
        return v;
    }

    el = feed_mf2_element(node);

    a = (el & (FEED_MF2_EL_TIME|FEED_MF2_EL_INS|FEED_MF2_EL_DEL))
        ? feed_sanitize_attr(node, "datetime") : NULL;

    if (a == NULL && (el & FEED_MF2_EL_ABBR)) {
        a = feed_sanitize_attr(node, "title");
    }

    if (a == NULL && (el & (FEED_MF2_EL_DATA|FEED_MF2_EL_INPUT))) {
        a = feed_sanitize_attr(node, "value");
    }

    v = a ? feed_sanitize_string(mf->s, a, 0, FEED_MF2_MAX_TEXT)
          : feed_sanitize_text(mf->s, node, 0, FEED_MF2_MAX_TEXT);

    if (v == NULL) {
        return NULL;
    }

    len = strlen(v);

    if (mf->date[0]
        && feed_mf2_time((feed_uchar_t *) v, (feed_uchar_t *) v + len, &t))
    {
        /* a lone time takes the date of an earlier value */

        feed_buf_init(&b, 0);
        feed_buf_printf(&b, "%s %s", mf->date, v);
        free(v);

        r = feed_buf_cstr(&b);

        if (r == NULL) {
            feed_buf_free(&b);
            mf->s->failed = 1;
            return NULL;
        }

        return feed_mf2_normalize(mf, r, b.len, NULL);
    }

    return feed_mf2_normalize(mf, v, len, mf->date);
}


/*
 * The usual dt- value, a <time datetime> of printable ASCII in the
 * normalised form: the attribute itself, which feed_mf2_dt_value() would
 * copy as it is, the budget charged and the date noted the same.  NULL
 * for any other value, which feed_mf2_dt_value() reads.
 */

const char *
feed_mf2_dt_usual(feed_mf2_mf_t *mf, xmlNode *node)
{
    size_t          len;
    const xmlChar  *a;

    /* without children, no value class pattern */

    if (feed_mf2_child(node) != NULL
        || !(feed_mf2_element(node)
             & (FEED_MF2_EL_TIME|FEED_MF2_EL_INS|FEED_MF2_EL_DEL)))
    {
        return NULL;
    }

    a = feed_sanitize_attr(node, "datetime");

    if (a == NULL) {
        return NULL;
    }

    /* the usual form is printable ASCII throughout */

    len = strlen((const char *) a);

    if (len > FEED_MF2_MAX_TEXT || len > mf->s->room
        || !feed_mf2_usual(a, len))
    {
        return NULL;
    }

    mf->s->room -= len;

    memcpy(mf->date, a, 10);
    mf->date[10] = '\0';

    return (const char *) a;
}


/*
 * The value class pattern for p-* and u-*: the values of the children
 * with class "value" (text) or "value-title" (title), joined.
 * FEED_DECLINED when there is none.
 */

static int
feed_mf2_vcp(feed_sanitize_t *s, xmlNode *node, char **v)
{
    int              found;
    char            *part;
    xmlNode         *child;
    feed_buf_t       b;
    const xmlChar   *title;
    feed_mf2_cls_t   c;

    found = 0;
    feed_buf_init(&b, 0);

    for (child = feed_mf2_child(node); child; child = feed_mf2_sibling(child))
    {
        feed_mf2_classes(child, 0, &c);

        if (c.value & FEED_MF2_VALUE_TITLE) {
            title = feed_sanitize_attr(child, "title");
            feed_buf_add_str(&b, title ? (const char *) title : "");

        } else if (c.value & FEED_MF2_VALUE) {
            part = feed_sanitize_text(s, child, FEED_TEXT_RAW,
                                      FEED_MF2_MAX_TEXT);
            feed_buf_add_str(&b, part ? part : "");
            free(part);

        } else {
            continue;
        }

        found = 1;

        if (b.len > FEED_MF2_MAX_TEXT) {
            break;
        }
    }

    if (!found) {
        feed_buf_free(&b);
        return FEED_DECLINED;
    }

    *v = feed_sanitize_string(s, (xmlChar *) feed_buf_cstr(&b), 0,
                              FEED_MF2_MAX_TEXT);

    s->failed |= b.failed;
    feed_buf_free(&b);

    return FEED_OK;
}


/*
 * The value class pattern for dt-*: a date, a time and a zone taken from
 * the value children, each the first of its kind, unless one is a whole
 * date and time.  mf2py's DATE_RE and TIMEZONE_RE bind "$" to their
 * second alternative only: a date starts with YYYY-MM-DD or is YYYY-DDD,
 * a zone starts with "Z" or is +HHMM or +HH:MM.
 */

static char *
feed_mf2_vcp_dt(feed_mf2_mf_t *mf, xmlNode *node, int *found)
{
    int              i, whole;
    char            *part, *parts[3];
    size_t           len;
    unsigned         el;
    xmlNode         *child;
    feed_buf_t       b;
    feed_uchar_t    *p, *last;
    feed_mf2_dt_t    t;
    const xmlChar   *a;
    feed_mf2_cls_t   c;

    *found = 0;
    whole = 0;
    parts[0] = NULL;    /* date */
    parts[1] = NULL;    /* time */
    parts[2] = NULL;    /* zone */
    part = NULL;

    for (child = feed_mf2_child(node); child; child = feed_mf2_sibling(child))
    {
        feed_mf2_classes(child, 0, &c);

        if (c.value == 0) {
            continue;
        }

        *found = 1;
        el = feed_mf2_element(child);

        a = (c.value & FEED_MF2_VALUE_TITLE) ? feed_sanitize_attr(child,
                                                                  "title")
            : (el & (FEED_MF2_EL_IMG|FEED_MF2_EL_AREA))
              ? feed_sanitize_attr(child, "alt")
            : (el & FEED_MF2_EL_DATA)
              ? feed_sanitize_attr(child, "value")
            : (el & FEED_MF2_EL_ABBR)
              ? feed_sanitize_attr(child, "title")
            : (el & (FEED_MF2_EL_DEL|FEED_MF2_EL_INS|FEED_MF2_EL_TIME))
              ? feed_sanitize_attr(child, "datetime") : NULL;

        if ((a == NULL || *a == '\0') && (c.value & FEED_MF2_VALUE_TITLE)) {
            continue;
        }

        part = (a && *a) ? feed_sanitize_string(mf->s, a, FEED_STRING_TRIM,
                                                64)
               : feed_sanitize_strip(feed_sanitize_text(mf->s, child,
                                                        FEED_TEXT_RAW, 256));
        if (part == NULL) {
            continue;
        }

        len = strlen(part);
        p = (feed_uchar_t *) part;
        last = p + len;

        if (feed_mf2_datetime(p, last, &t)) {
            whole = 1;
            break;
        }

        i = (parts[1] == NULL && feed_mf2_time(p, last, &t)) ? 1
            : (parts[0] == NULL && (feed_mf2_match(p, last, "dddd-dd-dd")
                                    || (len == 8
                                        && feed_mf2_match(p, last,
                                                          "dddd-ddd"))))
              ? 0
            : (parts[2] == NULL
               && (part[0] == 'Z'
                   || (len == 5 && feed_mf2_match(p + 1, last, "dddd"))
                   || (len == 6 && feed_mf2_match(p + 1, last, "dd:dd")))
               && (part[0] == 'Z' || part[0] == '+' || part[0] == '-'))
              ? 2 : -1;

        if (i >= 0) {
            parts[i] = part;

        } else {
            free(part);
        }

        part = NULL;
    }

    if (!*found) {
        return NULL;
    }

    feed_buf_init(&b, 0);

    if (whole) {
        feed_buf_add_str(&b, part);
        free(part);

    } else {
        feed_buf_add_str(&b, parts[0] ? parts[0] : mf->date);

        if (parts[1]) {
            feed_buf_printf(&b, "%s%s", b.len ? " " : "", parts[1]);
        }

        if (b.len && parts[2]) {
            feed_buf_add_str(&b, parts[2]);
        }
    }

    part = NULL;

    if (*found && b.len) {
        part = feed_buf_cstr(&b);

        if (part) {
            /* the buffer's string is handed over */
            len = b.len;
            feed_buf_init(&b, 0);
            part = feed_mf2_normalize(mf, part, len, mf->date);

        } else {
            mf->s->failed = 1;
        }
    }

    if (!whole && parts[0] && strlen(parts[0]) < sizeof(mf->date)) {
        memcpy(mf->date, parts[0], strlen(parts[0]) + 1);
    }

    mf->s->failed |= b.failed;
    feed_buf_free(&b);

    for (i = 0; i < 3; i++) {
        free(parts[i]);
    }

    return part;
}


char *
feed_mf2_implied_name(feed_sanitize_t *s, xmlNode *node)
{
    int             i;
    unsigned        el;
    xmlNode        *child, *poss;
    const xmlChar  *v;

    poss = node;

    /* the element's alt or title, else its only (grand)child's */

    for (i = 0; i < 2 && poss; i++) {

        el = feed_mf2_element(poss);

        v = (el & (FEED_MF2_EL_IMG|FEED_MF2_EL_AREA))
            ? feed_sanitize_attr(poss, "alt")
            : (el & FEED_MF2_EL_ABBR)
              ? feed_sanitize_attr(poss, "title") : NULL;

        if (v && *v) {
            return feed_sanitize_string(s, v, 0, FEED_MF2_MAX_TEXT);
        }

        poss = NULL;

        if (i == 0 && feed_mf2_count(node, &child) == 1
            && !feed_mf2_is_root(child))
        {
            poss = child;

            if (!(feed_mf2_element(poss) & FEED_MF2_EL_NAMED)
                && feed_mf2_count(poss, &child) == 1)
            {
                poss = ((feed_mf2_element(child) & FEED_MF2_EL_NAMED)
                        && !feed_mf2_is_root(child)) ? child : NULL;
            }
        }
    }

    return feed_sanitize_text(s, node, FEED_TEXT_IMG_ALT, FEED_MF2_MAX_TEXT);
}


char *
feed_mf2_implied_url(feed_sanitize_t *s, xmlNode *node)
{
    xmlNode        *poss, *only;
    const xmlChar  *href;

    href = (feed_mf2_element(node) & (FEED_MF2_EL_A|FEED_MF2_EL_AREA))
           ? feed_sanitize_attr(node, "href") : NULL;

    if (href) {
        return feed_sanitize_url(s, href, 1);
    }

    poss = feed_mf2_one(node, FEED_MF2_EL_A, FEED_MF2_EL_AREA);

    if (poss == NULL && feed_mf2_count(node, &only) == 1
        && !feed_mf2_is_root(only))
    {
        poss = feed_mf2_one(only, FEED_MF2_EL_A, FEED_MF2_EL_AREA);
    }

    return poss ? feed_sanitize_url(s, feed_sanitize_attr(poss, "href"), 1)
                : NULL;
}


char *
feed_mf2_implied_photo(feed_sanitize_t *s, xmlNode *node)
{
    unsigned        el;
    xmlNode        *poss, *only;
    const xmlChar  *src;

    el = feed_mf2_element(node);

    src = (el & FEED_MF2_EL_IMG) ? feed_sanitize_attr(node, "src")
          : (el & FEED_MF2_EL_OBJECT) ? feed_sanitize_attr(node, "data")
          : NULL;

    if (src) {
        return feed_sanitize_url(s, src, 1);
    }

    poss = feed_mf2_one(node, FEED_MF2_EL_IMG, FEED_MF2_EL_OBJECT);

    if (poss == NULL && feed_mf2_count(node, &only) == 1
        && !feed_mf2_is_root(only))
    {
        poss = feed_mf2_one(only, FEED_MF2_EL_IMG, FEED_MF2_EL_OBJECT);
    }

    if (poss == NULL) {
        return NULL;
    }

    return feed_sanitize_url(s, feed_sanitize_attr(poss,
                             (feed_mf2_element(poss) & FEED_MF2_EL_IMG)
                             ? "src" : "data"),
                             1);
}


/* the number of children, counting to 2 */

static size_t
feed_mf2_count(xmlNode *node, xmlNode **first)
{
    *first = feed_mf2_child(node);

    return (*first == NULL) ? 0 : feed_mf2_sibling(*first) ? 2 : 1;
}


/*
 * The one child that is the element el when there is exactly one and it
 * is not a root, else likewise with el2: mf2py's implied url and photo.
 */

static xmlNode *
feed_mf2_one(xmlNode *node, unsigned el, unsigned el2)
{
    size_t    n, n2;
    unsigned  e;
    xmlNode  *child, *one, *one2;

    n = 0;
    n2 = 0;
    one = NULL;
    one2 = NULL;

    /* one walk counts both */

    for (child = feed_mf2_child(node); child; child = feed_mf2_sibling(child))
    {
        e = feed_mf2_element(child);

        if (e & el) {
            one = child;
            n++;

        } else if (e & el2) {
            one2 = child;
            n2++;
        }
    }

    if (n == 1 && !feed_mf2_is_root(one)) {
        return one;
    }

    if (n2 == 1 && !feed_mf2_is_root(one2)) {
        return one2;
    }

    return NULL;
}


char *
feed_mf2_date_value(feed_sanitize_t *s, xmlNode *node)
{
    feed_mf2_mf_t  mf;

    memset(&mf, 0, sizeof(feed_mf2_mf_t));
    mf.s = s;

    return feed_mf2_dt_value(&mf, node);
}


int
feed_mf2_date(const char *value, feed_date_t *d)
{
    size_t  len, n;
    char    buf[FEED_MF2_DT_LEN];

    if (value == NULL) {
        return FEED_ERROR;
    }

    len = strlen(value);
    n = feed_mf2_norm(value, len, NULL, buf);

    return n ? feed_date_parse(buf, n, d) : feed_date_parse(value, len, d);
}


/*
 * mf2py's normalize_datetime() of v, len bytes on malloc() handed over:
 * the result is v, rewritten in place when the normalised form is not
 * longer, else a new string.
 */

static char *
feed_mf2_normalize(feed_mf2_mf_t *mf, char *v, size_t len, char *date)
{
    char    *r;
    size_t   n;
    char     buf[FEED_MF2_DT_LEN];

    n = feed_mf2_norm(v, len, date, buf);

    if (n == 0) {
        return v;
    }

    if (n <= len) {
        memcpy(v, buf, n);
        v[n] = '\0';

        return v;
    }

    free(v);

    r = feed_strndup(buf, n);

    if (r == NULL) {
        mf->s->failed = 1;
    }

    return r;
}


/*
 * A date and time mf2py's pattern matches, written into buf as
 * YYYY-MM-DDTHH:MM[:SS] and zone, with 12-hour times made 24-hour: its
 * length, or 0 when v is kept as it is.  The date goes into date when
 * given.
 */

static size_t
feed_mf2_norm(const char *v, size_t len, char *date, char *buf)
{
    int            hour;
    char          *p;
    feed_mf2_dt_t  t;

    if (feed_mf2_usual((const feed_uchar_t *) v, len)) {
        if (date) {
            memcpy(date, v, 10);
            date[10] = '\0';
        }

        return 0;
    }

    if (!feed_mf2_datetime((feed_uchar_t *) v, (feed_uchar_t *) v + len, &t))
    {
        return 0;
    }

    /* a date of 10 bytes at most, a zone of 6 */

    if (date && t.date_len < FEED_MF2_DATE_LEN) {
        memcpy(date, t.date, t.date_len);
        date[t.date_len] = '\0';
    }

    hour = (t.ampm == 'a' && t.hour == 12) ? 0
           : (t.ampm == 'p' && t.hour < 12) ? t.hour + 12 : t.hour;

    memcpy(buf, t.date, t.date_len);
    p = buf + t.date_len;

    p = feed_mf2_two(p, 'T', hour);
    p = feed_mf2_two(p, ':', t.min < 0 ? 0 : t.min);

    if (t.sec >= 0) {
        p = feed_mf2_two(p, ':', t.sec);
    }

    if (t.tz_len) {
        memcpy(p, t.tz, t.tz_len);
        p += t.tz_len;
    }

    return p - buf;
}


/*
 * The usual value, normalised already: YYYY-MM-DDTHH:MM, then :SS, and
 * Z, +HH:MM or +HHMM, both optional.  Normalising would write it as it
 * is, without a fraction of a second, a space or a 12-hour time.
 */

static int
feed_mf2_usual(const feed_uchar_t *p, size_t len)
{
    size_t  i;

    if (len < 16
        || !feed_mf2_digit(p[0]) || !feed_mf2_digit(p[1])
        || !feed_mf2_digit(p[2]) || !feed_mf2_digit(p[3]) || p[4] != '-'
        || !feed_mf2_digit(p[5]) || !feed_mf2_digit(p[6]) || p[7] != '-'
        || !feed_mf2_digit(p[8]) || !feed_mf2_digit(p[9]) || p[10] != 'T'
        || !feed_mf2_digit(p[11]) || !feed_mf2_digit(p[12]) || p[13] != ':'
        || !feed_mf2_digit(p[14]) || !feed_mf2_digit(p[15]))
    {
        return 0;
    }

    i = 16;

    if (len - i >= 3 && p[i] == ':' && feed_mf2_digit(p[i + 1])
        && feed_mf2_digit(p[i + 2]))
    {
        i += 3;
    }

    switch (len - i) {

    case 0:
        return 1;

    case 1:
        return p[i] == 'Z';

    case 5:
        return (p[i] == '+' || p[i] == '-')
               && feed_mf2_digit(p[i + 1]) && feed_mf2_digit(p[i + 2])
               && feed_mf2_digit(p[i + 3]) && feed_mf2_digit(p[i + 4]);

    case 6:
        return (p[i] == '+' || p[i] == '-')
               && feed_mf2_digit(p[i + 1]) && feed_mf2_digit(p[i + 2])
               && p[i + 3] == ':'
               && feed_mf2_digit(p[i + 4]) && feed_mf2_digit(p[i + 5]);

    default:
        return 0;
    }
}


/* sep and n (0 to 99) in two digits, as "%c%02d" would write them */

static char *
feed_mf2_two(char *p, int sep, int n)
{
    p[0] = (char) sep;
    p[1] = (char) ('0' + n / 10 % 10);
    p[2] = (char) ('0' + n % 10);

    return p + 3;
}


/* mf2py's DATETIME_RE, matching the whole string */

static int
feed_mf2_datetime(const feed_uchar_t *p, const feed_uchar_t *last,
    feed_mf2_dt_t *t)
{
    size_t  n;

    n = feed_mf2_match(p, last, "dddd-dd-dd");

    if (n == 0) {
        n = feed_mf2_match(p, last, "dddd-ddd");
    }

    if (n == 0 || p + n == last || (p[n] != 'T' && p[n] != ' ')) {
        return 0;
    }

    t->date = p;
    t->date_len = n;

    return feed_mf2_time(p + n + 1, last, t);
}


/*
 * mf2py's TIME_RE, matching the whole string: H[H][:MM[:SS[.F]]], then
 * am or pm and a zone, both optional, each after an optional space.
 */

static int
feed_mf2_time(const feed_uchar_t *p, const feed_uchar_t *last,
    feed_mf2_dt_t *t)
{
    int                  i;
    size_t               n;
    const feed_uchar_t  *q;

    static const char   *ampm[] = {
        "a.m.", "p.m.", "A.M.", "P.M.", "am", "pm", "AM", "PM", NULL
    };

    n = feed_mf2_match(p, last, "dd");

    if (n == 0 && (n = feed_mf2_match(p, last, "d")) == 0) {
        return 0;
    }

    t->hour = (n == 2) ? (p[0] - '0') * 10 + p[1] - '0' : p[0] - '0';
    t->min = -1;
    t->sec = -1;
    t->ampm = 0;
    t->tz = NULL;
    t->tz_len = 0;

    p += n;

    if (feed_mf2_match(p, last, ":dd")) {
        t->min = (p[1] - '0') * 10 + p[2] - '0';
        p += 3;

        if (feed_mf2_match(p, last, ":dd")) {
            t->sec = (p[1] - '0') * 10 + p[2] - '0';
            p += 3;

            if (feed_mf2_match(p, last, ".d")) {
                for (p++; p < last && *p >= '0' && *p <= '9'; p++) {
                    /* void */
                }
            }
        }
    }

    q = p + (p < last && *p == ' ');

    /* each marker starts with a, p, A or P */

    if (q < last && ((*q | 0x20) == 'a' || (*q | 0x20) == 'p')) {
        for (i = 0; ampm[i]; i++) {
            if ((n = feed_mf2_match(q, last, ampm[i])) != 0) {
                t->ampm = ampm[i][0] | 0x20;
                p = q + n;
                break;
            }
        }
    }

    q = p + (p < last && *p == ' ');

    n = (q < last && *q == 'Z') ? 1
        : (q < last && (*q == '+' || *q == '-'))
          ? (feed_mf2_match(q + 1, last, "dd:dd") ? 6
             : feed_mf2_match(q + 1, last, "dddd") ? 5 : 0)
        : 0;

    if (n) {
        t->tz = q;
        t->tz_len = n;
        p = q + n;
    }

    return p == last;
}


/*
 * The length of pattern when p starts with it, else 0; in pattern, "d"
 * is any ASCII digit.
 */

static size_t
feed_mf2_match(const feed_uchar_t *p, const feed_uchar_t *last,
    const char *pattern)
{
    size_t  n;

    for (n = 0; pattern[n]; n++) {
        if (p + n >= last
            || (pattern[n] == 'd' ? (p[n] < '0' || p[n] > '9')
                                  : p[n] != (feed_uchar_t) pattern[n]))
        {
            return 0;
        }
    }

    return n;
}
