
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>

#include "feed_url.h"
#include "tap.h"


/*
 * Expected values come from the specifications: RFC 3986 (character
 * classes, section 5.4 examples), the HTML escapes named in feed_url.h,
 * and, for feed_normalize_path(), nginx 1.22 itself: each literal path
 * below gives the $uri nginx computes for the same request line, with
 * merge_slashes on and off, and the rejected ones get its 400.
 *
 * Every output buffer is allocated at exactly the size the function is
 * documented to need, so that AddressSanitizer and valgrind catch a
 * single byte written past it.
 */


#define ALPHA      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#define DIGIT      "0123456789"
#define UNRESERVED ALPHA DIGIT "-._~"
#define SUB_DELIMS "!$&'()*+,;="

#define MB         (1024 * 1024)


static const char  *keep_path = UNRESERVED SUB_DELIMS ":@/";
static const char  *keep_query = UNRESERVED "!$&()*+,;=" ":@/?";
static const char  *keep_url = UNRESERVED SUB_DELIMS ":/?#[]@";

static const char  *rfc_base = "http://a/b/c/d;p?q";


#define U(s)  ((const feed_uchar_t *) (s))


/* is_mem(), but a long mismatch shows only where it starts */

static void
same(const void *got, size_t glen, const char *want, size_t wlen,
    const char *name)
{
    size_t  i;

    if (glen + wlen < 400 || got == NULL) {
        is_mem(got, glen, want, wlen, name);
        return;
    }

    for (i = 0; i < glen && i < wlen; i++) {
        if (((const char *) got)[i] != want[i]) {
            break;
        }
    }

    if (!ok(glen == wlen && i == wlen, "%s", name)) {
        printf("#   %zu bytes, expected %zu; the first difference at %zu\n",
               glen, wlen, i);
    }
}


/* a test name without the control bytes that would break TAP */

static const char *
printable(char *buf, size_t size, const char *s)
{
    char  *p, *last;

    p = buf;
    last = buf + size - 5;

    for ( /* void */ ; *s && p < last; s++) {
        if ((unsigned char) *s < 0x20 || (unsigned char) *s >= 0x7f) {
            p += snprintf(p, 5, "\\x%02x", (unsigned char) *s);

        } else {
            *p++ = *s;
        }
    }

    *p = '\0';

    return buf;
}


/* escaping, with the dst == NULL length checked against the bytes written */

static void
html_mem(const char *src, size_t len, const char *want, size_t wlen,
    const char *name)
{
    size_t         n, m;
    feed_uchar_t  *dst;

    n = feed_escape_html(NULL, U(src), len);

    dst = malloc(n + 1);
    m = feed_escape_html(dst, U(src), len);

    ok(m == n, "html %s: NULL gives the length written (%zu, %zu)",
       name, n, m);
    same(dst, m, want, wlen, name);

    free(dst);
}


static void
html(const char *src, const char *want, const char *name)
{
    html_mem(src, strlen(src), want, strlen(want), name);
}


static void
uri_mem(const char *src, size_t len, unsigned type, const char *want,
    size_t wlen, const char *name)
{
    size_t         n, m;
    feed_uchar_t  *dst;

    n = feed_escape_uri(NULL, U(src), len, type);

    dst = malloc(n + 1);
    m = feed_escape_uri(dst, U(src), len, type);

    ok(m == n, "uri %s: NULL gives the length written (%zu, %zu)",
       name, n, m);
    same(dst, m, want, wlen, name);

    free(dst);
}


static void
uri(const char *src, unsigned type, const char *want, const char *name)
{
    uri_mem(src, strlen(src), type, want, strlen(want), name);
}


/* want NULL: the path is rejected */

static void
norm_mem(const char *src, size_t len, unsigned flags, const char *want,
    size_t wlen, const char *name)
{
    ssize_t        n;
    feed_uchar_t  *dst;

    dst = malloc(3 * len + 1);
    n = feed_normalize_path(dst, U(src), len, flags);

    if (want == NULL) {
        ok(n == -1, "%s: rejected", name);

    } else if (ok(n >= 0, "%s: accepted", name)) {
        same(dst, (size_t) n, want, wlen, name);
    }

    free(dst);
}


static void
norm(const char *src, const char *merged, const char *unmerged,
    const char *name)
{
    char  title[200];

    snprintf(title, sizeof(title), "path %s, merge_slashes on", name);
    norm_mem(src, strlen(src), FEED_MERGE_SLASHES, merged,
             merged ? strlen(merged) : 0, title);

    snprintf(title, sizeof(title), "path %s, merge_slashes off", name);
    norm_mem(src, strlen(src), 0, unmerged,
             unmerged ? strlen(unmerged) : 0, title);
}


static void
args_mem(const char *src, size_t len, const char *names, const char *want,
    size_t wlen, const char *name)
{
    char          *p, *copy, *last;
    size_t         n, m, k;
    feed_str_t     v[8];
    feed_uchar_t  *dst;

    /* names: space-separated */

    copy = strdup(names);
    k = 0;

    for (p = strtok_r(copy, " ", &last); p && k < 8;
         p = strtok_r(NULL, " ", &last))
    {
        v[k].data = (feed_uchar_t *) p;
        v[k].len = strlen(p);
        k++;
    }

    dst = malloc(3 * len + 1);
    m = feed_filter_args(dst, U(src), len, v, k);
    n = feed_filter_args(NULL, U(src), len, v, k);

    ok(m == n, "args %s: NULL gives the length written (%zu, %zu)",
       name, n, m);
    same(dst, m, want, wlen, name);

    free(dst);
    free(copy);
}


static void
args(const char *src, const char *names, const char *want, const char *name)
{
    args_mem(src, strlen(src), names, want, strlen(want), name);
}


/* want NULL: rejected with the reason "error" */

static void
base_mem(const char *src, size_t len, const char *want, const char *error,
    const char *name)
{
    char           title[200];
    ssize_t        n;
    const char    *err;
    feed_uchar_t  *dst;

    dst = malloc(len + 1);
    err = "unset";
    n = feed_base_url_normalize(dst, U(src), len, &err);

    if (want == NULL) {
        ok(n == -1, "base %s: rejected", name);
        snprintf(title, sizeof(title), "base %s: the reason", name);
        is_str(err, error, title);

    } else if (ok(n > 0, "base %s: accepted (%s)", name,
                  n < 0 ? err : "ok"))
    {
        same(dst, (size_t) n, want, strlen(want), name);
    }

    free(dst);
}


static void
base(const char *src, const char *want, const char *name)
{
    base_mem(src, strlen(src), want, NULL, name);
}


static void
bad_base(const char *src, const char *error, const char *name)
{
    base_mem(src, strlen(src), NULL, error, name);
}


static void
resolve_mem(const char *b, const char *ref, size_t rlen, const char *want,
    size_t wlen, const char *name)
{
    int         rc;
    feed_buf_t  out;

    feed_buf_init(&out, 0);

    rc = feed_url_resolve(&out, U(b), strlen(b), U(ref), rlen);

    if (ok(rc == FEED_OK, "resolve %s: FEED_OK", name)) {
        same(out.data, out.len, want, wlen, name);
    }

    feed_buf_free(&out);
}


