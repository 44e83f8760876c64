
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_CORE_H_INCLUDED_
#define _FEED_CORE_H_INCLUDED_


/*
 * The server-agnostic core: plain C, no nginx header.  The nginx
 * adapters (ngx_http_feed_*.c) translate between nginx types and these.
 */


#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>


#define FEED_OK          0
#define FEED_ERROR      -1
#define FEED_AGAIN      -2
#define FEED_DECLINED   -5


typedef unsigned char  feed_uchar_t;


typedef struct {
    size_t           len;
    feed_uchar_t    *data;
} feed_str_t;


#define feed_string(str)     { sizeof(str) - 1, (feed_uchar_t *) str }
#define feed_null_string     { 0, NULL }


/*
 * A growable byte buffer on malloc().  An allocation failure sets
 * "failed" and turns later appends into no-ops, so writers check once,
 * at the end, instead of after every append.
 */

typedef struct {
    feed_uchar_t    *data;
    size_t           len;
    size_t           size;
    size_t           max;        /* 0: unlimited */
    unsigned         failed:1;
} feed_buf_t;


void feed_buf_free(feed_buf_t *b);
int feed_buf_grow(feed_buf_t *b, size_t n);
void feed_buf_printf(feed_buf_t *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;


static inline void
feed_buf_init(feed_buf_t *b, size_t max)
{
    b->data = NULL;
    b->len = 0;
    b->size = 0;
    b->max = max;
    b->failed = 0;
}


/*
 * Room for n more bytes and the NUL of feed_buf_cstr(), or FEED_ERROR.
 * A buffer never grows past max + 1 bytes, so the room it already has
 * is always within max: the common case is one comparison, inline, and
 * feed_buf_grow() does the rest.
 */

static inline int
feed_buf_reserve(feed_buf_t *b, size_t n)
{
    if (n < b->size - b->len && !b->failed) {
        return FEED_OK;
    }

    return feed_buf_grow(b, n);
}


static inline void
feed_buf_add(feed_buf_t *b, const void *p, size_t n)
{
    if (n == 0 || feed_buf_reserve(b, n) != FEED_OK) {
        return;
    }

    memcpy(b->data + b->len, p, n);
    b->len += n;
}


static inline void
feed_buf_add_str(feed_buf_t *b, const char *s)
{
    feed_buf_add(b, s, strlen(s));
}


static inline void
feed_buf_add_byte(feed_buf_t *b, feed_uchar_t c)
{
    if (feed_buf_reserve(b, 1) != FEED_OK) {
        return;
    }

    b->data[b->len++] = c;
}


/*
 * The buffer's bytes as a NUL-terminated string that stays owned by
 * the buffer; NULL after an allocation failure.  The room for the NUL
 * is always there: an empty buffer gets its first allocation.
 */

static inline char *
feed_buf_cstr(feed_buf_t *b)
{
    if (feed_buf_reserve(b, 0) != FEED_OK) {
        return NULL;
    }

    b->data[b->len] = '\0';

    return (char *) b->data;
}


/*
 * windows-1252's characters for the bytes 0x80 to 0x9F, as the HTML
 * standard reads them: the five it leaves undefined stand for themselves.
 */
extern const uint16_t  feed_cp1252_c1[32];


#define feed_lowcase(c)  (((c) >= 'A' && (c) <= 'Z') ? ((c) | 0x20) : (c))

int feed_strncasecmp(const feed_uchar_t *a, const feed_uchar_t *b, size_t n);
char *feed_strndup(const void *p, size_t n);


#endif /* _FEED_CORE_H_INCLUDED_ */
