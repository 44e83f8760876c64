
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * libFuzzer target for the microformats path of the extractor: the tree
 * builder of feed_html.c, then h-entry items read in full and, for a
 * feed of a few items, read only as far as the merge can take them.
 * The tree must be well linked and no deeper than the depth limit; the
 * items chosen for a feed of max items must be those the merge takes
 * from all the items.  The first input byte picks max; the rest is the
 * page.
 *
 *   clang -std=gnu99 -g -O1 -fsanitize=fuzzer,address,undefined \
 *       -Isrc -I/usr/include/libxml2 t/fuzz/fuzz_extract.c \
 *       src/feed_*.c -lxml2 -lpcre2-8 -lm -o fuzz_extract
 *   ./fuzz_extract -max_total_time=120 t/conformance/pages
 */


#include <stdio.h>
#include <stdlib.h>
#include <libxml/parser.h>

#include "feed_extract.h"
#include "feed_html.h"
#include "feed_merge.h"


#define FUZZ_DEPTH  200
#define FUZZ_URL    "https://example.com/page.html"


static void fuzz_tree(const uint8_t *page, size_t len);
static void fuzz_items(const uint8_t *page, size_t len, size_t max);
static void fuzz_same(feed_items_t *a, feed_items_t *b);
static int fuzz_eq(const char *a, const char *b);
static void fuzz_fail(const char *what);


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0) {
        return 0;
    }

    fuzz_tree(data + 1, size - 1);
    fuzz_items(data + 1, size - 1, 1 + data[0] % 8);

    return 0;
}


/* every node is its parent's child, between its siblings */

static void
fuzz_tree(const uint8_t *page, size_t len)
{
    size_t    depth;
    xmlDoc   *doc;
    xmlNode  *node, *root;
    xmlAttr  *a;

    doc = feed_html_parse(page, len, FUZZ_DEPTH);
    if (doc == NULL) {
        return;
    }

    root = doc->children;

    if (root == NULL || root->next != NULL
        || strcmp((const char *) root->name, "html") != 0)
    {
        fuzz_fail("the document is one html element");
    }

    depth = 0;

    for (node = root; node; /* void */) {

        if (node->type == XML_ELEMENT_NODE && node->name == NULL) {
            fuzz_fail("an element without a name");
        }

        if (node->type == XML_TEXT_NODE && node->content == NULL) {
            fuzz_fail("a text without content");
        }

        if (node->next && node->next->prev != node) {
            fuzz_fail("siblings linked both ways");
        }

        if (node->parent->last == node && node->next) {
            fuzz_fail("the last child is last");
        }

        for (a = node->properties; a; a = a->next) {
            if (a->parent != node || a->children == NULL
                || a->children->content == NULL)
            {
                fuzz_fail("an attribute of its element, with a value");
            }
        }

        if (node->children) {
            if (node->children->parent != node || node->children->prev) {
                fuzz_fail("the first child");
            }

            if (++depth > FUZZ_DEPTH + 3) {
                fuzz_fail("no deeper than the limit");
            }

            node = node->children;
            continue;
        }

        while (node != root && node->next == NULL) {
            node = node->parent;
            depth--;
        }

        node = (node == root) ? NULL : node->next;
    }

    feed_html_free(doc);
}


/* a feed of max items takes the same from the chosen items as from all */

static void
fuzz_items(const uint8_t *page, size_t len, size_t max)
{
    char          err[256];
    int           rc1, rc2;
    feed_page_t   all, chosen;
    feed_items_t  a, b;

    memset(&all, 0, sizeof(feed_page_t));
    memset(&chosen, 0, sizeof(feed_page_t));
    memset(&a, 0, sizeof(feed_items_t));
    memset(&b, 0, sizeof(feed_items_t));

    rc1 = feed_extract(NULL, page, len, NULL, FUZZ_URL, 0, &all, err,
                       sizeof(err));
    rc2 = feed_extract(NULL, page, len, NULL, FUZZ_URL, max, &chosen, err,
                       sizeof(err));

    if (rc1 == FEED_OK && rc2 == FEED_OK) {
        if (chosen.items.nelts > all.items.nelts) {
            fuzz_fail("no more items chosen than there are");
        }

        if (feed_merge(&a, &all, 1, max) == FEED_OK
            && feed_merge(&b, &chosen, 1, max) == FEED_OK)
        {
            fuzz_same(&a, &b);
        }
    }

    feed_items_free(&a);
    feed_items_free(&b);
    feed_page_free(&all);
    feed_page_free(&chosen);
}


static void
fuzz_same(feed_items_t *a, feed_items_t *b)
{
    size_t        i;
    feed_item_t  *x, *y;

    if (a->nelts != b->nelts) {
        fuzz_fail("as many items merged");
    }

    for (i = 0; i < a->nelts; i++) {
        x = &a->elts[i];
        y = &b->elts[i];

        if (!fuzz_eq(x->title, y->title) || !fuzz_eq(x->url, y->url)
            || !fuzz_eq(x->summary, y->summary)
            || !fuzz_eq(x->content, y->content)
            || x->published.t != y->published.t
            || x->published.kind != y->published.kind
            || x->updated.t != y->updated.t)
        {
            fuzz_fail("the same items merged");
        }
    }
}


static int
fuzz_eq(const char *a, const char *b)
{
    return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}


static void
fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz_extract: not so: %s\n", what);
    abort();
}
