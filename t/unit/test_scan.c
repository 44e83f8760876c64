/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The HTML head scanner.  Pages in t/unit/scan/ (or $SCAN_CORPUS) mark
 * the injection point with {{HERE}}, or begin with a {{DECLINE}} line.
 * Every page is scanned whole, split at every byte, one byte at a time
 * and in random pieces, with an adapter simulation that emits what the
 * scanner releases, holds the rest and inserts a marker.
 *
 *   test_scan                  the TAP tests
 *   test_scan --oracle FILE... one line per page and element, for
 *                              t/unit/scan_oracle.py
 *   test_scan --bench          scan speed on 1 MB heads
 */


#include <stdio.h>
#include <stdlib.h>
#include <dirent.h>
#include <time.h>

#include "feed_scan.h"
#include "tap.h"


#define SCAN_MARKER   "<!--INJECTED-->"
#define SCAN_WHOLE    0
#define SCAN_SPLIT    1
#define SCAN_BYTES    2
#define SCAN_RANDOM   3
#define SCAN_CHUNK    4


typedef struct {
    int              rc;        /* FEED_SCAN_FOUND or FEED_SCAN_DECLINED */
    uint64_t         inject;
    uint64_t         decided;   /* feed_scan_t.decided_at */
    const char      *reason;
    feed_buf_t       elts;
    feed_buf_t       text[4];
    feed_buf_t       out;       /* what the adapter would send */
    size_t           max_held;
    unsigned         hex:1;     /* elements as the oracle reads them */
    char             broken[200];
} scan_result_t;


typedef struct {
    const char      *file;
    const char      *elts;
    const char      *title;
    const char      *heading;
    const char      *body;
} scan_expect_t;


/* worked out by hand from the pages and the HTML standard */

static const scan_expect_t  scan_expects[] = {

    { "existing-tags.html",
      "link rel=[Canonical] href=[https://example.com/a?x=1&y=2]\n"
      "link rel=[alternate] href=[/feed.xml] type=[application/rss+xml]\n"
      "meta name=[keywords] content=[one, two & three]\n"
      "meta name=[description] content=[caf\xc3\xa9 &<>\"' &amp=x &ampx "
          "\xc2\xa0]\n"
      "meta name=[a] content=[first]\n"
      "link rel=[icon] href=[/favicon.ico/]\n"
      "meta charset=[utf-8]\n",
      "", NULL, NULL },

    { "plain.html",
      "meta charset=[utf-8]\n"
      "link rel=[stylesheet] href=[/site.css]\n",
      "Plain page", NULL, NULL },

    { "uppercase.html",
      "meta name=[author] content=[X]\n",
      "Upper case", NULL, NULL },

    { "noscript-head.html", "", "", NULL, NULL },

    { "template-nested.html", "meta name=[z]\n", "", NULL, NULL },

    { "nul-bytes.html",
      "meta name=[x\xef\xbf\xbdy] content=[\xef\xbf\xbd]\n",
      "a\0b", NULL, NULL },

    { "crlf.html", "meta name=[a] content=[x\ny]\n", "", NULL, NULL },

    { "attribute-values.html",
      "meta name=[a] content=[</head> >]\n"
      "meta name=[b] content=[</head>]\n"
      "meta name=[c] content=[x/]\n"
      "link rel=[x] href=[<!--]\n",
      "", NULL, NULL },

    { "attribute-names.html",
      "meta\nmeta name=[b]\nmeta name=[c]\n", "", NULL, NULL },

    { "title-end-head.html",
      "", "My </head> <b>page</b> &amp; </titl ", NULL, NULL },

    { "learn.html", "", "The &amp; Title", "Big headTwo",
      "\nPara &lt;x&gt; onearea</titltail <3 \n" },

    { "head-ended-by-div.html", "meta name=[a] content=[1]\n", "",
      "", "\n" }
};


static void scan_page(const feed_uchar_t *page, size_t len, unsigned how,
    size_t arg, unsigned learn, uint64_t limit, scan_result_t *r);
static void scan_element(void *data, const feed_scan_elt_t *elt);
static void scan_text(void *data, const feed_uchar_t *p, size_t len,
    unsigned kind);
static void scan_result_init(scan_result_t *r);
static void scan_result_free(scan_result_t *r);
static int scan_result_cmp(scan_result_t *a, scan_result_t *b, char *why,
    size_t size);
