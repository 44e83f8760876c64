
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Plain text from a parsed HTML tree: the text of a node as
 * microformats2 parsers read it, or its text nodes as they are, and
 * string values, such as attributes, cleaned, collapsed and trimmed.
 */


#include <stdlib.h>

#include "feed_sanitize.h"
#include "feed_sanitize_int.h"


/* mf2py's text items: strings and the marks of <p> and <pre> */

#define FEED_TOK_P_AFTER  0
#define FEED_TOK_P        1
#define FEED_TOK_PRE      2
#define FEED_TOK_PRE_END  3
#define FEED_TOK_STR      4

/* elements the text rules know: see feed_sanitize_element() */

#define FEED_TEXT_EL_OTHER  0
#define FEED_TEXT_EL_SKIP   1     /* script, style, template */
#define FEED_TEXT_EL_PRE    2
#define FEED_TEXT_EL_BR     3
#define FEED_TEXT_EL_IMG    4
#define FEED_TEXT_EL_P      5

#define feed_sanitize_plain(c)  ((c) > 0x20 && (c) < 0x7f)

/* items held without allocation, enough for most texts */
#define FEED_TEXT_TOKS      16


typedef struct {
    size_t                off;
    size_t                len;
    int                   kind;
} feed_sanitize_tok_t;


typedef struct {
    feed_sanitize_t      *s;
    unsigned              flags;
    size_t                limit;
    feed_buf_t            text;
    feed_sanitize_tok_t  *toks;       /* tok0 or on malloc() */
    size_t                ntoks;
    size_t                nalloc;
    feed_sanitize_tok_t   tok0[FEED_TEXT_TOKS];
    unsigned              open:1;     /* the last token is a text node's
                                         and may go on */
    unsigned              space:1;    /* ... and ends in a space */
} feed_sanitize_text_t;


static int feed_sanitize_element(xmlNode *node);
static void feed_sanitize_collect(feed_sanitize_text_t *t, xmlNode *root);
static void feed_sanitize_raw(feed_sanitize_text_t *t, xmlNode *root);
static void feed_sanitize_push(feed_sanitize_text_t *t, const feed_uchar_t *p,
    size_t len, int text);
static void feed_sanitize_tok(feed_sanitize_text_t *t, int kind, size_t off);
static void feed_sanitize_join(feed_sanitize_text_t *t, feed_buf_t *out,
    size_t max);
static int feed_sanitize_tok_space(feed_sanitize_text_t *t, size_t i);
static int feed_sanitize_tok_blank(feed_sanitize_text_t *t, size_t i);
static void feed_sanitize_cut(feed_buf_t *b, size_t max);


char *
feed_sanitize_string(feed_sanitize_t *s, const xmlChar *p, unsigned flags,
    size_t max)
{
    char        *v;
    size_t       i, n, off, len;
    feed_buf_t   b;

    if (p == NULL) {
        return NULL;
    }

    /*
     * Printable ASCII, most values, needs no cleaning: without flags it
     * is copied as it is, the budget charged as feed_sanitize_result()
     * does.
     */

    len = strlen((const char *) p);

    if (flags == 0 && len <= max && feed_sanitize_printable(p, len) == len) {

        if (len == 0 || len > s->room) {
            return NULL;
        }

        v = malloc(len + 1);
        if (v == NULL) {
            s->failed = 1;
            return NULL;
        }

        memcpy(v, p, len + 1);
        s->room -= len;

        return v;
    }

    feed_buf_init(&b, 0);
    feed_sanitize_add(&b, p, len, (flags & FEED_STRING_ESCAPE) ? 1 : 0, max);

    if ((flags & FEED_STRING_COLLAPSE) && b.len) {
        for (i = 0, n = 0; i < b.len; i++) {
            if (!feed_sanitize_ws(b.data[i]) && b.data[i] != '\f') {
                b.data[n++] = b.data[i];

            } else if (n == 0 || b.data[n - 1] != ' ') {
                b.data[n++] = ' ';
            }
        }

        b.len = n;
    }

    if ((flags & FEED_STRING_TRIM) && b.len) {
        b.len = feed_sanitize_trim(b.data, b.len, &off);
        memmove(b.data, b.data + off, b.len);
    }

    return feed_sanitize_result(s, &b);
}


char *
feed_sanitize_strip(char *v)
{
    size_t  len, off;

    if (v == NULL) {
        return NULL;
    }

    len = feed_sanitize_trim((feed_uchar_t *) v, strlen(v), &off);

    if (len == 0) {
        free(v);
        return NULL;
    }

    memmove(v, v + off, len);
    v[len] = '\0';

    return v;
}


