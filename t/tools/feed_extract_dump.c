
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Prints what the extractor finds in a page, as JSON:
 *
 *     feed_extract_dump [-c charset] [-i items-xpath] [-f name=xpath]...
 *                       [-u page-url] [-m max-items] [-b runs] page.html
 *
 * -c is the Content-Type charset, -i and -f the feed_item_xpath and
 * feed_item_field directives, -u the page URL (default
 * https://example.com/page.html), -m the feed_max_items of a feed the
 * page is read for (default 0: every item).  -b runs the extraction that many
 * times and prints the throughput to stderr instead.  Exits 1 when the
 * extraction fails, 2 on a usage error.
 */


#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libxml/parser.h>

#include "feed_date.h"
#include "feed_extract.h"


static void json_str(const char *s);
static void json_date(const feed_date_t *d);
static int usage(void);


int
main(int argc, char **argv)
{
    int                   i, rc;
    char                 *name, *eq;
    char                  err[256];
    long                  runs, r, max;
    FILE                 *f;
    size_t                len, n, j;
    double                secs;
    const char           *charset, *url, *path;
    feed_page_t           page;
    feed_item_t          *item;
    feed_uchar_t         *html, *p;
    struct timespec       t0, t1;
    feed_extract_conf_t  *conf;

    charset = NULL;
    url = "https://example.com/page.html";
    runs = 0;
    max = 0;

    xmlInitParser();

    conf = feed_extract_conf_create();
    if (conf == NULL) {
        return 1;
    }

    for (i = 1; i < argc - 1; i++) {

        if (strcmp(argv[i], "-c") == 0) {
            charset = argv[++i];

        } else if (strcmp(argv[i], "-u") == 0) {
            url = argv[++i];

        } else if (strcmp(argv[i], "-b") == 0) {
            runs = atol(argv[++i]);

        } else if (strcmp(argv[i], "-m") == 0) {
            max = atol(argv[++i]);

        } else if (strcmp(argv[i], "-i") == 0) {
            if (feed_extract_conf_set_items(conf, argv[++i], err, sizeof(err))
                != FEED_OK)
            {
                fprintf(stderr, "feed_item_xpath: %s\n", err);
                feed_extract_conf_free(conf);
                return 2;
            }

        } else if (strcmp(argv[i], "-f") == 0) {
            name = argv[++i];
            eq = strchr(name, '=');

            if (eq == NULL) {
                feed_extract_conf_free(conf);
                return usage();
            }

            *eq = '\0';

            if (feed_extract_conf_add_field(conf, name, eq + 1, err,
                                            sizeof(err))
                != FEED_OK)
            {
                fprintf(stderr, "feed_item_field %s: %s\n", name, err);
                feed_extract_conf_free(conf);
                return 2;
            }

        } else {
            feed_extract_conf_free(conf);
            return usage();
        }
    }

    if (i != argc - 1) {
        feed_extract_conf_free(conf);
        return usage();
    }

    path = argv[i];

    f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        feed_extract_conf_free(conf);
        return 2;
    }

    html = NULL;
    len = 0;

    for ( ;; ) {
        p = realloc(html, len + 65536);
        if (p == NULL) {
            free(html);
            fclose(f);
            feed_extract_conf_free(conf);
            return 1;
        }

        html = p;

        n = fread(html + len, 1, 65536, f);
        len += n;

        if (n < 65536) {
            break;
        }
    }

    fclose(f);

    if (runs > 0) {
        clock_gettime(CLOCK_MONOTONIC, &t0);

        for (r = 0; r < runs; r++) {
            memset(&page, 0, sizeof(feed_page_t));
            rc = feed_extract(conf, html, len, charset, url, (size_t) max,
                              &page, err, sizeof(err));
            feed_page_free(&page);

            if (rc != FEED_OK) {
                fprintf(stderr, "%s: %s\n", path, err);
                free(html);
                feed_extract_conf_free(conf);
                return 1;
            }
        }

        clock_gettime(CLOCK_MONOTONIC, &t1);

        secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

        fprintf(stderr, "%s: %zu bytes, %ld runs in %.3f s: %.1f pages/s, "
                "%.1f MB/s\n", path, len, runs, secs, runs / secs,
                runs * (double) len / secs / 1e6);

        free(html);
        feed_extract_conf_free(conf);
        return 0;
    }

    memset(&page, 0, sizeof(feed_page_t));

    rc = feed_extract(conf, html, len, charset, url, (size_t) max, &page,
                      err, sizeof(err));

    if (rc != FEED_OK) {
        fprintf(stderr, "%s: %s\n", path, err);
        feed_page_free(&page);
        free(html);
        feed_extract_conf_free(conf);
        return 1;
    }

    printf("{\n  \"title\": ");
    json_str(page.title);
    printf(",\n  \"description\": ");
    json_str(page.description);
    printf(",\n  \"lang\": ");
    json_str(page.lang);
    printf(",\n  \"items\": [");

    for (n = 0; n < page.items.nelts; n++) {
        item = &page.items.elts[n];

        printf("%s\n    {\n      \"title\": ", n ? "," : "");
        json_str(item->title);
        printf(",\n      \"url\": ");
        json_str(item->url);
        printf(",\n      \"id\": ");
        json_str(item->id);
        printf(",\n      \"published\": ");
        json_date(&item->published);
        printf(",\n      \"updated\": ");
        json_date(&item->updated);
        printf(",\n      \"summary\": ");
        json_str(item->summary);
        printf(",\n      \"content\": ");
        json_str(item->content);
        printf(",\n      \"author\": ");
        json_str(item->author);
        printf(",\n      \"author_url\": ");
        json_str(item->author_url);
        printf(",\n      \"photo\": ");
        json_str(item->photo);
        printf(",\n      \"categories\": [");

        for (j = 0; j < item->ncategories; j++) {
            printf("%s", j ? ", " : "");
            json_str(item->categories[j]);
        }

        printf("]\n    }");
    }

    printf("%s]\n}\n", page.items.nelts ? "\n  " : "");

    feed_page_free(&page);
    free(html);
    feed_extract_conf_free(conf);

    return 0;
}


static void
json_str(const char *s)
{
    const unsigned char  *p;

    if (s == NULL) {
        printf("null");
        return;
    }

    putchar('"');

    for (p = (const unsigned char *) s; *p; p++) {
        switch (*p) {
        case '"':
            printf("\\\"");
            break;
        case '\\':
            printf("\\\\");
            break;
        case '\n':
            printf("\\n");
            break;
        case '\r':
            printf("\\r");
            break;
        case '\t':
            printf("\\t");
            break;
        default:
            if (*p < 0x20) {
                printf("\\u%04x", *p);

            } else {
                putchar(*p);
            }
        }
    }

    putchar('"');
}


/* {"date": "2026-11-20T09:30:00Z", "kind": "time"}, or null */

static void
json_date(const feed_date_t *d)
{
    char  buf[32];

    if (d->kind == FEED_DATE_NONE) {
        printf("null");
        return;
    }

    feed_date_rfc3339(buf, d->t);

    printf("{\"date\": \"%s\", \"kind\": \"%s\"}", buf,
           d->kind == FEED_DATE_DAY ? "day" : "time");
}


static int
usage(void)
{
    fprintf(stderr, "usage: feed_extract_dump [-c charset] [-i items-xpath] "
            "[-f name=xpath]... [-u page-url] [-m max-items] [-b runs] "
            "page.html\n");

    return 2;
}