static int scan_buf_eq(feed_buf_t *a, feed_buf_t *b);
static feed_uchar_t *scan_load(const char *path, size_t *len, long *here);
static uint32_t scan_rand(uint64_t *seed);
static int scan_properties(const char *name, const feed_uchar_t *page,
    size_t len);
static int scan_decided(const feed_uchar_t *page, scan_result_t *whole);
static void scan_corpus(const char *dir);
static void scan_random_pages(void);
static void scan_hostile(void);
static void scan_oracle(int argc, char **argv);
static void scan_bench(void);


int
main(int argc, char **argv)
{
    const char  *dir;

    if (argc > 1 && strcmp(argv[1], "--oracle") == 0) {
        scan_oracle(argc - 2, argv + 2);
        return 0;
    }

    if (argc > 1 && strcmp(argv[1], "--bench") == 0) {
        scan_bench();
        return 0;
    }

    printf("# sizeof(feed_scan_t) = %zu\n", sizeof(feed_scan_t));

    dir = getenv("SCAN_CORPUS");

    scan_corpus(dir ? dir : "t/unit/scan");
    scan_random_pages();
    scan_hostile();

    return tap_done();
}


/*
 * Scans a page in pieces: whole, split at "arg", one byte at a time,
 * random sizes from seed "arg", or "arg" bytes at a time.  The adapter
 * is simulated: bytes before the hold leave at once, the rest is held;
 * the marker goes in at the injection point.
 */

static void
scan_page(const feed_uchar_t *page, size_t len, unsigned how, size_t arg,
    unsigned learn, uint64_t limit, scan_result_t *r)
{
    int          rc, decided;
    size_t       pos, n;
    uint64_t     emitted, seed;
    feed_scan_t  *s;

    s = malloc(sizeof(feed_scan_t));
    if (s == NULL) {
        snprintf(r->broken, sizeof(r->broken), "no memory");
        return;
    }

    feed_scan_init(s);

    s->element = scan_element;
    s->text = scan_text;
    s->data = r;
    s->learn = learn;
    s->limit = limit;

    pos = 0;
    emitted = 0;
    decided = 0;
    seed = arg;
    rc = FEED_SCAN_AGAIN;

    while (pos < len) {

        switch (how) {
        case SCAN_WHOLE:
            n = len;
            break;
        case SCAN_SPLIT:
            n = (pos < arg) ? arg - pos : len - pos;
            break;
        case SCAN_BYTES:
            n = 1;
            break;
        case SCAN_RANDOM:
            n = 1 + scan_rand(&seed) % ((scan_rand(&seed) % 3) ? 7 : 300);
            break;
        default:
            n = arg;
        }

        if (n > len - pos) {
            n = len - pos;
        }

        if (!decided && s->offset != pos) {
            snprintf(r->broken, sizeof(r->broken),
                     "offset %llu, expected %zu",
                     (unsigned long long) s->offset, pos);
            break;
        }

        rc = feed_scan(s, page + pos, n);
        pos += n;

        if (decided) {

            if (rc == FEED_SCAN_DONE) {
                break;
            }

            if (rc != FEED_SCAN_AGAIN) {
                snprintf(r->broken, sizeof(r->broken),
                         "rc %d while learning", rc);
                break;
            }

            continue;
        }

        if (rc == FEED_SCAN_AGAIN) {

            if (s->offset != pos || s->hold < emitted || s->hold > pos
                || pos - s->hold > FEED_SCAN_MAX_HOLD)
            {
                snprintf(r->broken, sizeof(r->broken),
                         "hold %llu, emitted %llu, offset %zu",
                         (unsigned long long) s->hold,
                         (unsigned long long) emitted, pos);
                break;
            }

            if (pos - s->hold > r->max_held) {
                r->max_held = pos - s->hold;
            }

            feed_buf_add(&r->out, page + emitted, s->hold - emitted);
            emitted = s->hold;
            continue;
        }

        if (rc == FEED_SCAN_DONE) {
            snprintf(r->broken, sizeof(r->broken), "done before found");
            break;
        }

        decided = 1;
        r->rc = rc;

        if (rc == FEED_SCAN_DECLINED) {
            r->reason = s->reason;
            break;
        }

        r->inject = s->inject;
        r->decided = s->decided_at;

        if (s->inject < emitted || s->inject > pos
            || s->decided_at <= s->inject || s->decided_at > pos + 1)
        {
            snprintf(r->broken, sizeof(r->broken),
                     "inject %llu, decided %llu outside [%llu, %zu]",
                     (unsigned long long) s->inject,
                     (unsigned long long) s->decided_at,
                     (unsigned long long) emitted, pos);
            break;
        }

        if (!learn) {
            break;
        }
    }

    if (!decided && r->broken[0] == '\0') {
        rc = feed_scan_finish(s);
        r->rc = rc;

        if (rc == FEED_SCAN_FOUND) {
            r->inject = s->inject;
            r->decided = s->decided_at;

            if (s->inject < emitted) {
                snprintf(r->broken, sizeof(r->broken),
                         "inject %llu before %llu at the end",
                         (unsigned long long) s->inject,
                         (unsigned long long) emitted);
            }

        } else if (rc == FEED_SCAN_DECLINED) {
            r->reason = s->reason;

        } else {
            snprintf(r->broken, sizeof(r->broken), "finish said %d", rc);
        }

    } else if (learn && rc != FEED_SCAN_DONE && r->rc == FEED_SCAN_FOUND
               && r->broken[0] == '\0')
    {
        rc = feed_scan_finish(s);

        if (rc != FEED_SCAN_DONE) {
            snprintf(r->broken, sizeof(r->broken), "finish said %d", rc);
        }
    }

    if (r->rc == FEED_SCAN_FOUND) {
        feed_buf_add(&r->out, page + emitted, r->inject - emitted);
        feed_buf_add_str(&r->out, SCAN_MARKER);
        feed_buf_add(&r->out, page + r->inject, len - r->inject);

        if (feed_scan(s, (feed_uchar_t *) "x", 1) != FEED_SCAN_DONE) {
            snprintf(r->broken, sizeof(r->broken), "not done after all");
        }

    } else {
        feed_buf_add(&r->out, page + emitted, len - emitted);
    }

    free(s);
}


