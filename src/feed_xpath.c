
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdio.h>
#include <stdlib.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "feed_mf2.h"
#include "feed_xpath.h"


#define FEED_XPATH_TITLE      0
#define FEED_XPATH_LINK       1
#define FEED_XPATH_DATE       2
#define FEED_XPATH_SUMMARY    3
#define FEED_XPATH_CONTENT    4
#define FEED_XPATH_AUTHOR     5
#define FEED_XPATH_CATEGORY   6
#define FEED_XPATH_NFIELDS    7


typedef struct {
    xmlXPathCompExprPtr     exprs[FEED_XPATH_MAX_EXPRS];
    size_t                  n;
} feed_xpath_field_t;


struct feed_xpath_s {
    xmlXPathCompExprPtr     items;
    feed_xpath_field_t      fields[FEED_XPATH_NFIELDS];
};


static int feed_xpath_compile(const char *expr, xmlXPathCompExprPtr *comp,
    char *err, size_t errlen);
static int feed_xpath_functions(const char *expr, char *err, size_t errlen);
static void feed_xpath_error(void *data, xmlErrorPtr error);
static const char *feed_xpath_reason(xmlXPathContextPtr ctx);
static int feed_xpath_item(const feed_xpath_t *x, xmlXPathContextPtr ctx,
    feed_sanitize_t *s, xmlNode *node, feed_item_t *item, char *err,
    size_t errlen);
static int feed_xpath_value(feed_sanitize_t *s, int field, xmlNode *node,
    const xmlChar *str, feed_item_t *item);


static const char  *feed_xpath_names[] = {
    "title", "link", "date", "summary", "content", "author", "category", NULL
};


/* libxml2's messages, by xmlXPathError code */

static const char  *feed_xpath_errors[] = {
    "no error",
    "invalid number",
    "unfinished literal",
    "invalid start of literal",
    "expected $ for a variable reference",
    "undefined variable",
    "invalid predicate",
    "invalid expression",
    "missing closing curly brace",
    "unregistered function",
    "invalid operand",
    "invalid type",
    "invalid number of arguments",
    "invalid context size",
    "invalid context position",
    "out of memory",
    "syntax error",
    "resource error",
    "sub resource error",
    "undefined namespace prefix",
    "encoding error",
    "character out of XML range",
    "invalid or incomplete context",
    "stack usage error",
    "variables are not allowed",
    "operation limit exceeded",
    "recursion limit exceeded"
};


/* the functions of XPath 1.0, and the node type tests */

static const char  *feed_xpath_known =
    " last position count id local-name namespace-uri name string concat"
    " starts-with contains substring-before substring-after substring"
    " string-length normalize-space translate boolean not true false lang"
    " number sum floor ceiling round node text comment"
    " processing-instruction ";


feed_xpath_t *
feed_xpath_create(void)
{
    return calloc(1, sizeof(feed_xpath_t));
}


void
feed_xpath_free(feed_xpath_t *x)
{
    size_t  i, j;

    if (x == NULL) {
        return;
    }

    xmlXPathFreeCompExpr(x->items);

    for (i = 0; i < FEED_XPATH_NFIELDS; i++) {
        for (j = 0; j < x->fields[i].n; j++) {
            xmlXPathFreeCompExpr(x->fields[i].exprs[j]);
        }
    }

    free(x);
}


int
feed_xpath_set_items(feed_xpath_t *x, const char *expr, char *err,
    size_t errlen)
{
    xmlXPathCompExprPtr  comp;

    if (feed_xpath_compile(expr, &comp, err, errlen) != FEED_OK) {
        return FEED_ERROR;
    }

    xmlXPathFreeCompExpr(x->items);
    x->items = comp;

    return FEED_OK;
}


