
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_rss.h"
#include "feed_write.h"
#include "feed_date.h"


static void feed_rss_item(feed_buf_t *b, const feed_item_t *item);


int
feed_write_rss(feed_buf_t *out, const feed_channel_t *ch)
{
    size_t       i, n;
    const char  *title, *link;
    char         date[32];

    feed_write_reserve(out, ch);

    title = feed_write_title(ch);

    feed_write_lit(out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
        " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "  <channel>\n");

    feed_write_wrap(out, "    <title>", title, FEED_ESC_PLAIN,
                    "</title>\n");

    link = feed_write_is_url(ch->home_url) ? ch->home_url
           : feed_write_is_url(ch->self_url) ? ch->self_url : NULL;

    if (link) {
        feed_write_wrap(out, "    <link>", link, FEED_ESC_XML, "</link>\n");
    }

    feed_write_wrap(out, "    <description>",
                    feed_write_has_text(ch->description)
                    ? ch->description : title,
                    FEED_ESC_PLAIN, "</description>\n");

    if (feed_write_is_url(ch->self_url)) {
        feed_write_wrap(out, "    <atom:link href=\"", ch->self_url,
                        FEED_ESC_ATTR,
                        "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
    }

    if (feed_write_is_lang(ch->lang)) {
        feed_write_wrap(out, "    <language>", ch->lang, FEED_ESC_XML,
                        "</language>\n");
    }

    n = feed_date_rfc822(date, ch->build_date);
    feed_write_raw(out, "    <lastBuildDate>", date, n, "</lastBuildDate>\n");

    feed_write_lit(out, "    <generator>ngx_feed</generator>\n");

    for (i = 0; i < ch->nitems; i++) {
        feed_rss_item(out, &ch->items[i]);
    }

    feed_write_lit(out, "  </channel>\n</rss>\n");

    return out->failed ? FEED_ERROR : FEED_OK;
}


static void
feed_rss_item(feed_buf_t *b, const feed_item_t *item)
{
    size_t              i, n, link, link_len;
    feed_write_id_t     id;
    const feed_date_t  *date;
    char                buf[32];

    if (!feed_write_item_ok(item)) {
        return;
    }

    feed_write_lit(b, "    <item>\n");

    if (feed_write_has_text(item->title)) {
        feed_write_wrap(b, "      <title>", item->title, FEED_ESC_PLAIN,
                        "</title>\n");
    }

    link = 0;
    link_len = 0;

    if (feed_write_is_url(item->url)) {
        feed_write_lit(b, "      <link>");
        link = b->len;
        feed_write_str(b, item->url, FEED_ESC_XML);
        link_len = b->len - link;
        feed_write_lit(b, "</link>\n");
    }

    if (feed_write_has_text(item->content)) {
        feed_write_wrap(b, "      <description>", item->content,
                        FEED_ESC_XML, "</description>\n");

    } else if (feed_write_has_text(item->summary)) {
        feed_write_wrap(b, "      <description>", item->summary,
                        FEED_ESC_HTML, "</description>\n");
    }

    if (feed_write_has_text(item->author)) {
        feed_write_wrap(b, "      <dc:creator>", item->author,
                        FEED_ESC_PLAIN, "</dc:creator>\n");

    } else if (feed_write_is_url(item->author_url)) {
        feed_write_wrap(b, "      <dc:creator>", item->author_url,
                        FEED_ESC_PLAIN, "</dc:creator>\n");
    }

    for (i = 0; i < item->ncategories; i++) {
        if (feed_write_has_text(item->categories[i])) {
            feed_write_wrap(b, "      <category>", item->categories[i],
                            FEED_ESC_PLAIN, "</category>\n");
        }
    }

    feed_write_item_id(&id, item, 0);

    feed_buf_add_str(b, id.permalink ? "      <guid isPermaLink=\"true\">"
                                     : "      <guid isPermaLink=\"false\">");

    if (id.id == item->url && link_len) {
        /* the link, as written above */
        feed_write_again(b, link, link_len);

    } else {
        feed_write_str(b, id.id, FEED_ESC_XML);
    }

    feed_write_lit(b, "</guid>\n");

    date = feed_write_item_date(item);

    if (date) {
        n = feed_date_rfc822(buf, date->t);
        feed_write_raw(b, "      <pubDate>", buf, n, "</pubDate>\n");
    }

    feed_write_lit(b, "    </item>\n");
}
