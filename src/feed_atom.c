
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_atom.h"
#include "feed_write.h"
#include "feed_date.h"


static void feed_atom_entry(feed_buf_t *b, const feed_item_t *item,
    int64_t updated);
static int feed_atom_has_author(const feed_item_t *item);
static void feed_atom_author(feed_buf_t *b, const char *indent,
    const char *name, const char *uri);


int
feed_write_atom(feed_buf_t *out, const feed_channel_t *ch)
{
    int                 author;
    size_t              i, n;
    int64_t             updated;
    const char         *title, *id;
    const feed_item_t  *item;
    char                date[32], uuid[FEED_WRITE_UUID_LEN + 1];

    feed_write_reserve(out, ch);

    title = feed_write_title(ch);
    updated = feed_write_newest(ch);

    feed_write_lit(out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"");

    if (feed_write_is_lang(ch->lang)) {
        feed_write_wrap(out, " xml:lang=\"", ch->lang, FEED_ESC_ATTR, "\"");
    }

    feed_write_lit(out, ">\n");

    if (feed_write_is_url(ch->self_url) && feed_write_is_iri(ch->self_url)) {
        id = ch->self_url;

    } else if (feed_write_is_url(ch->home_url)
               && feed_write_is_iri(ch->home_url))
    {
        id = ch->home_url;

    } else {
        feed_write_uuid(uuid, title, strlen(title));
        id = uuid;
    }

    feed_write_wrap(out, "  <id>", id, FEED_ESC_XML, "</id>\n");
    feed_write_wrap(out, "  <title>", title, FEED_ESC_XML, "</title>\n");

    if (feed_write_has_text(ch->description)) {
        feed_write_wrap(out, "  <subtitle>", ch->description, FEED_ESC_XML,
                        "</subtitle>\n");
    }

    n = feed_date_rfc3339(date, updated);
    feed_write_raw(out, "  <updated>", date, n, "</updated>\n");

    if (feed_write_is_url(ch->self_url)) {
        feed_write_wrap(out, "  <link rel=\"self\""
                        " type=\"application/atom+xml\" href=\"",
                        ch->self_url, FEED_ESC_ATTR, "\"/>\n");
    }

    if (feed_write_is_url(ch->home_url)) {
        feed_write_wrap(out, "  <link rel=\"alternate\" href=\"",
                        ch->home_url, FEED_ESC_ATTR, "\"/>\n");
    }

    /* the feed's author stands for the entries that have none */

    author = 0;
    n = 0;

    for (i = 0; i < ch->nitems; i++) {
        item = &ch->items[i];

        if (feed_write_item_ok(item)) {
            n++;

            if (!feed_atom_has_author(item)) {
                author = 1;
            }
        }
    }

    if (author || n == 0) {
        feed_atom_author(out, "  ", title,
                         feed_write_is_url(ch->home_url)
                         ? ch->home_url : NULL);
    }

    feed_write_lit(out, "  <generator>ngx_feed</generator>\n");

    for (i = 0; i < ch->nitems; i++) {
        feed_atom_entry(out, &ch->items[i], updated);
    }

    feed_write_lit(out, "</feed>\n");

    return out->failed ? FEED_ERROR : FEED_OK;
}


static void
feed_atom_entry(feed_buf_t *b, const feed_item_t *item, int64_t updated)
{
    int              link;
    size_t           i, n;
    feed_write_id_t  id;
    char             date[32], cut[FEED_WRITE_CUT_SIZE];

    if (!feed_write_item_ok(item)) {
        return;
    }

    feed_write_lit(b, "  <entry>\n");

    feed_write_item_id(&id, item, 1);
    feed_write_wrap(b, "    <id>", id.id, FEED_ESC_XML, "</id>\n");

    if (feed_write_has_text(item->title)) {
        feed_write_wrap(b, "    <title>", item->title, FEED_ESC_XML,
                        "</title>\n");

    } else {
        if (feed_write_has_text(item->summary)) {
            feed_write_cut(cut, item->summary, 0);

        } else {
            feed_write_cut(cut, item->content, 1);
        }

        feed_write_wrap(b, "    <title>", cut, FEED_ESC_XML, "</title>\n");
    }

    if (item->updated.kind != FEED_DATE_NONE) {
        updated = item->updated.t;

    } else if (item->published.kind != FEED_DATE_NONE) {
        updated = item->published.t;
    }

    n = feed_date_rfc3339(date, updated);
    feed_write_raw(b, "    <updated>", date, n, "</updated>\n");

    if (item->published.kind != FEED_DATE_NONE) {
        n = feed_date_rfc3339(date, item->published.t);
        feed_write_raw(b, "    <published>", date, n, "</published>\n");
    }

    link = feed_write_is_url(item->url);

    if (link) {
        feed_write_wrap(b, "    <link rel=\"alternate\" href=\"", item->url,
                        FEED_ESC_ATTR, "\"/>\n");
    }

    if (feed_atom_has_author(item)) {
        feed_atom_author(b, "    ",
                         feed_write_has_text(item->author)
                         ? item->author : item->author_url,
                         feed_write_is_url(item->author_url)
                         ? item->author_url : NULL);
    }

    for (i = 0; i < item->ncategories; i++) {
        if (feed_write_has_text(item->categories[i])) {
            feed_write_wrap(b, "    <category term=\"", item->categories[i],
                            FEED_ESC_ATTR, "\"/>\n");
        }
    }

    if (feed_write_has_text(item->content)) {

        if (feed_write_has_text(item->summary)) {
            feed_write_wrap(b, "    <summary>", item->summary, FEED_ESC_XML,
                            "</summary>\n");
        }

        feed_write_wrap(b, "    <content type=\"html\">", item->content,
                        FEED_ESC_XML, "</content>\n");

    } else if (link) {

        if (feed_write_has_text(item->summary)) {
            feed_write_wrap(b, "    <summary>", item->summary, FEED_ESC_XML,
                            "</summary>\n");
        }

    } else {
        /* no link: the entry must have content (RFC 4287 4.1.1.1) */

        feed_write_wrap(b, "    <content type=\"text\">",
                        feed_write_has_text(item->summary)
                        ? item->summary : NULL,
                        FEED_ESC_XML, "</content>\n");
    }

    feed_write_lit(b, "  </entry>\n");
}


static int
feed_atom_has_author(const feed_item_t *item)
{
    return feed_write_has_text(item->author)
           || feed_write_is_url(item->author_url);
}


static void
feed_atom_author(feed_buf_t *b, const char *indent, const char *name,
    const char *uri)
{
    feed_buf_add_str(b, indent);
    feed_write_lit(b, "<author>\n");
    feed_buf_add_str(b, indent);
    feed_write_wrap(b, "  <name>", name, FEED_ESC_XML, "</name>\n");

    if (uri) {
        feed_buf_add_str(b, indent);
        feed_write_wrap(b, "  <uri>", uri, FEED_ESC_XML, "</uri>\n");
    }

    feed_buf_add_str(b, indent);
    feed_write_lit(b, "</author>\n");
}
