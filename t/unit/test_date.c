
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>

#include "feed_date.h"
#include "tap.h"


/*
 * Expected epoch values were computed with GNU date, e.g.
 * `date -u -d 2026-11-15T14:00:00+01:00 +%s`, and the years 1 and 9999
 * with Python's datetime (proleptic Gregorian, like date).
 */

typedef struct {
    const char      *in;
    int64_t          t;
    int              kind;
} test_date_t;


static const test_date_t  valid[] = {
    { "2026-11-20", 1795132800LL, FEED_DATE_DAY },
    { "2026-11-20T09:30:00Z", 1795167000LL, FEED_DATE_TIME },
    { "2026-11-20T09:30Z", 1795167000LL, FEED_DATE_TIME },
    { "2026-11-15 14:00+01:00", 1794747600LL, FEED_DATE_TIME },
    { "2026-11-15T14:00:00.123+0100", 1794747600LL, FEED_DATE_TIME },
    { "2026-11-15T14:00:00,5+01", 1794747600LL, FEED_DATE_TIME },
    { "2026-11-15T14:00+01", 1794747600LL, FEED_DATE_TIME },
    { "2026-11-15 14:00 +01:00", 1794747600LL, FEED_DATE_TIME },
    { "2026-11-15T13:00:00.000000001Z", 1794747600LL, FEED_DATE_TIME },
    { "2026-11-20t09:30:00z", 1795167000LL, FEED_DATE_TIME },
    { "2026-11-20T09:30:00", 1795167000LL, FEED_DATE_TIME },
    { "2026-11-20 09:30", 1795167000LL, FEED_DATE_TIME },
    { "  2026-11-20T09:30:00Z \n", 1795167000LL, FEED_DATE_TIME },
    { "\t2026-11-20\r\n", 1795132800LL, FEED_DATE_DAY },
    { "2026-11-20T09:30:59Z", 1795167059LL, FEED_DATE_TIME },
    { "2026-11-14T23:00:00-05:30", 1794717000LL, FEED_DATE_TIME },
    { "2026-11-21T00:00:00+14:00", 1795168800LL, FEED_DATE_TIME },
    { "2026-11-20T00:00:00-12:00", 1795176000LL, FEED_DATE_TIME },
    { "2026-11-20T09:30:00-00:00", 1795167000LL, FEED_DATE_TIME },
    { "2026-324", 1795132800LL, FEED_DATE_DAY },
    { "2024-366", 1735603200LL, FEED_DATE_DAY },
    { "2024-060", 1709164800LL, FEED_DATE_DAY },
    { "2023-060", 1677628800LL, FEED_DATE_DAY },
    { "2024-02-29", 1709164800LL, FEED_DATE_DAY },
    { "2000-02-29T12:00:00Z", 951825600LL, FEED_DATE_TIME },
    { "1600-02-29", -11670998400LL, FEED_DATE_DAY },
    { "1970-01-01T00:00:00Z", 0, FEED_DATE_TIME },
    { "1969-12-31T23:59:59Z", -1, FEED_DATE_TIME },
    { "1900-01-01T00:00:00Z", -2208988800LL, FEED_DATE_TIME },
    { "1899-12-31T23:59:59Z", -2208988801LL, FEED_DATE_TIME },
    { "1583-10-15", -12187756800LL, FEED_DATE_DAY },
    { "1999-12-31T23:59:59Z", 946684799LL, FEED_DATE_TIME },
    { "2000-01-01", 946684800LL, FEED_DATE_DAY },
    { "2038-01-19T03:14:08Z", 2147483648LL, FEED_DATE_TIME },
    { "2100-03-01T00:00:00Z", 4107542400LL, FEED_DATE_TIME },
    { "0001-01-01", -62135596800LL, FEED_DATE_DAY },
    { "9999-12-31", 253402214400LL, FEED_DATE_DAY },
    { "9999-12-31T23:59:59Z", 253402300799LL, FEED_DATE_TIME },
    /* a leap second counts as second 59 */
    { "2016-12-31T23:59:60Z", 1483228799LL, FEED_DATE_TIME },
    { NULL, 0, 0 }
};


