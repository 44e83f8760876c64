/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_SCAN_INT_H_INCLUDED_
#define _FEED_SCAN_INT_H_INCLUDED_


/*
 * What the two halves of the head scanner share: feed_scan.c has the
 * interface, the data and tag states and the tree construction,
 * feed_scan_text.c the states that run over text (attribute values,
 * comments and doctypes, raw text, script data).
 */


#include "feed_scan.h"


/* the insertion modes; "after head" stands for everything after it */

#define FEED_SCAN_INITIAL        0
#define FEED_SCAN_BEFORE_HTML    1
#define FEED_SCAN_BEFORE_HEAD    2
#define FEED_SCAN_IN_HEAD        3
#define FEED_SCAN_AFTER_HEAD     4


/* the tokenizer states, in groups: see feed_scan_run() in feed_scan.c */

enum {
    sw_data = 0,

    sw_tag_open,
    sw_end_tag_open,
    sw_tag_name,
    sw_before_attr_name,
    sw_attr_name,
    sw_after_attr_name,
    sw_before_attr_value,
    sw_after_attr_value,
    sw_self_closing,

    sw_value_dq,
    sw_value_sq,
    sw_value_unq,

    sw_markup,
    sw_markup_dash,
    sw_markup_doctype,
    sw_markup_cdata,
    sw_bogus_comment,
    sw_comment_start,
    sw_comment_start_dash,
    sw_comment,
    sw_comment_end_dash,
    sw_comment_end,
    sw_comment_end_bang,
    sw_doctype,
    sw_cdata,
    sw_cdata_bracket,
    sw_cdata_end,

    sw_raw,
    sw_raw_lt,
    sw_plaintext,
    sw_end_open,
    sw_end_name,

    sw_script,
    sw_script_lt,
    sw_esc_start,
    sw_esc_start_dash,
    sw_esc,
    sw_esc_dash,
    sw_esc_dash_dash,
    sw_esc_lt,
    sw_dbl_start,
    sw_dbl,
    sw_dbl_dash,
    sw_dbl_dash_dash,
    sw_dbl_lt,
    sw_dbl_end
};


/* the buffer being scanned */

typedef struct {
    const feed_uchar_t  *start;
    const feed_uchar_t  *last;
    uint64_t             base;      /* the stream offset of start */
} feed_scan_in_t;


#define feed_scan_off(in, p)  ((in)->base + (uint64_t) ((p) - (in)->start))

/* character classes, in feed_scan_class[] */

#define FEED_SCAN_C_SPACE     0x01    /* TAB LF FF CR SP */
#define FEED_SCAN_C_NAME_END  0x02    /* a tag name ends: space, "/", ">" */
#define FEED_SCAN_C_ATTR_END  0x04    /* an attribute name: and "=" */
#define FEED_SCAN_C_DQ_STOP   0x08    /* a captured value stops: quote, */
#define FEED_SCAN_C_SQ_STOP   0x10    /*   "&", CR, LF, NUL; unquoted at */
#define FEED_SCAN_C_UNQ_STOP  0x20    /*   space and ">" too */

extern const feed_uchar_t  feed_scan_class[256];

#define feed_scan_space(c)    (feed_scan_class[c] & FEED_SCAN_C_SPACE)

#define feed_scan_alpha(c)    ((((c) | 0x20) >= 'a') && (((c) | 0x20) <= 'z'))
#define feed_scan_digit(c)    ((c) >= '0' && (c) <= '9')
#define feed_scan_alnum(c)    (feed_scan_alpha(c) || feed_scan_digit(c))
#define feed_scan_hex(c)                                                      \
    (feed_scan_digit(c) || (((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'f'))


/* feed_scan_text.c */

const feed_uchar_t *feed_scan_value(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
const feed_uchar_t *feed_scan_markup(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
const feed_uchar_t *feed_scan_raw(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
const feed_uchar_t *feed_scan_script(feed_scan_t *s, feed_scan_in_t *in,
    const feed_uchar_t *p);
feed_scan_attr_t *feed_scan_attr_get(feed_scan_t *s);

/* feed_scan.c */

void feed_scan_emit(feed_scan_t *s);
void feed_scan_text_out(feed_scan_t *s, const feed_uchar_t *p, size_t len,
    uint64_t off, unsigned kind);
void feed_scan_pend_flush(feed_scan_t *s, unsigned kind);


#endif /* _FEED_SCAN_INT_H_INCLUDED_ */
