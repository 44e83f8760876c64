
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "feed_core.h"


const uint16_t  feed_cp1252_c1[32] = {
    0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
    0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
    0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
    0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178
};


void
feed_buf_free(feed_buf_t *b)
{
    free(b->data);

    b->data = NULL;
    b->len = 0;
    b->size = 0;
}


/* the slow path of feed_buf_reserve(): the checks, and a larger buffer */

int
feed_buf_grow(feed_buf_t *b, size_t n)
{
    size_t         size;
    feed_uchar_t  *p;

    if (b->failed) {
        return FEED_ERROR;
    }

    if (n > (size_t) -1 / 2 - b->len
        || (b->max && b->len + n > b->max))
    {
        b->failed = 1;
        return FEED_ERROR;
    }

    if (b->len + n + 1 <= b->size) {
        return FEED_OK;
    }

    size = b->size ? b->size : 256;

    while (size < b->len + n + 1) {
        size *= 2;
    }

    if (b->max && size - 1 > b->max) {
        size = b->max + 1;
    }

    p = realloc(b->data, size);
    if (p == NULL) {
        b->failed = 1;
        return FEED_ERROR;
    }

    b->data = p;
    b->size = size;

    return FEED_OK;
}


void
feed_buf_printf(feed_buf_t *b, const char *fmt, ...)
{
    int      n;
    va_list  args;

    va_start(args, fmt);
    n = vsnprintf(NULL, 0, fmt, args);
    va_end(args);

    if (n <= 0 || feed_buf_reserve(b, (size_t) n) != FEED_OK) {
        return;
    }

    va_start(args, fmt);
    vsnprintf((char *) b->data + b->len, (size_t) n + 1, fmt, args);
    va_end(args);

    b->len += n;
}


int
feed_strncasecmp(const feed_uchar_t *a, const feed_uchar_t *b, size_t n)
{
    feed_uchar_t  c1, c2;

    while (n--) {
        c1 = feed_lowcase(*a);
        c2 = feed_lowcase(*b);

        if (c1 != c2) {
            return c1 - c2;
        }

        a++;
        b++;
    }

    return 0;
}


char *
feed_strndup(const void *p, size_t n)
{
    char  *s;

    s = malloc(n + 1);
    if (s == NULL) {
        return NULL;
    }

    memcpy(s, p, n);
    s[n] = '\0';

    return s;
}
