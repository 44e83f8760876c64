# Where the tags go: inside document.head as a browser builds it, before
# the token that ends the head, never before something that only looks
# like </head>.

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
        $block->set_value("no_error_log", "[error]");
    }
});

run_tests();

__DATA__

=== TEST 1: </head> inside a comment is not the end of the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><!-- </head> --><title>T</title></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><!-- </head> --><title>T</title><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 2: </head> inside a script is not the end of the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><script>if (a</head>b) { document.write("</head>"); }</script></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><script>if (a</head>b) { document.write("</head>"); }</script><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 3: </head> inside a style sheet, a title or a noscript is not the end of the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><style>/* </head> */</style><title>a </head> b</title><noscript></head></noscript></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><style>/* </head> */</style><title>a </head> b</title><noscript></head></noscript><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 4: </head> inside a template is not the end of the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><template><p></head></p><template></head></template></template></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><template><p></head></p><template></head></template></template><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 5: </head> inside quoted attribute values is not the end of the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><meta name="description" content="</head>"><meta name='x' content='a > </head>'></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><meta name="description" content="</head>"><meta name='x' content='a > </head>'><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 6: a textarea cannot be in a head: it ends the head, and </head> inside it is text
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><title>T</title><textarea></head></textarea></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><title>T</title><link rel="canonical" href="https://www.example.com/c">
<textarea></head></textarea></head><body>x</body></html>



=== TEST 7: any letter case, white space and attributes in the end tag
--- user_files
>>> page.html
<!DOCTYPE html>
<HTML><HEAD><TITLE>T</TITLE></HeAd 
 class="x"
><BODY>x</BODY></HTML>
--- response_body
<!DOCTYPE html>
<HTML><HEAD><TITLE>T</TITLE><link rel="canonical" href="https://www.example.com/c">
</HeAd 
 class="x"
><BODY>x</BODY></HTML>



=== TEST 8: an end tag that only starts like </head> is ignored in the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><title>T</title></header></heads></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><title>T</title></header></heads><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 9: a byte order mark and a doctype
--- user_files eval
">>> page.html\n\xEF\xBB\xBF<!DOCTYPE html>\n<html><head><title>T</title></head><body>x</body></html>\n"
--- response_body eval
"\xEF\xBB\xBF<!DOCTYPE html>\n<html><head><title>T</title><link rel=\"canonical\" href=\"https://www.example.com/c\">\n</head><body>x</body></html>\n"



=== TEST 10: a doctype but no head: the tags go where the implied head ends
--- user_files
>>> page.html
<!DOCTYPE html>
<meta charset="utf-8">
<title>T</title>
<p>Hello</p>
--- response_body
<!DOCTYPE html>
<meta charset="utf-8">
<title>T</title>
<link rel="canonical" href="https://www.example.com/c">
<p>Hello</p>



=== TEST 11: <html> but no head: the tags go before <body>
--- user_files
>>> page.html
<html><body><p>Hello</p></body></html>
--- response_body
<html><link rel="canonical" href="https://www.example.com/c">
<body><p>Hello</p></body></html>



=== TEST 12: text in the head ends it
--- user_files
>>> page.html
<!DOCTYPE html>
<head><title>T</title>Hello</head><p>x</p>
--- response_body
<!DOCTYPE html>
<head><title>T</title><link rel="canonical" href="https://www.example.com/c">
Hello</head><p>x</p>



=== TEST 13: an element of the body ends the head
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><title>T</title><div>body</div></head></html>
--- response_body
<!DOCTYPE html>
<html><head><title>T</title><link rel="canonical" href="https://www.example.com/c">
<div>body</div></head></html>



=== TEST 14: an HTML fragment passes unchanged
--- user_files
>>> page.html
<p>Hello <b>world</b></p>
<head></head>
--- response_body
<p>Hello <b>world</b></p>
<head></head>



=== TEST 15: meta charset stays first, the tags go after it
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>T</title></head><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>T</title><link rel="canonical" href="https://www.example.com/c">
</head><body>x</body></html>



=== TEST 16: a doctype in odd case, comments and white space before the head
--- user_files
>>> page.html
<!-- a comment -->
<!doctype HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<!-- </head> -->
<html>
<head>
<title>T</title>
</head>
<body>x</body>
</html>
--- response_body
<!-- a comment -->
<!doctype HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">
<!-- </head> -->
<html>
<head>
<title>T</title>
<link rel="canonical" href="https://www.example.com/c">
</head>
<body>x</body>
</html>



=== TEST 17: XHTML gets XML syntax
--- config
    default_type application/xhtml+xml;
    feed_enrich on;
    feed_enrich_types application/xhtml+xml;
    feed_base_url https://www.example.com;
    feed_canonical /c;
--- user_files
>>> page.xhtml
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title></head><body>x</body></html>
--- request
GET /page.xhtml
--- response_body
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>T</title><link rel="canonical" href="https://www.example.com/c" />
</head><body>x</body></html>



=== TEST 18: a page served one byte per buffer, with every trap, gets the same result
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    feed_canonical /c;
    sendfile off;
    output_buffers 1 1;
    postpone_output 1;
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><!-- </head> --><script>"</head>"</script><meta content="</head>"><template></head></template><title></head></title></HEAD
><body>x</body></html>
--- response_body
<!DOCTYPE html>
<html><head><!-- </head> --><script>"</head>"</script><meta content="</head>"><template></head></template><title></head></title><link rel="canonical" href="https://www.example.com/c">
</HEAD
><body>x</body></html>



=== TEST 19: a proxied page that arrives in many small packets gets the same result
--- config
    feed_base_url https://www.example.com;
    feed_canonical /c;

    location /front/ {
        feed_enrich on;
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/back/;
        proxy_buffering off;
        proxy_buffer_size 1k;
    }

    location /back/ {
        alias html/;
        default_type text/html;
        sendfile off;
        output_buffers 1 1;
        postpone_output 0;
    }
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><!-- </head> --><script>"</head>"</script><meta content="</head>"><template></head></template><title></head></title></HEAD
><body>x</body></html>
--- request
GET /front/page.html
--- response_body
<!DOCTYPE html>
<html><head><!-- </head> --><script>"</head>"</script><meta content="</head>"><template></head></template><title></head></title><link rel="canonical" href="https://www.example.com/c">
</HEAD
><body>x</body></html>



=== TEST 20: a proxied page through small proxy buffers gets the same result
--- config
    feed_base_url https://www.example.com;
    feed_canonical /c;

    location /front/ {
        feed_enrich on;
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/back/;
        proxy_buffer_size 512;
        proxy_buffers 16 128;
        proxy_busy_buffers_size 512;
        proxy_max_temp_file_size 0;
    }

    location /back/ {
        alias html/;
        default_type text/html;
        sendfile off;
        output_buffers 1 7;
        postpone_output 0;
    }
--- user_files eval
">>> page.html\n<!DOCTYPE html>\n<html><head><title>T</title><!-- " . ("x" x 500) . " --></head><body>" . ("y" x 3000) . "</body></html>\n"
--- request
GET /front/page.html
--- response_body eval
"<!DOCTYPE html>\n<html><head><title>T</title><!-- " . ("x" x 500) . " --><link rel=\"canonical\" href=\"https://www.example.com/c\">\n</head><body>" . ("y" x 3000) . "</body></html>\n"