char *
feed_sanitize_text(feed_sanitize_t *s, xmlNode *node, unsigned flags,
    size_t max)
{
    feed_buf_t            out;
    feed_sanitize_text_t  t;

    if (node == NULL) {
        return NULL;
    }

    t.s = s;
    t.flags = flags;
    t.limit = max + 1024;
    t.toks = t.tok0;
    t.ntoks = 0;
    t.nalloc = FEED_TEXT_TOKS;
    t.open = 0;
    t.space = 0;

    feed_buf_init(&t.text, 0);

    if (flags & FEED_TEXT_RAW) {
        feed_sanitize_raw(&t, node);
        feed_sanitize_cut(&t.text, max);

        if (t.toks != t.tok0) {
            free(t.toks);
        }

        return feed_sanitize_result(s, &t.text);
    }

    feed_sanitize_collect(&t, node);

    /*
     * One string item with printable ends, as most names and summaries
     * are, is what the join would copy from the text: the text is the
     * result.
     */

    if (t.ntoks == 1 && t.toks[0].kind == FEED_TOK_STR
        && t.toks[0].off == 0 && t.toks[0].len == t.text.len
        && t.text.len && feed_sanitize_plain(t.text.data[0])
        && feed_sanitize_plain(t.text.data[t.text.len - 1]))
    {
        feed_sanitize_cut(&t.text, max);

        return feed_sanitize_result(s, &t.text);
    }

    feed_buf_init(&out, 0);

    feed_sanitize_join(&t, &out, max);

    out.failed |= t.text.failed;

    feed_buf_free(&t.text);

    if (t.toks != t.tok0) {
        free(t.toks);
    }

    return feed_sanitize_result(s, &out);
}


/* what the text rules make of an element: FEED_TEXT_EL_* */

static int
feed_sanitize_element(xmlNode *node)
{
    const char  *name;

    name = (const char *) node->name;

    switch (name[0]) {

    case 'b':
        return (strcmp(name, "br") == 0) ? FEED_TEXT_EL_BR : FEED_TEXT_EL_OTHER;

    case 'i':
        return (strcmp(name, "img") == 0) ? FEED_TEXT_EL_IMG
                                          : FEED_TEXT_EL_OTHER;

    case 'p':
        return (name[1] == '\0') ? FEED_TEXT_EL_P
               : (strcmp(name, "pre") == 0) ? FEED_TEXT_EL_PRE
               : FEED_TEXT_EL_OTHER;

    case 's':
        return (strcmp(name, "script") == 0 || strcmp(name, "style") == 0)
               ? FEED_TEXT_EL_SKIP : FEED_TEXT_EL_OTHER;

    case 't':
        return (strcmp(name, "template") == 0) ? FEED_TEXT_EL_SKIP
                                               : FEED_TEXT_EL_OTHER;

    default:
        return FEED_TEXT_EL_OTHER;
    }
}


/*
 * mf2py's text_collection(), without recursion: the items of a node's
 * subtree in document order.
 */

static void
feed_sanitize_collect(feed_sanitize_text_t *t, xmlNode *root)
{
    int             el;
    char           *src;
    xmlNode        *node;
    const xmlChar  *alt;

    node = root;

    while (t->s->work && t->text.len <= t->limit && !t->text.failed) {

        t->s->work--;

        if (node->type == XML_TEXT_NODE) {
            if (node->content) {
                feed_sanitize_push(t, node->content,
                                   strlen((char *) node->content), 1);
            }

            goto next;
        }

        t->open = 0;

        if (node->type != XML_ELEMENT_NODE) {
            goto next;
        }

        el = feed_sanitize_element(node);

        if (el == FEED_TEXT_EL_SKIP) {
            goto next;
        }

        if (el == FEED_TEXT_EL_PRE) {
            feed_sanitize_tok(t, FEED_TOK_PRE, t->text.len);
            feed_sanitize_raw(t, node);
            feed_sanitize_tok(t, FEED_TOK_PRE_END, t->text.len);
            goto next;
        }

        if (el == FEED_TEXT_EL_BR) {
            feed_sanitize_push(t, (const feed_uchar_t *) "\n", 1, 0);
            goto next;
        }

        if (el == FEED_TEXT_EL_IMG && (t->flags & FEED_TEXT_IMG_ALT)) {
            alt = feed_sanitize_attr(node, "alt");
            src = NULL;

            if (alt == NULL && (t->flags & FEED_TEXT_IMG_SRC)) {
                src = feed_sanitize_url(t->s, feed_sanitize_attr(node, "src"),
                                        0);
                alt = (const xmlChar *) src;
            }

            if (alt) {
                feed_sanitize_push(t, (const feed_uchar_t *) " ", 1, 0);
                feed_sanitize_push(t, alt, strlen((const char *) alt), 0);
                feed_sanitize_push(t, (const feed_uchar_t *) " ", 1, 0);
                free(src);
            }

            goto next;
        }

        if (el == FEED_TEXT_EL_P) {
            feed_sanitize_tok(t, FEED_TOK_P, t->text.len);
        }

        if (node->children) {
            node = node->children;
            continue;
        }

        if (el == FEED_TEXT_EL_P) {
            feed_sanitize_tok(t, FEED_TOK_P_AFTER, t->text.len);
        }

    next:

        if (node == root) {
            return;
        }

        while (node->next == NULL) {
            node = node->parent;
            t->open = 0;

            if (node->type == XML_ELEMENT_NODE && node->name[0] == 'p'
                && node->name[1] == '\0')
            {
                feed_sanitize_tok(t, FEED_TOK_P_AFTER, t->text.len);
            }

            if (node == root) {
                return;
            }
        }

        node = node->next;
    }
}


