# Bad configuration fails at start (nginx -t) with a message that names
# the directive and the value.

use Test::Nginx::Socket 'no_plan';

no_long_string();

run_tests();

__DATA__

=== TEST 1: feed_base_url with a scheme other than http or https
--- config
    feed_enrich on;
    feed_base_url ftp://x;
--- request
GET /
--- must_die
--- error_log
invalid value "ftp://x" in "feed_base_url" directive



=== TEST 2: feed_base_url that is not a URL
--- config
    feed_base_url "not a url";
--- request
GET /
--- must_die
--- error_log
invalid value "not a url" in "feed_base_url" directive



=== TEST 3: feed_base_url with a query or a fragment
--- config
    feed_base_url https://www.example.com/?x=1;
--- request
GET /
--- must_die
--- error_log
invalid value "https://www.example.com/?x=1" in "feed_base_url" directive



=== TEST 4: feed_link with an unknown type
--- config
    feed_link /feed.xml type=xml;
--- request
GET /
--- must_die
--- error_log
invalid value "type=xml" in "feed_link" directive



=== TEST 5: feed_link with an unknown parameter
--- config
    feed_link /feed.xml colour=red;
--- request
GET /
--- must_die
--- error_log
invalid parameter "colour=red" in "feed_link" directive



=== TEST 6: feed_keywords_auto out of range
--- config
    feed_keywords_auto 65;
--- request
GET /
--- must_die
--- error_log
invalid value "65" in "feed_keywords_auto" directive



=== TEST 7: feed_keywords_auto that is not a number
--- config
    feed_keywords_auto many;
--- request
GET /
--- must_die
--- error_log
invalid value "many" in "feed_keywords_auto" directive



=== TEST 8: feed with an unknown format
--- config
    location = /feed.xml {
        feed rdf;
        feed_source /;
    }
--- request
GET /
--- must_die
--- error_log
invalid value "rdf" in "feed" directive



=== TEST 9: feed without a source
--- config
    feed_base_url https://www.example.com;
    location = /feed.xml {
        feed rss;
    }
--- request
GET /
--- must_die
--- error_log
"feed" needs at least one "feed_source"



=== TEST 10: feed_source that is not a local URI
--- config
    location = /feed.xml {
        feed rss;
        feed_source http://elsewhere.example/;
    }
--- request
GET /
--- must_die
--- error_log
invalid value "http://elsewhere.example/" in "feed_source" directive



=== TEST 11: feed_item_xpath that does not compile names the expression
--- config
    location = /feed.xml {
        feed rss;
        feed_source /;
        feed_item_xpath "//article[@class=";
    }
--- request
GET /
--- must_die
--- error_log
invalid XPath expression "//article[@class=" in "feed_item_xpath" directive



=== TEST 12: feed_item_field with an unknown field
--- config
    location = /feed.xml {
        feed rss;
        feed_source /;
        feed_item_xpath //article;
        feed_item_field colour .//h2;
    }
--- request
GET /
--- must_die
--- error_log
"colour" ".//h2" in "feed_item_field" directive



=== TEST 13: feed_item_field with a bad expression names it
--- config
    location = /feed.xml {
        feed rss;
        feed_source /;
        feed_item_xpath //article;
        feed_item_field title "h2[";
    }
--- request
GET /
--- must_die
--- error_log
"title" "h2[" in "feed_item_field" directive



=== TEST 14: feed_max_items out of range
--- config
    location = /feed.xml {
        feed rss;
        feed_source /;
        feed_max_items 0;
    }
--- request
GET /
--- must_die
--- error_log
invalid value "0" in "feed_max_items" directive



=== TEST 15: a feed location with no usable base URL
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^www\.example\.net$;

        location = /feed.xml {
            feed rss;
            feed_source /;
        }
    }
--- config
--- request
GET /
--- must_die
--- error_log
"feed" needs absolute URLs



=== TEST 16: feed_canonical with an empty value
--- config
    feed_canonical "";
--- request
GET /
--- must_die
--- error_log
invalid value "" in "feed_canonical" directive



=== TEST 17: a duplicate directive
--- config
    feed_enrich on;
    feed_enrich off;
--- request
GET /
--- must_die
--- error_log
"feed_enrich" directive is duplicate



=== TEST 18: enrichment without a usable base URL says why once, at start, and writes no canonical
--- http_config
    server {
        listen 127.0.0.1:$TEST_NGINX_SERVER_PORT;
        server_name ~^www\.example\.net$;
        feed_enrich on;
        feed_keywords "k";

        location / {
            default_type text/html;
            return 200 '<!DOCTYPE html><head></head>';
        }
    }
--- config
--- request
GET /
--- more_headers
Host: www.example.net
--- response_body chop
<!DOCTYPE html><head><meta name="keywords" content="k">
</head>
--- error_log
no canonical link



=== TEST 19: feed_canonical_args with a name that cannot be an argument name
--- config
    feed_canonical_args page a=b;
--- request
GET /
--- must_die
--- error_log
invalid argument name "a=b" in "feed_canonical_args" directive