static void
resolve(const char *b, const char *ref, const char *want)
{
    char  name[300], r[100], bb[100];

    snprintf(name, sizeof(name), "\"%s\" against \"%s\"",
             printable(r, sizeof(r), ref), printable(bb, sizeof(bb), b));

    resolve_mem(b, ref, strlen(ref), want, strlen(want), name);
}


static void
safe(const char *url, int want)
{
    char  buf[100];

    ok(feed_url_is_safe(U(url), strlen(url)) == want,
       "\"%s\" is %s", printable(buf, sizeof(buf), url),
       want ? "safe" : "unsafe");
}


/* a deterministic generator for the random inputs: xorshift64 */

static uint64_t
next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;

    return *s;
}


/* no byte that could end an attribute, start a tag or break a URL */

static int
clean_url(const feed_uchar_t *p, size_t len)
{
    size_t  i;

    for (i = 0; i < len; i++) {
        if (p[i] <= ' ' || p[i] >= 0x7f || strchr("\"<>\\^`{|}", p[i])) {
            return 0;
        }
    }

    return 1;
}


static void
test_escape_html(void)
{
    html("", "", "empty");
    html("plain text", "plain text", "nothing to escape");
    html("&<>\"'", "&amp;&lt;&gt;&quot;&#39;", "the five characters");
    html("a&amp;b", "a&amp;amp;b", "an entity is escaped again");
    html("/\"><script>alert(1)</script>",
         "/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
         "an attribute breakout");
    html("' onmouseover='x", "&#39; onmouseover=&#39;x",
         "a single-quoted breakout");
    html_mem("a\0b\xff\xc3\xa9", 6, "a\0b\xff\xc3\xa9", 6,
             "NUL and non-ASCII bytes pass unchanged");
}


static void
test_escape_bytes(void)
{
    int            c, bad;
    char           want[4];
    size_t         n;
    unsigned       t;
    const char    *keep;
    feed_uchar_t   src[1], dst[3];

    static const char  *names[] = { "PATH", "QUERY", "URL" };

    /* every byte value on its own, against the RFC 3986 classes */

    for (t = 0; t < 3; t++) {
        keep = (t == FEED_ESCAPE_PATH) ? keep_path
               : (t == FEED_ESCAPE_QUERY) ? keep_query : keep_url;
        bad = 0;

        for (c = 0; c < 256; c++) {
            src[0] = (feed_uchar_t) c;

            if (c != 0 && strchr(keep, c)) {
                want[0] = (char) c;
                want[1] = '\0';

            } else {
                snprintf(want, sizeof(want), "%%%02X", c);
            }

            n = feed_escape_uri(dst, src, 1, t);

            if (n != strlen(want) || memcmp(dst, want, n) != 0
                || feed_escape_uri(NULL, src, 1, t) != n)
            {
                bad++;
                printf("# %s: byte 0x%02x gave \"%.*s\"\n",
                       names[t], c, (int) n, dst);
            }
        }

        ok(bad == 0, "%s: each of the 256 byte values", names[t]);
    }
}


static void
test_escape_uri(void)
{
    /* FEED_ESCAPE_PATH: the input is decoded, every '%' is literal */

    uri("", FEED_ESCAPE_PATH, "", "empty");
    uri("/a/b c/d", FEED_ESCAPE_PATH, "/a/b%20c/d", "path: a space");
    uri("/100%/%41", FEED_ESCAPE_PATH, "/100%25/%2541",
        "path: '%' is always encoded");
    uri("/a?b#c", FEED_ESCAPE_PATH, "/a%3Fb%23c", "path: '?' and '#'");
    uri("/~u/a:b@c;d=e,f+g!h$i&j'k(l)m*n", FEED_ESCAPE_PATH,
        "/~u/a:b@c;d=e,f+g!h$i&j'k(l)m*n", "path: sub-delims, ':', '@'");
    uri("/[]{}|\\^`", FEED_ESCAPE_PATH, "/%5B%5D%7B%7D%7C%5C%5E%60",
        "path: brackets, braces and the rest");
    uri("/\"><script>", FEED_ESCAPE_PATH, "/%22%3E%3Cscript%3E",
        "path: an attribute breakout");
    uri("/caf\xc3\xa9/\xff\xfe", FEED_ESCAPE_PATH, "/caf%C3%A9/%FF%FE",
        "path: UTF-8 and invalid UTF-8 bytes");
    uri_mem("/a\0b", 4, FEED_ESCAPE_PATH, "/a%00b", 6, "path: a NUL byte");
    uri("\t\r\n\x7f", FEED_ESCAPE_PATH, "%09%0D%0A%7F",
        "path: controls and DEL");

    /* FEED_ESCAPE_QUERY: a raw query, valid escapes stay */

    uri("a=1&b=two words", FEED_ESCAPE_QUERY, "a=1&b=two%20words",
        "query: a space");
    uri("q=%41%2f%2F", FEED_ESCAPE_QUERY, "q=%41%2f%2F",
        "query: valid escapes kept as they are");
    uri("q=100%", FEED_ESCAPE_QUERY, "q=100%25", "query: a final '%'");
    uri("q=%4", FEED_ESCAPE_QUERY, "q=%254", "query: '%' and one digit");
    uri("q=%zz%%41", FEED_ESCAPE_QUERY, "q=%25zz%25%41",
        "query: '%' without hex digits");
    uri("q=a#b", FEED_ESCAPE_QUERY, "q=a%23b", "query: '#'");
    uri("q=it's", FEED_ESCAPE_QUERY, "q=it%27s", "query: a single quote");
    uri("q=\"><script>`", FEED_ESCAPE_QUERY, "q=%22%3E%3Cscript%3E%60",
        "query: an attribute breakout");
    uri("a/b?c:d@e", FEED_ESCAPE_QUERY, "a/b?c:d@e",
        "query: '/', '?', ':' and '@'");
    uri("q=[x]{y}|\\^", FEED_ESCAPE_QUERY, "q=%5Bx%5D%7By%7D%7C%5C%5E",
        "query: characters RFC 3986 does not allow");
    uri("q=\xc3\xa9\x80", FEED_ESCAPE_QUERY, "q=%C3%A9%80",
        "query: non-ASCII bytes");

    /* FEED_ESCAPE_URL: a whole URL written by someone */

    uri("https://u@h:8/p?q=1&r=[x]#f", FEED_ESCAPE_URL,
        "https://u@h:8/p?q=1&r=[x]#f", "url: the reserved characters stay");
    uri("/my page.html", FEED_ESCAPE_URL, "/my%20page.html", "url: a space");
    uri("/a%20b/%zz/%", FEED_ESCAPE_URL, "/a%20b/%25zz/%25",
        "url: valid and invalid escapes");
    uri("/\"><script>", FEED_ESCAPE_URL, "/%22%3E%3Cscript%3E",
        "url: an attribute breakout");
    uri("/a\\b^c`d{e}f|g'h", FEED_ESCAPE_URL, "/a%5Cb%5Ec%60d%7Be%7Df%7Cg'h",
        "url: the characters RFC 3986 excludes");
    uri("/\xe2\x82\xac\xc0\xaf", FEED_ESCAPE_URL, "/%E2%82%AC%C0%AF",
        "url: UTF-8 and an overlong sequence");
    uri("/a\tb\nc", FEED_ESCAPE_URL, "/a%09b%0Ac", "url: tab and newline");
}