static const char  *invalid[] = {
    "",
    "   ",
    "garbage",
    "25:00",
    "2026-02-30",
    "2026-02-29",
    "2100-02-29",
    "1900-02-29",
    "2026-13-01",
    "2026-00-10",
    "2026-11-00",
    "2026-11-31",
    "2026-04-31",
    "0000-01-01",
    "20261-01-01",
    "2026-1-01",
    "2026-11-1",
    "2026/11/20",
    "+2026-11-20",
    "2026-11-20X",
    "2026-11-20T",
    "2026-11-20T09",
    "2026-11-20T9:30",
    "2026-11-20T25:00",
    "2026-11-20T24:00",
    "2026-11-20T09:60",
    "2026-11-20T09:30:61",
    "2026-11-20T09:30:0",
    "2026-11-20T09:30:00.",
    "2026-11-20T09:30:00.Z",
    "2026-11-20T09:30:00+",
    "2026-11-20T09:30:00+1",
    "2026-11-20T09:30:00+01:",
    "2026-11-20T09:30:00+01:7",
    "2026-11-20T09:30:00+0160",
    "2026-11-20T09:30:00+24:00",
    "2026-11-20T09:30:00ZZ",
    "2026-11-20T09:30:00Z junk",
    "2026-11-20  09:30",
    "2026-11-20 Z",
    "2026-11-20Z",
    "2026-367",
    "2025-366",
    "2026-000",
    "2026-11-20T09:30:00 EST",
    NULL
};


/* the input as a test name: white space controls shown as escapes */

static const char *
test_name(const char *s)
{
    size_t       n;
    const char  *p;

    static char  name[128];

    n = 0;

    for (p = s; *p && n < sizeof(name) - 3; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t') {
            name[n++] = '\\';
            name[n++] = (*p == '\n') ? 'n' : (*p == '\r') ? 'r' : 't';

        } else {
            name[n++] = *p;
        }
    }

    name[n] = '\0';

    return name;
}


static int
test_parse(const char *s, size_t len, feed_date_t *d)
{
    int    rc;
    char  *copy;

    /* an exact-size heap copy: the sanitizer catches any overread */

    copy = malloc(len ? len : 1);
    if (copy == NULL) {
        return -100;
    }

    memcpy(copy, s, len);
    rc = feed_date_parse(copy, len, d);
    free(copy);

    return rc;
}


static void
test_parsing(void)
{
    int           rc;
    size_t        i;
    feed_date_t   d;

    for (i = 0; valid[i].in; i++) {
        d.t = 12345;
        d.kind = FEED_DATE_NONE;

        rc = test_parse(valid[i].in, strlen(valid[i].in), &d);

        ok(rc == FEED_OK && d.t == valid[i].t && d.kind == valid[i].kind,
           "parse \"%s\"", test_name(valid[i].in));

        if (rc != FEED_OK || d.t != valid[i].t) {
            printf("#   got rc %d t %lld kind %d, expected t %lld\n", rc,
                   (long long) d.t, d.kind, (long long) valid[i].t);
        }
    }

    for (i = 0; invalid[i]; i++) {
        d.t = 12345;
        d.kind = FEED_DATE_NONE;

        rc = test_parse(invalid[i], strlen(invalid[i]), &d);

        ok(rc == FEED_ERROR && d.t == 12345 && d.kind == FEED_DATE_NONE,
           "reject \"%s\", d untouched", test_name(invalid[i]));
    }

    rc = test_parse("2026-11-20T09:30:00Z", 10, &d);
    ok(rc == FEED_OK && d.kind == FEED_DATE_DAY && d.t == 1795132800LL,
       "only len bytes are read");

    rc = test_parse("2026-11-20\0", 11, &d);
    ok(rc == FEED_ERROR, "an embedded NUL is not white space");

    rc = feed_date_parse(NULL, 0, &d);
    ok(rc == FEED_ERROR, "empty input with a NULL pointer");
}