static void
scan_element(void *data, const feed_scan_elt_t *elt)
{
    size_t                   i, j;
    scan_result_t           *r = data;
    const feed_scan_attr_t  *a[FEED_SCAN_NATTRS];

    static const char  *names[] = {
        "rel", "href", "type", "name", "content", "charset"
    };

    a[0] = &elt->rel;
    a[1] = &elt->href;
    a[2] = &elt->type;
    a[3] = &elt->name;
    a[4] = &elt->content;
    a[5] = &elt->charset;

    feed_buf_add_str(&r->elts, r->hex ? "elt " : "");
    feed_buf_add_str(&r->elts, elt->tag == FEED_SCAN_LINK ? "link" : "meta");

    for (i = 0; i < FEED_SCAN_NATTRS; i++) {

        if (!a[i]->present) {
            continue;
        }

        if (r->hex) {
            feed_buf_printf(&r->elts, " %s=%s", names[i],
                            a[i]->truncated ? "!" : "");

            for (j = 0; j < a[i]->len; j++) {
                feed_buf_printf(&r->elts, "%02x", a[i]->data[j]);
            }

            continue;
        }

        feed_buf_printf(&r->elts, " %s=[", names[i]);
        feed_buf_add(&r->elts, a[i]->data, a[i]->len);
        feed_buf_add_str(&r->elts, a[i]->truncated ? "]!" : "]");
    }

    feed_buf_add_str(&r->elts, "\n");
}


static void
scan_text(void *data, const feed_uchar_t *p, size_t len, unsigned kind)
{
    scan_result_t  *r = data;

    if (kind < 1 || kind > 3 || len == 0) {
        snprintf(r->broken, sizeof(r->broken), "text kind %u, %zu bytes",
                 kind, len);
        return;
    }

    feed_buf_add(&r->text[kind], p, len);
}


static void
scan_result_init(scan_result_t *r)
{
    size_t  i;

    memset(r, 0, sizeof(scan_result_t));

    feed_buf_init(&r->elts, 0);
    feed_buf_init(&r->out, 0);

    for (i = 0; i < 4; i++) {
        feed_buf_init(&r->text[i], 0);
    }
}


static void
scan_result_free(scan_result_t *r)
{
    size_t  i;

    feed_buf_free(&r->elts);
    feed_buf_free(&r->out);

    for (i = 0; i < 4; i++) {
        feed_buf_free(&r->text[i]);
    }
}


