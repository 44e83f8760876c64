# What the head scanner found in a page is kept with the page's learned
# keywords: the next response whose first bytes are the same gets the
# same result without being scanned, and the same tags without their
# being written again.  Anything else is scanned and written afresh.

use Test::Nginx::Socket 'no_plan';
use IO::Socket::INET;

no_long_string();

# a request made before a block's own, by its "--- init"
sub main::prime {
    my $uri = shift;
    my $s = IO::Socket::INET->new(PeerAddr => '127.0.0.1',
                                  PeerPort => server_port(),
                                  Timeout => 3)
        or die "cannot connect: $!";
    print $s "GET $uri HTTP/1.0\r\nHost: localhost\r\n\r\n";
    local $/;
    my $response = <$s>;
    close $s;
    die "no response to GET $uri" if !$response;
}

add_block_preprocessor(sub {
    my $block = shift;

    if (!defined $block->no_error_log) {
        $block->set_value("no_error_log", "[error]");
    }
});

run_tests();

__DATA__

=== TEST 1: a page served again as it was is not scanned again, and gets the same tags
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_link /feed.xml "title=Journal";
    feed_keywords "tea, cakes";
--- user_files
>>> page.html
<!DOCTYPE html><html><head><title>Tea</title><!-- </head> --></head><body>Tea.</body></html>
--- init
main::prime("/page.html");
--- request
GET /page.html
--- response_body
<!DOCTYPE html><html><head><title>Tea</title><!-- </head> --><link rel="canonical" href="https://www.example.com/page.html">
<link rel="alternate" type="application/rss+xml" title="Journal" href="https://www.example.com/feed.xml">
<meta name="keywords" content="tea, cakes">
</head><body>Tea.</body></html>
--- grep_error_log eval
qr/feed: the head as scanned before, \d+ bytes/
--- grep_error_log_out
feed: the head as scanned before, 69 bytes



=== TEST 2: a page whose head changed is scanned again: the tags move with the end of the head
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    location /p {
        return 200 "<!DOCTYPE html><html><head><title>$arg_t</title></head><body>x</body></html>";
    }
