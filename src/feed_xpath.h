
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_XPATH_H_INCLUDED_
#define _FEED_XPATH_H_INCLUDED_


#include <libxml/tree.h>

#include "feed_core.h"
#include "feed_item.h"
#include "feed_sanitize.h"


/*
 * Items chosen by XPath 1.0 expressions (feed_item_xpath and
 * feed_item_field), compiled once at configuration time.
 *
 * The item expression is evaluated with the document as context node
 * and must give a node-set; its elements, in document order, are the
 * items (other nodes are skipped).  Each field expression is evaluated
 * with the item as context node.  A field may be given several
 * expressions: the first that yields a value wins, and for "category"
 * all of them add.  A node-set yields its first node (for "category",
 * every node); an element is read as the microformats2 property of the
 * same kind would read it (feed_mf2_text_value() and the others), an
 * attribute or text node gives its value:
 *
 *     title, summary, author, category
 *                 text: an abbr's title, an img's alt, a data's value...,
 *                 else the element's text as microformats2 reads it
 *                 (script and style dropped, white space collapsed)
 *     link        an a's href, an img's or video's src..., else the text;
 *                 resolved against the base URL, kept only when http,
 *                 https or mailto
 *     date        a time's datetime, an abbr's title..., else the text;
 *                 ISO 8601 as feed_mf2_date() reads it; the item's
 *                 published date
 *     content     the sanitised HTML of an element's children; an
 *                 attribute or text node's value, escaped
 *
 * A string, number or boolean result yields its string value.  Without
 * a title or link expression, the item gets the implied name or url of
 * microformats2.
 *
 * libxml2 cannot interrupt an evaluation by time, so the work is
 * bounded: FEED_XPATH_OP_LIMIT steps for all the evaluations of a page
 * (libxml2's opLimit), and at most the caller's max items.  Variables
 * are refused; functions are those of XPath 1.0.
 */


#define FEED_XPATH_MAX_EXPRS     16         /* per field name */
#define FEED_XPATH_MAX_LEN       4096       /* bytes of one expression */
#define FEED_XPATH_OP_LIMIT      50000000   /* steps per page */


typedef struct feed_xpath_s  feed_xpath_t;


feed_xpath_t *feed_xpath_create(void);
void feed_xpath_free(feed_xpath_t *x);

/*
 * Compile an expression.  FEED_ERROR with a reason in err (such as
 * "invalid predicate at offset 9", "unknown function \"foo()\"" or
 * "unknown field name") when it cannot be used.
 */
int feed_xpath_set_items(feed_xpath_t *x, const char *expr, char *err,
    size_t errlen);
int feed_xpath_add_field(feed_xpath_t *x, const char *name, const char *expr,
    char *err, size_t errlen);

int feed_xpath_has_items(const feed_xpath_t *x);

/*
 * Appends the items of doc to items, until items holds max.  FEED_ERROR
 * with a reason in err when an evaluation fails (its operation limit
 * reached, an item expression that does not give a node-set) or an
 * allocation fails.
 */
int feed_xpath_items(const feed_xpath_t *x, feed_sanitize_t *s, xmlDoc *doc,
    feed_items_t *items, size_t max, char *err, size_t errlen);


#endif /* _FEED_XPATH_H_INCLUDED_ */
