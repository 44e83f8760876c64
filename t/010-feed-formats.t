# The feed endpoint: RSS 2.0, Atom 1.0 and JSON Feed 1.1 from the h-entry
# posts of a page, with the headers a feed reader relies on.

use Test::Nginx::Socket 'no_plan';

no_long_string();

add_block_preprocessor(sub {
    my $block = shift;

    if (!defined $block->config) {
        $block->set_value("config", <<'_EOC_');
    feed_base_url https://www.example.com;

    location = /feed.xml  { feed rss;  feed_source /blog.html; }
    location = /feed.atom { feed atom; feed_source /blog.html; }
    location = /feed.json { feed json; feed_source /blog.html; }
_EOC_
    }

    if (!defined $block->user_files) {
        $block->set_value("user_files", <<'_EOC_');
>>> blog.html
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>My blog</title>
<meta name="description" content="Notes &amp; more"></head>
<body>
<article class="h-entry">
  <h2 class="p-name"><a class="u-url" href="/posts/one">First post</a></h2>
  <time class="dt-published" datetime="2026-11-20T09:30:00Z">20 Nov</time>
  <p class="p-summary">Summary of the first</p>
  <div class="e-content"><p>Hello <b>world</b> &amp; more</p></div>
  <a class="p-author h-card" href="/me">Ada</a>
  <span class="p-category">news</span>
</article>
<article class="h-entry">
  <h2 class="p-name">Second</h2>
  <a class="u-url" href="posts/two">link</a>
  <time class="dt-published" datetime="2026-11-15 14:00+01:00">15 Nov</time>
</article>
</body></html>
_EOC_
    }

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]\n[alert]");
    }
});

run_tests();

__DATA__

=== TEST 1: RSS 2.0
--- request
GET /feed.xml
--- response_headers
Content-Type: application/rss+xml; charset=utf-8
Last-Modified: Fri, 20 Nov 2026 09:30:00 GMT
--- response_body
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>My blog</title>
    <link>https://www.example.com/</link>
    <description>Notes &#x26; more</description>
    <atom:link href="https://www.example.com/feed.xml" rel="self" type="application/rss+xml"/>
    <language>en</language>
    <lastBuildDate>Fri, 20 Nov 2026 09:30:00 +0000</lastBuildDate>
    <generator>ngx_feed</generator>
    <item>
      <title>First post</title>
      <link>https://www.example.com/posts/one</link>
      <description>&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt; &amp;amp; more&lt;/p&gt;</description>
      <dc:creator>Ada</dc:creator>
      <category>news</category>
      <guid isPermaLink="true">https://www.example.com/posts/one</guid>
      <pubDate>Fri, 20 Nov 2026 09:30:00 +0000</pubDate>
    </item>
    <item>
      <title>Second</title>
      <link>https://www.example.com/posts/two</link>
      <guid isPermaLink="true">https://www.example.com/posts/two</guid>
      <pubDate>Sun, 15 Nov 2026 13:00:00 +0000</pubDate>
    </item>
  </channel>
</rss>



=== TEST 2: Atom 1.0
--- request
GET /feed.atom
--- response_headers
Content-Type: application/atom+xml; charset=utf-8
--- response_body
<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>https://www.example.com/feed.atom</id>
  <title>My blog</title>
  <subtitle>Notes &amp; more</subtitle>
  <updated>2026-11-20T09:30:00Z</updated>
  <link rel="self" type="application/atom+xml" href="https://www.example.com/feed.atom"/>
  <link rel="alternate" href="https://www.example.com/"/>
  <author>
    <name>My blog</name>
    <uri>https://www.example.com/</uri>
  </author>
  <generator>ngx_feed</generator>
  <entry>
    <id>https://www.example.com/posts/one</id>
    <title>First post</title>
    <updated>2026-11-20T09:30:00Z</updated>
    <published>2026-11-20T09:30:00Z</published>
    <link rel="alternate" href="https://www.example.com/posts/one"/>
    <author>
      <name>Ada</name>
      <uri>https://www.example.com/me</uri>
    </author>
    <category term="news"/>
    <summary>Summary of the first</summary>
    <content type="html">&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt; &amp;amp; more&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>https://www.example.com/posts/two</id>
    <title>Second</title>
    <updated>2026-11-15T13:00:00Z</updated>
    <published>2026-11-15T13:00:00Z</published>
    <link rel="alternate" href="https://www.example.com/posts/two"/>
  </entry>
</feed>



