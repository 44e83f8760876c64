# Where the feed's items come from: subrequests to local URIs, whatever
# serves them, and what happens when a source fails.

use Test::Nginx::Socket 'no_plan';

no_long_string();

add_block_preprocessor(sub {
    my $block = shift;

    if (!defined $block->user_files) {
        $block->set_value("user_files", <<'_EOC_');
>>> journal/index.html
<!DOCTYPE html><html><head><title>Journal</title></head><body>
<div class="h-feed">
<article class="h-entry"><a class="u-url p-name" href="/journal/a">Entry A</a>
<time class="dt-published" datetime="2026-11-10">10 Nov</time></article>
<article class="h-entry"><a class="u-url p-name" href="/journal/c">Entry C</a>
<time class="dt-published" datetime="2026-11-30">30 Nov</time></article>
</div></body></html>
>>> news.html
<!DOCTYPE html><html><head><title>News</title></head><body>
<article class="h-entry"><a class="u-url p-name" href="/news/b">Entry B</a>
<time class="dt-published" datetime="2026-11-20T12:00:00+01:00">20 Nov</time></article>
<article class="h-entry"><a class="u-url p-name" href="/journal/a">Entry A again</a>
<time class="dt-published" datetime="2026-11-10">10 Nov</time></article>
<article class="h-entry"><a class="u-url p-name" href="/news/undated">Undated</a></article>
</body></html>
_EOC_
    }

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]\n[alert]");
    }
});

our $items = qr{<title>Entry C</title>.*<title>Entry B</title>.*<title>Entry A</title>.*<title>Undated</title>}s;

run_tests();

__DATA__

=== TEST 1: several sources are merged newest first, undated after, each URL once
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /journal/ /news.html; }
--- request
GET /feed.xml
--- response_body_like eval
qr{<title>Journal</title>.*<item>\s*<title>Entry C</title>.*<item>\s*<title>Entry B</title>.*<item>\s*<title>Entry A</title>.*<item>\s*<title>Undated</title>.*</channel>}s



=== TEST 2: the same URL appears once
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /journal/ /news.html; }
--- request
GET /feed.xml
--- response_body_unlike
Entry A again



=== TEST 3: a directory source is served by its index file (an internal redirect)
--- config
    feed_base_url https://www.example.com;
    location = /feed.json { feed json; feed_source /journal/; }
--- request
GET /feed.json
--- response_body_like chop
"title": "Entry C"



=== TEST 4: a proxied source
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml { feed rss; feed_source /app/news; }

    location /app/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
    }

    location /backend/ {
        alias html/;
        try_files $uri.html =404;
    }
--- request
GET /feed.xml
--- response_body_like chop
<title>Entry B</title>



=== TEST 5: a proxied source through small buffers and a temporary file
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml { feed rss; feed_source /app/big; }

    location /app/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
        proxy_buffer_size 1k;
        proxy_buffers 2 1k;
        proxy_busy_buffers_size 1k;
        proxy_max_temp_file_size 1m;
        proxy_temp_file_write_size 1k;
    }

    location /backend/ {
        alias html/;
        try_files $uri.html =404;
    }
--- user_files eval
">>> big.html\n<!DOCTYPE html><html><head><title>Big</title></head><body>"
. CORE::join("", map { "<article class=\"h-entry\"><a class=\"u-url p-name\" href=\"/p/$_\">Post $_</a><p>" . ("text " x 100) . "</p></article>\n" } 1 .. 60)
. "</body></html>\n"
--- request
GET /feed.xml
--- response_body_like eval
qr{<title>Post 1</title>.*<title>Post 20</title>}s



=== TEST 6: a source enriched by the filter is read as it is
--- config
    feed_base_url https://www.example.com;
    feed_enrich on;
    feed_keywords_auto 4;

    location = /feed.xml { feed rss; feed_source /news.html; }
--- request
GET /feed.xml
--- response_body_like chop
<title>Entry B</title>



=== TEST 7: a source that makes subrequests of its own (here another feed) leaks nothing into the response
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml { feed rss; feed_source /inner.xml /news.html; }
    location = /inner.xml { feed rss; feed_source /journal/; }
--- request
GET /feed.xml
--- response_body_like chop
\A<\?xml version="1.0" encoding="UTF-8"\?>\n<rss version="2.0"[^\0]*<title>Entry B</title>[^\0]*</rss>\n\z



