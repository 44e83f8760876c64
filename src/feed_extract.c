
/*
 * Copyright (C) ngx_feed authors
 */


#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <libxml/HTMLparser.h>

#include "feed_extract.h"
#include "feed_html.h"
#include "feed_mf2.h"
#include "feed_sanitize.h"
#include "feed_url.h"
#include "feed_xpath.h"


#define FEED_EXTRACT_OPTIONS                                                  \
    (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING            \
     | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC)

#define FEED_EXTRACT_LABEL_LEN     48

#define feed_extract_space(c)                                                 \
    ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\f' || (c) == '\r')

/* feed_sanitize_is(), the first byte compared before the call */
#define feed_extract_is(node, s)                                              \
    ((node)->type == XML_ELEMENT_NODE && (node)->name[0] == (s)[0]            \
     && strcmp((const char *) (node)->name, s) == 0)


struct feed_extract_conf_s {
    feed_xpath_t        *xpath;
};


/* the high bits of the bytes of a 64-bit word */
#define FEED_EXTRACT_HIGH  0x8080808080808080ULL


/* the parser's element callbacks, wrapped to flatten deep nesting */

typedef struct {
    startElementSAXFunc  start;
    endElementSAXFunc    end;
    size_t               depth;
} feed_extract_sax_t;


typedef struct {
    const char          *label;
    const char          *name;
} feed_extract_label_t;


/* what a page says of itself */

typedef struct {
    xmlNode             *title;
    const xmlChar       *description;
    const xmlChar       *base;
} feed_extract_head_t;


static int feed_extract_conf_xpath(feed_extract_conf_t *c, char *err,
    size_t errlen);
static int feed_extract_decode(const feed_uchar_t *html, size_t len,
    const char *charset, feed_buf_t *out);
static int feed_extract_iconv(const char *name, const feed_uchar_t *p,
    size_t len, feed_buf_t *out);
static int feed_extract_utf8(const feed_uchar_t *p, size_t len,
    feed_buf_t *out);
static const feed_uchar_t *feed_extract_stop(const feed_uchar_t *p,
    const feed_uchar_t *last);
static size_t feed_extract_bom(const feed_uchar_t *p, size_t len,
    const char **name);
static int feed_extract_meta(const feed_uchar_t *p, size_t len, char *name,
    size_t size);
static int feed_extract_content(const char *content, char *name,
    size_t size);
static int feed_extract_label(const char *label, size_t len, char *name,
    size_t size);
static xmlDoc *feed_extract_parse(const feed_uchar_t *p, size_t len,
    int *oom);
static void feed_extract_start(void *data, const xmlChar *name,
    const xmlChar **atts);
static void feed_extract_end(void *data, const xmlChar *name);
static void feed_extract_voids(xmlNode *root);
static void feed_extract_free(xmlDoc *doc, int xpath);
static void feed_extract_find(xmlNode *root, feed_extract_head_t *head);
static char *feed_extract_base(const xmlChar *href, const char *page_url);
static void feed_extract_page(feed_sanitize_t *s, xmlNode *root,
    feed_extract_head_t *head, feed_page_t *page);
static char *feed_extract_lang(const xmlChar *v);


/*
 * Labels of the WHATWG Encoding Standard for which iconv(3) names differ
 * or which mean another encoding; any other label is tried as it is.
 */

