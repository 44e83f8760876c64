/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_SCAN_H_INCLUDED_
#define _FEED_SCAN_H_INCLUDED_


/*
 * A resumable scanner that finds where a browser's parser would still
 * put new elements into document.head: at the end of the head, before
 * the token that closes it.  It follows the tokenizer of the HTML
 * Living Standard and the "initial", "before html", "before head", "in
 * head" and "after head" insertion modes, takes the input in buffers of
 * any size, never looks back at earlier buffers, allocates nothing and
 * keeps a fixed-size state: the caller allocates sizeof(feed_scan_t),
 * calls feed_scan_init() and then sets the public fields it needs.
 *
 * Streaming contract, after each call of feed_scan():
 *
 *   FEED_SCAN_AGAIN     all of the input was consumed, nothing decided:
 *                       stream bytes before s->hold may leave, bytes in
 *                       [s->hold, s->offset) must be held back (at most
 *                       FEED_SCAN_MAX_HOLD of them);
 *   FEED_SCAN_FOUND     returned once: the tags go at stream offset
 *                       s->inject, which is never below the hold of the
 *                       previous call; with "learn" set the rest of the
 *                       input was consumed and learning goes on in the
 *                       next calls, otherwise scanning stopped there;
 *   FEED_SCAN_DONE      nothing more to do, stop calling;
 *   FEED_SCAN_DECLINED  pass the page through unchanged; s->reason says
 *                       why (a static English string).
 *
 * At the end of the stream feed_scan_finish() returns FOUND with
 * inject == hold when the document ended in plain data in the head or
 * before it (an incomplete trailing tag is dropped, as browsers do),
 * DECLINED when it ended anywhere else (inside a comment, a script, an
 * attribute, a template), DONE when the point was already found.
 *
 * Deliberate limits: named character references in captured attribute
 * values are decoded for amp, lt, gt, quot (also upper case), apos and
 * nbsp only, numeric references always; elements that the parser moves
 * into the head from after </head> (a parse error) come after the
 * injected tags; inside <svg> and <math> the HTML integration points
 * (foreignObject, desc, title, mi, ...) are not tracked.
 */


#include "feed_core.h"


#define FEED_SCAN_AGAIN          0
#define FEED_SCAN_FOUND          1
#define FEED_SCAN_DONE           2
#define FEED_SCAN_DECLINED       3

#define FEED_SCAN_LINK           1
#define FEED_SCAN_META           2

#define FEED_SCAN_TEXT_TITLE     1     /* <title> */
#define FEED_SCAN_TEXT_HEADING   2     /* <h1> to <h6> in the body */
#define FEED_SCAN_TEXT_BODY      3     /* other text of the body */

#define FEED_SCAN_ATTR_MAX       1024  /* bytes kept of a decoded value */
#define FEED_SCAN_MAX_HOLD       16    /* bytes of an undecided tag */

#define FEED_SCAN_NAME_MAX       10    /* longest tag name told apart */
#define FEED_SCAN_NATTRS         6


typedef struct {
    feed_uchar_t        *data;      /* into the scanner's own storage */
    size_t               len;
    unsigned             present:1;
    unsigned             truncated:1;  /* longer than FEED_SCAN_ATTR_MAX:
                                          the value is unusable */
} feed_scan_attr_t;


/*
 * A <link> or <meta> of the head.  Attribute values are decoded
 * (character references, NUL, CR LF); of repeated attributes the first
 * one counts, as in the DOM.
 */

typedef struct {
    unsigned             tag;       /* FEED_SCAN_LINK or FEED_SCAN_META */
    feed_scan_attr_t     rel;
    feed_scan_attr_t     href;
    feed_scan_attr_t     type;
    feed_scan_attr_t     name;
    feed_scan_attr_t     content;
    feed_scan_attr_t     charset;
} feed_scan_elt_t;


typedef void (*feed_scan_elt_pt)(void *data, const feed_scan_elt_t *elt);

/*
 * Raw bytes of text, character references not decoded, in as many
 * pieces as it takes; kind is FEED_SCAN_TEXT_*.  Never the contents of
 * script, style, the other raw text elements, comments, attribute
 * values, templates, svg or math.
 */

typedef void (*feed_scan_text_pt)(void *data, const feed_uchar_t *p,
    size_t len, unsigned kind);


typedef struct feed_scan_s  feed_scan_t;

struct feed_scan_s {
    /* set by the caller after feed_scan_init() */

    feed_scan_elt_pt     element;   /* every <link> and <meta> that ends
                                       up in the head; may be NULL */
    feed_scan_text_pt    text;      /* may be NULL */
    void                *data;      /* passed to the callbacks */
    uint64_t             limit;     /* decline if the end of the head is
                                       not found within this many bytes
                                       of stream; 0: no limit */
    uint64_t             text_limit;  /* with learn: report body text up
                                         to this stream offset; 0: to
                                         the end of the stream */
    unsigned             learn:1;   /* go on after the injection point,
                                       reporting body text */

    /* results */

    uint64_t             offset;    /* stream bytes consumed */
    uint64_t             hold;      /* stream bytes from here on are held
                                       back; == offset when none */
    uint64_t             inject;    /* the injection point, after FOUND */
    uint64_t             decided_at;  /* after FOUND: the decision rests
                                         on the stream bytes before this
                                         offset only (which may be one
                                         byte beyond those consumed); 0
                                         when it rests on the end of the
                                         stream */
    const char          *reason;    /* after DECLINED */

    /* private */

    uint64_t             tag_start; /* stream offset of the current '<' */
    uint64_t             depth;     /* open <template> elements */
    uint64_t             foreign;   /* open <svg> and <math> elements */

    unsigned             state;     /* the tokenizer state */
    unsigned             ret;       /* the state an end tag falls back to */
    unsigned             mode;      /* the insertion mode */
    unsigned             tag;       /* index into the tag name table */
    unsigned             attr;      /* the attribute being captured */
    unsigned             text_kind; /* of the current raw text */
    unsigned             ref;       /* character reference state */
    uint32_t             code;      /* numeric character reference */
    size_t               nlen;
    size_t               alen;
    size_t               rlen;
    size_t               plen;
    size_t               nref;
    size_t               match;
    const char          *rname;     /* the raw text element's name */

    unsigned             pending:1;   /* hold from tag_start */
    unsigned             decided:1;   /* the tag's name was looked at */
    unsigned             end_tag:1;
    unsigned             self_closing:1;
    unsigned             capture:1;   /* a <link> or <meta> of the head */
    unsigned             font_attr:1; /* <font color|face|size> */
    unsigned             heading:1;
    unsigned             cr:1;        /* a captured CR became LF */
    unsigned             found:1;
    unsigned             report:1;    /* FOUND still to be returned */
    unsigned             done:1;
    unsigned             declined:1;
    unsigned             bom:2;       /* bytes of a UTF-8 BOM seen */

    feed_uchar_t         name[FEED_SCAN_NAME_MAX + 1];
    feed_uchar_t         aname[8];
    feed_uchar_t         pend[16];    /* "<", "</title" ... maybe text */
    feed_uchar_t         rbuf[32];    /* a character reference's name */

    feed_scan_elt_t      elt;
    feed_uchar_t         store[FEED_SCAN_NATTRS][FEED_SCAN_ATTR_MAX];
};


void feed_scan_init(feed_scan_t *s);
int feed_scan(feed_scan_t *s, const feed_uchar_t *p, size_t len);
int feed_scan_finish(feed_scan_t *s);


#endif /* _FEED_SCAN_H_INCLUDED_ */
