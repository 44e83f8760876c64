/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The resumable head scanner (the contract is in feed_scan.h).
 *
 * The tokenizer states of the HTML standard are kept in s->state and
 * handled by one function per group: data, tags and their attributes
 * here; attribute values (with the character references of the values
 * that are captured), markup declarations (comments, doctypes, CDATA),
 * raw text (RCDATA, RAWTEXT and PLAINTEXT) and script data in
 * feed_scan_text.c.  Each function takes bytes until its group is left
 * or the input ends, so every decision depends on the bytes alone,
 * never on where a buffer ends.
 *
 * The tree construction is reduced to what tells where the head ends:
 * the insertion mode, the number of open templates and of open svg and
 * math elements, and a flag for headings.  A tag is looked at when its
 * name is complete (feed_scan_decide()): this is when the head may end,
 * at the tag's '<', so only the bytes of a tag name are ever held back.
 * The rest of the tag's effect comes when the tag is emitted
 * (feed_scan_emit()): the switch to a raw text state, templates,
 * foreign content, the element callback.
 */


#include "feed_scan_int.h"


/* what a tag name means to the scanner */

#define FEED_SCAN_F_HTML         0x0001    /* <html> */
#define FEED_SCAN_F_HEAD         0x0002    /* <head> */
#define FEED_SCAN_F_IN_HEAD      0x0004    /* stays in the head */
#define FEED_SCAN_F_CLOSE        0x0008    /* its end tag ends the head */
#define FEED_SCAN_F_LINK         0x0010
#define FEED_SCAN_F_META         0x0020
#define FEED_SCAN_F_RCDATA       0x0040
#define FEED_SCAN_F_RAWTEXT      0x0080
#define FEED_SCAN_F_SCRIPT       0x0100
#define FEED_SCAN_F_PLAINTEXT    0x0200
#define FEED_SCAN_F_TEMPLATE     0x0400
#define FEED_SCAN_F_FOREIGN      0x0800    /* <svg>, <math> */
#define FEED_SCAN_F_HEADING      0x1000
#define FEED_SCAN_F_BREAKOUT     0x2000    /* leaves foreign content */
#define FEED_SCAN_F_FONT         0x4000    /* leaves it with attributes */
#define FEED_SCAN_F_P_BR         0x8000    /* leaves it as an end tag */

#define FEED_SCAN_F_OUT          FEED_SCAN_F_BREAKOUT
#define FEED_SCAN_F_RAW                                                       \
    (FEED_SCAN_F_RCDATA|FEED_SCAN_F_RAWTEXT|FEED_SCAN_F_SCRIPT                \
     |FEED_SCAN_F_PLAINTEXT)


typedef struct {
    const char          *name;
    size_t               len;
    unsigned             flags;
} feed_scan_tag_t;


#define feed_scan_tag_entry(name, flags)  { name, sizeof(name) - 1, flags }