static const feed_extract_label_t  feed_extract_labels[] = {
    { "utf-8",              "UTF-8" },
    { "utf8",               "UTF-8" },
    { "unicode-1-1-utf-8",  "UTF-8" },
    { "us-ascii",           "WINDOWS-1252" },
    { "ascii",              "WINDOWS-1252" },
    { "ansi_x3.4-1968",     "WINDOWS-1252" },
    { "iso-8859-1",         "WINDOWS-1252" },
    { "iso8859-1",          "WINDOWS-1252" },
    { "iso_8859-1",         "WINDOWS-1252" },
    { "iso_8859-1:1987",    "WINDOWS-1252" },
    { "latin1",             "WINDOWS-1252" },
    { "l1",                 "WINDOWS-1252" },
    { "cp819",              "WINDOWS-1252" },
    { "ibm819",             "WINDOWS-1252" },
    { "cp1252",             "WINDOWS-1252" },
    { "x-cp1252",           "WINDOWS-1252" },
    { "windows-1252",       "WINDOWS-1252" },
    { "iso-8859-9",         "WINDOWS-1254" },
    { "latin5",             "WINDOWS-1254" },
    { "iso-8859-11",        "WINDOWS-874" },
    { "tis-620",            "WINDOWS-874" },
    { "utf-16",             "UTF-16LE" },
    { "utf-16le",           "UTF-16LE" },
    { "utf-16be",           "UTF-16BE" },
    { "shift_jis",          "CP932" },
    { "shift-jis",          "CP932" },
    { "sjis",               "CP932" },
    { "ms_kanji",           "CP932" },
    { "x-sjis",             "CP932" },
    { "windows-31j",        "CP932" },
    { "gb2312",             "GBK" },
    { "x-gbk",              "GBK" },
    { "big5",               "BIG5-HKSCS" },
    { "euc-kr",             "CP949" },
    { "ks_c_5601-1987",     "CP949" },
    { "windows-949",        "CP949" },
    { NULL, NULL }
};


feed_extract_conf_t *
feed_extract_conf_create(void)
{
    return calloc(1, sizeof(feed_extract_conf_t));
}


int
feed_extract_conf_set_items(feed_extract_conf_t *c, const char *xpath,
    char *err, size_t errlen)
{
    if (feed_extract_conf_xpath(c, err, errlen) != FEED_OK) {
        return FEED_ERROR;
    }

    return feed_xpath_set_items(c->xpath, xpath, err, errlen);
}


int
feed_extract_conf_add_field(feed_extract_conf_t *c, const char *name,
    const char *xpath, char *err, size_t errlen)
{
    if (feed_extract_conf_xpath(c, err, errlen) != FEED_OK) {
        return FEED_ERROR;
    }

    return feed_xpath_add_field(c->xpath, name, xpath, err, errlen);
}


static int
feed_extract_conf_xpath(feed_extract_conf_t *c, char *err, size_t errlen)
{
    if (c->xpath == NULL) {
        c->xpath = feed_xpath_create();
    }

    if (c->xpath == NULL) {
        snprintf(err, errlen, "out of memory");
        return FEED_ERROR;
    }

    return FEED_OK;
}


void
feed_extract_conf_free(feed_extract_conf_t *c)
{
    if (c == NULL) {
        return;
    }

    feed_xpath_free(c->xpath);
    free(c);
}