static int
scan_result_cmp(scan_result_t *a, scan_result_t *b, char *why, size_t size)
{
    if (b->broken[0]) {
        snprintf(why, size, "%s", b->broken);
        return 1;
    }

    if (a->rc != b->rc
        || (a->rc == FEED_SCAN_FOUND
            && (a->inject != b->inject || a->decided != b->decided)))
    {
        snprintf(why, size, "rc %d at %llu (%llu), not %d at %llu (%llu)",
                 b->rc, (unsigned long long) b->inject,
                 (unsigned long long) b->decided, a->rc,
                 (unsigned long long) a->inject,
                 (unsigned long long) a->decided);
        return 1;
    }

    if (!scan_buf_eq(&a->elts, &b->elts)) {
        snprintf(why, size, "other elements");
        return 1;
    }

    if (!scan_buf_eq(&a->text[1], &b->text[1])
        || !scan_buf_eq(&a->text[2], &b->text[2])
        || !scan_buf_eq(&a->text[3], &b->text[3]))
    {
        snprintf(why, size, "other text");
        return 1;
    }

    if (!scan_buf_eq(&a->out, &b->out)) {
        snprintf(why, size, "other output");
        return 1;
    }

    if (b->max_held > FEED_SCAN_MAX_HOLD) {
        snprintf(why, size, "held %zu bytes", b->max_held);
        return 1;
    }

    return 0;
}


static int
scan_buf_eq(feed_buf_t *a, feed_buf_t *b)
{
    return a->len == b->len
           && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}


/* a corpus page, without its marker; here: the marker's offset or -1 */

static feed_uchar_t *
scan_load(const char *path, size_t *len, long *here)
{
    long           size;
    FILE          *f;
    feed_uchar_t  *p, *m;

    f = fopen(path, "rb");
    if (f == NULL) {
        return NULL;
    }

    fseek(f, 0, SEEK_END);
    size = ftell(f);
    fseek(f, 0, SEEK_SET);

    p = malloc(size + 1);

    if (p == NULL || fread(p, 1, size, f) != (size_t) size) {
        fclose(f);
        free(p);
        return NULL;
    }

    fclose(f);

    *here = -1;
    *len = size;

    if (size >= 12 && memcmp(p, "{{DECLINE}}\n", 12) == 0) {
        memmove(p, p + 12, size - 12);
        *len = size - 12;
        return p;
    }

    for (m = p; m + 8 <= p + size; m++) {
        if (memcmp(m, "{{HERE}}", 8) == 0) {
            *here = m - p;
            memmove(m, m + 8, p + size - m - 8);
            *len = size - 8;
            break;
        }
    }

    return p;
}


static uint32_t
scan_rand(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;

    return (uint32_t) (*seed >> 33);
}


/*
 * Every way of splitting the page gives what the whole page gives, with
 * and without learning.  Returns the number of failures.
 */

static int
scan_properties(const char *name, const feed_uchar_t *page, size_t len)
{
    int            failed;
    char           why[256];
    size_t         i, k;
    unsigned       learn;
    scan_result_t  whole, part;

    failed = 0;

    for (learn = 0; learn < 2; learn++) {

        scan_result_init(&whole);
        scan_page(page, len, SCAN_WHOLE, 0, learn, 0, &whole);

        for (i = 0; i < len + 2 + 30; i++) {

            scan_result_init(&part);

            if (i <= len) {
                scan_page(page, len, SCAN_SPLIT, i, learn, 0, &part);
                k = i;

            } else if (i == len + 1) {
                scan_page(page, len, SCAN_BYTES, 0, learn, 0, &part);
                k = 1;

            } else {
                scan_page(page, len, SCAN_RANDOM, i, learn, 0, &part);
                k = i;
            }

            if (scan_result_cmp(&whole, &part, why, sizeof(why))) {
                if (failed++ == 0) {
                    printf("# %s, learn %u, %s %zu: %s\n", name, learn,
                           i <= len ? "split at" : i == len + 1 ? "bytes"
                                                                 : "seed",
                           k, why);
                }
            }

            scan_result_free(&part);
        }

        scan_result_free(&whole);
    }

    return failed;
}


/*
 * The decision rests on the bytes before decided_at: the page cut there,
 * with anything after, is decided the same.
 */

