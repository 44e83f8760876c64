/*
 * Copyright (C) ngx_feed authors
 */


/*
 * The tokenizer states of the head scanner that run over text:
 * attribute values, with the character references of the captured
 * ones, markup declarations (comments, doctypes, CDATA sections), raw
 * text and script data.  Each function takes bytes until its group of
 * states is left or the input ends.
 */


#include "feed_scan_int.h"


/* character reference states of a captured attribute value */

#define FEED_SCAN_REF_START      1
#define FEED_SCAN_REF_NAMED      2
#define FEED_SCAN_REF_HASH       3
#define FEED_SCAN_REF_HEX_START  4
#define FEED_SCAN_REF_HEX        5
#define FEED_SCAN_REF_DEC        6


typedef struct {
    const char          *name;
    size_t               len;
    const char          *value;
    unsigned             legacy:1;  /* decoded without a ';' as well */
} feed_scan_ref_t;


#define feed_scan_ref_entry(name, value, legacy)                              \
    { name, sizeof(name) - 1, value, legacy }


static void feed_scan_value_char(feed_scan_t *s, feed_uchar_t c);
static unsigned feed_scan_ref(feed_scan_t *s, feed_uchar_t c);
static unsigned feed_scan_ref_named(feed_scan_t *s, feed_uchar_t c);
static void feed_scan_ref_code(feed_scan_t *s);
static void feed_scan_put(feed_scan_t *s, const void *p, size_t n);


static const feed_scan_ref_t  feed_scan_refs[] = {
    feed_scan_ref_entry("amp", "&", 1),
    feed_scan_ref_entry("AMP", "&", 1),
    feed_scan_ref_entry("lt", "<", 1),
    feed_scan_ref_entry("LT", "<", 1),
    feed_scan_ref_entry("gt", ">", 1),
    feed_scan_ref_entry("GT", ">", 1),
    feed_scan_ref_entry("quot", "\"", 1),
    feed_scan_ref_entry("QUOT", "\"", 1),
    feed_scan_ref_entry("apos", "'", 0),
    feed_scan_ref_entry("nbsp", "\xc2\xa0", 1)
};


/* numeric references to 0x80 - 0x9f mean windows-1252 */

static const uint16_t  feed_scan_cp1252[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
};


/*
 * Attribute values.  Those that are not captured are skipped to their
 * end; captured ones are decoded into the element's storage.
 */

const feed_uchar_t *
feed_scan_value(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    unsigned             stop;
    feed_uchar_t         c, quote;
    const feed_uchar_t  *q;

    quote = (s->state == sw_value_dq) ? '"'
            : (s->state == sw_value_sq) ? '\'' : '\0';

    stop = (s->state == sw_value_dq) ? FEED_SCAN_C_DQ_STOP
           : (s->state == sw_value_sq) ? FEED_SCAN_C_SQ_STOP
           : FEED_SCAN_C_UNQ_STOP;

    if (s->attr == 0 && quote) {
        q = memchr(p, quote, in->last - p);

        if (q == NULL) {
            return in->last;
        }

        s->state = sw_after_attr_value;
        return q + 1;
    }

    while (p < in->last) {
        c = *p;

        if (s->ref && feed_scan_ref(s, c)) {
            p++;
            continue;
        }

        if (quote) {
            if (c == quote) {
                s->state = sw_after_attr_value;
                return p + 1;
            }

        } else if (feed_scan_space(c)) {
            s->state = sw_before_attr_name;
            return p + 1;

        } else if (c == '>') {
            feed_scan_emit(s);
            return p + 1;
        }

        if (s->attr == 0) {
            p++;
            continue;
        }

        /* a run of plain bytes at once */

        for (q = p; q < in->last && !(feed_scan_class[*q] & stop); q++) {
            /* void */
        }

        if (q == p) {
            feed_scan_value_char(s, c);
            p++;
            continue;
        }

        s->cr = 0;
        feed_scan_put(s, p, q - p);
        p = q;
    }

    return p;
}


