
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_SANITIZE_INT_H_INCLUDED_
#define _FEED_SANITIZE_INT_H_INCLUDED_


/*
 * Shared by feed_sanitize.c, which writes safe HTML and holds the
 * character cleaning and URL checks, and feed_text.c, which extracts
 * plain text and cleans string values.
 */


#include "feed_sanitize.h"


#define feed_sanitize_ws(c)                                                   \
    ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r')


/*
 * The length of p without the white space Python's strip() removes at
 * both ends, and in *off how much there is at the start.
 */
size_t feed_sanitize_trim(feed_uchar_t *p, size_t len, size_t *off);

/* the string of a buffer handed over, or NULL; the budget charged */
char *feed_sanitize_result(feed_sanitize_t *s, feed_buf_t *b);


#endif /* _FEED_SANITIZE_INT_H_INCLUDED_ */