/*
 * The text nodes of a subtree as bs4's get_text() gives them, one
 * string item; for a <pre>, without the line feed that the HTML5 parser
 * drops right after the start tag and libxml2 keeps.
 */

static void
feed_sanitize_raw(feed_sanitize_text_t *t, xmlNode *root)
{
    size_t          off;
    xmlNode        *node;
    const xmlChar  *p;

    off = t->text.len;
    node = root->children;

    if (node && node->type == XML_TEXT_NODE && node->content
        && node->content[0] == '\n' && feed_sanitize_is(root, "pre"))
    {
        p = node->content + 1;
        feed_sanitize_add(&t->text, p, strlen((const char *) p), 0,
                          t->limit);
        node = node->next;
    }

    while (node && t->s->work && t->text.len <= t->limit) {

        t->s->work--;

        if (node->type == XML_TEXT_NODE && node->content) {
            feed_sanitize_add(&t->text, node->content,
                              strlen((const char *) node->content), 0,
                              t->limit);

        } else if (node->type == XML_ELEMENT_NODE && node->children
                   && feed_sanitize_element(node) != FEED_TEXT_EL_SKIP)
        {
            node = node->children;
            continue;
        }

        while (node->next == NULL) {
            node = node->parent;

            if (node == root) {
                goto done;
            }
        }

        node = node->next;
    }

done:

    t->open = 0;

    if (t->text.len > off) {
        feed_sanitize_tok(t, FEED_TOK_STR, off);
    }
}


/*
 * Adds a string item, cleaned.  A text node's has its runs of space,
 * TAB, LF and CR collapsed into one space, and goes on the previous text
 * node's item when the two are adjacent, as one DOM text node.
 */

static void
feed_sanitize_push(feed_sanitize_text_t *t, const feed_uchar_t *p,
    size_t len, int text)
{
    int                  runs;
    size_t               n, off, before;
    const feed_uchar_t  *last, *q;

    off = t->text.len;

    if (!text) {
        feed_sanitize_add(&t->text, p, len, 0, t->limit);
        t->open = 0;

        if (t->text.len > off) {
            feed_sanitize_tok(t, FEED_TOK_STR, off);
        }

        return;
    }

    if (!t->open) {
        t->space = 0;
    }

    runs = 1;

    for (last = p + len; p < last; /* void */) {

        /*
         * Most text is words of printable ASCII between single spaces,
         * which stay as they are: such a run goes in at once, unless it
         * would pass the limit, where words are cut one by one below.
         */

        if (runs && feed_sanitize_plain(*p)) {

            for (q = p + 1; q < last; q++) {
                if (!feed_sanitize_plain(*q)
                    && !(*q == ' ' && q + 1 < last
                         && feed_sanitize_plain(q[1])))
                {
                    break;
                }
            }

            if (t->text.len + (q - p) <= t->limit) {
                feed_buf_add(&t->text, p, q - p);
                t->space = 0;
                p = q;
                continue;
            }

            runs = 0;
        }

        for (n = 0;
             p + n < last && !feed_sanitize_ws(p[n]) && p[n] != '\f';
             n++)
        {
            /* void */
        }

        if (n == 0) {
            if (!t->space) {
                feed_buf_add_byte(&t->text, ' ');
                t->space = 1;
            }

            p++;
            continue;
        }

        before = t->text.len;

        if (!feed_sanitize_add(&t->text, p, n, 0, t->limit)) {
            break;
        }

        /* characters XML forbids vanish, and so do not end a space */

        if (t->text.len > before) {
            t->space = 0;
        }

        p += n;
    }

    if (t->open) {
        t->toks[t->ntoks - 1].len += t->text.len - off;

    } else if (t->text.len > off) {
        feed_sanitize_tok(t, FEED_TOK_STR, off);
        t->open = 1;
    }
}


/* an item: the string from off to the end of the text, or a mark */

