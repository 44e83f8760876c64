# The first slice of the enrichment filter, end to end: a canonical link
# injected before </head> of HTML responses, whatever their source.

use Test::Nginx::Socket 'no_plan';

no_long_string();
run_tests();

__DATA__

=== TEST 1: a static page gets a canonical link before </head>
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><title>Page</title></head><body><p>Hello</p></body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html>
<html><head><title>Page</title><link rel="canonical" href="https://www.example.com/page.html">
</head><body><p>Hello</p></body></html>
--- no_error_log
[error]



=== TEST 2: a proxied page is enriched too
--- config
    feed_enrich on;
    feed_base_url https://www.example.com;

    location /app/ {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/backend/;
    }

    location /backend/ {
        feed_enrich off;
        default_type text/html;
        return 200 '<!doctype html><html><head><title>App</title></head><body>ok</body></html>';
    }
--- request
GET /app/item?id=7
--- response_body chop
<!doctype html><html><head><title>App</title><link rel="canonical" href="https://www.example.com/app/item">
</head><body>ok</body></html>
--- no_error_log
[error]



=== TEST 3: a page served one byte per buffer gets the same result
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
    sendfile off;
    output_buffers 1 1;
--- user_files
>>> page.html
<!DOCTYPE html>
<html><HEAD><title>Page</title></HEAD><body><p>Hello</p></body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html>
<html><HEAD><title>Page</title><link rel="canonical" href="https://www.example.com/page.html">
</HEAD><body><p>Hello</p></body></html>
--- no_error_log
[error]



=== TEST 4: a page that is not HTML is left alone
--- config
    default_type text/plain;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> notes.txt
<html><head><title>Not HTML</title></head></html>
--- request
GET /notes.txt
--- response_body
<html><head><title>Not HTML</title></head></html>
--- response_headers
Content-Length: 50
--- no_error_log
[error]



=== TEST 5: a page with its own canonical link keeps it, and gets no second one
--- config
    default_type text/html;
    feed_enrich on;
    feed_base_url https://www.example.com;
--- user_files
>>> page.html
<!DOCTYPE html>
<html><head><link rel="canonical" href="https://elsewhere.example/page"><title>Page</title></head><body></body></html>
--- request
GET /page.html
--- response_body
<!DOCTYPE html>
<html><head><link rel="canonical" href="https://elsewhere.example/page"><title>Page</title></head><body></body></html>
--- no_error_log
[error]



=== TEST 6: quotes and angle brackets in the request URI cannot break out of the attribute
--- config
    feed_enrich on;
    feed_base_url https://www.example.com;

    location /q/ {
        default_type text/html;
        return 200 '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>';
    }
--- request
GET /q/%22%3E%3Cscript%3Ealert(1)%3C/script%3E
--- response_body chop
<!DOCTYPE html><html><head><title>x</title><link rel="canonical" href="https://www.example.com/q/%22%3E%3Cscript%3Ealert(1)%3C/script%3E">
</head><body></body></html>
--- no_error_log
[error]



=== TEST 7: a forged Host header never reaches the output
--- config
    feed_enrich on;

    location /page {
        default_type text/html;
        return 200 '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>';
    }
--- more_headers
Host: evil.example
X-Forwarded-Host: evil.example
--- request
GET /page
--- response_body_like chop
^<!DOCTYPE html><html><head><title>x</title><link rel="canonical" href="http://localhost:\d+/page">
</head><body></body></html>$
--- no_error_log
[error]



=== TEST 8: the forged Host appears nowhere in the output
--- config
    feed_enrich on;

    location /page {
        default_type text/html;
        return 200 '<!DOCTYPE html><html><head><title>x</title></head><body></body></html>';
    }
--- more_headers
Host: evil.example
X-Forwarded-Host: evil.example
--- request
GET /page
--- response_body_unlike
evil
--- no_error_log
[error]
