
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdio.h>
#include <stdlib.h>
#include <libxml/parser.h>

#include "feed_extract.h"
#include "feed_xpath.h"
#include "tap.h"


/*
 * Items chosen by feed_item_xpath and feed_item_field.  Expected values
 * follow XPath 1.0 (node-sets in document order, string values) and the
 * field rules documented in feed_xpath.h; epoch seconds were computed
 * with Python's calendar.timegm().
 */


#define URL  "https://shop.example.com/news/index.html"


static const char  page_html[] =
    "<html><head><title>News</title></head><body>"
    "<div class=\"post\" id=\"p1\">"
    "  <h2><a href=\"2026/first.html\">First <em>post</em></a></h2>"
    "  <span class=\"date\"><time datetime=\"2026-11-20T09:30:00Z\">"
    "Nov 20</time></span>"
    "  <p class=\"by\">by <b>Ann</b></p>"
    "  <div class=\"body\"><p>Hello <script>x()</script><b>there</b></p>"
    "<p onclick=\"y()\">again</p></div>"
    "  <ul class=\"tags\"><li>red</li><li>green</li><li>red</li></ul>"
    "</div>"
    "<div class=\"post\" id=\"p2\">"
    "  <h2><a href=\"javascript:alert(1)\">Second</a></h2>"
    "  <span class=\"date\">2026-11-19</span>"
    "  <div class=\"body\">Plain &amp; simple</div>"
    "</div>"
    "<div class=\"post\" id=\"p3\"><a href=\"/only\">Third, implied</a></div>"
    "</body></html>";


static feed_page_t  page;
static char         err[256];


static const char *
str(const char *s)
{
    return s;
}


static feed_extract_conf_t *
conf(const char *items, ...)
{
    va_list               args;
    const char           *name, *expr;
    feed_extract_conf_t  *c;

    c = feed_extract_conf_create();

    if (items && feed_extract_conf_set_items(c, items, err, sizeof(err))
                 != FEED_OK)
    {
        printf("# %s: %s\n", items, err);
    }

    va_start(args, items);

    for ( ;; ) {
        name = va_arg(args, const char *);

        if (name == NULL) {
            break;
        }

        expr = va_arg(args, const char *);

        if (feed_extract_conf_add_field(c, name, expr, err, sizeof(err))
            != FEED_OK)
        {
            printf("# %s %s: %s\n", name, expr, err);
        }
    }

    va_end(args);

    return c;
}


static int
run(feed_extract_conf_t *c, const char *html)
{
    int  rc;

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));
    err[0] = '\0';

    rc = feed_extract(c, (const feed_uchar_t *) html, strlen(html), NULL, URL,
                      0, &page, err, sizeof(err));

    feed_extract_conf_free(c);

    return rc;
}


#define item(i)  (&page.items.elts[i])


static void
test_fields(void)
{
    ok(run(conf("//div[@class='post']",
                "title", ".//h2",
                "link", ".//h2/a/@href",
                "date", ".//span[@class='date']/time",
                "date", ".//span[@class='date']",
                "summary", "string(.//p[@class='by'])",
                "content", ".//div[@class='body']",
                "author", ".//p[@class='by']/b",
                "category", ".//ul[@class='tags']/li",
                NULL),
           page_html) == FEED_OK, "fields: extracted");

    ok(page.items.nelts == 3, "fields: three items");

    is_str(item(0)->title, "First post", "title: an element's text");
    is_str(item(0)->url, "https://shop.example.com/news/2026/first.html",
           "link: an attribute, resolved");
    ok(item(0)->published.kind == FEED_DATE_TIME
       && item(0)->published.t == 1795167000, "date: a time's datetime");
    is_str(item(0)->summary, "by Ann", "summary: a string result");
    is_str(item(0)->content, "<p>Hello <b>there</b></p><p>again</p>",
           "content: the sanitised children");
    is_str(item(0)->author, "Ann", "author");
    ok(item(0)->ncategories == 2, "category: every node, no duplicates");
    is_str(item(0)->categories[0], "red", "category: first");
    is_str(item(0)->categories[1], "green", "category: second");
    ok(item(0)->order == 0, "order");

    ok(item(1)->url == NULL, "link: javascript: dropped");
    ok(item(1)->published.kind == FEED_DATE_DAY
       && item(1)->published.t == 1795046400,
       "date: the second expression, a day from text");
    is_str(item(1)->content, "Plain &amp; simple", "content: text escaped");
    ok(item(1)->summary == NULL, "summary: an empty string is none");

    ok(item(2)->title == NULL, "a title expression that finds nothing");
    ok(item(2)->url == NULL, "a link expression that finds nothing");
    ok(item(2)->ncategories == 0, "no categories");
}