static void
test_normalize_path(void)
{
    size_t   i;
    char    *p, *want;

    norm("/", "/", "/", "the root");
    norm("/a/b.html", "/a/b.html", "/a/b.html", "nothing to do");
    norm("/a//b", "/a/b", "/a//b", "double slash");
    norm("/a/./b/", "/a/b/", "/a/b/", "a \".\" segment");
    norm("/a/b/..", "/a/", "/a/", "a final \"..\"");
    norm("/a/b/../", "/a/", "/a/", "\"..\" and a slash");
    norm("/.", "/", "/", "\"/.\"");
    norm("/./", "/", "/", "\"/./\"");
    norm("/..a", "/..a", "/..a", "\"..a\" is a name");
    norm("/a..", "/a..", "/a..", "\"a..\" is a name");
    norm("/a/.../b", "/a/.../b", "/a/.../b", "\"...\" is a name");
    norm("/a//b/../c/%2e%2E/d", "/a/d", "/a//d", "encoded dots");
    norm("/%2e", "/", "/", "an encoded \".\"");
    norm("/a/%2E%2E", "/", "/", "an encoded \"..\"");
    norm("/a/%2e./b", "/b", "/b", "half-encoded \"..\"");
    norm("/a/.%2e/", "/", "/", "the other half encoded");
    norm("/a/b/%2E%2E/%2e%2e/c", "/c", "/c", "two encoded \"..\"");
    norm("/a%2Fb", "/a/b", "/a/b", "an encoded slash is a slash");
    norm("/a%2F..%2Fb", "/b", "/b", "encoded slashes around \"..\"");
    norm("/a/%2F%2F/b", "/a/b", "/a////b", "encoded slashes are merged");
    norm("/a/b%3F/../c", "/a/c", "/a/c", "an encoded '?' is data");
    norm("/a%3Fb", "/a%3Fb", "/a%3Fb", "an encoded '?' stays encoded");
    norm("/a%23b", "/a%23b", "/a%23b", "an encoded '#' stays encoded");
    norm("/a%23b/..", "/", "/", "a segment with an encoded '#'");
    norm("/a%25b", "/a%25b", "/a%25b", "an encoded '%' stays encoded");
    norm("/%41%7e%7E%2b", "/A~~+", "/A~~+", "unreserved escapes decoded");
    norm("/a+b", "/a+b", "/a+b", "'+' is kept");
    norm("/caf%C3%A9", "/caf%C3%A9", "/caf%C3%A9", "encoded UTF-8");
    norm("/caf\xc3\xa9/\xff", "/caf%C3%A9/%FF", "/caf%C3%A9/%FF",
         "raw UTF-8 and an invalid byte");
    norm("/a%20b", "/a%20b", "/a%20b", "an encoded space");
    norm("/a\\b", "/a%5Cb", "/a%5Cb", "a backslash is not a separator");
    norm("/a%5Cb", "/a%5Cb", "/a%5Cb", "an encoded backslash");
    norm("/~user/", "/~user/", "/~user/", "a tilde");
    norm("/a#b", "/a", "/a", "'#' ends the path");
    norm("/a/..#x", "/", "/", "'#' after \"..\"");
    norm("/a?b", "/a", "/a", "'?' ends the path");
    norm("/\"><script>", "/%22%3E%3Cscript%3E", "/%22%3E%3Cscript%3E",
         "an attribute breakout");
    norm("/%22%3E%3Cscript%3E", "/%22%3E%3Cscript%3E",
         "/%22%3E%3Cscript%3E", "an encoded attribute breakout");
    norm("/////..", NULL, "////", "slashes and \"..\"");

    /* what nginx answers with 400 */

    norm("/..", NULL, NULL, "\"..\" at the root");
    norm("/../../etc/passwd", NULL, NULL, "climbing out");
    norm("/a/b/../../..", NULL, NULL, "one \"..\" too many");
    norm("/a/%2e%2e/%2E./b", NULL, NULL, "climbing out, encoded");
    norm("/%00", NULL, NULL, "an encoded NUL");
    norm("/a%00.html", NULL, NULL, "an encoded NUL in a name");
    norm("/%zz", NULL, NULL, "'%' without hex digits");
    norm("/a%", NULL, NULL, "a final '%'");
    norm("/a%4", NULL, NULL, "'%' and one digit");
    norm("a/b", NULL, NULL, "no leading slash");
    norm("", NULL, NULL, "empty");
    norm("%2Fa", NULL, NULL, "an encoded leading slash");

    /* 10,000 slashes */

    p = malloc(10002);
    memset(p, '/', 10000);
    p[10000] = '.';
    p[10001] = '.';

    norm_mem(p, 10000, FEED_MERGE_SLASHES, "/", 1,
             "10,000 slashes, merged");
    norm_mem(p, 10000, 0, p, 10000, "10,000 slashes, kept");
    norm_mem(p, 10002, 0, p, 9999, "10,000 slashes and \"..\"");
    norm_mem(p, 10002, FEED_MERGE_SLASHES, NULL, 0,
             "10,000 merged slashes and \"..\"");

    free(p);

    /* 1 MB */

    p = malloc(MB);

    want = malloc(3 * MB);

    for (i = 0; i < MB / 4; i++) {
        memcpy(p + 4 * i, "/a/.", 4);
        memcpy(want + 2 * i, "/a", 2);
    }

    want[MB / 2] = '/';

    norm_mem(p, MB, FEED_MERGE_SLASHES, want, MB / 2 + 1,
             "1 MB of \"/a/.\"");

    for (i = 0; i + 5 <= MB; i += 5) {
        memcpy(p + i, "/a/..", 5);
    }

    norm_mem(p, i, 0, "/", 1, "1 MB of \"/a/..\"");

    memset(p, '%', MB);
    p[0] = '/';
    norm_mem(p, MB, 0, NULL, 0, "1 MB of '%'");

    for (i = 0; i < MB; i += 4) {
        memcpy(p + i, "/%22", 4);
    }

    norm_mem(p, MB, 0, p, MB, "1 MB of \"/%22\"");

    memset(p, '<', MB);
    p[0] = '/';
    want[0] = '/';

    for (i = 1; i < MB; i++) {
        memcpy(want + 3 * i - 2, "%3C", 3);
    }

    norm_mem(p, MB, 0, want, 3 * MB - 2, "1 MB of '<': three times the size");

    free(want);
    free(p);
}


