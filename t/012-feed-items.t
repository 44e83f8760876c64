# What becomes an item: microformats2 h-entry parsing, XPath-selected
# elements, and hostile source pages.

use Test::Nginx::Socket 'no_plan';

no_long_string();

add_block_preprocessor(sub {
    my $block = shift;

    if (!defined $block->config) {
        $block->set_value("config", <<'_EOC_');
    feed_base_url https://www.example.com;
    location = /feed.json { feed json; feed_source /posts/page.html; feed_max_items 100; }
    location = /feed.xml  { feed rss;  feed_source /posts/page.html; feed_max_items 100; }
_EOC_
    }

    if (!defined $block->request) {
        $block->set_value("request", "GET /feed.json");
    }

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]\n[alert]");
    }
});

run_tests();

__DATA__

=== TEST 1: the implied name is the entry's text, the implied url its only link
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<div class="h-entry"><a href="/notes/1">A short note</a></div>
</body></html>
--- response_body_like chop
"url": "https://www.example.com/notes/1",\s*"title": "A short note"



=== TEST 2: relative URLs resolve against the page's URL
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="../other/2?x=1#frag">Two</a></div>
</body></html>
--- response_body_like chop
"url": "https://www.example.com/other/2\?x=1#frag"



=== TEST 3: relative URLs resolve against <base href> first
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><base href="/archive/2026/"><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="three">Three</a>
<img class="u-photo" src="pic.jpg" alt=""></div>
</body></html>
--- response_body_like chop
"url": "https://www.example.com/archive/2026/three"



=== TEST 4: a nested h-cite is not an item, and its properties do not leak into the entry
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<article class="h-entry">
  <h1 class="p-name">The reply</h1>
  <a class="u-url" href="/reply">permalink</a>
  <div class="u-in-reply-to h-cite">
    <a class="u-url p-name" href="https://elsewhere.example/original">The original</a>
    <time class="dt-published" datetime="2020-01-01">old</time>
    <span class="p-author h-card">Someone else</span>
  </div>
  <time class="dt-published" datetime="2026-11-21T08:00:00Z">today</time>
</article>
</body></html>
--- response_body eval
qq/{
  "version": "https:\/\/jsonfeed.org\/version\/1.1",
  "title": "P",
  "home_page_url": "https:\/\/www.example.com\/",
  "feed_url": "https:\/\/www.example.com\/feed.json",
  "items": [
    {
      "id": "https:\/\/www.example.com\/reply",
      "url": "https:\/\/www.example.com\/reply",
      "title": "The reply",
      "content_text": "",
      "date_published": "2026-11-21T08:00:00Z"
    }
  ]
}
/



=== TEST 5: undated entries come after dated ones, in document order
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/u1">Undated one</a></div>
<div class="h-entry"><a class="u-url p-name" href="/old">Old</a><time class="dt-published" datetime="2026-01-01">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/u2">Undated two</a></div>
<div class="h-entry"><a class="u-url p-name" href="/new">New</a><time class="dt-published" datetime="2026-06-01 10:00">x</time></div>
</body></html>
--- response_body_like chop
"title": "New".*"title": "Old".*"title": "Undated one".*"title": "Undated two"



=== TEST 6: date forms become RFC 822 in RSS, in UTC
--- request
GET /feed.xml
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/a">A</a><time class="dt-published" datetime="2026-11-20">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/b">B</a><time class="dt-published" datetime="2026-11-20T09:30:00Z">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/c">C</a><time class="dt-published" datetime="2026-11-15 14:00+01:00">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/d">D</a><time class="dt-published" datetime="2026-11-14T23:59:59-05:00">x</time></div>
</body></html>
--- response_body_like chop
<title>B</title>.*<pubDate>Fri, 20 Nov 2026 09:30:00 \+0000</pubDate>.*<title>A</title>.*<pubDate>Fri, 20 Nov 2026 00:00:00 \+0000</pubDate>.*<title>C</title>.*<pubDate>Sun, 15 Nov 2026 13:00:00 \+0000</pubDate>.*<title>D</title>.*<pubDate>Sun, 15 Nov 2026 04:59:59 \+0000</pubDate>