/* one byte of a captured value: NUL, CR LF and references */

static void
feed_scan_value_char(feed_scan_t *s, feed_uchar_t c)
{
    if (c == '\n' && s->cr) {
        s->cr = 0;
        return;
    }

    s->cr = (c == '\r');

    switch (c) {

    case '\r':
        feed_scan_put(s, "\n", 1);
        break;

    case '\0':
        feed_scan_put(s, "\xef\xbf\xbd", 3);
        break;

    case '&':
        s->ref = FEED_SCAN_REF_START;
        s->rlen = 0;
        break;

    default:
        feed_scan_put(s, &c, 1);
    }
}


/*
 * A character reference in a captured value.  Returns 1 when the byte
 * was taken, 0 when it is to be looked at again as a byte of the value.
 */

static unsigned
feed_scan_ref(feed_scan_t *s, feed_uchar_t c)
{
    unsigned  d;

    switch (s->ref) {

    case FEED_SCAN_REF_START:

        if (feed_scan_alnum(c)) {
            s->rbuf[0] = c;
            s->rlen = 1;
            s->ref = FEED_SCAN_REF_NAMED;
            return 1;
        }

        if (c == '#') {
            s->ref = FEED_SCAN_REF_HASH;
            return 1;
        }

        feed_scan_put(s, "&", 1);
        break;

    case FEED_SCAN_REF_NAMED:

        if (feed_scan_alnum(c) && s->rlen < sizeof(s->rbuf)) {
            s->rbuf[s->rlen++] = c;
            return 1;
        }

        s->ref = 0;

        return feed_scan_ref_named(s, c);

    case FEED_SCAN_REF_HASH:

        if (c == 'x' || c == 'X') {
            s->rbuf[0] = c;
            s->ref = FEED_SCAN_REF_HEX_START;
            return 1;
        }

        if (feed_scan_digit(c)) {
            s->code = c - '0';
            s->ref = FEED_SCAN_REF_DEC;
            return 1;
        }

        feed_scan_put(s, "&#", 2);
        break;

    case FEED_SCAN_REF_HEX_START:

        if (feed_scan_hex(c)) {
            s->code = feed_scan_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
            s->ref = FEED_SCAN_REF_HEX;
            return 1;
        }

        feed_scan_put(s, "&#", 2);
        feed_scan_put(s, s->rbuf, 1);
        break;

    default: /* FEED_SCAN_REF_HEX, FEED_SCAN_REF_DEC */

        if (s->ref == FEED_SCAN_REF_HEX ? feed_scan_hex(c)
                                        : feed_scan_digit(c))
        {
            d = feed_scan_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

            if (s->code <= 0x10ffff) {
                s->code = s->code * (s->ref == FEED_SCAN_REF_HEX ? 16 : 10)
                          + d;
            }

            return 1;
        }

        feed_scan_ref_code(s);
        s->ref = 0;

        return (c == ';');
    }

    s->ref = 0;

    return 0;
}


/*
 * The name in rbuf ended before c.  A name without ';' counts only for
 * the legacy names, and not before '=' (a rule for attribute values).
 */

static unsigned
feed_scan_ref_named(feed_scan_t *s, feed_uchar_t c)
{
    size_t                  i;
    const feed_scan_ref_t  *r;

    for (i = 0; i < sizeof(feed_scan_refs) / sizeof(feed_scan_ref_t); i++) {
        r = &feed_scan_refs[i];

        if (r->len != s->rlen || memcmp(r->name, s->rbuf, r->len) != 0) {
            continue;
        }

        if (c == ';') {
            feed_scan_put(s, r->value, strlen(r->value));
            return 1;
        }

        if (r->legacy && c != '=') {
            feed_scan_put(s, r->value, strlen(r->value));
            return 0;
        }

        break;
    }

    feed_scan_put(s, "&", 1);
    feed_scan_put(s, s->rbuf, s->rlen);

    return 0;
}