=== TEST 8: a source with a source charset other than UTF-8, declared in the Content-Type
--- config
    feed_base_url https://www.example.com;

    location = /feed.json { feed json; feed_source /app/latin1; }

    location /app/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
    }

    location /backend/ {
        default_type "text/html; charset=iso-8859-1";
        alias html/;
        try_files $uri.html =404;
    }
--- user_files eval
">>> latin1.html\n<!DOCTYPE html><html><head><title>Caf\xe9</title></head><body><article class=\"h-entry\"><a class=\"u-url p-name\" href=\"/c\">Cr\xe8me br\xfbl\xe9e</a></article></body></html>\n"
--- request
GET /feed.json
--- response_body_like chop
"title": "Crème brûlée"



=== TEST 9: a source charset declared by the charset directive
--- config
    feed_base_url https://www.example.com;

    location = /feed.json { feed json; feed_source /latin1.html; }

    location = /latin1.html {
        charset iso-8859-1;
        default_type text/html;
    }
--- user_files eval
">>> latin1.html\n<!DOCTYPE html><html><head><title>Caf\xe9</title></head><body><article class=\"h-entry\"><a class=\"u-url p-name\" href=\"/c\">Cr\xe8me br\xfbl\xe9e</a></article></body></html>\n"
--- request
GET /feed.json
--- response_body_like chop
"title": "Crème brûlée"



=== TEST 10: a source charset declared by a meta element
--- config
    feed_base_url https://www.example.com;
    location = /feed.json { feed json; feed_source /latin1.html; }
--- user_files eval
">>> latin1.html\n<!DOCTYPE html><html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><article class=\"h-entry\"><a class=\"u-url p-name\" href=\"/c\">Cr\xe8me \x93br\xfbl\xe9e\x94</a></article></body></html>\n"
--- request
GET /feed.json
--- response_body_like chop
"title": "Crème “brûlée”"



=== TEST 11: a failing source is logged with its URI and skipped
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /missing.html /news.html; }
--- request
GET /feed.xml
--- response_body_like chop
<title>Entry B</title>
--- error_log
feed source "/missing.html" failed: status 404
--- no_error_log
[alert]



=== TEST 12: when every source fails the endpoint answers 502
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /missing.html /forbidden.html; }
    location = /forbidden.html { return 403; }
--- request
GET /feed.xml
--- error_code: 502
--- error_log
feed source "/missing.html" failed: status 404
feed source "/forbidden.html" failed: status 403
feed: every source failed
--- no_error_log
[alert]



=== TEST 13: a source larger than feed_source_max_size is an error, never a truncated feed
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /big.html /news.html; feed_source_max_size 4k; }
--- user_files eval
">>> big.html\n<!DOCTYPE html><html><head><title>Big</title></head><body>"
. CORE::join("", map { "<article class=\"h-entry\"><a class=\"u-url p-name\" href=\"/p/$_\">Post $_</a></article>\n" } 1 .. 200)
. "</body></html>\n>>> news.html\n<!DOCTYPE html><html><head><title>News</title></head><body><article class=\"h-entry\"><a class=\"u-url p-name\" href=\"/news/b\">Entry B</a></article></body></html>\n"
--- request
GET /feed.xml
--- response_body_like chop
<title>News</title>.*<title>Entry B</title>
--- error_log eval
qr/feed source "\/big.html" failed: too large, \d+ bytes or more, feed_source_max_size is 4096/
--- no_error_log
[alert]



=== TEST 14: a source that times out is logged and skipped
--- http_config
    limit_req_zone $server_name zone=slow:1m rate=30r/m;
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml { feed rss; feed_source /slow/news /slow/again; }

    location /slow/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
        proxy_read_timeout 300ms;
    }

    location /backend/ {
        limit_req zone=slow burst=5;
        alias html/;
        try_files /news.html =404;
    }
--- request
GET /feed.xml
--- response_body_like chop
<title>Entry B</title>
--- error_log eval
qr/feed source "\/slow\/(news|again)" failed: timed out/
--- no_error_log
[alert]
--- timeout: 5



