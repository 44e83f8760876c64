# The enrichment directives: what each one writes, how values are
# escaped, and how they are inherited across http, server and location.

use Test::Nginx::Socket 'no_plan';

no_long_string();

add_block_preprocessor(sub {
    my $block = shift;

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

=== TEST 1: feed_link of each type, with and without a title
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_link /feed.xml;
    feed_link /feed.atom type=atom "title=Our journal";
    feed_link /feed.json type=json title=JSON;
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><title>T</title><link rel="alternate" type="application/rss+xml" href="https://www.example.com/feed.xml">
<link rel="alternate" type="application/atom+xml" title="Our journal" href="https://www.example.com/feed.atom">
<link rel="alternate" type="application/feed+json" title="JSON" href="https://www.example.com/feed.json">
</head><body>x</body></html>



=== TEST 2: canonical, links and keywords together, in that order
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com/;
    feed_link /feed.xml "title=Journal";
    feed_keywords "nginx, feeds";
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><title>T</title><link rel="canonical" href="https://www.example.com/page.html">
<link rel="alternate" type="application/rss+xml" title="Journal" href="https://www.example.com/feed.xml">
<meta name="keywords" content="nginx, feeds">
</head><body>x</body></html>



=== TEST 3: a location that sets feed_link replaces the outer list, one that does not inherits it
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_link /all.xml;

    location /inner/ {
        alias html/;
        feed_link /inner.xml;
    }
--- request eval
["GET /page.html", "GET /inner/page.html"]
--- response_body eval
["<!DOCTYPE html><html><head><title>T</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/all.xml\">\n</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><title>T</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/inner.xml\">\n</head><body>x</body></html>\n"]



=== TEST 4: feed_enrich off in a location switches the filter off there
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;

    location /plain/ {
        alias html/;
        feed_enrich off;
    }
--- request
GET /plain/page.html
--- response_body
<!DOCTYPE html><html><head><title>T</title></head><body>x</body></html>
--- response_headers
Content-Length: 72



=== TEST 5: a page with the same feed link keeps its own; other links are still added
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_link /feed.xml;
    feed_link /feed.atom type=atom;
--- user_files
>>> page.html
<!DOCTYPE html><html><head><LINK REL="Alternate" type="application/rss+xml" href="/feed.xml"></head><body>x</body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><LINK REL="Alternate" type="application/rss+xml" href="/feed.xml"><link rel="alternate" type="application/atom+xml" href="https://www.example.com/feed.atom">
</head><body>x</body></html>



=== TEST 6: a page with its own keywords meta gets no second one
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords "nginx";
    feed_link /feed.xml;
--- user_files
>>> page.html
<!DOCTYPE html><html><head><meta name="Keywords" content="mine"></head><body>x</body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><meta name="Keywords" content="mine"><link rel="alternate" type="application/rss+xml" href="https://www.example.com/feed.xml">
</head><body>x</body></html>



=== TEST 7: a canonical link with rel="canonical" among other tokens counts as the page's own
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_keywords "k";
--- user_files
>>> page.html
<!DOCTYPE html><html><head><link rel="me  CANONICAL" href="/x"></head><body>x</body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><link rel="me  CANONICAL" href="/x"><meta name="keywords" content="k">
</head><body>x</body></html>



=== TEST 8: feed_canonical with variables, absolute or made absolute against the base
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;

    location /abs/ {
        alias html/;
        feed_canonical https://mirror.example.org$uri;
    }

    location /rel/ {
        alias html/;
        feed_canonical /canonical$uri;
    }
--- request eval
["GET /abs/page.html", "GET /rel/page.html"]
--- response_body eval
["<!DOCTYPE html><html><head><title>T</title><link rel=\"canonical\" href=\"https://mirror.example.org/abs/page.html\">\n</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><title>T</title><link rel=\"canonical\" href=\"https://www.example.com/canonical/rel/page.html\">\n</head><body>x</body></html>\n"]



=== TEST 9: feed_canonical off writes no canonical; with nothing else to write the page is unchanged
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><title>T</title></head><body>x</body></html>



=== TEST 10: the query is dropped except the arguments named in feed_canonical_args, in request order
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical_args page lang;
--- request
GET /page.html?utm_source=news&lang=en&x=1&page=2&utm_medium=mail
--- response_body
<!DOCTYPE html><html><head><title>T</title><link rel="canonical" href="https://www.example.com/page.html?lang=en&amp;page=2">
</head><body>x</body></html>



=== TEST 11: without feed_canonical_args every argument is dropped
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- request
GET /page.html?id=7&utm_source=x
--- response_body
<!DOCTYPE html><html><head><title>T</title><link rel="canonical" href="https://www.example.com/page.html">
</head><body>x</body></html>



=== TEST 12: the path is normalised as nginx normalises it, and percent-encoded where needed
--- config
    feed_enrich on;
    feed_base_url https://www.example.com;

    location /n/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><html><head></head></html>';
    }
--- request
GET /n/a/./b/../c//d%20e%41?q=1
--- response_body chop
<!DOCTYPE html><html><head><link rel="canonical" href="https://www.example.com/n/a/c/d%20eA">
</head></html>



=== TEST 13: without feed_base_url: the configured scheme, first literal server_name and port
--- config
    feed_enrich on;

    location /s/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><html><head></head></html>';
    }