int
feed_extract(const feed_extract_conf_t *conf, const feed_uchar_t *html,
    size_t len, const char *charset, const char *page_url, size_t max,
    feed_page_t *page, char *err, size_t errlen)
{
    int                  rc, oom, xpath;
    char                *base;
    xmlDoc              *doc;
    xmlNode             *root;
    feed_buf_t           utf8, check;
    feed_url_base_t      url;
    feed_sanitize_t      s;
    feed_extract_head_t  head;

    if (errlen) {
        err[0] = '\0';
    }

    if (page_url == NULL) {
        snprintf(err, errlen, "no page URL");
        return FEED_ERROR;
    }

    feed_buf_init(&check, 0);

    rc = feed_url_resolve(&check, (const feed_uchar_t *) page_url,
                          strlen(page_url), (const feed_uchar_t *) "", 0);

    if (rc == FEED_OK
        && !(check.len > 7 && memcmp(check.data, "http://", 7) == 0)
        && !(check.len > 8 && memcmp(check.data, "https://", 8) == 0))
    {
        rc = FEED_ERROR;
    }

    feed_buf_free(&check);

    if (rc != FEED_OK) {
        snprintf(err, errlen, "page URL \"%.200s\" is not an absolute "
                 "http or https URL", page_url);
        return FEED_ERROR;
    }

    if (len > FEED_EXTRACT_MAX_INPUT) {
        snprintf(err, errlen, "page of %zu bytes, more than %d", len,
                 FEED_EXTRACT_MAX_INPUT);
        return FEED_ERROR;
    }

    if (html == NULL) {
        html = (const feed_uchar_t *) "";
        len = 0;
    }

    feed_buf_init(&utf8, 0);

    if (feed_extract_decode(html, len, charset, &utf8) != FEED_OK) {
        feed_buf_free(&utf8);
        snprintf(err, errlen, "out of memory");
        return FEED_ERROR;
    }

    if (utf8.data) {
        html = utf8.data;
        len = utf8.len;
    }

    /*
     * XPath needs libxml2's own tree; microformats are read from the
     * faster tree of feed_html.c.
     */

    xpath = (conf && feed_xpath_has_items(conf->xpath));
    oom = 0;

    if (xpath) {
        doc = feed_extract_parse(html, len, &oom);

    } else {
        doc = feed_html_parse(html, len, FEED_EXTRACT_MAX_DEPTH);
        oom = (doc == NULL);
    }

    feed_buf_free(&utf8);

    if (doc == NULL) {
        if (oom) {
            snprintf(err, errlen, "out of memory");
            return FEED_ERROR;
        }

        return FEED_OK;
    }

    root = xmlDocGetRootElement(doc);

    memset(&head, 0, sizeof(feed_extract_head_t));
    feed_extract_find(root, &head);

    base = feed_extract_base(head.base, page_url);
    if (base == NULL) {
        feed_extract_free(doc, xpath);
        snprintf(err, errlen, "out of memory");
        return FEED_ERROR;
    }

    feed_url_base(&url, (const feed_uchar_t *) base, strlen(base));

    s.base = base;
    s.url = &url;
    s.work = FEED_EXTRACT_MAX_WORK;
    s.room = FEED_EXTRACT_MAX_OUTPUT;
    s.failed = 0;

    feed_extract_page(&s, root, &head, page);

    if (xpath) {
        rc = feed_xpath_items(conf->xpath, &s, doc, &page->items,
                              FEED_EXTRACT_MAX_ITEMS, err, errlen);

    } else {
        rc = feed_mf2_items(&s, root, &page->items, FEED_EXTRACT_MAX_ITEMS,
                            max);
    }

    if (s.failed) {
        snprintf(err, errlen, "out of memory");
        rc = FEED_ERROR;
    }

    free(base);
    feed_extract_free(doc, xpath);

    return rc;
}


static void
feed_extract_free(xmlDoc *doc, int xpath)
{
    if (xpath) {
        xmlFreeDoc(doc);

    } else {
        feed_html_free(doc);
    }
}


int
feed_extract_charset(const feed_uchar_t *html, size_t len,
    const char *charset, char *name, size_t size)
{
    const char  *bom;

    if (charset
        && feed_extract_label(charset, strlen(charset), name, size) == FEED_OK)
    {
        return FEED_CHARSET_HEADER;
    }

    if (feed_extract_bom(html, len, &bom)) {
        snprintf(name, size, "%s", bom);
        return FEED_CHARSET_BOM;
    }

    if (feed_extract_meta(html, len, name, size) == FEED_OK) {
        return FEED_CHARSET_META;
    }

    snprintf(name, size, "%s", (feed_extract_utf8(html, len, NULL) == FEED_OK)
                               ? "UTF-8" : "WINDOWS-1252");

    return FEED_CHARSET_DEFAULT;
}


/*
 * The page as UTF-8 the parser can take, in out; out stays empty when
 * the input is that already.
 */