static int
scan_decided(const feed_uchar_t *page, scan_result_t *whole)
{
    int             rc;
    size_t          i, n;
    feed_uchar_t   *p;
    scan_result_t   r;

    static const char  *tails[] = {
        "", "<", "</", "<!--", "<script>", "\"'>", "x", "</head>",
        "<body>", "\xff"
    };

    rc = 0;
    n = (size_t) whole->decided;

    p = malloc(n + 16);
    if (p == NULL) {
        return -1;
    }

    for (i = 0; i < sizeof(tails) / sizeof(tails[0]) && rc == 0; i++) {
        memcpy(p, page, n);
        memcpy(p + n, tails[i], strlen(tails[i]));

        scan_result_init(&r);
        scan_page(p, n + strlen(tails[i]), SCAN_WHOLE, 0, 0, 0, &r);

        if (r.rc != FEED_SCAN_FOUND || r.inject != whole->inject
            || r.decided != whole->decided)
        {
            printf("#   with \"%s\" after: rc %d inject %llu decided %llu\n",
                   tails[i], r.rc, (unsigned long long) r.inject,
                   (unsigned long long) r.decided);
            rc = -1;
        }

        scan_result_free(&r);
    }

    free(p);

    return rc;
}


static void
scan_corpus(const char *dir)
{
    int                   n, ok_here;
    long                  here;
    char                  path[1024], title[300];
    size_t                i, len, k;
    DIR                  *d;
    feed_uchar_t         *page;
    scan_result_t         r, l;
    struct dirent       **names;
    const scan_expect_t  *e;

    d = opendir(dir);
    ok(d != NULL, "corpus directory %s", dir);

    if (d == NULL) {
        return;
    }

    closedir(d);

    n = scandir(dir, &names, NULL, alphasort);

    for (k = 0; k < (size_t) n; k++) {
        len = strlen(names[k]->d_name);

        if (len < 6 || strcmp(names[k]->d_name + len - 5, ".html") != 0) {
            free(names[k]);
            continue;
        }

        snprintf(path, sizeof(path), "%s/%s", dir, names[k]->d_name);

        page = scan_load(path, &len, &here);
        if (page == NULL) {
            ok(0, "%s: read", names[k]->d_name);
            free(names[k]);
            continue;
        }

        scan_result_init(&r);
        scan_page(page, len, SCAN_WHOLE, 0, 0, 0, &r);

        if (here < 0) {
            ok(r.rc == FEED_SCAN_DECLINED && r.broken[0] == '\0',
               "%s: declined (%s)", names[k]->d_name,
               r.reason ? r.reason : r.broken);

        } else {
            ok_here = (r.rc == FEED_SCAN_FOUND && r.broken[0] == '\0'
                       && r.inject == (uint64_t) here);

            if (!ok(ok_here, "%s: injection at %ld", names[k]->d_name, here))
            {
                printf("#   rc %d inject %llu %s %s\n", r.rc,
                       (unsigned long long) r.inject,
                       r.reason ? r.reason : "", r.broken);
            }
        }

        if (r.rc == FEED_SCAN_FOUND && r.decided) {
            ok(scan_decided(page, &r) == 0,
               "%s: the same result from the first %llu bytes, whatever "
               "follows", names[k]->d_name, (unsigned long long) r.decided);
        }

        for (i = 0; i < sizeof(scan_expects) / sizeof(scan_expect_t); i++) {
            e = &scan_expects[i];

            if (strcmp(e->file, names[k]->d_name) != 0) {
                continue;
            }

            scan_result_init(&l);
            scan_page(page, len, SCAN_WHOLE, 0, 1, 0, &l);

            snprintf(title, sizeof(title), "%s: elements", e->file);
            is_mem(l.elts.data ? l.elts.data : (feed_uchar_t *) "",
                   l.elts.len, e->elts, strlen(e->elts), title);

            snprintf(title, sizeof(title), "%s: title text", e->file);
            is_mem(l.text[1].data ? l.text[1].data : (feed_uchar_t *) "",
                   l.text[1].len, e->title,
                   strlen(e->title) + (strcmp(e->file, "nul-bytes.html")
                                       == 0 ? 2 : 0), title);

            if (e->heading) {
                snprintf(title, sizeof(title), "%s: heading text", e->file);
                is_mem(l.text[2].data ? l.text[2].data : (feed_uchar_t *) "",
                       l.text[2].len, e->heading, strlen(e->heading), title);
            }

            if (e->body) {
                snprintf(title, sizeof(title), "%s: body text", e->file);
                is_mem(l.text[3].data ? l.text[3].data : (feed_uchar_t *) "",
                       l.text[3].len, e->body, strlen(e->body), title);
            }

            scan_result_free(&l);
        }

        ok(scan_properties(names[k]->d_name, page, len) == 0,
           "%s: the same at every split, byte by byte, in random pieces",
           names[k]->d_name);

        scan_result_free(&r);
        free(page);
        free(names[k]);
    }

    free(names);
}


