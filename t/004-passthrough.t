# What the filter must leave alone, byte for byte, and the headers of
# what it changes.

use Test::Nginx::Socket 'no_plan';

no_long_string();

add_block_preprocessor(sub {
    my $block = shift;

    if (!defined $block->config) {
        $block->set_value("config", <<'_EOC_');
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
_EOC_
    }

    if (!defined $block->user_files) {
        $block->set_value("user_files", <<'_EOC_');
>>> page.html
<!DOCTYPE html><html><head><title>T</title></head><body>x</body></html>
_EOC_
    }

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]");
    }
});

run_tests();

__DATA__

=== TEST 1: an enriched response has no Content-Length or Accept-Ranges
--- request
GET /page.html
--- response_headers
!Content-Length
!Accept-Ranges
--- response_body_like chop
<link rel="canonical"



=== TEST 2: an enriched response keeps Last-Modified and gets a weak ETag
--- request
GET /page.html
--- response_headers_like
ETag: W/"[0-9a-f]+-48"
Last-Modified: \w+, \d+ \w+ \d+ \d+:\d+:\d+ GMT



=== TEST 3: a response left alone keeps its headers
--- config
    default_type text/plain;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> page.txt
<!DOCTYPE html><html><head><title>T</title></head><body>x</body></html>
--- request
GET /page.txt
--- response_headers
Content-Length: 72
Accept-Ranges: bytes
Content-Type: text/plain
--- response_body
<!DOCTYPE html><html><head><title>T</title></head><body>x</body></html>



=== TEST 4: ... and its strong ETag
--- config
    default_type text/plain;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> page.txt
<!DOCTYPE html><html><head><title>T</title></head><body>x</body></html>
--- request
GET /page.txt
--- response_headers_like
ETag: "[0-9a-f]+-48"



=== TEST 5: HEAD is not enriched and keeps its Content-Length
--- request
HEAD /page.html
--- response_headers
Content-Length: 72
--- response_body



=== TEST 6: a status other than 200 is not enriched
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;

    location /missing {
        return 404 '<!DOCTYPE html><html><head><title>Not here</title></head></html>';
    }
--- request
GET /missing
--- error_code: 404
--- response_body chop
<!DOCTYPE html><html><head><title>Not here</title></head></html>



=== TEST 7: nginx's own error pages are not enriched
--- request
GET /nothing-here.html
--- error_code: 404
--- response_body_unlike
canonical
--- no_error_log
[alert]



=== TEST 8: a range request gets the original bytes
--- request
GET /page.html
--- more_headers
Range: bytes=0-19
--- error_code: 206
--- response_body chop
<!DOCTYPE html><html
--- response_headers
Content-Length: 20



=== TEST 9: a 304 answer to a conditional request passes
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    if_modified_since before;
--- request
GET /page.html
--- more_headers
If-Modified-Since: Fri, 01 Jan 2100 00:00:00 GMT
--- error_code: 304
--- response_body



=== TEST 10: a compressed response passes unchanged
--- config
    feed_base_url https://www.example.com;
    feed_canonical /c;

    location /front/ {
        feed_enrich on;
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/back/;
        proxy_set_header Accept-Encoding gzip;
    }

    location /back/ {
        alias html/;
        default_type text/html;
        gzip on;
        gzip_min_length 1;
        gzip_http_version 1.0;
    }
--- request
GET /front/page.html
--- response_headers
Content-Encoding: gzip
--- response_body_unlike
canonical
--- no_error_log
[error]
--- error_log
feed: not enriching: content encoding "gzip"



=== TEST 11: a proxied response in UTF-16 passes unchanged
--- config
    feed_base_url https://www.example.com;
    feed_canonical /c;

    location /front/ {
        feed_enrich on;
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/back/;
    }

    location /back/ {
        default_type "text/html; charset=UTF-16";
        return 200 '<!DOCTYPE html><html><head></head></html>';
    }
--- request
GET /front/x
--- response_body chop
<!DOCTYPE html><html><head></head></html>
--- error_log
feed: not enriching: UTF-16 or UTF-32 charset



=== TEST 12: a page with a UTF-16 byte order mark passes unchanged
--- user_files eval
">>> page.html\n\xFF\xFE<\0h\0e\0a\0d\0>\0<\0/\0h\0e\0a\0d\0>\0"
--- request
GET /page.html
--- response_body eval
"\xFF\xFE<\0h\0e\0a\0d\0>\0<\0/\0h\0e\0a\0d\0>\0"
--- error_log
feed: page passed unchanged



=== TEST 13: an SSI include is a subrequest: only the main page is enriched
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    ssi on;
--- user_files
>>> page.html
<!DOCTYPE html><html><head><title>T</title></head><body><!--# include virtual="/part.html" --></body></html>
>>> part.html
<!DOCTYPE html><html><head></head><body>part</body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><title>T</title><link rel="canonical" href="https://www.example.com/c">
</head><body><!DOCTYPE html><html><head></head><body>part</body></html>
</body></html>



=== TEST 14: an empty page passes
--- user_files
>>> empty.html
--- request
GET /empty.html
--- response_body



=== TEST 15: a fragment passes unchanged, and the debug log says why
--- user_files
>>> frag.html
<div class="widget"><a href="/x">x</a></div>
--- request
GET /frag.html
--- response_body
<div class="widget"><a href="/x">x</a></div>
--- error_log
feed: page passed unchanged



=== TEST 16: with sendfile on, the body after the head still leaves by sendfile
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    sendfile on;
--- user_files eval
">>> big.html\n<!DOCTYPE html><html><head><title>T</title></head><body>" . ("<p>paragraph</p>\n" x 8000) . "</body></html>\n"
--- request
GET /big.html
--- response_body eval
"<!DOCTYPE html><html><head><title>T</title><link rel=\"canonical\" href=\"https://www.example.com/c\">\n</head><body>" . ("<p>paragraph</p>\n" x 8000) . "</body></html>\n"
--- error_log eval
qr/sendfile: \@\d+ 1\d{5}/



=== TEST 17: with sendfile on, files around the page size that the head is sent with
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    sendfile on;
--- user_files eval
my $head = "<!DOCTYPE html><html><head><title>T</title></head><body>";
CORE::join "", map {
    my $n = $_;
    ">>> p$n.html\n" . $head . ("x" x ($n - length($head) - 1)) . "\n"
} 4096, 4097, 8192, 8193, 12288;
--- request eval
[map { "GET /p$_.html" } 4096, 4097, 8192, 8193, 12288]
--- response_body eval
[map {
    my $head = "<!DOCTYPE html><html><head><title>T</title>";
    my $rest = "</head><body>";
    $head . "<link rel=\"canonical\" href=\"https://www.example.com/c\">\n" . $rest
    . ("x" x ($_ - length($head) - length($rest) - 1)) . "\n"
} 4096, 4097, 8192, 8193, 12288]