static void
feed_sanitize_tok(feed_sanitize_text_t *t, int kind, size_t off)
{
    size_t                n;
    feed_sanitize_tok_t  *tok;

    if (kind != FEED_TOK_STR) {
        t->open = 0;
    }

    if (t->ntoks == t->nalloc) {
        n = t->nalloc * 2;

        tok = realloc((t->toks == t->tok0) ? NULL : t->toks,
                      n * sizeof(feed_sanitize_tok_t));
        if (tok == NULL) {
            t->text.failed = 1;
            return;
        }

        if (t->toks == t->tok0) {
            memcpy(tok, t->tok0, sizeof(t->tok0));
        }

        t->toks = tok;
        t->nalloc = n;
    }

    tok = &t->toks[t->ntoks++];
    tok->kind = kind;
    tok->off = off;
    tok->len = (kind == FEED_TOK_STR) ? t->text.len - off : 0;
}


/*
 * The rest of mf2py's get_textContent(): lone spaces next to other
 * spaces, paragraph marks or the ends are emptied, blank items at both
 * ends dropped, the ends stripped, paragraph marks made line feeds.  An
 * emptied space stays an item, as it does there.
 */

static void
feed_sanitize_join(feed_sanitize_text_t *t, feed_buf_t *out, size_t max)
{
    int                   count, nl;
    size_t                i, n, first, end, len, off;
    feed_uchar_t         *p;
    feed_sanitize_tok_t  *tok;

    n = t->ntoks;

    for (i = 0; i < n; i++) {
        if (feed_sanitize_tok_space(t, i)
            && (i == 0 || i == n - 1 || feed_sanitize_tok_space(t, i - 1)
                || t->toks[i - 1].kind <= FEED_TOK_P
                || feed_sanitize_tok_space(t, i + 1)
                || t->toks[i + 1].kind <= FEED_TOK_P))
        {
            t->toks[i].len = 0;
        }
    }

    for (first = 0; first < n && (feed_sanitize_tok_blank(t, first)
                                  || t->toks[first].kind <= FEED_TOK_P);
         first++)
    {
        /* void */
    }

    for (end = n; end > first && (feed_sanitize_tok_blank(t, end - 1)
                                  || t->toks[end - 1].kind <= FEED_TOK_P);
         end--)
    {
        /* void */
    }

    if (first == end) {
        return;
    }

    /* strip the first item's start and the last one's end */

    tok = &t->toks[first];

    if (tok->kind == FEED_TOK_STR
        && !feed_sanitize_plain(t->text.data[tok->off]))
    {
        (void) feed_sanitize_trim(t->text.data + tok->off, tok->len, &off);
        tok->off += off;
        tok->len -= off;
    }

    tok = &t->toks[end - 1];

    if (tok->kind == FEED_TOK_STR
        && !feed_sanitize_plain(t->text.data[tok->off + tok->len - 1]))
    {
        tok->len = feed_sanitize_trim(t->text.data + tok->off, tok->len,
                                      &off) + off;
    }

    count = 0;
    nl = 0;

    for (i = first; i < end && out->len <= max; i++) {
        tok = &t->toks[i];

        if (tok->kind == FEED_TOK_PRE) {
            while (out->len && out->data[out->len - 1] == ' ') {
                out->len--;
            }
        }

        if (tok->kind != FEED_TOK_STR) {
            if (tok->kind <= FEED_TOK_P && tok->kind > count) {
                count = tok->kind;
            }

            nl = 0;
            continue;
        }

        p = t->text.data + tok->off;
        len = tok->len;

        while ((count || nl) && len && *p == ' ') {
            p++;
            len--;
        }

        for ( /* void */ ; count; count--) {
            feed_buf_add_byte(out, '\n');
        }

        feed_buf_add(out, p, len);

        nl = (len == 1 && *p == '\n');
    }

    feed_sanitize_cut(out, max);
}


/* an item that is exactly " " */

static int
feed_sanitize_tok_space(feed_sanitize_text_t *t, size_t i)
{
    return t->toks[i].kind == FEED_TOK_STR && t->toks[i].len == 1
           && t->text.data[t->toks[i].off] == ' ';
}


/*
 * An empty string item, or one of white space only; printable ASCII
 * other than the space is none.
 */

static int
feed_sanitize_tok_blank(feed_sanitize_text_t *t, size_t i)
{
    size_t  off;

    if (t->toks[i].kind != FEED_TOK_STR) {
        return 0;
    }

    if (t->toks[i].len && feed_sanitize_plain(t->text.data[t->toks[i].off]))
    {
        return 0;
    }

    return feed_sanitize_trim(t->text.data + t->toks[i].off, t->toks[i].len,
                              &off) == 0;
}


/* the buffer cut to at most max bytes between two characters */

static void
feed_sanitize_cut(feed_buf_t *b, size_t max)
{
    if (b->len <= max) {
        return;
    }

    b->len = max;

    while (b->len && (b->data[b->len] & 0xc0) == 0x80) {
        b->len--;
    }
}