=== TEST 7: non-ASCII text and character references
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><meta charset="utf-8"><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/e">Ελληνικά &amp; 日本語 &eacute;t&#233; &#x1F600; &lt;b&gt;</a></div>
</body></html>
--- response_body_like chop
"title": "Ελληνικά & 日本語 été 😀 \\u003cb\\u003e"



=== TEST 8: script, iframe, event handlers and javascript: URLs do not reach the content
--- request
GET /feed.xml
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/x">X</a>
<div class="e-content"><p onclick="steal()">Hi <a href="javascript:alert(1)">there</a></p>
<script>alert(2)</script><iframe src="https://evil.example/"></iframe><img src="/i.png" onerror="alert(3)"></div></div>
</body></html>
--- response_body_like chop
<description>&lt;p&gt;Hi there&lt;/p&gt;\s*&lt;img src="https://www.example.com/i.png" /&gt;</description>



=== TEST 9: nothing dangerous survives anywhere in the feed
--- request
GET /feed.xml
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>P</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/x">X</a>
<div class="e-content"><p onclick="steal()">Hi <a href="javascript:alert(1)">there</a></p>
<script>alert(2)</script><iframe src="https://evil.example/"></iframe><img src="/i.png" onerror="alert(3)"></div></div>
</body></html>
--- response_body_unlike
(?i)<script|<iframe|onclick|onerror|javascript:|alert\(



=== TEST 10: ]]> and XML-forbidden characters in a title cannot break the document
--- request
GET /feed.xml
--- user_files eval
">>> posts/page.html\n<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>P</title></head><body>"
. "<div class=\"h-entry\"><a class=\"u-url p-name\" href=\"/x\">A ]]&gt; &lt;![CDATA[ b \x01\x0b\x0c c \xef\xbf\xbe d \xff\xfe e</a></div>"
. "</body></html>\n"
--- response_body_like chop
<title>A \]\]&#x3E; &#x3C;!\[CDATA\[ b c d \xef\xbf\xbd\xef\xbf\xbd e</title>



=== TEST 11: NUL bytes in a source become U+FFFD, as in HTML parsers
--- request
GET /feed.xml
--- user_files eval
">>> posts/page.html\n<!DOCTYPE html><html><head><title>P\0Q</title></head><body>"
. "<div class=\"h-entry\"><a class=\"u-url p-name\" href=\"/x\">N\0U\0L</a></div>"
. "</body></html>\n"
--- response_body_like chop
<item>\s*<title>N\xef\xbf\xbdU\xef\xbf\xbdL</title>



=== TEST 12: no NUL byte reaches the feed
--- request
GET /feed.xml
--- user_files eval
">>> posts/page.html\n<!DOCTYPE html><html><head><title>P\0Q</title></head><body>"
. "<div class=\"h-entry\"><a class=\"u-url p-name\" href=\"/x\">N\0U\0L</a></div>"
. "</body></html>\n"
--- response_body_unlike
\0



=== TEST 13: 100,000 nested elements around an entry are walked without recursion
--- config
    feed_base_url https://www.example.com;
    location = /feed.json { feed json; feed_source /posts/page.html; feed_source_max_size 4m; }
--- user_files eval
">>> posts/page.html\n<!DOCTYPE html><html><head><title>Deep</title></head><body>"
. ("<div>" x 100000)
. "<div class=\"h-entry\"><a class=\"u-url p-name\" href=\"/deep\">Deep entry</a></div>"
. ("</div>" x 100000)
. "<div class=\"h-entry\"><a class=\"u-url p-name\" href=\"/shallow\">Shallow entry</a></div>"
. "</body></html>\n"
--- response_body_like chop
"title": "Shallow entry"
--- timeout: 10



=== TEST 14: a megabyte-long attribute value
--- config
    feed_base_url https://www.example.com;
    location = /feed.json { feed json; feed_source /posts/page.html; feed_source_max_size 4m; }
--- user_files eval
">>> posts/page.html\n<!DOCTYPE html><html><head><title>Long</title></head><body>"
. "<div class=\"h-entry\" data-x=\"" . ("x" x 1048576) . "\"><a class=\"u-url p-name\" href=\"/long\">Long attribute</a></div>"
. "</body></html>\n"
--- response_body_like chop
"title": "Long attribute"



