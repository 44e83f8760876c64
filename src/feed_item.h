
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_ITEM_H_INCLUDED_
#define _FEED_ITEM_H_INCLUDED_


#include <time.h>

#include "feed_core.h"


/*
 * The model shared by the extractor (pages in) and the writers (feeds
 * out).  All strings are NUL-terminated UTF-8 on malloc(), owned by the
 * item or the channel, NULL when absent.  URLs are absolute.
 */

#define FEED_DATE_NONE   0        /* no date */
#define FEED_DATE_DAY    1        /* a calendar date, midnight UTC */
#define FEED_DATE_TIME   2        /* an instant */


typedef struct {
    int64_t          t;           /* seconds since the epoch, UTC */
    int              kind;        /* FEED_DATE_* */
} feed_date_t;


typedef struct {
    char            *title;       /* plain text */
    char            *url;         /* permalink */
    char            *id;          /* u-uid, else NULL (the URL serves) */
    feed_date_t      published;
    feed_date_t      updated;
    char            *summary;     /* plain text */
    char            *content;     /* sanitised HTML fragment */
    char            *author;      /* plain text name */
    char            *author_url;
    char            *photo;       /* URL */
    char           **categories;  /* plain text */
    size_t           ncategories;

    size_t           order;       /* position among all sources' items */
} feed_item_t;


typedef struct {
    feed_item_t     *elts;
    size_t           nelts;
    size_t           nalloc;
} feed_items_t;


typedef struct {
    char            *title;       /* the page's <title>, plain text */
    char            *description; /* <meta name="description"> */
    char            *lang;        /* <html lang> */
    feed_items_t     items;
} feed_page_t;


typedef struct {
    const char      *title;
    const char      *description;
    const char      *home_url;    /* the site, absolute */
    const char      *self_url;    /* the feed itself, absolute */
    const char      *lang;
    int64_t          build_date;  /* lastBuildDate, epoch seconds */
    const feed_item_t  *items;
    size_t           nitems;
} feed_channel_t;


feed_item_t *feed_items_push(feed_items_t *items);
void feed_item_free(feed_item_t *item);
void feed_items_free(feed_items_t *items);
void feed_page_free(feed_page_t *page);


#endif /* _FEED_ITEM_H_INCLUDED_ */
