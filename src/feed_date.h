
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _FEED_DATE_H_INCLUDED_
#define _FEED_DATE_H_INCLUDED_


#include "feed_core.h"
#include "feed_item.h"


/*
 * Dates of the proleptic Gregorian calendar, years 1 to 9999, as seconds
 * since the epoch (UTC, negative before 1970, no leap seconds).  The
 * arithmetic is done here: nothing depends on the C library's time zone,
 * locale or time_t range.
 */

#define FEED_DATE_MIN    (-62135596800LL)   /* 0001-01-01T00:00:00Z */
#define FEED_DATE_MAX    253402300799LL     /* 9999-12-31T23:59:59Z */

#define FEED_DATE_RFC822_LEN   31           /* without the NUL */
#define FEED_DATE_RFC3339_LEN  20


/*
 * Parses an ISO 8601 / RFC 3339 date as microformats2 writes them:
 *
 *     2026-11-20                   a day: FEED_DATE_DAY, midnight UTC
 *     2026-324                     an ordinal day, likewise
 *     2026-11-20T09:30:00Z         an instant: FEED_DATE_TIME
 *     2026-11-20T09:30Z            seconds may be left out
 *     2026-11-15 14:00+01:00       a space for the "T"
 *     2026-11-15T14:00:00.123+0100 fractions (dropped), zones +hh:mm,
 *                                  +hhmm, +hh, and an optional space
 *                                  before the zone
 *     2026-11-20t09:30z            "t" and "z" in lower case
 *
 * A time without a zone is taken as UTC.  Leading and trailing white
 * space is ignored.  Every field is range-checked (the day against its
 * month, leap years included); a leap second (second 60) counts as second
 * 59.  Returns FEED_OK and fills d, or FEED_ERROR and leaves d untouched.
 */

int feed_date_parse(const char *s, size_t len, feed_date_t *d);


/*
 * Seconds since the epoch of a UTC date and time, from fields already
 * range-checked by the caller (month 1-12, day 1-31, ...).
 */

int64_t feed_date_from_civil(int year, int month, int day, int hour,
    int min, int sec);


/*
 * Formatters.  Both write a NUL-terminated string into buf, which must
 * hold at least 32 bytes, and return its length.  A time outside years
 * 1 to 9999 is clamped to the nearest end of that range, so the year
 * always has four digits.
 *
 *     feed_date_rfc822:   "Fri, 20 Nov 2026 09:30:00 +0000" (RSS 2.0)
 *     feed_date_rfc3339:  "2026-11-20T09:30:00Z" (Atom, JSON Feed)
 */

size_t feed_date_rfc822(char *buf, int64_t t);
size_t feed_date_rfc3339(char *buf, int64_t t);


#endif /* _FEED_DATE_H_INCLUDED_ */