static int
feed_extract_decode(const feed_uchar_t *html, size_t len, const char *charset,
    feed_buf_t *out)
{
    int           rc;
    size_t        skip;
    feed_buf_t    tmp;
    const char   *bom;
    char          name[FEED_EXTRACT_LABEL_LEN];

    (void) feed_extract_charset(html, len, charset, name, sizeof(name));

    /* a byte order mark of the encoding used is not text */

    skip = feed_extract_bom(html, len, &bom);

    if (skip && strcmp(bom, name) != 0) {
        skip = 0;
    }

    html += skip;
    len -= skip;

    if (strcmp(name, "UTF-8") == 0) {
        return feed_extract_utf8(html, len, out) == FEED_ERROR ? FEED_ERROR
                                                               : FEED_OK;
    }

    feed_buf_init(&tmp, 0);

    if (feed_extract_iconv(name, html, len, &tmp) != FEED_OK) {
        feed_buf_free(&tmp);
        return FEED_ERROR;
    }

    rc = feed_extract_utf8(tmp.data ? tmp.data : (feed_uchar_t *) "",
                           tmp.len, out);

    if (rc == FEED_ERROR) {
        feed_buf_free(&tmp);
        return FEED_ERROR;
    }

    if (rc == FEED_OK) {
        /* nothing to change: the conversion is the result */
        feed_buf_free(out);
        *out = tmp;

        if (feed_buf_cstr(out) == NULL) {
            return FEED_ERROR;
        }

        return FEED_OK;
    }

    feed_buf_free(&tmp);

    return FEED_OK;
}


static int
feed_extract_iconv(const char *name, const feed_uchar_t *p, size_t len,
    feed_buf_t *out)
{
    char     *in, *o;
    size_t    il, ol, n;
    iconv_t   cd;

    cd = iconv_open("UTF-8", name);

    if (cd == (iconv_t) -1) {
        return FEED_ERROR;
    }

    in = (char *) p;
    il = len;

    if (feed_buf_reserve(out, len * 3 + 16) != FEED_OK) {
        iconv_close(cd);
        return FEED_ERROR;
    }

    for ( ;; ) {
        o = (char *) out->data + out->len;
        ol = out->size - out->len - 1;

        n = iconv(cd, il ? &in : NULL, &il, &o, &ol);

        out->len = (feed_uchar_t *) o - out->data;

        if (n != (size_t) -1) {
            if (il == 0) {
                break;
            }

            continue;
        }

        if (errno == E2BIG) {
            if (feed_buf_reserve(out, il * 3 + 16) != FEED_OK) {
                break;
            }

            continue;
        }

        if (errno != EILSEQ && errno != EINVAL) {
            break;
        }

        /* a byte that does not decode reads as U+FFFD */

        feed_buf_add(out, "\xef\xbf\xbd", 3);

        in++;
        il--;

        if (feed_buf_reserve(out, il * 3 + 16) != FEED_OK) {
            break;
        }
    }

    iconv_close(cd);

    return out->failed ? FEED_ERROR : FEED_OK;
}


/*
 * Without out: FEED_OK when p is valid UTF-8, else FEED_ERROR.  With
 * out: FEED_OK when p has nothing the parser must not see, else a copy
 * in out where ill-formed sequences and NUL are U+FFFD and CR LF and
 * lone CR are LF, and FEED_AGAIN; FEED_ERROR when out of memory.
 */