=== TEST 15: a compressed source is an error
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml { feed rss; feed_source /app/news /news.html; }

    location /app/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
        proxy_set_header Accept-Encoding gzip;
    }

    location /backend/ {
        alias html/;
        try_files $uri.html =404;
        gzip on;
        gzip_min_length 1;
        gzip_http_version 1.0;
    }
--- request
GET /feed.xml
--- response_body_like chop
<title>Entry B</title>
--- error_log
feed source "/app/news" failed: the response is compressed
--- no_error_log
[alert]



=== TEST 16: the client's conditional and range headers are not passed to the sources
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml { feed rss; feed_source /news.html; }
--- more_headers
Range: bytes=0-10
If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT
--- request
GET /feed.xml
--- error_code: 200
--- response_body_like chop
<title>Entry B</title>



=== TEST 17: an unchanged source is parsed once; a changed source shows at once
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml {
        feed rss;
        feed_source /versioned;
        add_header X-Feed-Cache $feed_cache_status;
    }

    location = /versioned {
        default_type text/html;
        return 200 '<!DOCTYPE html><html><head><title>V</title></head><body><article class="h-entry"><a class="u-url p-name" href="/v">Version $http_x_version</a></article></body></html>';
    }
--- request eval
["GET /feed.xml", "GET /feed.xml", "GET /feed.xml"]
--- more_headers eval
["X-Version: one", "X-Version: two", "X-Version: one"]
--- response_body_like eval
[qr{<title>Version one</title>}, qr{<title>Version two</title>}, qr{<title>Version one</title>}]
--- response_headers eval
["X-Feed-Cache: MISS", "X-Feed-Cache: MISS", "X-Feed-Cache: HIT"]



=== TEST 18: a source with a strong ETag is known by it: a new ETag makes a new feed, the same ETag the cached one
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml {
        feed rss;
        feed_source /app/versioned;
        add_header X-Feed-Cache $feed_cache_status;
    }

    location /app/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
    }

    location = /backend/versioned {
        default_type text/html;
        add_header ETag '"$http_x_etag"';
        return 200 '<!DOCTYPE html><html><head><title>V</title></head><body><article class="h-entry"><a class="u-url p-name" href="/v">Version $http_x_version</a></article></body></html>';
    }
--- request eval
["GET /feed.xml", "GET /feed.xml", "GET /feed.xml", "GET /feed.xml"]
--- more_headers eval
["X-Version: one\nX-ETag: a", "X-Version: two\nX-ETag: b", "X-Version: one\nX-ETag: a", "X-Version: three\nX-ETag: a"]
--- response_body_like eval
[qr{<title>Version one</title>}, qr{<title>Version two</title>}, qr{<title>Version one</title>}, qr{<title>Version one</title>}]
--- response_headers eval
["X-Feed-Cache: MISS", "X-Feed-Cache: MISS", "X-Feed-Cache: HIT", "X-Feed-Cache: HIT"]



=== TEST 19: a static source (strong ETag of the file) is answered from the cache
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml {
        feed rss;
        feed_source /news.html;
        add_header X-Feed-Cache $feed_cache_status;
    }
--- request eval
["GET /feed.xml", "GET /feed.xml"]
--- response_body_like eval
[qr{<title>Entry B</title>}, qr{<title>Entry B</title>}]
--- response_headers eval
["X-Feed-Cache: MISS", "X-Feed-Cache: HIT"]



=== TEST 20: with feed_cache off every feed is made afresh
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml {
        feed rss;
        feed_source /news.html;
        feed_cache off;
        add_header X-Feed-Cache $feed_cache_status;
    }
--- request eval
["GET /feed.xml", "GET /feed.xml"]
--- response_headers eval
["X-Feed-Cache: BYPASS", "X-Feed-Cache: BYPASS"]



=== TEST 21: a client that goes away before the sources are fetched
--- http_config
    limit_req_zone $server_name zone=slow:1m rate=30r/m;
--- config
    feed_base_url https://www.example.com;

    location = /feed.xml { feed rss; feed_source /slow/a /slow/b; }

    location /slow/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
    }

    location /backend/ {
        limit_req zone=slow burst=5;
        alias html/;
        try_files /news.html =404;
    }
--- request
GET /feed.xml
--- abort
--- timeout: 0.5
--- ignore_response
--- wait: 2.5
--- no_error_log
[alert]
[crit]
