
/*
 * Copyright (C) ngx_feed authors
 */


#ifndef _TAP_H_INCLUDED_
#define _TAP_H_INCLUDED_


/*
 * A minimal TAP producer for the core's unit tests, so that prove runs
 * them beside the Test::Nginx suite.  Header only: each test program
 * includes it once.
 */


#include <stdarg.h>
#include <stdio.h>
#include <string.h>


static int  tap_run;
static int  tap_failed;


static inline int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
    va_list  args;

    tap_run++;

    printf("%s %d - ", cond ? "ok" : "not ok", tap_run);

    va_start(args, fmt);
    vprintf(fmt, args);
    va_end(args);

    printf("\n");

    if (!cond) {
        tap_failed++;
        printf("#   Failed at %s line %d\n", file, line);
    }

    return cond;
}


#define ok(cond, ...)  tap_ok((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)


static inline void
tap_show(const char *what, const char *s, size_t len)
{
    size_t  i;

    printf("#   %8s: ", what);

    if (s == NULL) {
        printf("(null)\n");
        return;
    }

    for (i = 0; i < len; i++) {
        if (s[i] == '\n') {
            printf("\\n");

        } else if ((unsigned char) s[i] < 0x20) {
            printf("\\x%02x", (unsigned char) s[i]);

        } else {
            putchar(s[i]);
        }
    }

    printf("\n");
}


static inline int
tap_is_mem(const char *got, size_t glen, const char *want, size_t wlen,
    const char *file, int line, const char *name)
{
    int  cond;

    cond = (got != NULL && glen == wlen && memcmp(got, want, wlen) == 0);

    if (!tap_ok(cond, file, line, "%s", name)) {
        tap_show("got", got, glen);
        tap_show("expected", want, wlen);
    }

    return cond;
}


#define is_mem(got, glen, want, wlen, name)                                   \
    tap_is_mem((const char *) (got), glen, (const char *) (want), wlen,       \
               __FILE__, __LINE__, name)

#define is_str(got, want, name)                                               \
    tap_is_mem((const char *) (got), (got) ? strlen((const char *) (got)) : 0,\
               (const char *) (want), strlen((const char *) (want)),          \
               __FILE__, __LINE__, name)


static inline int
tap_done(void)
{
    printf("1..%d\n", tap_run);

    if (tap_failed) {
        printf("# %d of %d failed\n", tap_failed, tap_run);
    }

    return tap_failed ? 1 : 0;
}


#endif /* _TAP_H_INCLUDED_ */