static int
feed_extract_utf8(const feed_uchar_t *p, size_t len, feed_buf_t *out)
{
    size_t               n, i;
    uint32_t             c;
    uint64_t             w0, w1, w2, w3;
    const feed_uchar_t  *last, *start, *stop;

    last = p + len;
    start = p;

    /* NUL and CR are rare: memchr() finds the next one */

    stop = feed_extract_stop(p, last);

    for ( ;; ) {

        /* thirty-two bytes at a time while all are ASCII */

        while (stop - p >= 32) {
            memcpy(&w0, p, 8);
            memcpy(&w1, p + 8, 8);
            memcpy(&w2, p + 16, 8);
            memcpy(&w3, p + 24, 8);

            if ((w0 | w1 | w2 | w3) & FEED_EXTRACT_HIGH) {
                break;
            }

            p += 32;
        }

        while (p < stop && *p < 0x80) {
            p++;
        }

        if (p == last) {
            break;
        }

        if (p == stop) {
            if (out == NULL) {
                /* NUL and CR are valid UTF-8, only not for the parser */
                p++;
                stop = feed_extract_stop(p, last);
                continue;
            }

            goto fix;
        }

        /*
         * A valid sequence ends before stop: a NUL or a CR is not a
         * continuation byte.
         */

        n = 0;
        c = *p;

        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;

        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;

        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
        }

        if (n && (size_t) (last - p) >= n) {
            for (i = 1; i < n && (p[i] & 0xc0) == 0x80; i++) {
                /* void */
            }

            if (i == n
                && !(c == 0xe0 && p[1] < 0xa0)
                && !(c == 0xed && p[1] >= 0xa0)
                && !(c == 0xf0 && p[1] < 0x90)
                && !(c == 0xf4 && p[1] >= 0x90))
            {
                p += n;
                continue;
            }
        }

        if (out == NULL) {
            return FEED_ERROR;
        }

    fix:

        /* something to change: copy what is fine, then fix */

        if (out->data == NULL && feed_buf_reserve(out, len + len / 8 + 16)
                                 != FEED_OK)
        {
            return FEED_ERROR;
        }

        feed_buf_add(out, start, p - start);

        if (*p == '\r') {
            feed_buf_add_byte(out, '\n');
            p += (p + 1 < last && p[1] == '\n') ? 2 : 1;

        } else {
            feed_buf_add(out, "\xef\xbf\xbd", 3);
            p++;
        }

        start = p;

        if (p > stop) {
            stop = feed_extract_stop(p, last);
        }
    }

    if (out == NULL || out->data == NULL) {
        return FEED_OK;
    }

    feed_buf_add(out, start, p - start);

    return (feed_buf_cstr(out) == NULL) ? FEED_ERROR : FEED_AGAIN;
}


/* the first NUL or CR from p on, else last */

static const feed_uchar_t *
feed_extract_stop(const feed_uchar_t *p, const feed_uchar_t *last)
{
    const feed_uchar_t  *cr, *nul;

    cr = memchr(p, '\r', last - p);
    nul = memchr(p, '\0', (cr ? cr : last) - p);

    return nul ? nul : cr ? cr : last;
}


static size_t
feed_extract_bom(const feed_uchar_t *p, size_t len, const char **name)
{
    if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
        *name = "UTF-8";
        return 3;
    }

    if (len >= 2 && p[0] == 0xfe && p[1] == 0xff) {
        *name = "UTF-16BE";
        return 2;
    }

    if (len >= 2 && p[0] == 0xff && p[1] == 0xfe) {
        *name = "UTF-16LE";
        return 2;
    }

    *name = NULL;

    return 0;
}


/*
 * <meta charset> or <meta http-equiv="Content-Type" content="...">, as
 * the HTML standard's prescan finds them (section 13.2.3.2): the first
 * one that names a known encoding, in the first FEED_EXTRACT_PRESCAN
 * bytes.  Those bytes, up to their last ">" so that no tag is cut, are
 * read by the tree builder of feed_html.c.
 */

