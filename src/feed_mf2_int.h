/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_MF2_INT_H_INCLUDED_
#define _FEED_MF2_INT_H_INCLUDED_


/*
 * What the two halves of the microformats2 parser share: feed_mf2.c
 * finds the items, walks their microformats and reads the classes of
 * elements, feed_mf2_value.c reads the values of properties and the
 * implied name, url and photo.
 */


#include "feed_mf2.h"


/* the classes of the value class pattern, in feed_mf2_cls_t.value */

#define FEED_MF2_VALUE       0x01
#define FEED_MF2_VALUE_TITLE 0x02

/* the date an earlier dt- value lends, with its NUL */
#define FEED_MF2_DATE_LEN    16


/* the classes of an element: the other constants are in feed_mf2.c */

typedef struct {
    unsigned             props[4];   /* FEED_MF2_NAME... by prefix */
    unsigned             roots;      /* FEED_MF2_H_* */
    unsigned             mf1;        /* FEED_MF1_*, when no h-* */
    unsigned             value;      /* FEED_MF2_VALUE* */
    unsigned             tag:1;      /* rel=tag, read as a category */
} feed_mf2_cls_t;


/* a microformat being parsed */

typedef struct {
    feed_sanitize_t     *s;
    feed_item_t         *item;
    int                  nested;     /* a property's microformat: name
                                        and url only */
    int                  light;      /* an item's dates only */
    unsigned             seen;       /* properties past their first value */
    unsigned             agg;        /* FEED_MF2_HAS* */
    size_t               ndt;
    size_t               ncat;

    /* the date of an earlier dt- value */
    char                 date[FEED_MF2_DATE_LEN];
} feed_mf2_mf_t;


/* feed_mf2.c */

void feed_mf2_classes(xmlNode *node, unsigned rules, feed_mf2_cls_t *c);
xmlNode *feed_mf2_child(xmlNode *node);
xmlNode *feed_mf2_sibling(xmlNode *node);

/* feed_mf2_value.c */

char *feed_mf2_dt_value(feed_mf2_mf_t *mf, xmlNode *node);
const char *feed_mf2_dt_usual(feed_mf2_mf_t *mf, xmlNode *node);
char *feed_mf2_implied_photo(feed_sanitize_t *s, xmlNode *node);


#endif /* _FEED_MF2_INT_H_INCLUDED_ */