int
feed_xpath_add_field(feed_xpath_t *x, const char *name, const char *expr,
    char *err, size_t errlen)
{
    size_t               i;
    feed_xpath_field_t  *f;

    for (i = 0; feed_xpath_names[i]; i++) {
        if (strcmp(feed_xpath_names[i], name) == 0) {
            break;
        }
    }

    if (feed_xpath_names[i] == NULL) {
        snprintf(err, errlen, "unknown field name, not one of title, link, "
                 "date, summary, content, author, category");
        return FEED_ERROR;
    }

    f = &x->fields[i];

    if (f->n == FEED_XPATH_MAX_EXPRS) {
        snprintf(err, errlen, "more than %d expressions for one field",
                 FEED_XPATH_MAX_EXPRS);
        return FEED_ERROR;
    }

    if (feed_xpath_compile(expr, &f->exprs[f->n], err, errlen) != FEED_OK) {
        return FEED_ERROR;
    }

    f->n++;

    return FEED_OK;
}


int
feed_xpath_has_items(const feed_xpath_t *x)
{
    return x != NULL && x->items != NULL;
}


static int
feed_xpath_compile(const char *expr, xmlXPathCompExprPtr *comp, char *err,
    size_t errlen)
{
    xmlXPathContextPtr  ctx;

    *comp = NULL;

    if (expr == NULL || expr[strspn(expr, " \t\r\n")] == '\0') {
        snprintf(err, errlen, "empty expression");
        return FEED_ERROR;
    }

    if (strlen(expr) > FEED_XPATH_MAX_LEN) {
        snprintf(err, errlen, "expression longer than %d bytes",
                 FEED_XPATH_MAX_LEN);
        return FEED_ERROR;
    }

    if (feed_xpath_functions(expr, err, errlen) != FEED_OK) {
        return FEED_ERROR;
    }

    ctx = xmlXPathNewContext(NULL);
    if (ctx == NULL) {
        snprintf(err, errlen, "out of memory");
        return FEED_ERROR;
    }

    ctx->error = feed_xpath_error;
    ctx->flags |= XML_XPATH_NOVAR;

    *comp = xmlXPathCtxtCompile(ctx, (const xmlChar *) expr);

    if (*comp == NULL) {
        if (ctx->lastError.code != XML_ERR_OK) {
            snprintf(err, errlen, "%s at offset %d", feed_xpath_reason(ctx),
                     ctx->lastError.int1);

        } else {
            snprintf(err, errlen, "does not compile");
        }

        xmlXPathFreeContext(ctx);
        return FEED_ERROR;
    }

    xmlXPathFreeContext(ctx);

    return FEED_OK;
}


/*
 * libxml2 looks functions up only when it evaluates them; names that are
 * not XPath 1.0's are refused here, at configuration time.  A name is a
 * function call when "(" follows it, unless it comes after an operand,
 * where XPath reads it as an operator (and, or, div, mod).
 */

static int
feed_xpath_functions(const char *expr, char *err, size_t errlen)
{
    int          operand;
    char         quote;
    size_t       n;
    const char  *p, *name, *k;

    operand = 0;

    for (p = expr; *p; /* void */) {

        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            p++;
            continue;
        }

        if (*p == '"' || *p == '\'') {
            quote = *p++;

            while (*p && *p != quote) {
                p++;
            }

            if (*p) {
                p++;
            }

            operand = 1;
            continue;
        }

        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
            || *p == '_' || (unsigned char) *p >= 0x80)
        {
            name = p;

            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
                   || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'
                   || *p == '.' || (unsigned char) *p >= 0x80
                   || (*p == ':' && p[1] != ':'))
            {
                p++;
            }

            n = p - name;

            if (operand) {
                operand = 0;
                continue;
            }

            while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
                p++;
            }

            if (*p == ':' && p[1] == ':') {
                p += 2;
                continue;
            }

            if (*p == '(') {
                for (k = strstr(feed_xpath_known, " "); k;
                     k = strstr(k + 1, " "))
                {
                    if (strncmp(k + 1, name, n) == 0 && k[n + 1] == ' ') {
                        break;
                    }
                }

                if (k == NULL) {
                    snprintf(err, errlen, "unknown function \"%.*s()\"",
                             (int) (n > 64 ? 64 : n), name);
                    return FEED_ERROR;
                }

                continue;
            }

            operand = 1;
            continue;
        }

        if ((*p >= '0' && *p <= '9') || (*p == '.' && p[1] >= '0'
                                         && p[1] <= '9'))
        {
            while ((*p >= '0' && *p <= '9') || *p == '.') {
                p++;
            }

            operand = 1;
            continue;
        }

        /* "*" after an operand multiplies, else it is a name test */

        operand = (*p == '.' || *p == ')' || *p == ']')
                  || (*p == '*' && !operand);
        p++;
    }

    return FEED_OK;
}