static int
feed_extract_meta(const feed_uchar_t *p, size_t len, char *name, size_t size)
{
    int             rc;
    char            label[FEED_EXTRACT_LABEL_LEN];
    xmlDoc         *doc;
    xmlNode        *node, *root;
    const xmlChar  *v;

    len = (len < FEED_EXTRACT_PRESCAN) ? len : FEED_EXTRACT_PRESCAN;

    while (len && p[len - 1] != '>') {
        len--;
    }

    if (len == 0) {
        return FEED_DECLINED;
    }

    doc = feed_html_parse(p, len, FEED_EXTRACT_MAX_DEPTH);
    if (doc == NULL) {
        return FEED_DECLINED;
    }

    rc = FEED_DECLINED;
    root = xmlDocGetRootElement(doc);

    for (node = root; node && rc != FEED_OK; /* void */) {

        if (feed_sanitize_is(node, "meta")) {
            v = feed_sanitize_attr(node, "charset");

            if (v == NULL) {
                v = feed_sanitize_attr(node, "http-equiv");

                if (v && strlen((const char *) v) == 12
                    && feed_strncasecmp(v, (const feed_uchar_t *)
                                        "content-type", 12) == 0
                    && (v = feed_sanitize_attr(node, "content")) != NULL
                    && feed_extract_content((const char *) v, label,
                                            sizeof(label))
                       == FEED_OK)
                {
                    v = (const xmlChar *) label;

                } else {
                    v = NULL;
                }
            }

            if (v && feed_extract_label((const char *) v,
                                        strlen((const char *) v), name, size)
                     == FEED_OK)
            {
                if (strncmp(name, "UTF-16", 6) == 0) {
                    snprintf(name, size, "UTF-8");
                }

                rc = FEED_OK;
            }
        }

        if (node->type == XML_ELEMENT_NODE && node->children) {
            node = node->children;
            continue;
        }

        while (node != root && node->next == NULL) {
            node = node->parent;
        }

        node = (node == root) ? NULL : node->next;
    }

    feed_html_free(doc);

    return rc;
}


/* the standard's "extract a character encoding from a meta element" */

static int
feed_extract_content(const char *content, char *name, size_t size)
{
    size_t       n;
    const char  *p, *q;

    for (p = content; /* void */; /* void */) {

        while (*p && feed_strncasecmp((const feed_uchar_t *) p,
                                      (const feed_uchar_t *) "charset", 7)
                     != 0)
        {
            p++;
        }

        if (*p == '\0') {
            return FEED_DECLINED;
        }

        p += 7;

        while (feed_extract_space(*p)) {
            p++;
        }

        if (*p == '=') {
            break;
        }
    }

    p++;

    while (feed_extract_space(*p)) {
        p++;
    }

    if (*p == '"' || *p == '\'') {
        q = strchr(p + 1, *p);

        if (q == NULL) {
            return FEED_DECLINED;
        }

        p++;

    } else {
        for (q = p; *q && !feed_extract_space(*q) && *q != ';'; q++) {
            /* void */
        }
    }

    n = q - p;

    if (n == 0 || n >= size) {
        return FEED_DECLINED;
    }

    memcpy(name, p, n);
    name[n] = '\0';

    return FEED_OK;
}


/*
 * The iconv(3) name of an encoding label, when iconv knows it.
 */

static int
feed_extract_label(const char *label, size_t len, char *name, size_t size)
{
    char                         buf[FEED_EXTRACT_LABEL_LEN];
    size_t                       i;
    iconv_t                      cd;
    const feed_extract_label_t  *l;

    while (len && feed_extract_space((feed_uchar_t) *label)) {
        label++;
        len--;
    }

    while (len && feed_extract_space((feed_uchar_t) label[len - 1])) {
        len--;
    }

    if (len == 0 || len >= sizeof(buf) || len >= size) {
        return FEED_DECLINED;
    }

    for (i = 0; i < len; i++) {
        buf[i] = (char) feed_lowcase((feed_uchar_t) label[i]);

        /* iconv would read "//" as options */

        if (!((buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= '0'
                                                    && buf[i] <= '9')
              || buf[i] == '-' || buf[i] == '_' || buf[i] == '.'
              || buf[i] == ':'))
        {
            return FEED_DECLINED;
        }
    }

    buf[len] = '\0';

    for (l = feed_extract_labels; l->label; l++) {
        if (strcmp(l->label, buf) == 0) {
            snprintf(name, size, "%s", l->name);
            return FEED_OK;
        }
    }

    cd = iconv_open("UTF-8", buf);

    if (cd == (iconv_t) -1) {
        return FEED_DECLINED;
    }

    iconv_close(cd);

    for (i = 0; i <= len; i++) {
        name[i] = (char) ((buf[i] >= 'a' && buf[i] <= 'z') ? buf[i] - 0x20
                                                           : buf[i]);
    }

    return FEED_OK;
}