/* random pages made of pieces that matter to the tokenizer */

static void
scan_random_pages(void)
{
    int            failed;
    char           why[256];
    size_t         i, j, n, len;
    uint64_t       seed;
    feed_uchar_t   page[600];

    static const char  *pieces[] = {
        "<", ">", "/", "!", "-", "--", "?", "'", "\"", "=", " ", "\n", "&",
        "a", "x", "<!DOCTYPE html>", "<html>", "<head>", "</head>", "<body>",
        "<meta name=a>", "<link rel=x href=y>", "<title>", "</title>",
        "<script>", "</script>", "<!--", "-->", "<style>", "</style>",
        "<template>", "</template>", "<svg>", "</svg>", "<![CDATA[", "]]>",
        "<textarea>", "</textarea>", "<h1>", "</h1>", "<div>", "&amp;",
        "\0", "\xff", "<p>", "script", "</", "<!", "<?", "head", "<br>"
    };

    failed = 0;
    seed = 12345;

    for (i = 0; i < 300; i++) {
        len = 0;
        n = 1 + scan_rand(&seed) % 40;

        if (scan_rand(&seed) % 2) {
            memcpy(page, "<!DOCTYPE html><head>", 21);
            len = 21;
        }

        for (j = 0; j < n; j++) {
            const char  *piece;
            size_t       plen;

            piece = pieces[scan_rand(&seed) % (sizeof(pieces) / sizeof(char *))];
            plen = (piece[0] == '\0') ? 1 : strlen(piece);

            memcpy(page + len, piece, plen);
            len += plen;
        }

        if (scan_properties("random page", page, len)) {
            if (failed++ == 0) {
                printf("# random page %zu: ", i);
                fwrite(page, 1, len, stdout);
                printf("\n");
            }
        }
    }

    (void) why;

    ok(failed == 0, "300 random pages: the same however they are split");
}