static void
test_implied(void)
{
    ok(run(conf("//div[@class='post']", NULL), page_html) == FEED_OK,
       "no fields");

    is_str(item(2)->title, "Third, implied",
           "without a title expression: the implied name");
    is_str(item(2)->url, "https://shop.example.com/only",
           "without a link expression: the implied url");
    ok(item(0)->url == NULL, "no implied url from several links");
}


static void
test_results(void)
{
    ok(run(conf("//div[@id='p1']",
                "title", "concat('#', count(.//li))",
                "summary", "count(.//li) div 2",
                "author", "count(.//li) > 1",
                "link", "string(.//a/@href)",
                "content", ".//li/text()",
                NULL),
           page_html) == FEED_OK, "results: extracted");

    is_str(item(0)->title, "#3", "a string result");
    is_str(item(0)->summary, "1.5", "a number result");
    is_str(item(0)->author, "true", "a boolean result");
    is_str(item(0)->url, "https://shop.example.com/news/2026/first.html",
           "a string result as a link");
    is_str(item(0)->content, "red", "a text node as content");

    ok(run(conf("//div[@class='post']/@id", NULL), page_html) == FEED_OK
       && page.items.nelts == 0, "items must be elements");

    ok(run(conf("/html/body/div[2]", NULL), page_html) == FEED_OK
       && page.items.nelts == 1, "a path from the document");
}


static void
test_errors(void)
{
    feed_extract_conf_t  *c;

    c = feed_extract_conf_create();

    ok(feed_extract_conf_set_items(c, "//div[@class='post'", err,
                                   sizeof(err)) == FEED_ERROR,
       "an unclosed predicate");
    ok(strstr(err, "at offset") != NULL, "its offset is said: %s", err);

    ok(feed_extract_conf_set_items(c, "//a[@href=$x]", err, sizeof(err))
       == FEED_ERROR, "a variable");
    ok(strncmp(err, "variables are not allowed", 25) == 0,
       "variables: said");

    ok(feed_extract_conf_set_items(c, "//p[matches(., 'x')]", err,
                                   sizeof(err)) == FEED_ERROR,
       "an XPath 2.0 function");
    is_str(str(err), "unknown function \"matches()\"", "its name is said");

    ok(feed_extract_conf_set_items(c, "//p[contains(., 'count(')]", err,
                                   sizeof(err)) == FEED_OK,
       "a name inside a literal is not a call");

    ok(feed_extract_conf_set_items(c, "//p[1 div (2)] | //*[position() mod "
                                   "(2) = 0]", err, sizeof(err)) == FEED_OK,
       "div and mod before a parenthesis are operators");

    ok(feed_extract_conf_set_items(c, "//p[last()][not(@x)]/"
                                   "descendant-or-self::node()/text()", err,
                                   sizeof(err)) == FEED_OK,
       "functions, axes and node tests");

    ok(feed_extract_conf_add_field(c, "link", "", err, sizeof(err))
       == FEED_ERROR, "an empty field expression");

    ok(feed_extract_conf_add_field(c, "date", "..//[", err, sizeof(err))
       == FEED_ERROR, "a bad field expression");

    feed_extract_conf_free(c);

    ok(run(conf("count(//div)", NULL), page_html) == FEED_ERROR,
       "items that are not a node-set");
    is_str(str(err), "feed_item_xpath does not select nodes",
           "not a node-set: said");
}


static void
test_limits(void)
{
    int      i;
    char    *html, *p;

    html = malloc(2000 * 12 + 64);
    p = html + sprintf(html, "<html><body>");

    for (i = 0; i < 2000; i++) {
        p += sprintf(p, "<p>%d</p>", i);
    }

    sprintf(p, "</body></html>");

    ok(run(conf("//p", "title", ".", NULL), html) == FEED_OK,
       "many items");
    ok(page.items.nelts == FEED_EXTRACT_MAX_ITEMS, "at most %d items",
       FEED_EXTRACT_MAX_ITEMS);
    is_str(item(999)->title, "999", "the first ones, in document order");

    /* 2000 x 2000 comparisons for every one of 2000 nodes: too many */

    ok(run(conf("//p[count(//p[. = //p]) > 0]", NULL), html) == FEED_ERROR,
       "an expression over the operation limit");
    is_str(str(err), "feed_item_xpath: operation limit exceeded",
           "the limit: said");

    free(html);
}


int
main(void)
{
    xmlInitParser();

    test_fields();
    test_implied();
    test_results();
    test_errors();
    test_limits();

    feed_page_free(&page);
    xmlCleanupParser();

    return tap_done();
}