static xmlDoc *
feed_extract_parse(const feed_uchar_t *p, size_t len, int *oom)
{
    xmlDoc              *doc;
    htmlParserCtxtPtr    ctxt;
    feed_extract_sax_t   sax;

    ctxt = htmlNewParserCtxt();
    if (ctxt == NULL || ctxt->sax == NULL) {
        if (ctxt) {
            htmlFreeParserCtxt(ctxt);
        }

        *oom = 1;
        return NULL;
    }

    sax.start = ctxt->sax->startElement;
    sax.end = ctxt->sax->endElement;
    sax.depth = 0;

    ctxt->sax->startElement = feed_extract_start;
    ctxt->sax->endElement = feed_extract_end;
    ctxt->_private = &sax;

    doc = htmlCtxtReadMemory(ctxt, (const char *) p, (int) len, NULL, "UTF-8",
                             FEED_EXTRACT_OPTIONS);

    if (doc == NULL && ctxt->errNo == XML_ERR_NO_MEMORY) {
        *oom = 1;
    }

    htmlFreeParserCtxt(ctxt);

    if (doc) {
        feed_extract_voids(xmlDocGetRootElement(doc));
    }

    return doc;
}


/*
 * embed, source, track, wbr and keygen are void elements in HTML5, but
 * not to libxml2 2.9, which nests what follows them inside them (an
 * <img> inside a <picture>'s <source>).  Their children are moved back
 * to follow them, as an HTML5 parser would have them.
 */

static void
feed_extract_voids(xmlNode *root)
{
    xmlNode  *node, *child;

    for (node = root; node; /* void */) {

        if (node->type == XML_ELEMENT_NODE && node->children
            && node != root
            && (feed_sanitize_is(node, "source")
                || feed_sanitize_is(node, "embed")
                || feed_sanitize_is(node, "track")
                || feed_sanitize_is(node, "wbr")
                || feed_sanitize_is(node, "keygen")))
        {
            for (child = node->children; child; child = child->next) {
                child->parent = node->parent;
            }

            node->last->next = node->next;

            if (node->next) {
                node->next->prev = node->last;

            } else {
                node->parent->last = node->last;
            }

            node->children->prev = node;
            node->next = node->children;
            node->children = NULL;
            node->last = NULL;
        }

        if (node->type == XML_ELEMENT_NODE && node->children) {
            node = node->children;
            continue;
        }

        while (node != root && node->next == NULL) {
            node = node->parent;
        }

        node = (node == root) ? NULL : node->next;
    }
}


/*
 * Elements below FEED_EXTRACT_MAX_DEPTH are not created: their text goes
 * to the deepest element kept.  The HTML parser pairs every start with
 * an end, so a count is enough.
 */

static void
feed_extract_start(void *data, const xmlChar *name, const xmlChar **atts)
{
    htmlParserCtxtPtr    ctxt;
    feed_extract_sax_t  *sax;

    ctxt = data;
    sax = ctxt->_private;

    if (sax->depth++ < FEED_EXTRACT_MAX_DEPTH) {
        sax->start(data, name, atts);
    }
}


static void
feed_extract_end(void *data, const xmlChar *name)
{
    htmlParserCtxtPtr    ctxt;
    feed_extract_sax_t  *sax;

    ctxt = data;
    sax = ctxt->_private;

    if (sax->depth == 0) {
        return;
    }

    if (--sax->depth < FEED_EXTRACT_MAX_DEPTH) {
        sax->end(data, name);
    }
}


/*
 * One walk for what the page says of itself: the first <title>, the
 * first <meta name="description">, the first <base href>; it ends when
 * all three are found.
 */