=== TEST 15: feed_item_xpath and feed_item_field select items of any markup
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml {
        feed rss;
        feed_source /posts/page.html;
        feed_item_xpath "//article[@class='post']";
        feed_item_field title "h2";
        feed_item_field link "h2/a/@href";
        feed_item_field date "time/@datetime";
        feed_item_field summary "p[@class='lead']";
        feed_item_field content "div[@class='body']";
        feed_item_field author "span[@class='by']";
        feed_item_field category "ul[@class='tags']/li";
    }
--- request
GET /feed.xml
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>Custom</title></head><body>
<article class="post"><h2><a href="/p/1">Post one</a></h2><time datetime="2026-11-01T10:00:00Z">1 Nov</time>
<p class="lead">Lead one</p><div class="body"><p>Body <em>one</em></p></div><span class="by">Bea</span>
<ul class="tags"><li>alpha</li><li>beta</li></ul></article>
<article class="post"><h2><a href="/p/2">Post two</a></h2><time datetime="2026-11-02T10:00:00Z">2 Nov</time></article>
<article class="other"><h2><a href="/p/3">Not a post</a></h2></article>
</body></html>
--- response_body_like chop
<item>\s*<title>Post two</title>\s*<link>https://www.example.com/p/2</link>.*<item>\s*<title>Post one</title>\s*<link>https://www.example.com/p/1</link>\s*<description>&lt;p&gt;Body &lt;em&gt;one&lt;/em&gt;&lt;/p&gt;</description>\s*<dc:creator>Bea</dc:creator>\s*<category>alpha</category>\s*<category>beta</category>



=== TEST 16: with feed_item_xpath, h-entry markup is not used
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml {
        feed rss;
        feed_source /posts/page.html;
        feed_item_xpath "//article[@class='post']";
        feed_item_field title "h2";
    }
--- request
GET /feed.xml
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>Custom</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/hentry">An h-entry</a></div>
<article class="post"><h2>Only this</h2></article>
</body></html>
--- response_body_unlike
An h-entry



=== TEST 17: a page with no items gives a valid, empty feed
--- request
GET /feed.xml
--- user_files
>>> posts/page.html
<!DOCTYPE html><html><head><title>Empty</title></head><body><p>Nothing here.</p></body></html>
--- response_body_like chop
<channel>\s*<title>Empty</title>.*</channel>\s*</rss>



=== TEST 18: a short feed takes the newest entries with text and distinct URLs, across sources
# a.html's three newest entries give only one item: one has no text, one
# repeats a URL; its fourth repeats a URL b.html has newer, so its fifth
# is the third item
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml {
        feed rss;
        feed_source /posts/a.html /posts/b.html;
        feed_max_items 3;
    }
--- request
GET /feed.xml
--- user_files
>>> posts/a.html
<!DOCTYPE html><html><head><title>A</title></head><body>
<div class="h-entry"><a class="u-url" href="/nothing"></a>
<time class="dt-published" datetime="2026-11-30"></time></div>
<div class="h-entry"><a class="u-url p-name" href="/p">Newest</a>
<time class="dt-published" datetime="2026-11-29">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/p">Same URL, older</a>
<time class="dt-published" datetime="2026-11-28">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/q">Third of A</a>
<time class="dt-published" datetime="2026-11-20">x</time></div>
<div class="h-entry"><a class="u-url p-name" href="/r">Oldest of A</a>
<time class="dt-published" datetime="2026-11-01">x</time></div>
</body></html>
>>> posts/b.html
<!DOCTYPE html><html><head><title>B</title></head><body>
<div class="h-entry"><a class="u-url p-name" href="/q">B's copy of /q, newer</a>
<time class="dt-published" datetime="2026-11-25">x</time></div>
</body></html>
--- response_body_like chop
</generator>\s*<item>\s*<title>Newest</title>(?:(?!<item>).)*<item>\s*<title>B's copy of /q, newer</title>(?:(?!<item>).)*<item>\s*<title>Oldest of A</title>(?:(?!<item>).)*</channel>
