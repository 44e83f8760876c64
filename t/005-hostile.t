# Hostile and broken input: whatever arrives, the response is either
# enriched correctly or passed through unchanged, and nothing goes wrong
# in the server.

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

    if (!defined $block->request) {
        $block->set_value("request", "GET /page.html");
    }

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]\n[alert]\n[crit]");
    }
});

our $tags = qq{<link rel="canonical" href="https://www.example.com/c">\n};
our $big = "<p>" . ("lorem ipsum dolor sit amet " x 40) . "</p>\n";

run_tests();

__DATA__

=== TEST 1: a 10 MB page is enriched
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><title>Big</title></head><body>\n"
. ($main::big x 9500) . "</body></html>\n"
--- response_body eval
"<!DOCTYPE html><html><head><title>Big</title>$main::tags</head><body>\n"
. ($main::big x 9500) . "</body></html>\n"
--- timeout: 10



=== TEST 2: a 300 KB head is enriched at its end
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><title>T</title>"
. ("<meta name=\"m\" content=\"" . ("v" x 1000) . "\">\n") x 300
. "</head><body>x</body></html>\n"
--- response_body eval
"<!DOCTYPE html><html><head><title>T</title>"
. ("<meta name=\"m\" content=\"" . ("v" x 1000) . "\">\n") x 300
. "$main::tags</head><body>x</body></html>\n"



=== TEST 3: a head that does not end within feed_enrich_head_limit passes unchanged
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    feed_enrich_head_limit 64k;
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><title>T</title>"
. ("<meta name=\"m\" content=\"v\">\n" x 10000)
--- response_body eval
"<!DOCTYPE html><html><head><title>T</title>"
. ("<meta name=\"m\" content=\"v\">\n" x 10000)
--- error_log
feed: page passed unchanged



=== TEST 4: a head that never ends, in a comment that never ends, passes unchanged
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><!-- " . ("</head> " x 50000)
--- response_body eval
"<!DOCTYPE html><html><head><!-- " . ("</head> " x 50000)



=== TEST 5: a page of nothing but <
--- user_files eval
">>> page.html\n" . ("<" x 200000)
--- response_body eval
"<" x 200000



=== TEST 6: a doctype followed by nothing but <
--- user_files eval
">>> page.html\n<!DOCTYPE html>" . ("<" x 200000)
--- response_body eval
"<!DOCTYPE html>$main::tags" . ("<" x 200000)



=== TEST 7: NUL bytes in tags, names and attribute values (an unknown element ends the implied head)
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><he\0ad><meta name=\"\0\" content=\"\0</head>\0\"><title>\0</title></he\0ad></head><body>\0</body></html>"
--- response_body eval
"<!DOCTYPE html><html>$main::tags<he\0ad><meta name=\"\0\" content=\"\0</head>\0\"><title>\0</title></he\0ad></head><body>\0</body></html>"



=== TEST 8: invalid UTF-8 in the head
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><title>\xff\xfe\xc3\x28\xe2\x82</title><meta name=\"d\" content=\"\xc0\xaf\"></head><body>\x80</body></html>"
--- response_body eval
"<!DOCTYPE html><html><head><title>\xff\xfe\xc3\x28\xe2\x82</title><meta name=\"d\" content=\"\xc0\xaf\">$main::tags</head><body>\x80</body></html>"



=== TEST 9: 100,000 nested elements in the body
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head></head><body>" . ("<div>" x 100000) . ("</div>" x 100000) . "</body></html>"
--- response_body eval
"<!DOCTYPE html><html><head>$main::tags</head><body>" . ("<div>" x 100000) . ("</div>" x 100000) . "</body></html>"



=== TEST 10: 100,000 nested templates in the head are skipped
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    feed_enrich_head_limit 4m;
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head>" . ("<template>" x 100000) . ("</template>" x 100000) . "</head><body></body></html>"
--- response_body eval
"<!DOCTYPE html><html><head>" . ("<template>" x 100000) . ("</template>" x 100000) . "$main::tags</head><body></body></html>"



=== TEST 11: a megabyte-long attribute value in the head
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    feed_enrich_head_limit 4m;
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><meta name=\"description\" content=\"" . ("a" x 1048576) . "\"></head><body></body></html>"
--- response_body eval
"<!DOCTYPE html><html><head><meta name=\"description\" content=\"" . ("a" x 1048576) . "\">$main::tags</head><body></body></html>"



=== TEST 12: a megabyte-long attribute name and tag name
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><meta " . ("n" x 1048576) . "=1><" . ("t" x 1048576) . "></head><body></body></html>"
--- response_body eval
"<!DOCTYPE html><html><head><meta " . ("n" x 1048576) . "=1>$main::tags<" . ("t" x 1048576) . "></head><body></body></html>"
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    feed_enrich_head_limit 4m;



=== TEST 13: a hostile request URI produces no markup
--- config
    feed_enrich on;
    feed_base_url https://www.example.com;

    location /p/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><head></head>';
    }
--- request
GET /p/"><script>alert(1)</script><'a
--- response_body chop
<!DOCTYPE html><head><link rel="canonical" href="https://www.example.com/p/%22%3E%3Cscript%3Ealert(1)%3C/script%3E%3C&#39;a">
</head>



=== TEST 14: forged Host and X-Forwarded-Host headers never reach the output
--- config
    feed_enrich on;
    feed_link /feed.xml;

    location /p/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><head></head>';
    }
--- more_headers
Host: "><b>evil
X-Forwarded-Host: evil.example
X-Forwarded-Proto: gopher
--- request
GET /p/x
--- response_body_like chop
^<!DOCTYPE html><head><link rel="canonical" href="http://localhost:\d+/p/x">
<link rel="alternate" type="application/rss\+xml" href="http://localhost:\d+/feed.xml">
</head>$



=== TEST 15: forged headers: the Host value appears nowhere
--- config
    feed_enrich on;
    feed_link /feed.xml;

    location /p/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><head></head>';
    }
--- more_headers
Host: "><b>evil
X-Forwarded-Host: evil.example
--- request
GET /p/x
--- response_body_unlike
evil



=== TEST 16: a client that goes away in the middle of a response
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    sendfile off;
    output_buffers 1 1k;
    limit_rate 20k;
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><title>T</title></head><body>\n"
. ($main::big x 200) . "</body></html>\n"
--- abort
--- timeout: 0.3
--- ignore_response
--- no_error_log
[alert]
[crit]
[emerg]