--- more_headers
Host: attacker.example
--- request
GET /s/x
--- response_body_like chop
^<!DOCTYPE html><html><head><link rel="canonical" href="http://localhost:\d+/s/x">
</head></html>$



=== TEST 14: the first literal server_name counts, not a wildcard or regex, never the Host header
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name *.example.net ~^www\d+\.example\.net$ shop.example.net other.example.net;
        feed_enrich on;

        location / {
            default_type text/html;
            return 200 '<!DOCTYPE html><html><head></head></html>';
        }
    }
--- config
--- more_headers
Host: www1.example.net
--- request
GET /x
--- response_body_like chop
^<!DOCTYPE html><html><head><link rel="canonical" href="http://shop.example.net:\d+/x">
</head></html>$



=== TEST 15: values from configuration and variables are escaped
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_link "/feed.xml?a=1&b=2" "title=Tom & Jerry <3> \"quoted\"";
    feed_keywords "$arg_k";
--- request
GET /page.html?k="><script>alert(1)</script>
--- response_body
<!DOCTYPE html><html><head><title>T</title><link rel="alternate" type="application/rss+xml" title="Tom &amp; Jerry &lt;3&gt; &quot;quoted&quot;" href="https://www.example.com/feed.xml?a=1&amp;b=2">
<meta name="keywords" content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">
</head><body>x</body></html>



=== TEST 16: feed_enrich_types adds types; * matches any
--- config
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;

    location /a {
        default_type application/x-page;
        feed_enrich_types application/x-page;
        return 200 '<!DOCTYPE html><head></head>';
    }

    location /b {
        default_type text/x-anything;
        feed_enrich_types *;
        return 200 '<!DOCTYPE html><head></head>';
    }

    location /c {
        default_type text/x-anything;
        return 200 '<!DOCTYPE html><head></head>';
    }
--- request eval
["GET /a", "GET /b", "GET /c"]
--- response_body eval
["<!DOCTYPE html><head><link rel=\"canonical\" href=\"https://www.example.com/c\">\n</head>",
"<!DOCTYPE html><head><link rel=\"canonical\" href=\"https://www.example.com/c\">\n</head>",
"<!DOCTYPE html><head></head>"]



=== TEST 17: settings are inherited from http and server levels
--- http_config
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_keywords "from-http";
--- config
    feed_link /server.xml;

    location /deep/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><head></head>';
    }
--- request
GET /deep/x
--- response_body chop
<!DOCTYPE html><head><link rel="canonical" href="https://www.example.com/deep/x">
<link rel="alternate" type="application/rss+xml" href="https://www.example.com/server.xml">
<meta name="keywords" content="from-http">
</head>