static void
test_filter_args(void)
{
    char    *p, *want;
    size_t   i;

    args("a=1&b=2&c=3", "a c", "a=1&c=3", "two of three");
    args("a=1&b=2&c=3", "c a", "a=1&c=3", "in the order of the request");
    args("utm_source=x&page=2&utm_medium=y", "page", "page=2",
         "utm_* dropped");
    args("page", "page", "page", "an argument without '='");
    args("page=", "page", "page=", "an empty value");
    args("&&page=2&&", "page", "page=2", "empty arguments dropped");
    args("page=1&page=2", "page", "page=1&page=2", "a repeated argument");
    args("pag=1&pages=2&page=3&xpage=4", "page", "page=3",
         "names are compared whole");
    args("Page=2", "page", "Page=2",
         "names are compared without regard to case, as $arg_ does");
    args("pa%67e=2", "page", "", "names are compared undecoded");
    args("pa%67e=2", "pa%67e", "pa%67e=2", "an encoded name, configured so");
    args("page=1;x=2", "page", "page=1;x=2", "';' is not a separator");
    args("page=1;x=2", "x", "", "not even for the name");
    args("=x&page=1", "page", "page=1", "an argument without a name");
    args("a=1&b=2", "c", "", "nothing kept");
    args("", "page", "", "no arguments");
    args("a=1", "", "", "no names");
    args("q=two words&q=100%&q=%41", "q", "q=two%20words&q=100%25&q=%41",
         "values escaped as a query");
    args("q=\"><script>&x=1", "q", "q=%22%3E%3Cscript%3E",
         "an attribute breakout");
    args("q=it's#frag", "q", "q=it%27s%23frag", "a quote and '#'");
    args("q=\xc3\xa9\xff", "q", "q=%C3%A9%FF", "non-ASCII bytes");
    args_mem("q=a\0b&r", 7, "q r", "q=a%00b&r", 9, "a NUL byte");

    /* 1 MB: 262,144 arguments */

    p = malloc(MB);
    want = malloc(MB);

    for (i = 0; i < MB; i += 4) {
        memcpy(p + i, (i / 4) % 2 ? "a=1&" : "b=<&", 4);
    }

    args_mem(p, MB, "x", "", 0, "1 MB, nothing kept");

    for (i = 0; i < MB / 8; i++) {
        memcpy(want + i * 4, "a=1&", 4);
    }

    args_mem(p, MB, "a", want, MB / 2 - 1, "1 MB, every other kept");

    free(want);
    want = malloc(2 * MB);

    /* 6 bytes for each of the 131,072 arguments, less the last '&' */

    for (i = 0; i < MB / 8; i++) {
        memcpy(want + i * 6, "b=%3C&", 6);
    }

    args_mem(p, MB, "b", want, 6 * (MB / 8) - 1, "1 MB, escaped");

    free(want);
    free(p);
}


static void
test_base_url(void)
{
    char    *p;
    size_t   i;

    base("https://Shop.Example.com:443/", "https://shop.example.com",
         "the example");
    base("HTTP://EXAMPLE.COM", "http://example.com", "upper case");
    base("http://example.com:80", "http://example.com", "port 80 on http");
    base("http://example.com:443", "http://example.com:443",
         "port 443 on http");
    base("https://example.com:80", "https://example.com:80",
         "port 80 on https");
    base("https://example.com:0443", "https://example.com",
         "a leading zero in the port");
    base("https://example.com:8443/blog/", "https://example.com:8443/blog",
         "a port and a path prefix");
    base("https://example.com/blog", "https://example.com/blog",
         "a path prefix");
    base("https://example.com/Blog/2024/", "https://example.com/Blog/2024",
         "the path keeps its case");
    base("https://example.com/a%2fb~c", "https://example.com/a%2Fb~c",
         "escapes in the path in upper case");
    base("http://localhost:65535", "http://localhost:65535",
         "the highest port");
    base("http://xn--bcher-kva.example", "http://xn--bcher-kva.example",
         "punycode");
    base("http://127.0.0.1:8080/", "http://127.0.0.1:8080", "IPv4");
    base("http://0.0.0.0", "http://0.0.0.0", "IPv4 zeros");
    base("http://1.example.123a", "http://1.example.123a",
         "digits in labels");
    base("http://[::1]:8080/", "http://[::1]:8080", "IPv6 loopback");
    base("http://[2001:DB8::A:1]", "http://[2001:db8::a:1]",
         "IPv6 in lower case");
    base("http://[1:2:3:4:5:6:7:8]", "http://[1:2:3:4:5:6:7:8]",
         "IPv6, eight groups");
    base("http://[::ffff:192.0.2.1]", "http://[::ffff:192.0.2.1]",
         "IPv6 with IPv4");
    base("http://[1::]", "http://[1::]", "IPv6 ending in \"::\"");
    base("http://[::]", "http://[::]", "IPv6 \"::\"");

    p = malloc(300);

    for (i = 0; i < 253; i += 2) {
        memcpy(p + 7 + i, "a.", 2);
    }

    memcpy(p, "http://", 7);
    p[7 + 253] = '\0';
    base(p, p, "a host of 253 bytes");

    p[7 + 253] = 'a';
    p[7 + 254] = '\0';
    bad_base(p, "host name is too long", "a host of 254 bytes");

    memset(p + 7, 'a', 63);
    memcpy(p + 70, ".com", 5);
    base(p, p, "a label of 63 bytes");

    memset(p + 7, 'a', 64);
    memcpy(p + 71, ".com", 5);
    bad_base(p, "host name label is too long", "a label of 64 bytes");

    free(p);

    bad_base("ftp://example.com", "scheme must be http or https",
             "ftp");
    bad_base("javascript:alert(1)", "scheme must be http or https",
             "javascript");
    bad_base("example.com", "must be an absolute URL, such as "
             "https://example.com", "no scheme");
    bad_base("//example.com", "must be an absolute URL, such as "
             "https://example.com", "a network-path reference");
    bad_base("", "must be an absolute URL, such as https://example.com",
             "empty");
    bad_base("http:example.com", "missing host", "no \"//\"");
    bad_base("http://", "missing host", "nothing after the scheme");
    bad_base("https:///path", "missing host", "an empty host");
    bad_base("https://:443", "missing host", "only a port");
    bad_base("https://user:pw@example.com", "must not contain user "
             "information", "userinfo");
    bad_base("https://@example.com", "must not contain user information",
             "an empty userinfo");
    bad_base("https://example.com/?a=1", "must not contain a query",
             "a query");
    bad_base("https://example.com?", "must not contain a query",
             "an empty query");
    bad_base("https://example.com/blog#top", "must not contain a fragment",
             "a fragment");
    bad_base("https://exa mple.com", "must not contain spaces or control "
             "characters", "a space");
    bad_base(" https://example.com", "must not contain spaces or control "
             "characters", "a leading space");
    bad_base("https://example.com/\t", "must not contain spaces or control "
             "characters", "a tab");
    base_mem("https://a\0.com", 14, NULL, "must not contain spaces or "
             "control characters", "a NUL byte");
    bad_base("https://ex\xc3\xa4mple.com", "must be ASCII: punycode for the "
             "host, percent-encoding for the path", "UTF-8");
    bad_base("https://example.com/\xff", "must be ASCII: punycode for the "
             "host, percent-encoding for the path", "an invalid byte");
    bad_base("https://example.com:0", "invalid port", "port 0");
    bad_base("https://example.com:65536", "invalid port", "port 65536");
    bad_base("https://example.com:99999999999999999999999", "invalid port",
             "a huge port");
    bad_base("https://example.com:", "invalid port", "an empty port");
    bad_base("https://example.com:8a", "invalid port", "a letter");
    bad_base("https://example.com:-1", "invalid port", "a sign");
    bad_base("https://example.com:80:80", "invalid port", "two ports");
    bad_base("https://ex_ample.com", "invalid character in host",
             "an underscore");
    bad_base("https://ex%41mple.com", "invalid character in host",
             "an escape in the host");
    bad_base("https://a..b", "empty label in host", "an empty label");
    bad_base("https://.example.com", "empty label in host",
             "a leading dot");
    bad_base("https://example.com.", "empty label in host",
             "a trailing dot");
    bad_base("https://-a.com", "host name label must not begin or end "
             "with \"-\"", "a leading hyphen");
    bad_base("https://a-.com", "host name label must not begin or end "
             "with \"-\"", "a trailing hyphen");
    bad_base("http://256.1.1.1", "invalid IPv4 address", "IPv4 over 255");
    bad_base("http://1.2.3", "invalid IPv4 address", "IPv4, three parts");
    bad_base("http://1.2.3.4.5", "invalid IPv4 address", "IPv4, five parts");
    bad_base("http://01.2.3.4", "invalid IPv4 address", "an octal part");
    bad_base("http://1234", "invalid IPv4 address", "a number");
    bad_base("http://[::1", "invalid IPv6 address", "no ']'");
    bad_base("http://[]", "invalid IPv6 address", "empty brackets");
    bad_base("http://[1:2:3:4:5:6:7:8:9]", "invalid IPv6 address",
             "nine groups");
    bad_base("http://[1:2:3:4:5:6:7]", "invalid IPv6 address",
             "seven groups");
    bad_base("http://[1::2::3]", "invalid IPv6 address", "two \"::\"");
    bad_base("http://[12345::]", "invalid IPv6 address", "a long group");
    bad_base("http://[:1::]", "invalid IPv6 address", "a leading ':'");
    bad_base("http://[1:]", "invalid IPv6 address", "a trailing ':'");
    bad_base("http://[::1]x", "invalid IPv6 address",
             "junk after the brackets");
    bad_base("http://[fe80::1%25eth0]", "invalid IPv6 address",
             "a zone identifier");
    bad_base("http://[v1.x]", "invalid IPv6 address", "IPvFuture");
    bad_base("http://[1:2:3:4:5:6:7:1.2.3.4]", "invalid IPv6 address",
             "IPv4 in place of one group");
    bad_base("https://example.com/a//b", "path must not contain empty "
             "segments", "an empty segment");
    bad_base("https://example.com//", "path must not contain empty "
             "segments", "two slashes");
    bad_base("https://example.com/a/../b", "path must not contain \".\" "
             "or \"..\" segments", "\"..\"");
    bad_base("https://example.com/./", "path must not contain \".\" "
             "or \"..\" segments", "\".\"");
    bad_base("https://example.com/%2E%2e", "path must not contain \".\" "
             "or \"..\" segments", "an encoded \"..\"");
    bad_base("https://example.com/a%zz", "invalid percent-encoding in path",
             "a bad escape");
    bad_base("https://example.com/a%4", "invalid percent-encoding in path",
             "a short escape");
    bad_base("https://example.com/\"><script>", "invalid character in path",
             "an attribute breakout");
    bad_base("https://example.com/a\\b", "invalid character in path",
             "a backslash");

    /* 1 MB: a long path is still a path */

    p = malloc(MB + 1);
    memcpy(p, "https://example.com/", 20);
    memset(p + 20, 'a', MB - 20);
    p[MB] = '\0';
    base(p, p, "a path of 1 MB");

    memset(p + 8, 'a', MB - 8);
    bad_base(p, "host name is too long", "a host of 1 MB");

    free(p);
}