typedef struct {
    int64_t          t;
    const char      *rfc822;
    const char      *rfc3339;
} test_format_t;


static const test_format_t  formats[] = {
    { 0, "Thu, 01 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z" },
    { -1, "Wed, 31 Dec 1969 23:59:59 +0000", "1969-12-31T23:59:59Z" },
    { 1795167000LL, "Fri, 20 Nov 2026 09:30:00 +0000",
      "2026-11-20T09:30:00Z" },
    { 1794747600LL, "Sun, 15 Nov 2026 13:00:00 +0000",
      "2026-11-15T13:00:00Z" },
    { 951825600LL, "Tue, 29 Feb 2000 12:00:00 +0000",
      "2000-02-29T12:00:00Z" },
    { 1709249400LL, "Thu, 29 Feb 2024 23:30:00 +0000",
      "2024-02-29T23:30:00Z" },
    { 1735689599LL, "Tue, 31 Dec 2024 23:59:59 +0000",
      "2024-12-31T23:59:59Z" },
    { 1735689600LL, "Wed, 01 Jan 2025 00:00:00 +0000",
      "2025-01-01T00:00:00Z" },
    { 946684799LL, "Fri, 31 Dec 1999 23:59:59 +0000",
      "1999-12-31T23:59:59Z" },
    { -2208988800LL, "Mon, 01 Jan 1900 00:00:00 +0000",
      "1900-01-01T00:00:00Z" },
    { -2203891200LL, "Thu, 01 Mar 1900 00:00:00 +0000",
      "1900-03-01T00:00:00Z" },
    { -11670998400LL, "Tue, 29 Feb 1600 00:00:00 +0000",
      "1600-02-29T00:00:00Z" },
    { 2147483648LL, "Tue, 19 Jan 2038 03:14:08 +0000",
      "2038-01-19T03:14:08Z" },
    { 4107542400LL, "Mon, 01 Mar 2100 00:00:00 +0000",
      "2100-03-01T00:00:00Z" },
    { -62135596800LL, "Mon, 01 Jan 0001 00:00:00 +0000",
      "0001-01-01T00:00:00Z" },
    { 253402300799LL, "Fri, 31 Dec 9999 23:59:59 +0000",
      "9999-12-31T23:59:59Z" },

    /* clamped to years 1 to 9999 */
    { -62135596801LL, "Mon, 01 Jan 0001 00:00:00 +0000",
      "0001-01-01T00:00:00Z" },
    { 253402300800LL, "Fri, 31 Dec 9999 23:59:59 +0000",
      "9999-12-31T23:59:59Z" },
    { INT64_MIN, "Mon, 01 Jan 0001 00:00:00 +0000",
      "0001-01-01T00:00:00Z" },
    { INT64_MAX, "Fri, 31 Dec 9999 23:59:59 +0000",
      "9999-12-31T23:59:59Z" },
    { 0, NULL, NULL }
};


static void
test_formatting(void)
{
    size_t  i, n;
    char    buf[32];

    for (i = 0; formats[i].rfc822; i++) {
        memset(buf, 'x', sizeof(buf));
        n = feed_date_rfc822(buf, formats[i].t);

        ok(n == strlen(formats[i].rfc822) && buf[n] == '\0'
           && strcmp(buf, formats[i].rfc822) == 0,
           "RFC 822 of %lld: %s", (long long) formats[i].t, buf);

        memset(buf, 'x', sizeof(buf));
        n = feed_date_rfc3339(buf, formats[i].t);

        ok(n == strlen(formats[i].rfc3339) && buf[n] == '\0'
           && strcmp(buf, formats[i].rfc3339) == 0,
           "RFC 3339 of %lld: %s", (long long) formats[i].t, buf);
    }
}


/*
 * Every day of years 1 to 9999, walked with a plain day counter (an
 * algorithm independent of the one under test): the epoch value goes up
 * by 86400 a day, the formatted date is the counter's date, parsing it
 * gives the value back, and the weekday cycles.
 */