static void
feed_xpath_error(void *data, xmlErrorPtr error)
{
    (void) data;
    (void) error;
}


static const char *
feed_xpath_reason(xmlXPathContextPtr ctx)
{
    int  code;

    code = ctx->lastError.code - XML_XPATH_EXPRESSION_OK;

    if (code < 0
        || code >= (int) (sizeof(feed_xpath_errors) / sizeof(char *)))
    {
        return "evaluation error";
    }

    return feed_xpath_errors[code];
}


int
feed_xpath_items(const feed_xpath_t *x, feed_sanitize_t *s, xmlDoc *doc,
    feed_items_t *items, size_t max, char *err, size_t errlen)
{
    int                  rc, i;
    xmlNode             *node;
    feed_item_t         *item;
    xmlXPathObjectPtr    res;
    xmlXPathContextPtr   ctx;

    ctx = xmlXPathNewContext(doc);
    if (ctx == NULL) {
        snprintf(err, errlen, "out of memory");
        return FEED_ERROR;
    }

    ctx->error = feed_xpath_error;
    ctx->flags |= XML_XPATH_NOVAR;
    ctx->opLimit = FEED_XPATH_OP_LIMIT;
    ctx->node = (xmlNode *) doc;

    res = xmlXPathCompiledEval(x->items, ctx);

    if (res == NULL) {
        snprintf(err, errlen, "feed_item_xpath: %s", feed_xpath_reason(ctx));
        xmlXPathFreeContext(ctx);
        return FEED_ERROR;
    }

    if (res->type != XPATH_NODESET) {
        snprintf(err, errlen, "feed_item_xpath does not select nodes");
        xmlXPathFreeObject(res);
        xmlXPathFreeContext(ctx);
        return FEED_ERROR;
    }

    rc = FEED_OK;

    for (i = 0; res->nodesetval && i < res->nodesetval->nodeNr; i++) {

        if (items->nelts >= max) {
            break;
        }

        node = res->nodesetval->nodeTab[i];

        if (node->type != XML_ELEMENT_NODE) {
            continue;
        }

        item = feed_items_push(items);
        if (item == NULL) {
            snprintf(err, errlen, "out of memory");
            rc = FEED_ERROR;
            break;
        }

        item->order = items->nelts - 1;

        rc = feed_xpath_item(x, ctx, s, node, item, err, errlen);

        if (rc != FEED_OK) {
            break;
        }
    }

    xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);

    return rc;
}