static void
test_resolve_rfc(void)
{
    /* RFC 3986, section 5.4.1 */

    resolve(rfc_base, "g:h", "g:h");
    resolve(rfc_base, "g", "http://a/b/c/g");
    resolve(rfc_base, "./g", "http://a/b/c/g");
    resolve(rfc_base, "g/", "http://a/b/c/g/");
    resolve(rfc_base, "/g", "http://a/g");
    resolve(rfc_base, "//g", "http://g");
    resolve(rfc_base, "?y", "http://a/b/c/d;p?y");
    resolve(rfc_base, "g?y", "http://a/b/c/g?y");
    resolve(rfc_base, "#s", "http://a/b/c/d;p?q#s");
    resolve(rfc_base, "g#s", "http://a/b/c/g#s");
    resolve(rfc_base, "g?y#s", "http://a/b/c/g?y#s");
    resolve(rfc_base, ";x", "http://a/b/c/;x");
    resolve(rfc_base, "g;x", "http://a/b/c/g;x");
    resolve(rfc_base, "g;x?y#s", "http://a/b/c/g;x?y#s");
    resolve(rfc_base, "", "http://a/b/c/d;p?q");
    resolve(rfc_base, ".", "http://a/b/c/");
    resolve(rfc_base, "./", "http://a/b/c/");
    resolve(rfc_base, "..", "http://a/b/");
    resolve(rfc_base, "../", "http://a/b/");
    resolve(rfc_base, "../g", "http://a/b/g");
    resolve(rfc_base, "../..", "http://a/");
    resolve(rfc_base, "../../", "http://a/");
    resolve(rfc_base, "../../g", "http://a/g");

    /* RFC 3986, section 5.4.2, with the strict parser */

    resolve(rfc_base, "../../../g", "http://a/g");
    resolve(rfc_base, "../../../../g", "http://a/g");
    resolve(rfc_base, "/./g", "http://a/g");
    resolve(rfc_base, "/../g", "http://a/g");
    resolve(rfc_base, "g.", "http://a/b/c/g.");
    resolve(rfc_base, ".g", "http://a/b/c/.g");
    resolve(rfc_base, "g..", "http://a/b/c/g..");
    resolve(rfc_base, "..g", "http://a/b/c/..g");
    resolve(rfc_base, "./../g", "http://a/b/g");
    resolve(rfc_base, "./g/.", "http://a/b/c/g/");
    resolve(rfc_base, "g/./h", "http://a/b/c/g/h");
    resolve(rfc_base, "g/../h", "http://a/b/c/h");
    resolve(rfc_base, "g;x=1/./y", "http://a/b/c/g;x=1/y");
    resolve(rfc_base, "g;x=1/../y", "http://a/b/c/y");
    resolve(rfc_base, "g?y/./x", "http://a/b/c/g?y/./x");
    resolve(rfc_base, "g?y/../x", "http://a/b/c/g?y/../x");
    resolve(rfc_base, "g#s/./x", "http://a/b/c/g#s/./x");
    resolve(rfc_base, "g#s/../x", "http://a/b/c/g#s/../x");
    resolve(rfc_base, "http:g", "http:g");
}