--- request eval
["GET /p?t=short", "GET /p?t=a%20longer%20title", "GET /p?t=short"]
--- response_body eval
["<!DOCTYPE html><html><head><title>short</title><link rel=\"canonical\" href=\"https://www.example.com/p\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head><title>a%20longer%20title</title><link rel=\"canonical\" href=\"https://www.example.com/p\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head><title>short</title><link rel=\"canonical\" href=\"https://www.example.com/p\">
</head><body>x</body></html>"]
--- no_error_log
[error]
feed: the head as scanned before



=== TEST 3: a head of the same length that changed what it declares is scanned again
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_link /feed.xml;
    location /p {
        return 200 "<!DOCTYPE html><html><head><link rel=\"$arg_rel\" href=\"/feed.xml\"></head><body>x</body></html>";
    }
--- request eval
["GET /p?rel=canonical", "GET /p?rel=alternate", "GET /p?rel=canonical"]
--- response_body eval
["<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"/feed.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/feed.xml\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/feed.xml\"><link rel=\"canonical\" href=\"https://www.example.com/p\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"/feed.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/feed.xml\">
</head><body>x</body></html>"]



=== TEST 4: a directory and its index file share the page's entry, each with its own canonical link
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> index.html
<!DOCTYPE html><html><head><title>same</title></head><body>x</body></html>
--- request eval
["GET /", "GET /index.html", "GET /", "GET /index.html"]
--- response_body eval
["<!DOCTYPE html><html><head><title>same</title><link rel=\"canonical\" href=\"https://www.example.com/\">
</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><title>same</title><link rel=\"canonical\" href=\"https://www.example.com/index.html\">
</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><title>same</title><link rel=\"canonical\" href=\"https://www.example.com/\">
</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><title>same</title><link rel=\"canonical\" href=\"https://www.example.com/index.html\">
</head><body>x</body></html>\n"]



=== TEST 5: kept query arguments: each request gets its own canonical link
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical_args page;
    location /p {
        return 200 "<!DOCTYPE html><html><head></head><body>x</body></html>";
    }
--- request eval
["GET /p?page=1", "GET /p?page=2&utm_source=x", "GET /p?page=1"]
--- response_body eval
["<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://www.example.com/p?page=1\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://www.example.com/p?page=2\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://www.example.com/p?page=1\">
</head><body>x</body></html>"]



=== TEST 6: keywords from a variable are written for each request, though the head is not scanned again
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    feed_keywords $arg_k;
    location /p {
        return 200 "<!DOCTYPE html><html><head></head><body>x</body></html>";
    }
--- init
main::prime("/p?k=one");
--- request
GET /p?k=two
--- response_body chop
<!DOCTYPE html><html><head><meta name="keywords" content="two">
</head><body>x</body></html>
--- grep_error_log eval
qr/feed: the head as scanned before/
--- grep_error_log_out
feed: the head as scanned before



=== TEST 7: a location with other feed links does not take the links another one found
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical off;
    location /a/ {
        alias html/;
        feed_link /a.xml;
    }
    location /b/ {
        alias html/;
        feed_link /b.xml;
    }
    location /c/ {
        alias html/;
        feed_link /a.xml;
        feed_link /b.xml;
    }
--- user_files
>>> page.html
<!DOCTYPE html><html><head><link rel="alternate" href="/a.xml"></head><body>x</body></html>
--- request eval
["GET /a/page.html", "GET /b/page.html", "GET /c/page.html", "GET /a/page.html", "GET /b/page.html", "GET /c/page.html"]
--- response_body eval
["<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/a.xml\"></head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/a.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/b.xml\">\n</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/a.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/b.xml\">\n</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/a.xml\"></head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/a.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/b.xml\">\n</head><body>x</body></html>\n",
"<!DOCTYPE html><html><head><link rel=\"alternate\" href=\"/a.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/b.xml\">\n</head><body>x</body></html>\n"]



=== TEST 8: a head that may arrive in pieces smaller than itself gets the same result every time
--- config
    default_type text/html;
    feed_base_url https://www.example.com;

    location /p/ {
        feed_enrich on;
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/back/;
        proxy_buffering off;
        proxy_buffer_size 1k;
    }

    location /back/ {
        alias html/;
        sendfile off;
        output_buffers 1 1;
        postpone_output 0;
    }
--- user_files
>>> page.html
<!DOCTYPE html><html><head><title>Small pieces</title></head><body>x</body></html>
--- request eval
["GET /p/page.html", "GET /p/page.html"]
--- response_body eval
[("<!DOCTYPE html><html><head><title>Small pieces</title><link rel=\"canonical\" href=\"https://www.example.com/p/page.html\">
</head><body>x</body></html>
") x 2]



=== TEST 9: with sendfile, the head is read from the file once and not scanned again
--- config
    default_type text/html;
    sendfile on;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files eval
">>> page.html\n<!DOCTYPE html><html><head><title>Big</title></head><body>"
. ("x" x 9000) . "</body></html>\n"
--- init
main::prime("/page.html");
--- request
GET /page.html
--- response_body eval
"<!DOCTYPE html><html><head><title>Big</title><link rel=\"canonical\" href=\"https://www.example.com/page.html\">\n</head><body>"
. ("x" x 9000) . "</body></html>\n"
--- grep_error_log eval
qr/feed: the head as scanned before, \d+ bytes/
--- grep_error_log_out
feed: the head as scanned before, 53 bytes



=== TEST 10: with sendfile, a file whose head grew past what its plan read is scanned on from there
--- config
    default_type text/html;
    sendfile on;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> page.html
<!DOCTYPE html><html><head><title>Short</title></head><body>x</body></html>
--- init
main::prime("/page.html");
open my $f, ">", html_dir() . "/page.html" or die $!;
print $f "<!DOCTYPE html><html><head><title>" . ("t" x 9000)
         . "</title></head><body>x</body></html>\n";
close $f;
--- request
GET /page.html
--- response_body eval
"<!DOCTYPE html><html><head><title>" . ("t" x 9000)
. "</title><link rel=\"canonical\" href=\"https://www.example.com/page.html\">\n</head><body>x</body></html>\n"
--- no_error_log
[error]
feed: the head as scanned before



=== TEST 11: a page with no words to learn keeps its tags once learned
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_keywords "tea";
    feed_keywords_auto 5;
    sendfile on;
--- user_files
>>> page.html
<!DOCTYPE html><html><head></head><body></body></html>
--- request eval
["GET /page.html", "GET /page.html", "GET /page.html"]
--- response_body eval
[("<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"https://www.example.com/page.html\">
<meta name=\"keywords\" content=\"tea\">
</head><body></body></html>
") x 3]



=== TEST 12: a long head served again as it was is not scanned again
--- config eval
'    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    location /p {
        return 200 "<!DOCTYPE html><html><head><style>' . ("x" x 3000)
. '</style></head><body>x</body></html>";
    }'
--- init
main::prime("/p");
--- request
GET /p
--- response_body eval
"<!DOCTYPE html><html><head><style>" . ("x" x 3000)
. "</style><link rel=\"canonical\" href=\"https://www.example.com/p\">
</head><body>x</body></html>"
--- grep_error_log eval
qr/feed: the head as scanned before, \d+ bytes/
--- grep_error_log_out
feed: the head as scanned before, 3050 bytes



=== TEST 13: a long head of the same length that changed what it declares is scanned again
--- config eval
'    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_link /feed.xml;
    location /p {
        return 200 "<!DOCTYPE html><html><head><style>' . ("x" x 3000)
. '</style><link rel=\"$arg_rel\" href=\"/feed.xml\"></head><body>x</body></html>";
    }'
--- request eval
["GET /p?rel=canonical", "GET /p?rel=alternate", "GET /p?rel=canonical"]
--- response_body eval
my $style = "<style>" . ("x" x 3000) . "</style>";
["<!DOCTYPE html><html><head>$style<link rel=\"canonical\" href=\"/feed.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/feed.xml\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head>$style<link rel=\"alternate\" href=\"/feed.xml\"><link rel=\"canonical\" href=\"https://www.example.com/p\">
</head><body>x</body></html>",
"<!DOCTYPE html><html><head>$style<link rel=\"canonical\" href=\"/feed.xml\"><link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://www.example.com/feed.xml\">
</head><body>x</body></html>"]
--- no_error_log
[error]
feed: the head as scanned before
