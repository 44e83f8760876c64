
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_date.h"


#define feed_date_digit(c)  ((c) >= '0' && (c) <= '9')
#define feed_date_space(c)                                                    \
    ((c) == ' ' || (c) == '\t' || (c) == '\n' || (c) == '\r'                  \
     || (c) == '\f' || (c) == '\v')


static int feed_date_usual(const feed_uchar_t *p, size_t len,
    feed_date_t *d);
static int feed_date_two(const feed_uchar_t *p);
static int feed_date_num(const feed_uchar_t **pp, const feed_uchar_t *last,
    size_t n);
static int feed_date_leap(int year);
static int feed_date_mdays(int year, int month);
static void feed_date_civil(int64_t t, int *year, int *month, int *day,
    int *hour, int *min, int *sec, int *wday);


static const char  feed_date_wdays[7][4] = {
    "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
};

static const char  feed_date_months[12][4] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};


int
feed_date_parse(const char *s, size_t len, feed_date_t *d)
{
    int                  year, month, day, yday, hour, min, sec, off, zmin,
                         sign;
    int64_t              t;
    const feed_uchar_t  *p, *last;

    if (len == 0) {
        return FEED_ERROR;
    }

    p = (const feed_uchar_t *) s;
    last = p + len;

    if (feed_date_usual(p, len, d) == FEED_OK) {
        return FEED_OK;
    }

    while (p < last && feed_date_space(*p)) {
        p++;
    }

    while (last > p && feed_date_space(last[-1])) {
        last--;
    }

    /* the date: YYYY-MM-DD or YYYY-DDD */

    year = feed_date_num(&p, last, 4);

    if (year < 1 || p == last || *p++ != '-') {
        return FEED_ERROR;
    }

    if (last - p >= 3
        && feed_date_digit(p[0]) && feed_date_digit(p[1])
        && feed_date_digit(p[2])
        && (last - p == 3 || !feed_date_digit(p[3])))
    {
        yday = feed_date_num(&p, last, 3);

        if (yday < 1 || yday > (feed_date_leap(year) ? 366 : 365)) {
            return FEED_ERROR;
        }

        for (month = 1; yday > feed_date_mdays(year, month); month++) {
            yday -= feed_date_mdays(year, month);
        }

        day = yday;

    } else {
        month = feed_date_num(&p, last, 2);

        if (month < 1 || month > 12 || p == last || *p++ != '-') {
            return FEED_ERROR;
        }

        day = feed_date_num(&p, last, 2);

        if (day < 1 || day > feed_date_mdays(year, month)) {
            return FEED_ERROR;
        }
    }

    if (p == last) {
        d->t = feed_date_from_civil(year, month, day, 0, 0, 0);
        d->kind = FEED_DATE_DAY;
        return FEED_OK;
    }

    /* the time: hh:mm[:ss[.fraction]] */

    if (*p != 'T' && *p != 't' && *p != ' ') {
        return FEED_ERROR;
    }

    p++;

    hour = feed_date_num(&p, last, 2);

    if (hour < 0 || hour > 23 || p == last || *p++ != ':') {
        return FEED_ERROR;
    }

    min = feed_date_num(&p, last, 2);

    if (min < 0 || min > 59) {
        return FEED_ERROR;
    }

    sec = 0;

    if (p < last && *p == ':') {
        p++;

        sec = feed_date_num(&p, last, 2);

        if (sec < 0 || sec > 60) {
            return FEED_ERROR;
        }

        if (sec == 60) {
            sec = 59;
        }

        if (p < last && (*p == '.' || *p == ',')) {
            p++;

            if (p == last || !feed_date_digit(*p)) {
                return FEED_ERROR;
            }

            while (p < last && feed_date_digit(*p)) {
                p++;
            }
        }
    }

    /* the zone: none, Z, +hh, +hhmm or +hh:mm */

    off = 0;

    if (p < last && *p == ' ') {
        p++;

        if (p == last) {
            return FEED_ERROR;
        }
    }

    if (p < last) {

        if (*p == 'Z' || *p == 'z') {
            p++;

        } else if (*p == '+' || *p == '-') {
            sign = (*p++ == '-') ? -1 : 1;

            off = feed_date_num(&p, last, 2);

            if (off < 0 || off > 23) {
                return FEED_ERROR;
            }

            off *= 60;

            if (p < last) {
                if (*p == ':') {
                    p++;
                }

                zmin = feed_date_num(&p, last, 2);

                if (zmin < 0 || zmin > 59) {
                    return FEED_ERROR;
                }

                off += zmin;
            }

            off *= sign;

        } else {
            return FEED_ERROR;
        }
    }

    if (p != last) {
        return FEED_ERROR;
    }

    t = feed_date_from_civil(year, month, day, hour, min, sec);

    d->t = t - (int64_t) off * 60;
    d->kind = FEED_DATE_TIME;

    return FEED_OK;
}