static void
feed_scan_ref_code(feed_scan_t *s)
{
    size_t        n;
    uint32_t      c;
    feed_uchar_t  u[4];

    c = s->code;

    if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
        c = 0xfffd;

    } else if (c >= 0x80 && c <= 0x9f) {
        c = feed_scan_cp1252[c - 0x80];
    }

    if (c < 0x80) {
        u[0] = (feed_uchar_t) c;
        n = 1;

    } else if (c < 0x800) {
        u[0] = (feed_uchar_t) (0xc0 | (c >> 6));
        u[1] = (feed_uchar_t) (0x80 | (c & 0x3f));
        n = 2;

    } else if (c < 0x10000) {
        u[0] = (feed_uchar_t) (0xe0 | (c >> 12));
        u[1] = (feed_uchar_t) (0x80 | ((c >> 6) & 0x3f));
        u[2] = (feed_uchar_t) (0x80 | (c & 0x3f));
        n = 3;

    } else {
        u[0] = (feed_uchar_t) (0xf0 | (c >> 18));
        u[1] = (feed_uchar_t) (0x80 | ((c >> 12) & 0x3f));
        u[2] = (feed_uchar_t) (0x80 | ((c >> 6) & 0x3f));
        u[3] = (feed_uchar_t) (0x80 | (c & 0x3f));
        n = 4;
    }

    feed_scan_put(s, u, n);
}


feed_scan_attr_t *
feed_scan_attr_get(feed_scan_t *s)
{
    switch (s->attr) {
    case 1:
        return &s->elt.rel;
    case 2:
        return &s->elt.href;
    case 3:
        return &s->elt.type;
    case 4:
        return &s->elt.name;
    case 5:
        return &s->elt.content;
    default:
        return &s->elt.charset;
    }
}


static void
feed_scan_put(feed_scan_t *s, const void *p, size_t n)
{
    feed_scan_attr_t  *a;

    a = feed_scan_attr_get(s);

    if (n > FEED_SCAN_ATTR_MAX - a->len) {
        n = FEED_SCAN_ATTR_MAX - a->len;
        a->truncated = 1;
    }

    memcpy(a->data + a->len, p, n);
    a->len += n;
}


/*
 * After "<!": comments, bogus comments, doctypes (which all end at the
 * first '>') and CDATA sections, which exist in foreign content only.
 */

