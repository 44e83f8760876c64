# Keywords: the configured ones, and those learned from the page's own
# text while it streams by, stored in shared memory for the next
# response of the same page.

use Test::Nginx::Socket 'no_plan';

no_long_string();

add_block_preprocessor(sub {
    my $block = shift;

    if (!defined $block->user_files) {
        $block->set_value("user_files", <<'_EOC_');
>>> page.html
<!DOCTYPE html>
<html><head><title>Sourdough Baking</title>
<script>var hidden = "javascript words";</script>
<style>.hidden { color: red }</style>
</head>
<body>
<h1>Sourdough Starter</h1>
<p>The starter needs flour and water. Flour, water, flour.</p>
<!-- commented words never count -->
</body></html>
_EOC_
    }

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]");
    }
});

run_tests();

__DATA__

=== TEST 1: the first response carries the configured keywords, the next ones the learned ones too
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords "bread, Baking";
    feed_keywords_auto 3;
--- request eval
["GET /page.html", "GET /page.html", "GET /page.html"]
--- response_body_like eval
[qr{<meta name="keywords" content="bread, Baking">\n</head>},
qr{<meta name="keywords" content="bread, Baking, sourdough, starter">\n</head>},
qr{<meta name="keywords" content="bread, Baking, sourdough, starter">\n</head>}]



=== TEST 2: learned keywords alone, weighted by title and headings above body text
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords_auto 5;
--- request eval
["GET /page.html", "GET /page.html"]
--- response_body_like eval
[qr{<title>Sourdough Baking</title>\n<script>.*</style>\n</head>}s,
qr{<meta name="keywords" content="sourdough, baking, starter, flour, water">\n</head>}]



=== TEST 3: what is learned for one page is not given to another
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords_auto 5;
--- user_files
>>> a.html
<!DOCTYPE html><html><head><title>Alpha centauri</title></head><body></body></html>
>>> b.html
<!DOCTYPE html><html><head><title>Betelgeuse</title></head><body></body></html>
--- request eval
["GET /a.html", "GET /b.html", "GET /a.html", "GET /b.html"]
--- response_body eval
["<!DOCTYPE html><html><head><title>Alpha centauri</title></head><body></body></html>\n",
"<!DOCTYPE html><html><head><title>Betelgeuse</title></head><body></body></html>\n",
"<!DOCTYPE html><html><head><title>Alpha centauri</title><meta name=\"keywords\" content=\"alpha, centauri\">\n</head><body></body></html>\n",
"<!DOCTYPE html><html><head><title>Betelgeuse</title><meta name=\"keywords\" content=\"betelgeuse\">\n</head><body></body></html>\n"]



=== TEST 4: a changed page (another ETag) is learned again
--- config
    feed_base_url https://www.example.com;
    feed_canonical off;

    location /front/ {
        feed_enrich on;
        feed_keywords_auto 2;
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/back/;
    }

    location /back/ {
        default_type text/html;
        add_header ETag "\"$arg_w\"";
        return 200 '<!DOCTYPE html><html><head><title>$arg_w</title></head><body></body></html>';
    }
--- request eval
["GET /front/p?w=aardvark", "GET /front/p?w=aardvark", "GET /front/p?w=zebra", "GET /front/p?w=zebra"]
--- response_body eval
["<!DOCTYPE html><html><head><title>aardvark</title></head><body></body></html>",
"<!DOCTYPE html><html><head><title>aardvark</title><meta name=\"keywords\" content=\"aardvark\">\n</head><body></body></html>",
"<!DOCTYPE html><html><head><title>zebra</title></head><body></body></html>",
"<!DOCTYPE html><html><head><title>zebra</title><meta name=\"keywords\" content=\"zebra\">\n</head><body></body></html>"]



=== TEST 5: Unicode letters, stop words and case-insensitive duplicates
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords "Crème";
    feed_keywords_auto 4;
--- user_files
>>> u.html
<!DOCTYPE html><html><head><meta charset="utf-8"><title>The CRÈME brûlée of Ελληνικά</title></head>
<body><h2>and the with Straße</h2></body></html>
--- request eval
["GET /u.html", "GET /u.html"]
--- response_body_like eval
[qr{<meta name="keywords" content="Crème">},
qr{<meta name="keywords" content="Crème, brûlée, ελληνικά, straße">}]



=== TEST 6: a small zone that fills up evicts old pages and never fails a request
--- http_config
    feed_keywords_zone 32k;
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords_auto 8;

    location /p/ {
        return 200 '<!DOCTYPE html><html><head><title>Page $uri with several distinct words to learn about</title></head><body><h1>$uri heading words</h1></body></html>';
    }
--- request eval
[map { "GET /p/$_" } 1 .. 300]
--- response_body_like eval
[map { qr{^<!DOCTYPE html><html><head><title>Page /p/$_ } } 1 .. 300]
--- no_error_log
[error]
[alert]
[crit]