/*
 * The usual form, YYYY-MM-DDTHH:MM:SS and Z, +HH:MM or no zone, read at
 * its fixed positions; FEED_DECLINED for anything else, or for values
 * out of range, which the general reading then judges.
 */

static int
feed_date_usual(const feed_uchar_t *p, size_t len, feed_date_t *d)
{
    int  century, year, month, day, hour, min, sec, zhour, zmin, off;

    if ((len != 19 && len != 20 && len != 25)
        || p[4] != '-' || p[7] != '-' || p[10] != 'T' || p[13] != ':'
        || p[16] != ':')
    {
        return FEED_DECLINED;
    }

    century = feed_date_two(p);
    year = feed_date_two(p + 2);
    month = feed_date_two(p + 5);
    day = feed_date_two(p + 8);
    hour = feed_date_two(p + 11);
    min = feed_date_two(p + 14);
    sec = feed_date_two(p + 17);
    zhour = 0;
    zmin = 0;

    if (len == 20 && p[19] != 'Z') {
        return FEED_DECLINED;
    }

    if (len == 25) {
        if ((p[19] != '+' && p[19] != '-') || p[22] != ':') {
            return FEED_DECLINED;
        }

        zhour = feed_date_two(p + 20);
        zmin = feed_date_two(p + 23);
    }

    if (century < 0 || year < 0 || century + year == 0
        || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23
        || min < 0 || min > 59 || sec < 0 || sec > 60
        || zhour < 0 || zhour > 23 || zmin < 0 || zmin > 59)
    {
        return FEED_DECLINED;
    }

    year += century * 100;

    if (day > feed_date_mdays(year, month)) {
        return FEED_DECLINED;
    }

    off = zhour * 60 + zmin;

    if (len == 25 && p[19] == '-') {
        off = -off;
    }

    d->t = feed_date_from_civil(year, month, day, hour, min,
                                (sec == 60) ? 59 : sec)
           - (int64_t) off * 60;
    d->kind = FEED_DATE_TIME;

    return FEED_OK;
}


/* two digits at p, or -1 */

static int
feed_date_two(const feed_uchar_t *p)
{
    if (!feed_date_digit(p[0]) || !feed_date_digit(p[1])) {
        return -1;
    }

    return (p[0] - '0') * 10 + p[1] - '0';
}


/*
 * Reads exactly n digits, or returns -1; what may follow them is the
 * caller's business.
 */

static int
feed_date_num(const feed_uchar_t **pp, const feed_uchar_t *last, size_t n)
{
    int                  v;
    size_t               i;
    const feed_uchar_t  *p;

    p = *pp;

    if ((size_t) (last - p) < n) {
        return -1;
    }

    v = 0;

    for (i = 0; i < n; i++) {
        if (!feed_date_digit(p[i])) {
            return -1;
        }

        v = v * 10 + (p[i] - '0');
    }

    *pp = p + n;

    return v;
}


static int
feed_date_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}


static int
feed_date_mdays(int year, int month)
{
    static const int  mdays[12] = {
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    };

    if (month == 2 && feed_date_leap(year)) {
        return 29;
    }

    return mdays[month - 1];
}