const feed_uchar_t *
feed_scan_markup(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    feed_uchar_t         c;
    const feed_uchar_t  *q;

    while (p < in->last) {
        c = *p;

        switch (s->state) {

        case sw_markup:

            if (c == '-') {
                s->state = sw_markup_dash;
                break;
            }

            s->match = 1;

            if (c == 'd' || c == 'D') {
                s->state = sw_markup_doctype;
                break;
            }

            if (c == '[' && s->foreign) {
                s->state = sw_markup_cdata;
                break;
            }

            s->state = sw_bogus_comment;
            continue;

        case sw_markup_dash:
            s->state = (c == '-') ? sw_comment_start : sw_bogus_comment;

            if (c == '-') {
                break;
            }

            continue;

        case sw_markup_doctype:

            if (feed_lowcase(c) != (feed_uchar_t) "doctype"[s->match]) {
                s->state = sw_bogus_comment;
                continue;
            }

            if (++s->match == 7) {
                s->state = sw_doctype;

                if (s->mode == FEED_SCAN_INITIAL) {
                    s->mode = FEED_SCAN_BEFORE_HTML;
                }
            }

            break;

        case sw_markup_cdata:

            if (c != (feed_uchar_t) "[CDATA["[s->match]) {
                s->state = sw_bogus_comment;
                continue;
            }

            if (++s->match == 7) {
                s->state = sw_cdata;
            }

            break;

        case sw_bogus_comment:
        case sw_doctype:
            q = memchr(p, '>', in->last - p);

            if (q == NULL) {
                return in->last;
            }

            s->state = sw_data;
            return q + 1;

        case sw_comment_start:
        case sw_comment_start_dash:

            if (c == '>') {
                /* "<!-->" and "<!--->" */
                s->state = sw_data;
                return p + 1;
            }

            if (c == '-') {
                s->state = (s->state == sw_comment_start)
                           ? sw_comment_start_dash : sw_comment_end;
                break;
            }

            s->state = sw_comment;
            continue;

        case sw_comment:
            q = memchr(p, '-', in->last - p);

            if (q == NULL) {
                return in->last;
            }

            s->state = sw_comment_end_dash;
            p = q + 1;
            continue;

        case sw_comment_end_dash:
            s->state = (c == '-') ? sw_comment_end : sw_comment;

            if (c == '-') {
                break;
            }

            continue;

        case sw_comment_end:

            if (c == '>') {
                s->state = sw_data;
                return p + 1;
            }

            if (c == '!') {
                s->state = sw_comment_end_bang;
                break;
            }

            if (c == '-') {
                break;
            }

            s->state = sw_comment;
            continue;

        case sw_comment_end_bang:

            if (c == '>') {
                /* "--!>" */
                s->state = sw_data;
                return p + 1;
            }

            s->state = (c == '-') ? sw_comment_end_dash : sw_comment;

            if (c == '-') {
                break;
            }

            continue;

        case sw_cdata:
            q = memchr(p, ']', in->last - p);

            if (q == NULL) {
                return in->last;
            }

            s->state = sw_cdata_bracket;
            p = q + 1;
            continue;

        case sw_cdata_bracket:
            s->state = (c == ']') ? sw_cdata_end : sw_cdata;

            if (c == ']') {
                break;
            }

            continue;

        default: /* sw_cdata_end */

            if (c == '>') {
                s->state = sw_data;
                return p + 1;
            }

            if (c == ']') {
                break;
            }

            s->state = sw_cdata;
            continue;
        }

        p++;
    }

    return p;
}


/*
 * RCDATA and RAWTEXT (title, textarea, style, ...), which end at their
 * own end tag only, PLAINTEXT, which never ends, and the end tag states
 * shared with script data.  The bytes of an end tag that turns out not
 * to be one are kept in s->pend: they are text.
 */

const feed_uchar_t *
feed_scan_raw(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    feed_uchar_t         c;
    const feed_uchar_t  *q;

    while (p < in->last) {
        c = *p;

        switch (s->state) {

        case sw_plaintext:
            feed_scan_text_out(s, p, in->last - p, feed_scan_off(in, p),
                               s->text_kind);
            return in->last;

        case sw_raw:
            q = memchr(p, '<', in->last - p);

            if (q == NULL) {
                q = in->last;
            }

            feed_scan_text_out(s, p, q - p, feed_scan_off(in, p),
                               s->text_kind);

            if (q == in->last) {
                return q;
            }

            s->tag_start = feed_scan_off(in, q);
            s->pend[0] = '<';
            s->plen = 1;
            s->state = sw_raw_lt;
            p = q + 1;
            continue;

        case sw_raw_lt:

            if (c == '/') {
                s->pend[s->plen++] = '/';
                s->ret = sw_raw;
                s->state = sw_end_open;
                break;
            }

            feed_scan_pend_flush(s, s->text_kind);
            s->state = sw_raw;
            continue;

        case sw_end_open:

            if (feed_scan_alpha(c)) {
                s->match = 0;
                s->state = sw_end_name;
                continue;
            }

            feed_scan_pend_flush(s, s->text_kind);
            s->state = s->ret;
            return p;

        default: /* sw_end_name */

            if (feed_scan_alpha(c)
                && feed_lowcase(c) == (feed_uchar_t) s->rname[s->match])
            {
                s->match++;

                if (s->plen < sizeof(s->pend)) {
                    s->pend[s->plen++] = c;
                }

                break;
            }

            if (s->rname[s->match] == '\0'
                && (feed_scan_space(c) || c == '/' || c == '>'))
            {
                /* the element's end tag, s->tag is still the element */

                s->plen = 0;
                s->end_tag = 1;
                s->decided = 1;
                s->self_closing = 0;
                s->capture = 0;
                s->attr = 0;

                if (c == '>') {
                    feed_scan_emit(s);

                } else {
                    s->state = (c == '/') ? sw_self_closing
                                          : sw_before_attr_name;
                }

                return p + 1;
            }

            feed_scan_pend_flush(s, s->text_kind);
            s->state = s->ret;
            return p;
        }

        p++;
    }

    return p;
}


