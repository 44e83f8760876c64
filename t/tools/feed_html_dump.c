
/*
 * Copyright (C) ngx_feed authors
 */


/*
 * Prints the tree feed_html_parse() builds of a page in the format of
 * html5lib's tree construction tests:
 *
 *     feed_html_dump [-d max-depth] page.html
 *
 *     | <html>
 *     |   <head>
 *     |   <body>
 *     |     <p>
 *     |       class="x"
 *     |       "text\n"
 *
 * Two spaces of indent a level; the attributes of an element one level
 * deeper than it, in document order, before its children; newline and
 * tab in text and values as \n and \t.  The page must be what
 * feed_extract() gives the parser: UTF-8, no NUL, LF line ends.  -d is
 * the max_depth argument (default 200).  Exits 1 when the parser fails,
 * 2 on a usage error.
 */


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "feed_html.h"


static feed_uchar_t *read_file(const char *path, size_t *len);
static void dump(xmlDoc *doc);
static void indent(size_t level);
static void escaped(const xmlChar *s);
static int usage(void);


int
main(int argc, char **argv)
{
    char          *end;
    size_t         len;
    xmlDoc        *doc;
    const char    *path;
    feed_uchar_t  *html;
    unsigned long  depth;

    depth = 200;

    if (argc == 4 && strcmp(argv[1], "-d") == 0) {
        depth = strtoul(argv[2], &end, 10);

        if (*argv[2] == '\0' || *end != '\0') {
            return usage();
        }

        path = argv[3];

    } else if (argc == 2) {
        path = argv[1];

    } else {
        return usage();
    }

    html = read_file(path, &len);
    if (html == NULL) {
        return 1;
    }

    doc = feed_html_parse(html, len, depth);

    if (doc == NULL) {
        fprintf(stderr, "%s: out of memory\n", path);
        free(html);
        return 1;
    }

    dump(doc);

    feed_html_free(doc);
    free(html);

    return 0;
}


static feed_uchar_t *
read_file(const char *path, size_t *len)
{
    FILE          *f;
    size_t         n;
    feed_uchar_t  *html, *p;

    f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return NULL;
    }

    html = NULL;
    *len = 0;

    for ( ;; ) {
        p = realloc(html, *len + 65536);
        if (p == NULL) {
            fprintf(stderr, "%s: out of memory\n", path);
            free(html);
            fclose(f);
            return NULL;
        }

        html = p;

        n = fread(html + *len, 1, 65536, f);
        *len += n;

        if (n < 65536) {
            break;
        }
    }

    if (ferror(f)) {
        perror(path);
        free(html);
        fclose(f);
        return NULL;
    }

    fclose(f);

    return html;
}


/* the tree in document order, without recursion: pages may be deep */

static void
dump(xmlDoc *doc)
{
    size_t    level;
    xmlAttr  *a;
    xmlNode  *n;

    level = 0;
    n = doc->children;

    while (n) {

        if (n->type == XML_ELEMENT_NODE) {
            indent(level);
            printf("<%s>\n", (const char *) n->name);

            for (a = n->properties; a; a = a->next) {
                indent(level + 1);
                printf("%s=\"", (const char *) a->name);
                escaped(a->children ? a->children->content : NULL);
                printf("\"\n");
            }

            if (n->children) {
                n = n->children;
                level++;
                continue;
            }

        } else if (n->type == XML_TEXT_NODE) {
            indent(level);
            putchar('"');
            escaped(n->content);
            printf("\"\n");
        }

        while (n->next == NULL && level > 0) {
            n = n->parent;
            level--;
        }

        n = n->next;
    }
}


static void
indent(size_t level)
{
    printf("| %*s", (int) (level * 2), "");
}


static void
escaped(const xmlChar *s)
{
    if (s == NULL) {
        return;
    }

    for ( /* void */ ; *s; s++) {
        switch (*s) {
        case '\n':
            printf("\\n");
            break;
        case '\t':
            printf("\\t");
            break;
        default:
            putchar(*s);
        }
    }
}


static int
usage(void)
{
    fprintf(stderr, "usage: feed_html_dump [-d max-depth] page.html\n");

    return 2;
}