static const feed_uchar_t *feed_scan_run(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
static unsigned feed_scan_bom(feed_scan_t *s, uint64_t off, feed_uchar_t c);
static const feed_uchar_t *feed_scan_data(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
static void feed_scan_tag_open(feed_scan_t *s, uint64_t off);
static void feed_scan_lt_text(feed_scan_t *s);
static const feed_uchar_t *feed_scan_tag(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
static void feed_scan_tag_begin(feed_scan_t *s, unsigned end_tag);
static void feed_scan_name_done(feed_scan_t *s);
static unsigned feed_scan_lookup(const feed_uchar_t *name, size_t len);
static void feed_scan_attr_begin(feed_scan_t *s);
static void feed_scan_attr_done(feed_scan_t *s);
static void feed_scan_decide(feed_scan_t *s);
static void feed_scan_capture(feed_scan_t *s);
static void feed_scan_emit_start(feed_scan_t *s, unsigned flags);
static void feed_scan_found(feed_scan_t *s, uint64_t at);
static void feed_scan_decline(feed_scan_t *s, const char *reason);
static unsigned feed_scan_body_kind(feed_scan_t *s);


/* sorted by name; entry 0 is every other tag */

static const feed_scan_tag_t  feed_scan_tags[] = {

    feed_scan_tag_entry("", 0),
    feed_scan_tag_entry("b", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("base", FEED_SCAN_F_IN_HEAD),
    feed_scan_tag_entry("basefont", FEED_SCAN_F_IN_HEAD),
    feed_scan_tag_entry("bgsound", FEED_SCAN_F_IN_HEAD),
    feed_scan_tag_entry("big", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("blockquote", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("body", FEED_SCAN_F_CLOSE|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("br",
                        FEED_SCAN_F_CLOSE|FEED_SCAN_F_OUT|FEED_SCAN_F_P_BR),
    feed_scan_tag_entry("center", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("code", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("dd", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("div", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("dl", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("dt", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("em", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("embed", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("font", FEED_SCAN_F_FONT),
    feed_scan_tag_entry("h1", FEED_SCAN_F_HEADING|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("h2", FEED_SCAN_F_HEADING|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("h3", FEED_SCAN_F_HEADING|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("h4", FEED_SCAN_F_HEADING|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("h5", FEED_SCAN_F_HEADING|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("h6", FEED_SCAN_F_HEADING|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("head",
                        FEED_SCAN_F_HEAD|FEED_SCAN_F_CLOSE|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("hr", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("html", FEED_SCAN_F_HTML|FEED_SCAN_F_CLOSE),
    feed_scan_tag_entry("i", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("iframe", FEED_SCAN_F_RAWTEXT),
    feed_scan_tag_entry("img", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("li", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("link", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_LINK),
    feed_scan_tag_entry("listing", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("math", FEED_SCAN_F_FOREIGN),
    feed_scan_tag_entry("menu", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("meta",
                        FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_META|FEED_SCAN_F_OUT),
    feed_scan_tag_entry("nobr", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("noembed", FEED_SCAN_F_RAWTEXT),
    feed_scan_tag_entry("noframes", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_RAWTEXT),
    feed_scan_tag_entry("noscript", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_RAWTEXT),
    feed_scan_tag_entry("ol", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("p", FEED_SCAN_F_OUT|FEED_SCAN_F_P_BR),
    feed_scan_tag_entry("plaintext", FEED_SCAN_F_PLAINTEXT),
    feed_scan_tag_entry("pre", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("ruby", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("s", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("script", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_SCRIPT),
    feed_scan_tag_entry("small", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("span", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("strike", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("strong", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("style", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_RAWTEXT),
    feed_scan_tag_entry("sub", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("sup", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("svg", FEED_SCAN_F_FOREIGN),
    feed_scan_tag_entry("table", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("template", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_TEMPLATE),
    feed_scan_tag_entry("textarea", FEED_SCAN_F_RCDATA),
    feed_scan_tag_entry("title", FEED_SCAN_F_IN_HEAD|FEED_SCAN_F_RCDATA),
    feed_scan_tag_entry("tt", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("u", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("ul", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("var", FEED_SCAN_F_OUT),
    feed_scan_tag_entry("xmp", FEED_SCAN_F_RAWTEXT)
};


/* the captured attributes, in the order of s->attr (1 to 6) */

static const feed_str_t  feed_scan_attr_names[] = {
    feed_string("rel"), feed_string("href"), feed_string("type"),
    feed_string("name"), feed_string("content"), feed_string("charset")
};


/*
 * FEED_SCAN_C_* by byte: NUL 0x38, TAB LF FF CR SP 0x27 (LF and CR
 * 0x3f), "&" 0x38, "\"" 0x08, "'" 0x10, "/" 0x06, "=" 0x04, ">" 0x26.
 */

const feed_uchar_t  feed_scan_class[256] = {
    0x38, 0, 0, 0, 0, 0, 0, 0, 0, 0x27, 0x3f, 0, 0x27, 0x3f, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0x27, 0, 0x08, 0, 0, 0, 0x38, 0x10, 0, 0, 0, 0, 0, 0, 0, 0x06,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, 0x26, 0
};


void
feed_scan_init(feed_scan_t *s)
{
    /* the attribute value store need not be cleared */
    memset(s, 0, offsetof(feed_scan_t, store));

    s->state = sw_data;
    s->mode = FEED_SCAN_INITIAL;

    s->elt.rel.data = s->store[0];
    s->elt.href.data = s->store[1];
    s->elt.type.data = s->store[2];
    s->elt.name.data = s->store[3];
    s->elt.content.data = s->store[4];
    s->elt.charset.data = s->store[5];
}


int
feed_scan(feed_scan_t *s, const feed_uchar_t *p, size_t len)
{
    uint64_t             left;
    feed_scan_in_t       in;
    const feed_uchar_t  *q;

    if (s->declined) {
        return FEED_SCAN_DECLINED;
    }

    if (s->done) {
        return FEED_SCAN_DONE;
    }

    in.start = p;
    in.base = s->offset;

    if (!s->found) {

        if (s->limit && s->offset >= s->limit && len) {
            feed_scan_decline(s, "the end of the head is beyond the limit");
            return FEED_SCAN_DECLINED;
        }

        in.last = p + len;

        if (s->limit && len > s->limit - s->offset) {
            in.last = p + (size_t) (s->limit - s->offset);
        }

        q = feed_scan_run(s, &in, p);

        s->offset = feed_scan_off(&in, q);

        if (s->declined) {
            return FEED_SCAN_DECLINED;
        }

        if (!s->found) {

            if (q != p + len) {
                feed_scan_decline(s,
                                  "the end of the head is beyond the limit");
                return FEED_SCAN_DECLINED;
            }

            s->hold = s->pending ? s->tag_start : s->offset;

            return FEED_SCAN_AGAIN;
        }

        /* the byte after those consumed may have been looked at */

        s->decided_at = s->offset + 1;

        if (!s->learn) {
            s->report = 0;
            s->done = 1;
            s->hold = s->offset;
            return FEED_SCAN_FOUND;
        }

        p = q;
    }

    /* learning goes on to the end of the input or to the text limit */

    in.last = in.start + len;

    if (s->text_limit) {
        left = (s->text_limit > in.base) ? s->text_limit - in.base : 0;

        if (left < len) {
            in.last = in.start + (size_t) left;
        }

        if (in.last < p) {
            in.last = p;
        }
    }

    (void) feed_scan_run(s, &in, p);

    s->offset = in.base + len;
    s->hold = s->offset;

    if (s->text_limit && s->offset >= s->text_limit) {
        s->done = 1;
    }

    if (s->report) {
        s->report = 0;
        return FEED_SCAN_FOUND;
    }

    return s->done ? FEED_SCAN_DONE : FEED_SCAN_AGAIN;
}


int
feed_scan_finish(feed_scan_t *s)
{
    unsigned     tag;
    const char  *reason;

    if (s->declined) {
        return FEED_SCAN_DECLINED;
    }

    if (s->done) {
        return FEED_SCAN_DONE;
    }

    tag = (s->state == sw_tag_open || s->state == sw_end_tag_open);

    if (s->found) {

        /* a "<" or "</" at the very end is text */

        if (tag) {
            feed_scan_pend_flush(s, feed_scan_body_kind(s));
        }

        s->done = 1;

        return FEED_SCAN_DONE;
    }

    if (s->mode == FEED_SCAN_INITIAL) {
        reason = "not an HTML document";

    } else if (s->depth) {
        reason = "the page ended inside a template";

    } else if (s->state == sw_data
               || ((tag || s->state == sw_tag_name) && s->pending))
    {
        /* in the head or before it; an incomplete tag is dropped */

        feed_scan_found(s, s->hold);

        if (tag) {
            feed_scan_pend_flush(s, feed_scan_body_kind(s));
        }

        s->report = 0;
        s->done = 1;

        return FEED_SCAN_FOUND;

    } else if (s->state <= sw_value_unq) {
        reason = "the page ended inside a tag";

    } else if (s->state == sw_doctype || s->state == sw_markup_doctype) {
        reason = "the page ended inside a doctype";

    } else if (s->state < sw_raw) {
        reason = "the page ended inside a comment";

    } else {
        reason = "the page ended inside a title, script or style element";
    }

    feed_scan_decline(s, reason);

    return FEED_SCAN_DECLINED;
}


/*
 * Hands the bytes to the function of the state's group until they end,
 * or until the head ends or the page is declined.
 */

static const feed_uchar_t *
feed_scan_run(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    unsigned  found;

    found = s->found;

    while (p < in->last) {

        if (s->state == sw_data) {
            p = feed_scan_data(s, in, p);

        } else if (s->state <= sw_self_closing) {
            p = feed_scan_tag(s, in, p);

        } else if (s->state <= sw_value_unq) {
            p = feed_scan_value(s, in, p);

        } else if (s->state <= sw_cdata_end) {
            p = feed_scan_markup(s, in, p);

        } else if (s->state <= sw_end_name) {
            p = feed_scan_raw(s, in, p);

        } else {
            p = feed_scan_script(s, in, p);
        }

        if (s->declined || s->found != found) {
            break;
        }
    }

    return p;
}


/*
 * The first bytes of the stream: a UTF-8 byte order mark is skipped,
 * a UTF-16 or UTF-32 one declines the page.  Returns 1 when the byte
 * was taken.
 */

static unsigned
feed_scan_bom(feed_scan_t *s, uint64_t off, feed_uchar_t c)
{
    static const feed_uchar_t  bom[] = { 0xef, 0xbb, 0xbf };

    if (off == 0 && (c == 0xfe || c == 0xff)) {
        feed_scan_decline(s, "a UTF-16 or UTF-32 byte order mark");
        return 1;
    }

    if (s->bom != off) {
        return 0;
    }

    if (c == bom[off]) {
        s->bom = (off == 2) ? 0 : (unsigned) off + 1;
        return 1;
    }

    if (off == 0) {
        return 0;
    }

    feed_scan_decline(s, "not an HTML document");

    return 1;
}


/*
 * The data state.  Before the injection point white space goes by, and
 * anything else ends the head; after it, the text is learned.
 */

static const feed_uchar_t *
feed_scan_data(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    uint64_t             off;
    feed_uchar_t         c;
    const feed_uchar_t  *q;

    if (s->found) {
        q = memchr(p, '<', in->last - p);

        if (q == NULL) {
            q = in->last;
        }

        feed_scan_text_out(s, p, q - p, feed_scan_off(in, p),
                           feed_scan_body_kind(s));

        if (q == in->last) {
            return q;
        }

        feed_scan_tag_open(s, feed_scan_off(in, q));

        return q + 1;
    }

    for ( /* void */ ; p < in->last; p++) {
        c = *p;
        off = feed_scan_off(in, p);

        if (off < 3 && s->mode == FEED_SCAN_INITIAL
            && feed_scan_bom(s, off, c))
        {
            if (s->declined) {
                return p;
            }

            continue;
        }

        if (c == '<') {
            feed_scan_tag_open(s, off);
            return p + 1;
        }

        if (feed_scan_space(c) || s->depth) {
            continue;
        }

        if (s->mode == FEED_SCAN_INITIAL) {
            feed_scan_decline(s, "not an HTML document");
            return p;
        }

        /* the character goes to the body: it is learned from there */

        feed_scan_found(s, off);

        return p;
    }

    return p;
}


static void
feed_scan_tag_open(feed_scan_t *s, uint64_t off)
{
    s->state = sw_tag_open;
    s->tag_start = off;
    s->pend[0] = '<';
    s->plen = 1;
    s->pending = (!s->found && s->mode != FEED_SCAN_INITIAL && s->depth == 0);
}


/* a '<' that does not start a tag is text: the head ends there */

static void
feed_scan_lt_text(feed_scan_t *s)
{
    s->state = sw_data;

    if (!s->found && s->depth == 0) {

        if (s->mode == FEED_SCAN_INITIAL) {
            feed_scan_decline(s, "not an HTML document");
            return;
        }

        feed_scan_found(s, s->tag_start);
    }

    feed_scan_pend_flush(s, feed_scan_body_kind(s));
    s->pending = 0;
}


/*
 * Tag open, end tag open, tag name, attribute names and the states
 * between them.  Returns when the tag ends, when its name is complete
 * or when an attribute value starts.
 */

static const feed_uchar_t *
feed_scan_tag(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    feed_uchar_t  c;

    while (p < in->last) {
        c = *p;

        switch (s->state) {

        case sw_tag_open:

            if (feed_scan_alpha(c)) {
                feed_scan_tag_begin(s, 0);
                continue;
            }

            if (c == '/') {
                s->pend[s->plen++] = '/';
                s->state = sw_end_tag_open;
                break;
            }

            if (c == '!' || c == '?') {
                s->pending = 0;
                s->plen = 0;
                s->state = (c == '!') ? sw_markup : sw_bogus_comment;
                return p + 1;
            }

            feed_scan_lt_text(s);
            return p;

        case sw_end_tag_open:

            if (feed_scan_alpha(c)) {
                feed_scan_tag_begin(s, 1);
                continue;
            }

            /* "</>" is nothing, "</" and anything else a bogus comment */

            s->pending = 0;
            s->plen = 0;

            if (c == '>') {
                s->state = sw_data;
                return p + 1;
            }

            s->state = sw_bogus_comment;
            return p;

        case sw_tag_name:

            /* the bytes of the name at once, up to its end */

            while (!(feed_scan_class[c] & FEED_SCAN_C_NAME_END)) {

                if (s->nlen < FEED_SCAN_NAME_MAX) {
                    s->name[s->nlen] = feed_lowcase(c);
                }

                if (++s->nlen > FEED_SCAN_NAME_MAX && !s->decided) {

                    /* too long to be a name the scanner knows */

                    s->tag = 0;
                    feed_scan_decide(s);
                    return p + 1;
                }

                if (++p == in->last) {
                    return p;
                }

                c = *p;
            }

            feed_scan_name_done(s);

            if (s->declined) {
                return p;
            }

            if (c == '>') {
                feed_scan_emit(s);

            } else {
                s->state = (c == '/') ? sw_self_closing : sw_before_attr_name;
            }

            return p + 1;

        case sw_before_attr_name:

            if (feed_scan_space(c)) {
                break;
            }

            if (c == '/') {
                s->state = sw_self_closing;
                break;
            }

            if (c == '>') {
                feed_scan_emit(s);
                return p + 1;
            }

            feed_scan_attr_begin(s);

            if (c == '=') {
                s->aname[0] = '=';
                s->alen = 1;
                break;
            }

            continue;

        case sw_attr_name:

            while (!(feed_scan_class[c] & FEED_SCAN_C_ATTR_END)) {

                if (s->alen < sizeof(s->aname)) {
                    s->aname[s->alen] = feed_lowcase(c);
                }

                s->alen++;

                if (++p == in->last) {
                    return p;
                }

                c = *p;
            }

            feed_scan_attr_done(s);

            if (c == '>') {
                feed_scan_emit(s);
                return p + 1;
            }

            s->state = (c == '/') ? sw_self_closing
                       : (c == '=') ? sw_before_attr_value
                       : sw_after_attr_name;
            break;

        case sw_after_attr_name:

            if (feed_scan_space(c)) {
                break;
            }

            if (c == '/' || c == '=') {
                s->state = (c == '/') ? sw_self_closing : sw_before_attr_value;
                break;
            }

            if (c == '>') {
                feed_scan_emit(s);
                return p + 1;
            }

            feed_scan_attr_begin(s);
            continue;

        case sw_before_attr_value:

            if (feed_scan_space(c)) {
                break;
            }

            if (c == '>') {
                feed_scan_emit(s);
                return p + 1;
            }

            s->ref = 0;
            s->cr = 0;

            if (c == '"' || c == '\'') {
                s->state = (c == '"') ? sw_value_dq : sw_value_sq;
                return p + 1;
            }

            s->state = sw_value_unq;
            return p;

        case sw_after_attr_value:

            if (c == '/') {
                s->state = sw_self_closing;
                break;
            }

            if (c == '>') {
                feed_scan_emit(s);
                return p + 1;
            }

            s->state = sw_before_attr_name;

            if (feed_scan_space(c)) {
                break;
            }

            continue;

        default: /* sw_self_closing */

            if (c == '>') {
                s->self_closing = 1;
                feed_scan_emit(s);
                return p + 1;
            }

            s->state = sw_before_attr_name;
            continue;
        }

        p++;
    }

    return p;
}


static void
feed_scan_tag_begin(feed_scan_t *s, unsigned end_tag)
{
    s->state = sw_tag_name;
    s->end_tag = end_tag;
    s->tag = 0;
    s->nlen = 0;
    s->plen = 0;
    s->decided = 0;
    s->self_closing = 0;
    s->capture = 0;
    s->font_attr = 0;
    s->attr = 0;
}


static void
feed_scan_name_done(feed_scan_t *s)
{
    if (!s->decided) {
        s->tag = feed_scan_lookup(s->name, s->nlen);
        feed_scan_decide(s);
    }
}


static unsigned
feed_scan_lookup(const feed_uchar_t *name, size_t len)
{
    int                     rc;
    size_t                  lo, hi, mid;
    const feed_scan_tag_t  *t;

    lo = 1;
    hi = sizeof(feed_scan_tags) / sizeof(feed_scan_tag_t);

    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        t = &feed_scan_tags[mid];

        /* most names differ in their first byte */

        rc = (int) name[0] - (int) (feed_uchar_t) t->name[0];

        if (rc == 0 && len && t->len) {
            rc = memcmp(name, t->name, len < t->len ? len : t->len);
        }

        if (rc == 0) {
            rc = (len < t->len) ? -1 : (len > t->len);
        }

        if (rc == 0) {
            return (unsigned) mid;
        }

        if (rc < 0) {
            hi = mid;

        } else {
            lo = mid + 1;
        }
    }

    return 0;
}


static void
feed_scan_attr_begin(feed_scan_t *s)
{
    s->state = sw_attr_name;
    s->alen = 0;
    s->attr = 0;
}


/* the attribute's name is complete: is it one to capture? */

static void
feed_scan_attr_done(feed_scan_t *s)
{
    size_t             i, n;
    feed_scan_attr_t  *a;

    s->attr = 0;

    if (s->alen > 7) {
        return;
    }

    if ((feed_scan_tags[s->tag].flags & FEED_SCAN_F_FONT) && !s->end_tag
        && ((s->alen == 5 && memcmp(s->aname, "color", 5) == 0)
            || (s->alen == 4 && (memcmp(s->aname, "face", 4) == 0
                                 || memcmp(s->aname, "size", 4) == 0))))
    {
        s->font_attr = 1;
    }

    if (!s->capture) {
        return;
    }

    n = sizeof(feed_scan_attr_names) / sizeof(feed_str_t);

    for (i = 0; i < n; i++) {
        if (feed_scan_attr_names[i].len == s->alen
            && memcmp(feed_scan_attr_names[i].data, s->aname, s->alen) == 0)
        {
            break;
        }
    }

    if (i == n) {
        return;
    }

    s->attr = (unsigned) i + 1;
    a = feed_scan_attr_get(s);

    if (a->present) {
        /* the first one counts */
        s->attr = 0;
        return;
    }

    a->present = 1;
}


/*
 * The tag's name is complete: the insertion modes up to "in head" say
 * whether the head ends at its '<'.  Inside a template nothing does.
 */

static void
feed_scan_decide(feed_scan_t *s)
{
    unsigned  flags;

    s->decided = 1;

    flags = feed_scan_tags[s->tag].flags;

    if (s->found || s->depth) {
        s->pending = 0;
        return;
    }

    if (s->mode == FEED_SCAN_INITIAL
        && (s->end_tag || !(flags & (FEED_SCAN_F_HTML|FEED_SCAN_F_HEAD))))
    {
        feed_scan_decline(s, "not an HTML document");
        return;
    }

    if (s->end_tag) {

        /* </head>, </body>, </html>, </br>; other end tags are ignored */

        if (flags & FEED_SCAN_F_CLOSE) {
            feed_scan_found(s, s->tag_start);
            return;
        }

        s->pending = 0;
        return;
    }

    switch (s->mode) {

    case FEED_SCAN_INITIAL:
    case FEED_SCAN_BEFORE_HTML:

        if (flags & FEED_SCAN_F_HTML) {
            s->mode = FEED_SCAN_BEFORE_HEAD;
            break;
        }

        /* fall through */

    case FEED_SCAN_BEFORE_HEAD:

        if (flags & FEED_SCAN_F_HTML) {
            break;
        }

        s->mode = FEED_SCAN_IN_HEAD;

        if (flags & FEED_SCAN_F_HEAD) {
            break;
        }

        /* an implied head */

        /* fall through */

    default: /* FEED_SCAN_IN_HEAD */

        if (flags & (FEED_SCAN_F_HTML|FEED_SCAN_F_HEAD)) {
            /* a parse error, ignored */
            break;
        }

        if (!(flags & FEED_SCAN_F_IN_HEAD)) {
            feed_scan_found(s, s->tag_start);
            return;
        }

        if (flags & (FEED_SCAN_F_LINK|FEED_SCAN_F_META)) {
            feed_scan_capture(s);
        }
    }

    s->pending = 0;
}


static void
feed_scan_capture(feed_scan_t *s)
{
    size_t             i;
    feed_scan_attr_t  *a;

    s->capture = 1;
    s->elt.tag = (feed_scan_tags[s->tag].flags & FEED_SCAN_F_LINK)
                 ? FEED_SCAN_LINK : FEED_SCAN_META;

    for (i = 1; i <= FEED_SCAN_NATTRS; i++) {
        s->attr = (unsigned) i;
        a = feed_scan_attr_get(s);
        a->present = 0;
        a->truncated = 0;
        a->len = 0;
    }

    s->attr = 0;
}


/* the tag's '>': its effect on the tokenizer and on what is open */

void
feed_scan_emit(feed_scan_t *s)
{
    unsigned  flags;

    s->state = sw_data;
    s->attr = 0;

    flags = feed_scan_tags[s->tag].flags;

    if (!s->end_tag) {
        feed_scan_emit_start(s, flags);
        return;
    }

    if ((flags & FEED_SCAN_F_TEMPLATE) && s->depth) {
        s->depth--;
        s->foreign = 0;
        return;
    }

    if ((flags & FEED_SCAN_F_HEADING) && s->heading && s->depth == 0) {
        /* the heading is open: svg or math in it end with it */
        s->heading = 0;
        s->foreign = 0;
        return;
    }

    if (s->foreign) {

        if (flags & FEED_SCAN_F_FOREIGN) {
            s->foreign--;

        } else if (flags & FEED_SCAN_F_P_BR) {
            s->foreign = 0;
        }
    }
}


static void
feed_scan_emit_start(feed_scan_t *s, unsigned flags)
{
    if (s->capture) {
        s->capture = 0;

        if (s->element) {
            s->element(s->data, &s->elt);
        }
    }

    if (s->foreign) {

        if (!(flags & FEED_SCAN_F_BREAKOUT)
            && !((flags & FEED_SCAN_F_FONT) && s->font_attr))
        {
            /* an element of svg or math: no raw text there */

            if ((flags & FEED_SCAN_F_FOREIGN) && !s->self_closing) {
                s->foreign++;
            }

            return;
        }

        /* back to HTML */

        s->foreign = 0;
    }

    if (flags & FEED_SCAN_F_FOREIGN) {
        s->foreign = !s->self_closing;
        return;
    }

    if (flags & FEED_SCAN_F_TEMPLATE) {
        s->depth++;
        return;
    }

    if ((flags & FEED_SCAN_F_HEADING) && s->found && s->depth == 0) {
        s->heading = 1;
    }

    if (!(flags & FEED_SCAN_F_RAW)) {
        return;
    }

    s->rname = feed_scan_tags[s->tag].name;
    s->text_kind = 0;

    if (flags & FEED_SCAN_F_SCRIPT) {
        s->state = sw_script;
        return;
    }

    s->state = (flags & FEED_SCAN_F_PLAINTEXT) ? sw_plaintext : sw_raw;

    if (flags & FEED_SCAN_F_IN_HEAD) {
        /* title, or style, noscript, noframes: never body text */

        if ((flags & FEED_SCAN_F_RCDATA) && !s->found && s->depth == 0) {
            s->text_kind = FEED_SCAN_TEXT_TITLE;
        }

        return;
    }

    if (flags & (FEED_SCAN_F_RCDATA|FEED_SCAN_F_PLAINTEXT)) {
        /* textarea and plaintext */
        s->text_kind = feed_scan_body_kind(s);
    }
}


static void
feed_scan_found(feed_scan_t *s, uint64_t at)
{
    s->found = 1;
    s->report = 1;
    s->inject = at;
    s->mode = FEED_SCAN_AFTER_HEAD;
    s->pending = 0;
    s->capture = 0;
}


static void
feed_scan_decline(feed_scan_t *s, const char *reason)
{
    s->declined = 1;
    s->pending = 0;
    s->reason = reason;
}


/* what text in the data state is, after the head */

static unsigned
feed_scan_body_kind(feed_scan_t *s)
{
    if (!s->found || s->depth || s->foreign) {
        return 0;
    }

    return s->heading ? FEED_SCAN_TEXT_HEADING : FEED_SCAN_TEXT_BODY;
}


void
feed_scan_text_out(feed_scan_t *s, const feed_uchar_t *p, size_t len,
    uint64_t off, unsigned kind)
{
    if (len == 0 || kind == 0 || s->text == NULL) {
        return;
    }

    if (s->learn) {

        if (s->text_limit) {

            if (off >= s->text_limit) {
                return;
            }

            if (len > s->text_limit - off) {
                len = (size_t) (s->text_limit - off);
            }
        }

    } else if (kind != FEED_SCAN_TEXT_TITLE) {
        return;
    }

    s->text(s->data, p, len, kind);
}


void
feed_scan_pend_flush(feed_scan_t *s, unsigned kind)
{
    feed_scan_text_out(s, s->pend, s->plen, s->tag_start, kind);
    s->plen = 0;
}
