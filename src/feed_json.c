
/*
 * Copyright (C) ngx_feed authors
 */


#include "feed_json.h"
#include "feed_write.h"
#include "feed_date.h"


static void feed_json_item(feed_buf_t *b, const feed_item_t *item,
    int first);


int
feed_write_json(feed_buf_t *out, const feed_channel_t *ch)
{
    int     first;
    size_t  i;

    feed_write_reserve(out, ch);

    feed_write_lit(out, "{\n  \"version\": "
                        "\"https://jsonfeed.org/version/1.1\"");

    feed_write_wrap(out, ",\n  \"title\": \"", feed_write_title(ch),
                    FEED_ESC_JSON, "\"");

    if (feed_write_is_url(ch->home_url)) {
        feed_write_wrap(out, ",\n  \"home_page_url\": \"", ch->home_url,
                        FEED_ESC_JSON, "\"");
    }

    if (feed_write_is_url(ch->self_url)) {
        feed_write_wrap(out, ",\n  \"feed_url\": \"", ch->self_url,
                        FEED_ESC_JSON, "\"");
    }

    if (feed_write_has_text(ch->description)) {
        feed_write_wrap(out, ",\n  \"description\": \"", ch->description,
                        FEED_ESC_JSON, "\"");
    }

    if (feed_write_is_lang(ch->lang)) {
        feed_write_wrap(out, ",\n  \"language\": \"", ch->lang,
                        FEED_ESC_JSON, "\"");
    }

    feed_write_lit(out, ",\n  \"items\": [");

    first = 1;

    for (i = 0; i < ch->nitems; i++) {
        if (feed_write_item_ok(&ch->items[i])) {
            feed_json_item(out, &ch->items[i], first);
            first = 0;
        }
    }

    if (first) {
        feed_write_lit(out, "]\n}\n");

    } else {
        feed_write_lit(out, "\n  ]\n}\n");
    }

    return out->failed ? FEED_ERROR : FEED_OK;
}


static void
feed_json_item(feed_buf_t *b, const feed_item_t *item, int first)
{
    int              more;
    size_t           i, n, pos, len;
    feed_write_id_t  id;
    char             date[32];

    feed_write_item_id(&id, item, 0);

    feed_buf_add_str(b, first ? "\n    {\n      \"id\": \""
                              : ",\n    {\n      \"id\": \"");
    pos = b->len;
    feed_write_str(b, id.id, FEED_ESC_JSON);
    len = b->len - pos;
    feed_write_lit(b, "\"");

    if (feed_write_is_url(item->url)) {
        feed_write_lit(b, ",\n      \"url\": \"");

        if (id.id == item->url && len) {
            /* the id, as written above */
            feed_write_again(b, pos, len);

        } else {
            feed_write_str(b, item->url, FEED_ESC_JSON);
        }

        feed_write_lit(b, "\"");
    }

    if (feed_write_has_text(item->title)) {
        feed_write_wrap(b, ",\n      \"title\": \"", item->title,
                        FEED_ESC_JSON, "\"");
    }

    if (feed_write_has_text(item->content)) {
        feed_write_wrap(b, ",\n      \"content_html\": \"", item->content,
                        FEED_ESC_JSON, "\"");

        if (feed_write_has_text(item->summary)) {
            feed_write_wrap(b, ",\n      \"summary\": \"", item->summary,
                            FEED_ESC_JSON, "\"");
        }

    } else {
        feed_write_wrap(b, ",\n      \"content_text\": \"",
                        feed_write_has_text(item->summary)
                        ? item->summary : NULL,
                        FEED_ESC_JSON, "\"");
    }

    if (feed_write_is_url(item->photo)) {
        feed_write_wrap(b, ",\n      \"image\": \"", item->photo,
                        FEED_ESC_JSON, "\"");
    }

    if (item->published.kind != FEED_DATE_NONE) {
        n = feed_date_rfc3339(date, item->published.t);
        feed_write_raw(b, ",\n      \"date_published\": \"", date, n, "\"");
    }

    if (item->updated.kind != FEED_DATE_NONE) {
        n = feed_date_rfc3339(date, item->updated.t);
        feed_write_raw(b, ",\n      \"date_modified\": \"", date, n, "\"");
    }

    if (feed_write_has_text(item->author)
        || feed_write_is_url(item->author_url))
    {
        feed_write_lit(b, ",\n      \"authors\": [{");

        more = 0;

        if (feed_write_has_text(item->author)) {
            feed_write_wrap(b, "\"name\": \"", item->author, FEED_ESC_JSON,
                            "\"");
            more = 1;
        }

        if (feed_write_is_url(item->author_url)) {
            feed_write_wrap(b, more ? ", \"url\": \"" : "\"url\": \"",
                            item->author_url, FEED_ESC_JSON, "\"");
        }

        feed_write_lit(b, "}]");
    }

    more = 0;

    for (i = 0; i < item->ncategories; i++) {
        if (feed_write_has_text(item->categories[i])) {
            feed_write_wrap(b, more ? ", \"" : ",\n      \"tags\": [\"",
                            item->categories[i], FEED_ESC_JSON, "\"");
            more = 1;
        }
    }

    if (more) {
        feed_write_lit(b, "]");
    }

    feed_write_lit(b, "\n    }");
}