static void
test_resolve(void)
{
    int          rc;
    char        *p, *want;
    size_t       i;
    feed_buf_t   out;

    /* cleaned as browsers clean an href */

    resolve(rfc_base, "  g  ", "http://a/b/c/g");
    resolve(rfc_base, "\t\r\n g?x=1 \n", "http://a/b/c/g?x=1");
    resolve(rfc_base, "\x01\x1fg\x7f", "http://a/b/c/g%7F");
    resolve(rfc_base, "g\th\ni\rj", "http://a/b/c/ghij");
    resolve(rfc_base, "ht\ntp://x.example/", "http://x.example/");
    resolve(rfc_base, " \t ", "http://a/b/c/d;p?q");
    resolve(" http://a/b\n ", "c", "http://a/c");
    resolve_mem(rfc_base, "\0g\0", 3, "http://a/b/c/g", 14,
                "NUL bytes around");

    /* escaped as FEED_ESCAPE_URL */

    resolve(rfc_base, "a b", "http://a/b/c/a%20b");
    resolve(rfc_base, "a\\b", "http://a/b/c/a%5Cb");
    resolve(rfc_base, "%zz", "http://a/b/c/%25zz");
    resolve(rfc_base, "a%2fb", "http://a/b/c/a%2fb");
    resolve(rfc_base, "caf\xc3\xa9", "http://a/b/c/caf%C3%A9");
    resolve(rfc_base, "\xff\xfe/x", "http://a/b/c/%FF%FE/x");
    resolve(rfc_base, "\"><script>", "http://a/b/c/%22%3E%3Cscript%3E");
    resolve(rfc_base, "g?q=a b#frag ment",
            "http://a/b/c/g?q=a%20b#frag%20ment");
    resolve(rfc_base, "[x]", "http://a/b/c/[x]");

    /* components */

    resolve(rfc_base, "?", "http://a/b/c/d;p?");
    resolve(rfc_base, "#", "http://a/b/c/d;p?q#");
    resolve("http://a/b#frag", "", "http://a/b");
    resolve("http://a/b#frag", "#x", "http://a/b#x");
    resolve("http://a/b#frag", "?y", "http://a/b?y");
    resolve("http://a", "g", "http://a/g");
    resolve("http://a", "", "http://a");
    resolve("http://a/b/../c", "", "http://a/c");
    resolve("http://a/b/../c", "?x", "http://a/c?x");
    resolve("mailto:x", "y", "mailto:y");
    resolve("foo:a/b/../c", "d", "foo:a/d");
    resolve(rfc_base, "//G/x", "http://g/x");
    resolve(rfc_base, "//User@Host:80/p", "http://User@host:80/p");
    resolve(rfc_base, "HTTPS://WWW.Example.COM/A?B#C",
            "https://www.example.com/A?B#C");
    resolve(rfc_base, "//%C3%A9.example/", "http://%C3%A9.example/");
    resolve("HTTP://A/b", "c", "http://a/c");
    resolve(rfc_base, "javascript:alert(1)", "javascript:alert(1)");
    resolve(rfc_base, "mailto:Joe@Example.com", "mailto:Joe@Example.com");
    resolve(rfc_base, "1:x", "http://a/b/c/1:x");

    /* dots written as %2e count, as in browsers */

    resolve(rfc_base, "%2e%2e/g", "http://a/b/g");
    resolve(rfc_base, "%2E/g", "http://a/b/c/g");
    resolve(rfc_base, ".%2E/.%2e/%2E%2E/g", "http://a/g");
    resolve(rfc_base, "%2e%2e%2e/g", "http://a/b/c/%2e%2e%2e/g");

    /* a base that is not absolute */

    feed_buf_init(&out, 0);

    rc = feed_url_resolve(&out, U("/a/b"), 4, U("c"), 1);
    ok(rc == FEED_ERROR && out.len == 0, "a relative base: FEED_ERROR");

    rc = feed_url_resolve(&out, U("//a/b"), 5, U("c"), 1);
    ok(rc == FEED_ERROR && out.len == 0, "a network-path base: FEED_ERROR");

    rc = feed_url_resolve(&out, U(""), 0, U("http://a/"), 9);
    ok(rc == FEED_ERROR && out.len == 0, "an empty base: FEED_ERROR");

    rc = feed_url_resolve(&out, U("1a:b"), 4, U("c"), 1);
    ok(rc == FEED_ERROR && out.len == 0, "a bad scheme: FEED_ERROR");

    /* appends */

    feed_buf_add_str(&out, "<");
    rc = feed_url_resolve(&out, U(rfc_base), strlen(rfc_base), U("g"), 1);
    feed_buf_add_str(&out, ">");

    ok(rc == FEED_OK, "appending: FEED_OK");
    is_mem(out.data, out.len, "<http://a/b/c/g>", 16, "appends to the buffer");

    feed_buf_free(&out);

    /* a buffer that cannot grow */

    feed_buf_init(&out, 10);

    rc = feed_url_resolve(&out, U(rfc_base), strlen(rfc_base), U("g"), 1);
    ok(rc == FEED_ERROR && out.failed, "a full buffer: FEED_ERROR");

    rc = feed_url_resolve(&out, U(rfc_base), strlen(rfc_base), U(""), 0);
    ok(rc == FEED_ERROR, "a failed buffer stays failed");

    feed_buf_free(&out);

    /* 10,000 slashes, and 1 MB */

    p = malloc(3 * MB);
    want = malloc(3 * MB + 32);

    if (p == NULL || want == NULL) {
        ok(0, "memory for the large inputs");
        free(p);
        free(want);
        return;
    }

    memset(p, '/', 10000);
    memcpy(want, "http:", 5);
    memset(want + 5, '/', 10000);
    resolve_mem(rfc_base, p, 10000, want, 10005,
                "10,000 slashes: an empty authority and 9,998 slashes");

    memcpy(p, "g", 1);
    memcpy(want, "http://a/b/c/g", 14);
    memset(want + 14, '/', 9999);
    resolve_mem(rfc_base, p, 10000, want, 10013, "a name and 9,999 slashes");

    for (i = 0; i < MB; i += 2) {
        memcpy(p + i, "x/", 2);
    }

    memcpy(want, "http://a/b/c/", 13);
    memcpy(want + 13, p, MB);
    resolve_mem(rfc_base, p, MB, want, 13 + MB, "1 MB of \"x/\"");

    for (i = 0; i + 3 <= MB; i += 3) {
        memcpy(p + i, "../", 3);
    }

    resolve_mem(rfc_base, p, i, "http://a/", 9, "1 MB of \"../\"");

    memset(p, '"', MB);
    memcpy(want, "http://a/b/c/", 13);

    for (i = 0; i < MB; i++) {
        memcpy(want + 13 + 3 * i, "%22", 3);
    }

    resolve_mem(rfc_base, p, MB, want, 13 + 3 * MB, "1 MB of '\"'");

    free(want);
    free(p);
}


/*
 * Plain URLs take a shorter way, without a copy; a leading space, which
 * cleaning removes, sends the same URLs the general way, and both must
 * agree.
 */