static int
feed_xpath_item(const feed_xpath_t *x, xmlXPathContextPtr ctx,
    feed_sanitize_t *s, xmlNode *node, feed_item_t *item, char *err,
    size_t errlen)
{
    int                        f, i, found;
    size_t                     j;
    xmlChar                   *str;
    xmlNodeSetPtr              set;
    xmlXPathObjectPtr          res;
    const feed_xpath_field_t  *field;

    for (f = 0; f < FEED_XPATH_NFIELDS; f++) {

        field = &x->fields[f];
        found = 0;

        for (j = 0; j < field->n && !found; j++) {

            ctx->node = node;
            ctx->contextSize = 1;
            ctx->proximityPosition = 1;

            res = xmlXPathCompiledEval(field->exprs[j], ctx);

            if (res == NULL) {
                snprintf(err, errlen, "feed_item_field %s: %s",
                         feed_xpath_names[f], feed_xpath_reason(ctx));
                return FEED_ERROR;
            }

            switch (res->type) {

            case XPATH_NODESET:
                set = res->nodesetval;

                for (i = 0; set && i < set->nodeNr; i++) {
                    found |= feed_xpath_value(s, f, set->nodeTab[i], NULL,
                                              item);

                    if (f != FEED_XPATH_CATEGORY
                        || item->ncategories >= FEED_MF2_MAX_CATEGORIES
                        || i >= 4 * FEED_MF2_MAX_CATEGORIES)
                    {
                        break;
                    }
                }

                break;

            case XPATH_STRING:
                found = feed_xpath_value(s, f, NULL, res->stringval, item);
                break;

            case XPATH_NUMBER:
            case XPATH_BOOLEAN:
                str = xmlXPathCastToString(res);

                if (str) {
                    found = feed_xpath_value(s, f, NULL, str, item);
                    xmlFree(str);
                }

                break;

            default:
                break;
            }

            xmlXPathFreeObject(res);

            if (f == FEED_XPATH_CATEGORY) {
                found = 0;
            }
        }
    }

    if (x->fields[FEED_XPATH_TITLE].n == 0) {
        item->title = feed_mf2_implied_name(s, node);
    }

    if (x->fields[FEED_XPATH_LINK].n == 0) {
        item->url = feed_mf2_implied_url(s, node);
    }

    if (s->failed) {
        snprintf(err, errlen, "out of memory");
        return FEED_ERROR;
    }

    return FEED_OK;
}


/*
 * Sets a field from a node or a string: 1 when it got a value.  An
 * element is read as the matching microformats2 property would read it.
 */

static int
feed_xpath_value(feed_sanitize_t *s, int field, xmlNode *node,
    const xmlChar *str, feed_item_t *item)
{
    int       rc;
    char     *v;
    xmlChar  *content;

    content = NULL;

    if (node && node->type != XML_ELEMENT_NODE) {
        content = xmlNodeGetContent(node);

        if (content == NULL) {
            return 0;
        }

        str = content;
        node = NULL;
    }

    if (node) {
        v = (field == FEED_XPATH_LINK) ? feed_mf2_url_value(s, node)
            : (field == FEED_XPATH_DATE) ? feed_mf2_date_value(s, node)
            : (field == FEED_XPATH_CONTENT)
              ? feed_sanitize_html(s, node, FEED_MF2_MAX_CONTENT)
            : feed_sanitize_strip(feed_mf2_text_value(s, node));

    } else {
        v = feed_sanitize_string(s, str, (field == FEED_XPATH_CONTENT)
                                 ? FEED_STRING_ESCAPE|FEED_STRING_TRIM
                                 : FEED_STRING_TRIM|FEED_STRING_COLLAPSE,
                                 FEED_MF2_MAX_CONTENT);
    }

    if (content) {
        xmlFree(content);
    }

    if (v == NULL) {
        return 0;
    }

    rc = 1;

    switch (field) {

    case FEED_XPATH_LINK:
        item->url = feed_sanitize_url(s, (xmlChar *) v, 1);
        rc = (item->url != NULL);
        break;

    case FEED_XPATH_DATE:
        rc = (feed_mf2_date(v, &item->published) == FEED_OK);
        break;

    case FEED_XPATH_CATEGORY:
        feed_mf2_category(s, item, v);
        break;

    default:
        *((field == FEED_XPATH_TITLE) ? &item->title
          : (field == FEED_XPATH_SUMMARY) ? &item->summary
          : (field == FEED_XPATH_AUTHOR) ? &item->author
          : &item->content) = v;
        return 1;
    }

    free(v);

    return rc;
}
