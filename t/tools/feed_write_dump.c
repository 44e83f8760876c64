
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Writes sample feeds for t/conformance/check_feeds.py:
 *
 *     feed_write_dump DIR
 *
 * creates DIR/{sample,hostile,empty}.{rss,atom,json}.  The sample goes
 * through the whole core path after extraction: items of two pages,
 * dates parsed from microformats2 strings, feed_merge(), then each
 * writer.  check_feeds.py holds the expected values, written from the
 * data below.
 */


#include <stdio.h>
#include <stdlib.h>

#include "feed_date.h"
#include "feed_merge.h"
#include "feed_rss.h"
#include "feed_atom.h"
#include "feed_json.h"


typedef struct {
    const char      *title;
    const char      *url;
    const char      *id;
    const char      *published;
    const char      *updated;
    const char      *summary;
    const char      *content;
    const char      *author;
    const char      *author_url;
    const char      *photo;
    const char      *categories[3];
} dump_item_t;


static const dump_item_t  page1[] = {
    { "Hello, world", "https://example.com/blog/hello", NULL,
      "2026-11-20T09:30:00+01:00", "2026-11-21T10:00:00Z",
      "The first post.", "<p>The <b>first</b> post &amp; more.</p>",
      "Ann Example", "https://example.com/ann",
      "https://example.com/img/hello.jpg", { "intro", "news & views", NULL } },

    { "Caf\xc3\xa9 \xe2\x98\x95 notes",
      "https://example.com/blog/cafe?x=1&y=2", NULL,
      "2026-11-18", NULL, "Coffee < tea", NULL, "Zo\xc3\xab", NULL, NULL,
      { "caf\xc3\xa9", NULL, NULL } },

    { "Undated page", "https://example.com/blog/undated", NULL, NULL, NULL,
      "No date here.", NULL, NULL, NULL, NULL, { NULL, NULL, NULL } },

    { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      { NULL, NULL, NULL } }
};


static const dump_item_t  page2[] = {
    { "Second source", "https://example.com/news/2",
      "tag:example.com,2026:news-2", "2026-11-19 12:00Z", NULL, NULL,
      "<p>News</p>", NULL, NULL, NULL, { NULL, NULL, NULL } },

    { "Old duplicate", "https://example.com/blog/hello", NULL,
      "2026-11-01T00:00:00Z", NULL, "An older copy of the first post.",
      NULL, NULL, NULL, NULL, { NULL, NULL, NULL } },

    { NULL, NULL, NULL, "2026-11-17T08:00:00Z", NULL,
      "A short note without a title or link", NULL, NULL, NULL, NULL,
      { NULL, NULL, NULL } },

    { NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      { NULL, NULL, NULL } }
};


#define DUMP_HOSTILE                                                          \
    "x\x01y\x1f<]]>&\"'\xef\xbf\xbe\xef\xbf\xbf\xed\xa0\x80\xc0\xaf"          \
    "</script>\xe2\x80\xa8\x7f\xc2\x85z\xf4\x90\x80\x80\xe2\x82"


static char *
dump_strdup(const char *s)
{
    return s ? feed_strndup(s, strlen(s)) : NULL;
}


static int
dump_date(const char *s, feed_date_t *d)
{
    if (s == NULL) {
        return 0;
    }

    if (feed_date_parse(s, strlen(s), d) != FEED_OK) {
        fprintf(stderr, "bad date \"%s\"\n", s);
        return -1;
    }

    return 0;
}


static int
dump_page(feed_page_t *page, const dump_item_t *items)
{
    size_t              n;
    feed_item_t        *item;
    const dump_item_t  *d;

    for (d = items; d->title || d->summary || d->content; d++) {
        item = feed_items_push(&page->items);
        if (item == NULL) {
            return -1;
        }

        item->title = dump_strdup(d->title);
        item->url = dump_strdup(d->url);
        item->id = dump_strdup(d->id);
        item->summary = dump_strdup(d->summary);
        item->content = dump_strdup(d->content);
        item->author = dump_strdup(d->author);
        item->author_url = dump_strdup(d->author_url);
        item->photo = dump_strdup(d->photo);

        if (dump_date(d->published, &item->published) != 0
            || dump_date(d->updated, &item->updated) != 0)
        {
            return -1;
        }

        n = 0;

        while (n < 3 && d->categories[n]) {
            n++;
        }

        if (n) {
            item->categories = calloc(n, sizeof(char *));
            if (item->categories == NULL) {
                return -1;
            }

            item->ncategories = n;

            for (n = 0; n < item->ncategories; n++) {
                item->categories[n] = dump_strdup(d->categories[n]);
            }
        }
    }

    return 0;
}