/* script data, with its escaped and double escaped states */

const feed_uchar_t *
feed_scan_script(feed_scan_t *s, feed_scan_in_t *in, const feed_uchar_t *p)
{
    feed_uchar_t         c;
    const feed_uchar_t  *q;

    while (p < in->last) {
        c = *p;

        switch (s->state) {

        case sw_script:
            q = memchr(p, '<', in->last - p);

            if (q == NULL) {
                return in->last;
            }

            s->state = sw_script_lt;
            p = q + 1;
            continue;

        case sw_script_lt:
        case sw_esc_lt:

            if (c == '/') {
                s->plen = 0;
                s->ret = (s->state == sw_script_lt) ? sw_script : sw_esc;
                s->state = sw_end_open;
                return p + 1;
            }

            if (s->state == sw_esc_lt) {
                if (feed_scan_alpha(c)) {
                    s->match = 0;
                    s->state = sw_dbl_start;

                } else {
                    s->state = sw_esc;
                }

                continue;
            }

            if (c == '!') {
                s->state = sw_esc_start;
                break;
            }

            s->state = sw_script;
            continue;

        case sw_esc_start:
        case sw_esc_start_dash:

            if (c == '-') {
                s->state = (s->state == sw_esc_start) ? sw_esc_start_dash
                                                      : sw_esc_dash_dash;
                break;
            }

            s->state = sw_script;
            continue;

        case sw_esc:
        case sw_esc_dash:
        case sw_esc_dash_dash:

            if (c == '-') {
                s->state = (s->state == sw_esc) ? sw_esc_dash
                                                : sw_esc_dash_dash;

            } else if (c == '<') {
                s->state = sw_esc_lt;

            } else if (c == '>' && s->state == sw_esc_dash_dash) {
                s->state = sw_script;

            } else {
                s->state = sw_esc;
            }

            break;

        case sw_dbl_start:
        case sw_dbl_end:

            if (feed_scan_space(c) || c == '/' || c == '>') {

                if ((s->match == 6) == (s->state == sw_dbl_start)) {
                    s->state = sw_dbl;

                } else {
                    s->state = sw_esc;
                }

                break;
            }

            if (feed_scan_alpha(c)) {
                s->match = (s->match < 6
                            && feed_lowcase(c) == (feed_uchar_t)
                                                  "script"[s->match])
                           ? s->match + 1 : 7;
                break;
            }

            s->state = (s->state == sw_dbl_start) ? sw_esc : sw_dbl;
            continue;

        case sw_dbl:
        case sw_dbl_dash:
        case sw_dbl_dash_dash:

            if (c == '-') {
                s->state = (s->state == sw_dbl) ? sw_dbl_dash
                                                : sw_dbl_dash_dash;

            } else if (c == '<') {
                s->state = sw_dbl_lt;

            } else if (c == '>' && s->state == sw_dbl_dash_dash) {
                s->state = sw_script;

            } else {
                s->state = sw_dbl;
            }

            break;

        default: /* sw_dbl_lt */

            if (c == '/') {
                s->match = 0;
                s->state = sw_dbl_end;
                break;
            }

            s->state = sw_dbl;
            continue;
        }

        p++;
    }

    return p;
}