static void
scan_hostile(void)
{
    size_t          i, len, n, pos, head;
    clock_t         t;
    uint64_t        at;
    feed_scan_t    *s;
    feed_uchar_t   *p;
    scan_result_t   r;

    s = malloc(sizeof(feed_scan_t));
    p = malloc(11 * 1024 * 1024);

    if (s == NULL || p == NULL) {
        ok(0, "memory for the hostile pages");
        free(s);
        free(p);
        return;
    }

    /* a 10 MB page: found at once, learning stops at its limit */

    len = sprintf((char *) p,
                  "<!DOCTYPE html><html><head><title>big</title></head>"
                  "<body>");
    at = len - 13;

    while (len < 10 * 1024 * 1024) {
        len += sprintf((char *) p + len, "<p>lorem <b>ipsum</b> dolor</p>\n");
    }

    feed_scan_init(s);
    s->learn = 1;
    s->text_limit = 65536;

    t = clock();

    for (pos = 0; pos < len; pos += n) {
        n = (len - pos < 32768) ? len - pos : 32768;

        if (feed_scan(s, p + pos, n) == FEED_SCAN_DONE) {
            break;
        }
    }

    ok(s->inject == at && s->done && pos < 128 * 1024,
       "10 MB page: found at %llu, learning done after %zu bytes",
       (unsigned long long) s->inject, pos);

    scan_result_init(&r);
    scan_page(p, len, SCAN_CHUNK, 65536, 1, 0, &r);
    ok(r.rc == FEED_SCAN_FOUND && r.inject == at && r.broken[0] == '\0'
       && r.text[3].len > 5 * 1024 * 1024,
       "10 MB page learned to the end (%.2f s)",
       (double) (clock() - t) / CLOCKS_PER_SEC);
    scan_result_free(&r);

    /* a 300 KB head */

    len = sprintf((char *) p, "<!DOCTYPE html><html><head>\n");

    while (len < 300 * 1024) {
        len += sprintf((char *) p + len,
                       "<meta name=\"k%zu\" content=\"</head> &amp; >\">\n",
                       len);
    }

    head = len;
    len += sprintf((char *) p + len, "</head><body>x</body>");

    scan_result_init(&r);
    scan_page(p, len, SCAN_CHUNK, 4096, 0, 1024 * 1024, &r);
    ok(r.rc == FEED_SCAN_FOUND && r.inject == head && r.broken[0] == '\0',
       "300 KB head found within a 1 MB limit");
    scan_result_free(&r);

    scan_result_init(&r);
    scan_page(p, len, SCAN_CHUNK, 4096, 0, 100 * 1024, &r);
    ok(r.rc == FEED_SCAN_DECLINED && r.reason
       && strstr(r.reason, "limit") != NULL,
       "300 KB head declined beyond a 100 KB limit (%s)",
       r.reason ? r.reason : "");
    scan_result_free(&r);

    /* a head that never ends */

    feed_scan_init(s);
    s->limit = 1024 * 1024;

    memcpy(p, "<html><head>", 12);
    memset(p + 12, ' ', 8192 - 12);

    n = feed_scan(s, p, 8192);

    for (i = 0; n == FEED_SCAN_AGAIN && i < 1000; i++) {
        memset(p, i % 2 ? ' ' : '\n', 8192);
        n = feed_scan(s, p, 8192);
    }

    ok(n == FEED_SCAN_DECLINED && s->offset == 1024 * 1024,
       "a head that never ends is declined at the limit (%llu bytes)",
       (unsigned long long) s->offset);

    /* 100,000 nested elements */

    len = sprintf((char *) p, "<html><head></head><body>");
    at = 12;

    for (i = 0; i < 100000; i++) {
        len += sprintf((char *) p + len, "<div>");
    }

    len += sprintf((char *) p + len, "deep");

    for (i = 0; i < 100000; i++) {
        len += sprintf((char *) p + len, "</div>");
    }

    scan_result_init(&r);
    scan_page(p, len, SCAN_CHUNK, 1000, 1, 0, &r);
    is_mem(r.text[3].data, r.text[3].len, "deep", 4,
           "100,000 nested elements: text found, nothing grows");
    ok(r.inject == at, "100,000 nested elements: injection point");
    scan_result_free(&r);

    /* a 1 MB attribute value, captured and not */

    len = sprintf((char *) p, "<html><head><meta name=\"keywords\" content=\"");
    memset(p + len, 'a', 1024 * 1024);
    len += 1024 * 1024;
    len += sprintf((char *) p + len, "\"><script src=\"");
    memset(p + len, '>', 1024 * 1024);
    len += 1024 * 1024;
    len += sprintf((char *) p + len, "\"></script>");
    at = len;
    len += sprintf((char *) p + len, "</head>");

    scan_result_init(&r);
    scan_page(p, len, SCAN_CHUNK, 10000, 0, 0, &r);
    ok(r.rc == FEED_SCAN_FOUND && r.inject == at
       && r.elts.len == sizeof("meta name=[keywords] content=[]!\n") - 1
                        + FEED_SCAN_ATTR_MAX,
       "1 MB attribute values: found, capture truncated");
    scan_result_free(&r);

    /* all bytes, as a page, after a head, inside a template */

    for (i = 0; i < 1024 * 1024; i++) {
        p[i] = (feed_uchar_t) i;
    }

    scan_result_init(&r);
    scan_page(p, 1024 * 1024, SCAN_CHUNK, 777, 1, 0, &r);
    ok(r.rc == FEED_SCAN_DECLINED, "bytes 0 to 255: declined (%s)",
       r.reason ? r.reason : "");
    scan_result_free(&r);

    for (i = 0; i < 1024 * 1024; i++) {
        p[21 + i] = (feed_uchar_t) (i + 1);
    }

    memcpy(p, "<!DOCTYPE html><head>", 21);

    scan_result_init(&r);
    scan_page(p, 21 + 1024 * 1024, SCAN_CHUNK, 777, 1, 0, &r);
    ok(r.rc == FEED_SCAN_FOUND && r.inject == 21 && r.broken[0] == '\0',
       "bytes 1 to 255 after a head: found at the first byte");
    scan_result_free(&r);

    memcpy(p, "<!DOCTYPE html><head><template>", 31);

    for (i = 0; i < 1024 * 1024; i++) {
        p[31 + i] = (feed_uchar_t) (i * 7);
    }

    scan_result_init(&r);
    scan_page(p, 31 + 1024 * 1024, SCAN_CHUNK, 777, 1, 0, &r);
    ok(r.rc == FEED_SCAN_DECLINED && r.broken[0] == '\0',
       "bytes 0 to 255 in a template: declined (%s)",
       r.reason ? r.reason : "");
    scan_result_free(&r);

    /* a page of '<' */

    memset(p, '<', 1024 * 1024);

    scan_result_init(&r);
    scan_page(p, 1024 * 1024, SCAN_CHUNK, 1000, 0, 0, &r);
    ok(r.rc == FEED_SCAN_DECLINED, "a page of '<' is a fragment");
    scan_result_free(&r);

    memcpy(p, "<!DOCTYPE html>", 15);

    scan_result_init(&r);
    scan_page(p, 1024 * 1024, SCAN_CHUNK, 1000, 1, 0, &r);
    ok(r.rc == FEED_SCAN_FOUND && r.inject == 15
       && r.text[3].len == 1024 * 1024 - 15,
       "a doctype then '<' only: found, all '<' are text");
    scan_result_free(&r);

    free(p);
    free(s);
}