static void
test_resolve_plain(void)
{
    int              bad, good;
    char             base[80], ref[160];
    size_t           i, i2, j, k, n, len;
    uint64_t         seed;
    feed_buf_t       a, b;
    feed_url_base_t  ub;

    static const char  *bases[] = {
        "https://www.example.com/src/page.html",
        "HTTPS://Www.Example.COM:8443/Src/Page.html?Q=1#F",
        "http://a/b/c/d;p?q",
        "http://a",
        "http://a?q#f",
        "http://a/b/",
        "http://a/.b/c",
        "http://u@a/b",
        "http://a%41/b",
        "http://a/b%2Fc/d%41?%zz",
        "http://a/%2e/b",
        "http://a/b/%2E%2e/c",
        "s+x.y-z://a/b:c/d",
        "http:/a/b",
        "mailto:x@y"
    };

    static const char  *pieces[] = {
        "/", "/", "/", "//", ".", "..", ".x", "x.", "a", "B", "g;h=1", ":",
        "?", "#", "@", "%", "%2e", "%2E", "%41", "%4", "%zz", "~", "[]",
        "http:", "HTTP:", "X+1.y:", "//H.Example", "//u@h", "\"", " "
    };

    resolve("HTTPS://Www.Example.COM/src/page.html", "/about.html#tom",
            "https://www.example.com/about.html#tom");
    resolve("https://www.example.com/src/page.html", "entry-080.html",
            "https://www.example.com/src/entry-080.html");
    resolve("https://www.example.com/src/page.html",
            "HTTPS://Other.Example/A/B?C=D#E",
            "https://other.example/A/B?C=D#E");
    resolve("https://www.example.com/src/page.html", "//Other.Example",
            "https://other.example");
    resolve("http://a", "b?c#d", "http://a/b?c#d");
    resolve("http://a/b?q/./x#f", "", "http://a/b?q/./x");
    resolve("http://a/b?q/./x#f", "#g", "http://a/b?q/./x#g");
    resolve("http://a/b/.c/d", "e", "http://a/b/.c/e");
    resolve("http://a/b/c", "d/.e/f", "http://a/b/d/.e/f");
    resolve("http://a/b/c", "x:.y", "x:.y");
    resolve("http://a/b/c", "x:./y", "x:y");
    resolve("http://a/b/c", "e.", "http://a/b/e.");
    resolve("http://a/b/c", "e?.", "http://a/b/e?.");
    resolve("http://a/b/c", "http:", "http:");
    resolve("http://a/b/c", "http://", "http://");
    resolve("http://a/b/c", "//", "http://");
    resolve("http://a/b/c", "mailto:Ann@Example.com?subject=Hi",
            "mailto:Ann@Example.com?subject=Hi");
    resolve("http://a:80/", "//b:8080?x", "http://b:8080?x");
    resolve("http://a/b", "caf%C3%A9/%2Fx?q=%20#%7e",
            "http://a/caf%C3%A9/%2Fx?q=%20#%7e");
    resolve("http://a/b%2Fc/d", "e", "http://a/b%2Fc/e");
    resolve("http://a/b%2Fc/d?%41", "", "http://a/b%2Fc/d?%41");
    resolve("http://a/%2e/b", "c", "http://a/c");
    resolve("http://a/b/c", "x/%2E/y%2e/%2ez", "http://a/b/x/y%2e/%2ez");
    resolve("http://a/b/c", "x%4", "http://a/b/x%254");

    seed = 0x2545f4914f6cdd1dULL;
    bad = 0;

    for (k = 0; k < 20000; k++) {
        base[0] = ' ';
        n = strlen(bases[k % (sizeof(bases) / sizeof(bases[0]))]);
        memcpy(base + 1, bases[k % (sizeof(bases) / sizeof(bases[0]))], n);

        ref[0] = ' ';
        len = 1;

        for (i = next_random(&seed) % 8; i > 0; i--) {
            j = next_random(&seed) % (sizeof(pieces) / sizeof(pieces[0]));
            memcpy(ref + len, pieces[j], strlen(pieces[j]));
            len += strlen(pieces[j]);
        }

        feed_buf_init(&a, 0);
        feed_buf_init(&b, 0);

        if (feed_url_resolve(&a, U(base + 1), n, U(ref + 1), len - 1)
            != feed_url_resolve(&b, U(base), n + 1, U(ref), len)
            || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len)))
        {
            bad++;
        }

        feed_buf_free(&a);
        feed_buf_free(&b);
    }

    ok(bad == 0, "plain URLs resolve as in the general way (%d bad)", bad);

    /* a base read once serves many references, as a page's does */

    bad = 0;

    for (k = 0; k < sizeof(bases) / sizeof(bases[0]); k++) {
        n = strlen(bases[k]);
        memcpy(base, bases[k], n);
        feed_url_base(&ub, U(base), n);

        for (j = 0; j < 1000; j++) {
            len = 0;

            for (i = next_random(&seed) % 8; i > 0; i--) {
                i2 = next_random(&seed) % (sizeof(pieces) / sizeof(pieces[0]));
                memcpy(ref + len, pieces[i2], strlen(pieces[i2]));
                len += strlen(pieces[i2]);
            }

            feed_buf_init(&a, 0);
            feed_buf_init(&b, 0);

            if (feed_url_resolve_base(&a, &ub, U(ref), len)
                != feed_url_resolve(&b, U(bases[k]), n, U(ref), len)
                || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len)))
            {
                bad++;
            }

            feed_buf_free(&a);
            feed_buf_free(&b);
        }
    }

    ok(bad == 0, "a base read once resolves as each time (%d bad)", bad);

    /* URLs that resolution gives back as they are */

    good = 0;

    ok(feed_url_resolved(U("https://a.b/c?d#e"), 17), "resolved: plain");
    ok(feed_url_resolved(U("https://a"), 9), "resolved: no path");
    ok(feed_url_resolved(U("http://a/b%2e/c.d"), 17),
       "resolved: dots and escapes inside segments");
    ok(!feed_url_resolved(U("HTTPS://a/"), 10), "resolved: not, a capital");
    ok(!feed_url_resolved(U("https://A/"), 10), "resolved: not, a capital");
    ok(!feed_url_resolved(U("https://a/./b"), 13), "resolved: not, a dot");
    ok(!feed_url_resolved(U("https://a/%2E"), 13),
       "resolved: not, an escaped dot");
    ok(!feed_url_resolved(U("https://u@a/"), 12), "resolved: not, a user");
    ok(!feed_url_resolved(U("https://a/b c"), 13), "resolved: not, a space");
    ok(!feed_url_resolved(U("https:/a"), 8), "resolved: not, one slash");
    ok(!feed_url_resolved(U("mailto:x@y"), 10), "resolved: not, mailto");
    ok(!feed_url_resolved(U("/a"), 2), "resolved: not, relative");
    ok(feed_url_resolved(U("https://a/b c"), 11), "resolved: its length only");

    bad = 0;

    for (k = 0; k < 20000; k++) {
        memcpy(ref, k & 1 ? "http:" : "s+x.y://", k & 1 ? 5 : 8);
        len = k & 1 ? 5 : 8;

        for (i = next_random(&seed) % 8; i > 0; i--) {
            j = next_random(&seed) % (sizeof(pieces) / sizeof(pieces[0]));
            memcpy(ref + len, pieces[j], strlen(pieces[j]));
            len += strlen(pieces[j]);
        }

        if (!feed_url_resolved(U(ref), len)) {
            continue;
        }

        good++;
        n = k % (sizeof(bases) / sizeof(bases[0]));
        feed_buf_init(&a, 0);

        if (feed_url_resolve(&a, U(bases[n]), strlen(bases[n]), U(ref), len)
            != FEED_OK || a.len != len || memcmp(a.data, ref, len))
        {
            bad++;
        }

        feed_buf_free(&a);
    }

    ok(bad == 0 && good > 1000,
       "resolved URLs resolve as they are (%d bad of %d)", bad, good);

    /* against a base read once: its scheme and authority, or others */

    bad = 0;
    good = 0;

    for (k = 0; k < 40000; k++) {
        n = k % (sizeof(bases) / sizeof(bases[0]));
        feed_url_base(&ub, U(bases[n]), strlen(bases[n]));

        if (ub.slen == 0) {
            continue;
        }

        len = 0;

        if (k & 1) {
            len = ub.aend ? (size_t) (ub.aend - ub.data) : ub.slen + 2;
            memcpy(ref, bases[n], len);

        } else if (k & 2) {
            memcpy(ref, "https://x.org", 13);
            len = 13;
        }

        for (i = next_random(&seed) % 6; i > 0; i--) {
            j = next_random(&seed) % (sizeof(pieces) / sizeof(pieces[0]));
            memcpy(ref + len, pieces[j], strlen(pieces[j]));
            len += strlen(pieces[j]);
        }

        for (j = 0; j < 2; j++) {
            i2 = feed_url_resolved(U(ref), len)
                 && (j == 0 || feed_url_is_safe(U(ref), len));

            good += (int) i2;
            bad += (feed_url_resolved_base(&ub, U(ref), len, (int) j)
                    != (int) i2);
        }
    }

    ok(bad == 0 && good > 1000,
       "resolved against a base as without it (%d bad of %d)", bad, good);
}