static void
test_every_day(void)
{
    int          y, m, d, mdays, bad, wday;
    char         buf[32], want[32];
    int64_t      t;
    feed_date_t  date;

    static const char  *wdays[] = {
        "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
    };

    bad = 0;
    t = FEED_DATE_MIN;
    wday = 1;                   /* 0001-01-01 was a Monday */

    for (y = 1; y <= 9999 && !bad; y++) {
        for (m = 1; m <= 12 && !bad; m++) {

            if (m == 2) {
                mdays = ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)
                        ? 29 : 28;

            } else {
                mdays = (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
            }

            for (d = 1; d <= mdays; d++) {
                memcpy(want, "0000-00-00T12:34:56Z", 21);
                want[0] = (char) ('0' + y / 1000);
                want[1] = (char) ('0' + y / 100 % 10);
                want[2] = (char) ('0' + y / 10 % 10);
                want[3] = (char) ('0' + y % 10);
                want[5] = (char) ('0' + m / 10);
                want[6] = (char) ('0' + m % 10);
                want[8] = (char) ('0' + d / 10);
                want[9] = (char) ('0' + d % 10);

                feed_date_rfc3339(buf, t + 45296);

                if (strcmp(buf, want) != 0
                    || feed_date_from_civil(y, m, d, 12, 34, 56)
                       != t + 45296
                    || feed_date_parse(want, strlen(want), &date) != FEED_OK
                    || date.t != t + 45296)
                {
                    printf("#   day %s: got %s\n", want, buf);
                    bad = 1;
                    break;
                }

                feed_date_rfc822(buf, t);

                if (memcmp(buf, wdays[wday], 3) != 0) {
                    printf("#   weekday of %s: got %s\n", want, buf);
                    bad = 1;
                    break;
                }

                t += 86400;
                wday = (wday + 1) % 7;
            }
        }
    }

    ok(!bad && t == FEED_DATE_MAX + 1,
       "every day of years 1 to 9999 formats, parses and converts back");
}


/*
 * Random strings over the date alphabet and mutations of valid dates:
 * nothing is read outside the input (the sanitizer watches), and every
 * date accepted formats and parses back to the same instant.
 */

static void
test_random(void)
{
    int          bad, accepted;
    char         s[40], buf[32];
    size_t       i, j, n;
    uint64_t     x;
    feed_date_t  d, back;

    static const char  alphabet[] = "0123456789--::TtZz+., \t";

    x = 0x9e3779b97f4a7c15ULL;
    bad = 0;
    accepted = 0;

    for (i = 0; i < 200000 && !bad; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;

        if (i % 2) {
            n = x % 32;

            for (j = 0; j < n; j++) {
                s[j] = alphabet[(x >> (j % 48)) % (sizeof(alphabet) - 1)];
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            }

        } else {
            /* a valid date with one byte changed */

            j = (x >> 8) % (sizeof(valid) / sizeof(valid[0]) - 1);
            n = strlen(valid[j].in);
            memcpy(s, valid[j].in, n);
            s[(x >> 16) % n] = alphabet[(x >> 24) % (sizeof(alphabet) - 1)];
        }

        if (test_parse(s, n, &d) != FEED_OK) {
            continue;
        }

        accepted++;

        /* a zone may move the first and last days out of range */

        if (d.t >= FEED_DATE_MIN - 86400 && d.t <= FEED_DATE_MAX + 86400
            && (d.t < FEED_DATE_MIN || d.t > FEED_DATE_MAX))
        {
            continue;
        }

        feed_date_rfc3339(buf, d.t);

        if (feed_date_parse(buf, strlen(buf), &back) != FEED_OK
            || back.t != d.t)
        {
            printf("#   \"%.*s\" gave %lld\n", (int) n, s, (long long) d.t);
            bad = 1;
        }
    }

    ok(!bad && accepted > 1000,
       "200000 random inputs: accepted ones (%d) round-trip", accepted);
}


int
main(void)
{
    test_parsing();
    test_formatting();
    test_every_day();
    test_random();

    return tap_done();
}