/*
 * For the oracle, per page: "page NAME found|declined|broken OFFSET",
 * "elt link|meta NAME=HEX ..." ("!" before a truncated value) and
 * "title HEX".
 */

static void
scan_oracle(int argc, char **argv)
{
    int             i;
    long            here;
    size_t          len, j;
    feed_uchar_t   *page;
    scan_result_t   r;

    for (i = 0; i < argc; i++) {
        page = scan_load(argv[i], &len, &here);

        if (page == NULL) {
            printf("page %s broken 0\n", argv[i]);
            continue;
        }

        scan_result_init(&r);
        r.hex = 1;
        scan_page(page, len, SCAN_WHOLE, 0, 0, 0, &r);

        printf("page %s %s %llu\n", argv[i],
               r.broken[0] ? "broken"
               : r.rc == FEED_SCAN_FOUND ? "found" : "declined",
               (unsigned long long) r.inject);

        if (r.elts.len) {
            fwrite(r.elts.data, 1, r.elts.len, stdout);
        }

        printf("title ");

        for (j = 0; j < r.text[1].len; j++) {
            printf("%02x", r.text[1].data[j]);
        }

        printf("\n");

        scan_result_free(&r);
        free(page);
    }
}


static void
scan_bench(void)
{
    size_t         i, len, k;
    double         sec;
    clock_t        t;
    feed_scan_t   *s;
    feed_uchar_t  *p;

    static const char  *names[] = {
        "meta tags and white space", "one script", "one comment",
        "long attribute values", "title text"
    };

    s = malloc(sizeof(feed_scan_t));
    p = malloc(1024 * 1024 + 4096);

    if (s == NULL || p == NULL) {
        free(s);
        free(p);
        return;
    }

    for (k = 0; k < 5; k++) {
        len = sprintf((char *) p, "<!DOCTYPE html><html><head>\n%s",
                      k == 1 ? "<script>" : k == 2 ? "<!--"
                      : k == 4 ? "<title>" : "");

        while (len < 1024 * 1024) {
            switch (k) {
            case 0:
                len += sprintf((char *) p + len,
                               "  <meta name=\"x\" content=\"a b c d e\">\n"
                               "  <link rel=\"preload\" href=\"/a/b.css\">\n");
                break;
            case 3:
                len += sprintf((char *) p + len, "<script src=\"");
                memset(p + len, 'x', 4000);
                len += 4000;
                len += sprintf((char *) p + len, "\"></script>\n");
                break;
            default:
                len += sprintf((char *) p + len,
                               "if (a < b && c > d) { x(\"- y -\"); }\n");
            }
        }

        len += sprintf((char *) p + len, "%s</head>",
                       k == 1 ? "</script>" : k == 2 ? "-->"
                       : k == 4 ? "</title>" : "");

        t = clock();

        for (i = 0; i < 200; i++) {
            feed_scan_init(s);

            if (feed_scan(s, p, len) != FEED_SCAN_FOUND) {
                printf("not found\n");
            }
        }

        sec = (double) (clock() - t) / CLOCKS_PER_SEC;

        printf("%-28s %8.0f MB/s\n", names[k],
               200.0 * len / (1024 * 1024) / sec);
    }

    free(p);
    free(s);
}