static int
dump_write(const char *dir, const char *name, feed_channel_t *ch)
{
    int          i, rc;
    FILE        *f;
    feed_buf_t   b;
    char         self[64], path[4096];

    static const char  *ext[] = { "rss", "atom", "json" };

    for (i = 0; i < 3; i++) {
        snprintf(self, sizeof(self), "https://example.com/feed.%s", ext[i]);
        ch->self_url = self;

        feed_buf_init(&b, 0);

        rc = (i == 0) ? feed_write_rss(&b, ch)
             : (i == 1) ? feed_write_atom(&b, ch)
             : feed_write_json(&b, ch);

        if (rc != FEED_OK) {
            feed_buf_free(&b);
            fprintf(stderr, "cannot write %s.%s\n", name, ext[i]);
            return -1;
        }

        snprintf(path, sizeof(path), "%s/%s.%s", dir, name, ext[i]);

        f = fopen(path, "wb");
        if (f == NULL || fwrite(b.data, 1, b.len, f) != b.len) {
            perror(path);
            feed_buf_free(&b);

            if (f) {
                fclose(f);
            }

            return -1;
        }

        fclose(f);
        feed_buf_free(&b);
    }

    ch->self_url = NULL;

    return 0;
}


int
main(int argc, char **argv)
{
    int             rc;
    feed_item_t     hostile[2];
    feed_page_t     pages[2];
    feed_items_t    items;
    feed_channel_t  ch;
    char           *cats[1];

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }

    rc = 1;

    memset(pages, 0, sizeof(pages));
    memset(&items, 0, sizeof(feed_items_t));

    if (dump_page(&pages[0], page1) != 0
        || dump_page(&pages[1], page2) != 0
        || feed_merge(&items, pages, 2, 20) != FEED_OK)
    {
        goto done;
    }

    /* the sample */

    memset(&ch, 0, sizeof(feed_channel_t));

    ch.title = "Example Blog";
    ch.description = "Posts & news from Example";
    ch.home_url = "https://example.com/";
    ch.lang = "en";
    ch.build_date = 1795305600LL;           /* 2026-11-22T00:00:00Z */
    ch.items = items.elts;
    ch.nitems = items.nelts;

    if (dump_write(argv[1], "sample", &ch) != 0) {
        goto done;
    }

    /* no items */

    ch.title = "Empty";
    ch.description = NULL;
    ch.nitems = 0;

    if (dump_write(argv[1], "empty", &ch) != 0) {
        goto done;
    }

    /* hostile strings everywhere */

    memset(hostile, 0, sizeof(hostile));
    cats[0] = DUMP_HOSTILE;

    hostile[0].title = DUMP_HOSTILE;
    hostile[0].url = "https://example.com/a?q=" DUMP_HOSTILE;
    hostile[0].summary = DUMP_HOSTILE;
    hostile[0].content = DUMP_HOSTILE;
    hostile[0].author = DUMP_HOSTILE;
    hostile[0].categories = cats;
    hostile[0].ncategories = 1;
    hostile[0].published.t = 1795167000LL;
    hostile[0].published.kind = FEED_DATE_TIME;

    hostile[1].id = DUMP_HOSTILE;
    hostile[1].summary = DUMP_HOSTILE;

    ch.title = DUMP_HOSTILE;
    ch.description = DUMP_HOSTILE;
    ch.lang = DUMP_HOSTILE;
    ch.items = hostile;
    ch.nitems = 2;

    if (dump_write(argv[1], "hostile", &ch) != 0) {
        goto done;
    }

    rc = 0;

done:

    feed_items_free(&items);
    feed_page_free(&pages[0]);
    feed_page_free(&pages[1]);

    return rc;
}
