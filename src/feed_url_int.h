
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_URL_INT_H_INCLUDED_
#define _FEED_URL_INT_H_INCLUDED_


/* shared by feed_url.c and feed_base_url.c */


#include "feed_core.h"


#define feed_url_alpha(c)    ((((c) | 0x20) >= 'a') && (((c) | 0x20) <= 'z'))
#define feed_url_digit(c)    ((c) >= '0' && (c) <= '9')
#define feed_url_tab_nl(c)   ((c) == '\t' || (c) == '\n' || (c) == '\r')
#define feed_url_upcase(c)   (((c) >= 'a' && (c) <= 'z') ? ((c) & ~0x20) : (c))

#define feed_url_escaped(map, c)  ((map)[(c) >> 5] & (1U << ((c) & 0x1f)))


extern const uint32_t  feed_url_escape[3][8];


int feed_url_hex(feed_uchar_t c);
int feed_url_pct(const feed_uchar_t *p, const feed_uchar_t *last);
size_t feed_url_scheme(const feed_uchar_t *p, const feed_uchar_t *last);
int feed_url_dots(const feed_uchar_t *p, const feed_uchar_t *last);


#endif /* _FEED_URL_INT_H_INCLUDED_ */