static void
feed_extract_find(xmlNode *root, feed_extract_head_t *head)
{
    size_t          n;
    xmlNode        *node;
    const xmlChar  *name;

    for (node = root; node; /* void */) {

        if (node->type == XML_ELEMENT_NODE) {

            if (head->title == NULL && feed_extract_is(node, "title")) {
                head->title = node;

            } else if (head->description == NULL
                       && feed_extract_is(node, "meta")
                       && (name = feed_sanitize_attr(node, "name")) != NULL)
            {
                n = strlen((const char *) name);

                while (n && feed_extract_space(name[n - 1])) {
                    n--;
                }

                while (n && feed_extract_space(*name)) {
                    name++;
                    n--;
                }

                if (n == 11
                    && feed_strncasecmp(name,
                                        (feed_uchar_t *) "description", 11)
                       == 0)
                {
                    head->description = feed_sanitize_attr(node, "content");
                }

            } else if (head->base == NULL && feed_extract_is(node, "base")) {
                head->base = feed_sanitize_attr(node, "href");
            }

            if (head->title && head->description && head->base) {
                return;
            }

            if (node->children && !feed_extract_is(node, "title")) {
                node = node->children;
                continue;
            }
        }

        while (node != root && node->next == NULL) {
            node = node->parent;
        }

        node = (node == root) ? NULL : node->next;
    }
}


/*
 * URLs resolve against the page's <base href>, itself resolved against
 * the page URL and kept when http or https, else against the page URL.
 */

static char *
feed_extract_base(const xmlChar *href, const char *page_url)
{
    char        *str;
    size_t       len;
    feed_buf_t   b;

    len = strlen(page_url);

    if (href) {
        feed_buf_init(&b, 0);

        if (feed_url_resolve(&b, (const feed_uchar_t *) page_url, len,
                             href, strlen((const char *) href))
            == FEED_OK
            && ((b.len >= 7 && memcmp(b.data, "http://", 7) == 0)
                || (b.len >= 8 && memcmp(b.data, "https://", 8) == 0))
            && (str = feed_buf_cstr(&b)) != NULL)
        {
            return str;
        }

        feed_buf_free(&b);
    }

    return feed_strndup(page_url, len);
}


static void
feed_extract_page(feed_sanitize_t *s, xmlNode *root,
    feed_extract_head_t *head, feed_page_t *page)
{
    char  *v;

    if (root == NULL) {
        return;
    }

    if (feed_sanitize_is(root, "html")) {
        page->lang = feed_extract_lang(feed_sanitize_attr(root, "lang"));
    }

    if (head->title) {
        v = feed_sanitize_text(s, head->title, FEED_TEXT_RAW,
                               FEED_EXTRACT_MAX_META);
        page->title = feed_sanitize_string(s, (xmlChar *) v,
                                 FEED_STRING_TRIM|FEED_STRING_COLLAPSE,
                                 FEED_EXTRACT_MAX_META);
        free(v);
    }

    if (head->description) {
        page->description = feed_sanitize_string(s, head->description,
                                 FEED_STRING_TRIM|FEED_STRING_COLLAPSE,
                                 FEED_EXTRACT_MAX_META);
    }
}


/* a language tag: letters, digits and hyphens */

static char *
feed_extract_lang(const xmlChar *v)
{
    size_t  i, n;

    if (v == NULL) {
        return NULL;
    }

    while (feed_extract_space(*v)) {
        v++;
    }

    n = strlen((const char *) v);

    while (n && feed_extract_space(v[n - 1])) {
        n--;
    }

    if (n == 0 || n > 35) {
        return NULL;
    }

    for (i = 0; i < n; i++) {
        if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= 'A' && v[i] <= 'Z')
              || (v[i] >= '0' && v[i] <= '9') || v[i] == '-'))
        {
            return NULL;
        }
    }

    return feed_strndup(v, n);
}