=== TEST 3: JSON Feed 1.1
--- request
GET /feed.json
--- response_headers
Content-Type: application/feed+json; charset=utf-8
--- response_body
{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "My blog",
  "home_page_url": "https://www.example.com/",
  "feed_url": "https://www.example.com/feed.json",
  "description": "Notes & more",
  "language": "en",
  "items": [
    {
      "id": "https://www.example.com/posts/one",
      "url": "https://www.example.com/posts/one",
      "title": "First post",
      "content_html": "\u003cp\u003eHello \u003cb\u003eworld\u003c/b\u003e &amp; more\u003c/p\u003e",
      "summary": "Summary of the first",
      "date_published": "2026-11-20T09:30:00Z",
      "authors": [{"name": "Ada", "url": "https://www.example.com/me"}],
      "tags": ["news"]
    },
    {
      "id": "https://www.example.com/posts/two",
      "url": "https://www.example.com/posts/two",
      "title": "Second",
      "content_text": "",
      "date_published": "2026-11-15T13:00:00Z"
    }
  ]
}



=== TEST 4: a strong ETag and a Content-Length
--- request
GET /feed.xml
--- response_headers_like
ETag: "[0-9a-f]{16}"
Content-Length: \d+



=== TEST 5: If-None-Match with the feed's ETag (a hash of this exact document) answers 304
--- request eval
["GET /feed.xml", "GET /feed.xml"]
--- more_headers eval
["", "If-None-Match: \"080342c928916e6e\""]
--- error_code eval
[200, 304]



=== TEST 6: If-Modified-Since the newest item answers 304
--- request
GET /feed.xml
--- more_headers
If-Modified-Since: Fri, 20 Nov 2026 09:30:00 GMT
--- error_code: 304
--- response_body



=== TEST 7: a stale If-None-Match gets the feed
--- request
GET /feed.xml
--- more_headers
If-None-Match: "0000000000000000"
--- error_code: 200
--- response_body_like chop
<rss version="2.0"



=== TEST 8: HEAD answers the headers only
--- request
HEAD /feed.atom
--- response_headers_like
Content-Type: application/atom\+xml; charset=utf-8
Content-Length: [1-9]\d+
--- response_body



=== TEST 9: POST is not allowed
--- request
POST /feed.xml
hello
--- error_code: 405



=== TEST 10: feed_title and feed_description, with variables
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml {
        feed rss;
        feed_source /blog.html;
        feed_title "Journal of $server_name";
        feed_description "Everything <new> & old";
    }
--- request
GET /feed.xml
--- response_body_like chop
<title>Journal of localhost</title>\s*<link>https://www.example.com/</link>\s*<description>Everything &#x3C;new&#x3E; &#x26; old</description>



=== TEST 11: feed_max_items keeps the newest
--- config
    feed_base_url https://www.example.com;

    location = /feed.json {
        feed json;
        feed_source /blog.html;
        feed_max_items 1;
    }
--- request
GET /feed.json
--- response_body_like chop
"items": \[\s*\{\s*"id": "https://www.example.com/posts/one",.*"tags": \["news"\]\s*\}\s*\]\s*\}\s*$



=== TEST 12: without feed_base_url the server's configured name is used, never the Host header
--- config
    location = /feed.xml { feed rss; feed_source /blog.html; }
--- more_headers
Host: evil.example
--- request
GET /feed.xml
--- response_body_like chop
<link>http://localhost:\d+/posts/one</link>



=== TEST 13: the Host header appears nowhere in the feed
--- config
    location = /feed.xml { feed rss; feed_source /blog.html; }
--- more_headers
Host: evil.example
--- request
GET /feed.xml
--- response_body_unlike
evil



=== TEST 14: a feed of undated items is as old as its newest source, so it stays the same
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /undated.html; feed_cache off; }
--- user_files
>>> undated.html 202611011230.00
<!DOCTYPE html><html><head><title>Notes</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/n/1">A note</a></div>
</body></html>
--- request eval
["GET /feed.xml", "GET /feed.xml"]
--- response_headers eval
["Last-Modified: Sun, 01 Nov 2026 12:30:00 GMT", "Last-Modified: Sun, 01 Nov 2026 12:30:00 GMT"]
--- response_body_like eval
[qr{<lastBuildDate>Sun, 01 Nov 2026 12:30:00 \+0000</lastBuildDate>}, qr{<lastBuildDate>Sun, 01 Nov 2026 12:30:00 \+0000</lastBuildDate>}]