static void
test_is_safe(void)
{
    char    *p;

    safe("http://example.com/", 1);
    safe("HTTPS://example.com/", 1);
    safe("https:", 1);
    safe("mailto:a@example.com", 1);
    safe("MailTo:a@example.com", 1);
    safe("/path", 1);
    safe("path/to", 1);
    safe("./javascript:alert(1)", 1);
    safe("a/b:c", 1);
    safe("?q=javascript:x", 1);
    safe("#javascript:x", 1);
    safe("//example.com/x", 1);
    safe("", 1);
    safe("   ", 1);
    safe("ht\ttp://x", 1);
    safe(" \x01https://x", 1);

    safe("javascript:alert(1)", 0);
    safe("JavaScript:alert(1)", 0);
    safe("  javascript:alert(1)", 0);
    safe("\x01\x02javascript:x", 0);
    safe("java\tscript:x", 0);
    safe("java\nscript:x", 0);
    safe("jav\rascript:x", 0);
    safe("\njava\tscr\nipt\r:x", 0);
    safe("vbscript:msgbox", 0);
    safe("VBScript:msgbox", 0);
    safe("data:text/html,<script>alert(1)</script>", 0);
    safe("data:image/png;base64,AAAA", 0);
    safe("ftp://example.com/", 0);
    safe("file:///etc/passwd", 0);
    safe("httpx://x", 0);
    safe("https2://x", 0);
    safe("mailtox:a", 0);
    safe("mailtx:a", 0);
    safe("htt:x", 0);
    safe("java script:x", 0);
    safe(":x", 0);
    safe("\xe2\x80\x8bjavascript:x", 0);

    ok(feed_url_is_safe(U("java\0script:x"), 14) == 0,
       "a NUL inside the scheme: unsafe");

    p = malloc(MB + 1);
    memset(p, 'a', MB);
    ok(feed_url_is_safe(U(p), MB) == 1, "1 MB without a colon: safe");

    p[MB] = ':';
    ok(feed_url_is_safe(U(p), MB + 1) == 0, "a 1 MB scheme: unsafe");

    free(p);
}


/*
 * Random bytes, weighted towards the characters that matter: whatever
 * comes in, what comes out is safe in an attribute, and the NULL length
 * is the length written.
 */

static void
test_random(void)
{
    int            bad_len, bad_byte, bad_rc;
    size_t         i, k, len, n, m;
    ssize_t        s;
    uint64_t       seed;
    unsigned       t;
    feed_buf_t     out;
    feed_str_t     name;
    feed_uchar_t   src[64], *dst;

    static const char  alphabet[] = "/./..%2e%2E%2F%00%zz?#&=;:@\\\"'<> \t"
                                    "\n\x01\x7f\x80\xc3\xa9\xff"
                                    "abcAB09%41~!$()*+,[]{}|^`";

    seed = 0x9e3779b97f4a7c15ULL;
    bad_len = 0;
    bad_byte = 0;
    bad_rc = 0;

    name.data = (feed_uchar_t *) "a";
    name.len = 1;

    dst = malloc(3 * sizeof(src) + 1);

    for (k = 0; k < 20000; k++) {
        len = next_random(&seed) % sizeof(src);

        for (i = 0; i < len; i++) {
            src[i] = alphabet[next_random(&seed) % (sizeof(alphabet) - 1)];
        }

        if (len && (k & 1)) {
            src[0] = '/';
        }

        for (t = 0; t < 3; t++) {
            n = feed_escape_uri(NULL, src, len, t);
            m = feed_escape_uri(dst, src, len, t);

            bad_len += (n != m);
            bad_byte += !clean_url(dst, m);
        }

        n = feed_escape_html(NULL, src, len);
        m = feed_escape_html(dst, src, len);
        bad_len += (n != m) || (n > FEED_ESCAPE_HTML_MAX * len);

        for (i = 0; i < m; i++) {
            bad_byte += (dst[i] == '"' || dst[i] == '<' || dst[i] == '>'
                         || dst[i] == '\'');
        }

        s = feed_normalize_path(dst, src, len,
                                (k & 2) ? FEED_MERGE_SLASHES : 0);

        if (s >= 0) {
            bad_byte += !clean_url(dst, s);
            bad_byte += (s == 0 || dst[0] != '/');
        }

        m = feed_filter_args(dst, src, len, &name, 1);
        n = feed_filter_args(NULL, src, len, &name, 1);
        bad_len += (n != m);
        bad_byte += !clean_url(dst, m);

        feed_buf_init(&out, 0);

        if (feed_url_resolve(&out, U(rfc_base), strlen(rfc_base), src, len)
            != FEED_OK)
        {
            bad_rc++;

        } else {
            bad_byte += !clean_url(out.data, out.len);
        }

        feed_buf_free(&out);

        s = feed_base_url_normalize(dst, src, len, NULL);

        if (s >= 0) {
            bad_byte += !clean_url(dst, s);
        }

        (void) feed_url_is_safe(src, len);
    }

    free(dst);

    ok(bad_len == 0, "random input: NULL lengths match (%d bad)", bad_len);
    ok(bad_byte == 0, "random input: clean output (%d bad)", bad_byte);
    ok(bad_rc == 0, "random input: every reference resolves (%d bad)",
       bad_rc);
}


static void
test_big_escape(void)
{
    char    *p, *want;
    size_t   i;

    p = malloc(MB);
    want = malloc(6 * MB);

    memset(p, '"', MB);

    for (i = 0; i < MB; i++) {
        memcpy(want + 6 * i, "&quot;", 6);
    }

    html_mem(p, MB, want, 6 * MB, "1 MB of '\"'");

    for (i = 0; i < MB; i++) {
        memcpy(want + 3 * i, "%22", 3);
    }

    uri_mem(p, MB, FEED_ESCAPE_PATH, want, 3 * MB, "1 MB of '\"', PATH");
    uri_mem(p, MB, FEED_ESCAPE_QUERY, want, 3 * MB, "1 MB of '\"', QUERY");
    uri_mem(p, MB, FEED_ESCAPE_URL, want, 3 * MB, "1 MB of '\"', URL");

    memset(p, '%', MB);

    for (i = 0; i < MB; i++) {
        memcpy(want + 3 * i, "%25", 3);
    }

    uri_mem(p, MB, FEED_ESCAPE_URL, want, 3 * MB, "1 MB of '%', URL");

    memset(p, 'a', MB);
    uri_mem(p, MB, FEED_ESCAPE_QUERY, p, MB, "1 MB to keep");

    free(want);
    free(p);
}


int
main(void)
{
    test_escape_html();
    test_escape_bytes();
    test_escape_uri();
    test_big_escape();
    test_normalize_path();
    test_filter_args();
    test_base_url();
    test_resolve_rfc();
    test_resolve();
    test_resolve_plain();
    test_is_safe();
    test_random();

    return tap_done();
}