/*
 * Days from 1970-01-01 of a proleptic Gregorian date, counted in 400-year
 * eras of 146097 days that start on March 1, so that the leap day is the
 * last day of its year.
 */

int64_t
feed_date_from_civil(int year, int month, int day, int hour, int min,
    int sec)
{
    int64_t  y, era, yoe, doy, doe, days;

    y = year - (month <= 2);
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    days = era * 146097 + doe - 719468;

    return days * 86400 + hour * 3600 + min * 60 + sec;
}


static void
feed_date_civil(int64_t t, int *year, int *month, int *day, int *hour,
    int *min, int *sec, int *wday)
{
    int64_t  z, secs, era, doe, yoe, doy, mp, y;

    if (t < FEED_DATE_MIN) {
        t = FEED_DATE_MIN;

    } else if (t > FEED_DATE_MAX) {
        t = FEED_DATE_MAX;
    }

    z = t / 86400;
    secs = t % 86400;

    if (secs < 0) {
        secs += 86400;
        z--;
    }

    *hour = (int) (secs / 3600);
    *min = (int) (secs / 60 % 60);
    *sec = (int) (secs % 60);

    /* 1970-01-01 was a Thursday */

    *wday = (int) (((z % 7) + 7 + 4) % 7);

    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;

    *day = (int) (doy - (153 * mp + 2) / 5 + 1);
    *month = (int) (mp < 10 ? mp + 3 : mp - 9);
    *year = (int) (y + (*month <= 2));
}


size_t
feed_date_rfc822(char *buf, int64_t t)
{
    int  year, month, day, hour, min, sec, wday;

    feed_date_civil(t, &year, &month, &day, &hour, &min, &sec, &wday);

    memcpy(buf, feed_date_wdays[wday], 3);
    buf[3] = ',';
    buf[4] = ' ';
    buf[5] = (char) ('0' + day / 10);
    buf[6] = (char) ('0' + day % 10);
    buf[7] = ' ';
    memcpy(buf + 8, feed_date_months[month - 1], 3);
    buf[11] = ' ';
    buf[12] = (char) ('0' + year / 1000);
    buf[13] = (char) ('0' + year / 100 % 10);
    buf[14] = (char) ('0' + year / 10 % 10);
    buf[15] = (char) ('0' + year % 10);
    buf[16] = ' ';
    buf[17] = (char) ('0' + hour / 10);
    buf[18] = (char) ('0' + hour % 10);
    buf[19] = ':';
    buf[20] = (char) ('0' + min / 10);
    buf[21] = (char) ('0' + min % 10);
    buf[22] = ':';
    buf[23] = (char) ('0' + sec / 10);
    buf[24] = (char) ('0' + sec % 10);
    memcpy(buf + 25, " +0000", 7);

    return FEED_DATE_RFC822_LEN;
}


size_t
feed_date_rfc3339(char *buf, int64_t t)
{
    int  year, month, day, hour, min, sec, wday;

    feed_date_civil(t, &year, &month, &day, &hour, &min, &sec, &wday);

    buf[0] = (char) ('0' + year / 1000);
    buf[1] = (char) ('0' + year / 100 % 10);
    buf[2] = (char) ('0' + year / 10 % 10);
    buf[3] = (char) ('0' + year % 10);
    buf[4] = '-';
    buf[5] = (char) ('0' + month / 10);
    buf[6] = (char) ('0' + month % 10);
    buf[7] = '-';
    buf[8] = (char) ('0' + day / 10);
    buf[9] = (char) ('0' + day % 10);
    buf[10] = 'T';
    buf[11] = (char) ('0' + hour / 10);
    buf[12] = (char) ('0' + hour % 10);
    buf[13] = ':';
    buf[14] = (char) ('0' + min / 10);
    buf[15] = (char) ('0' + min % 10);
    buf[16] = ':';
    buf[17] = (char) ('0' + sec / 10);
    buf[18] = (char) ('0' + sec % 10);
    buf[19] = 'Z';
    buf[20] = '\0';

    return FEED_DATE_RFC3339_LEN;
}
