# The block sections the runner in t/lib supports, each in a passing
# block run against a stock nginx.  Every block states in "--- ntests"
# how many results it yields, the count the real Test::Nginx gives, so
# a runner producing more or fewer results breaks the plan.

BEGIN {
    require File::Temp;
    require IO::Socket::INET;
    my $probe = IO::Socket::INET->new(LocalAddr => '127.0.0.1',
                                      LocalPort => 0, Listen => 1)
        or die "cannot find a free port: $!";
    $ENV{TEST_NGINX_PORT} = $probe->sockport;
    close $probe;
    $ENV{TEST_NGINX_SERVROOT} =
        File::Temp::tempdir(CLEANUP => 1) . '/servroot';
    $ENV{TEST_NGINX_BINARY} ||= '/usr/sbin/nginx';
    delete @ENV{qw(TEST_NGINX_SERVER_PORT TEST_NGINX_CLIENT_PORT
                   TEST_NGINX_LOAD_MODULES TEST_NGINX_USE_VALGRIND
                   TEST_NGINX_NO_CLEAN TEST_NGINX_LOG_LEVEL)};
}

use Test::Nginx::Socket;
use List::Util qw(sum);

repeat_each(2);

plan tests => repeat_each() * sum(map { $_->ntests } blocks());

add_block_preprocessor(sub {
    my $block = shift;
    if (defined $block->preprocess_me) {
        $block->set_value("response_body", "pre\n");
    }
});

run_tests();

__DATA__

=== TEST 1: config, request with a comment, response_body, no_error_log
--- config
    location /t { return 200 "hello\n"; }
--- request
    # the leading comment is dropped
GET /t
--- response_body
hello
--- no_error_log
[error]
--- ntests: 3



=== TEST 2: http_config, main_config, $TEST_NGINX_* and $ServerPort
--- main_config
    worker_rlimit_nofile 1024;
--- http_config
    map $uri $mapped { default "from-map"; }
--- config
    location /t { return 200 "$mapped $server_port $TEST_NGINX_SERVER_PORT\n"; }
--- request
GET /t
--- response_body
from-map $ServerPort $TEST_NGINX_SERVER_PORT
--- ntests: 2



=== TEST 3: a POST body and more_headers
--- config
    location /echo {
        proxy_pass http://127.0.0.1:$TEST_NGINX_SERVER_PORT/dummy;
        add_header X-Body "[$request_body]" always;
        add_header X-Foo "$http_x_foo";
    }
    location /dummy { return 200 "$request_method $http_content_length\n"; }
--- more_headers
X-Foo: bar
--- request
POST /echo
  hello world
--- response_headers
X-Body: [hello world]
X-Foo: bar
--- response_body
POST 11
--- ntests: 4



=== TEST 4: more_headers replace the default Host
--- config
    location /t { return 200 "$host\n"; }
--- more_headers
Host: example.org
--- request
GET /t
--- response_body
example.org
--- ntests: 2



=== TEST 5: request eval, a HEAD request has no body
--- config
    location /t { return 200 "hello\n"; }
--- request eval
"HEAD " . "/t"
--- response_headers
Content-Length: 6
--- response_body eval
""
--- ntests: 3



=== TEST 6: raw_request eval
--- config
    location /t { return 200 "raw $server_protocol\n"; }
--- raw_request eval
"GET /t HTTP/1.0\r\nHost: localhost\r\n\r\n"
--- response_body
raw HTTP/1.0
--- ntests: 2



=== TEST 7: raw_request in pieces
--- config
    location /t { return 200 "pieces\n"; }
--- raw_request eval
["GET /t HTTP/1.0\r\n", "Host: localhost\r\n\r\n"]
--- raw_request_middle_delay: 0.05
--- response_body
pieces
--- ntests: 2



=== TEST 8: error_code, error_log lines, response_body_like
--- config
--- request
GET /missing.html
--- error_code: 404
--- response_body_like: 404 Not Found
--- error_log
open()
No such file or directory
--- ntests: 4



=== TEST 9: response_body_unlike
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body_unlike: bye
--- ntests: 2



=== TEST 10: response_headers, present and absent
--- config
    location /t { return 200 "x"; }
--- request
GET /t
--- response_headers
Content-Type: text/plain
!X-Absent
! Connection-Not-There
--- ntests: 4



=== TEST 11: response_headers_like
--- config
    location /t { return 200 "x"; }
--- request
GET /t
--- response_headers_like
Content-Length: \d+
Server: nginx.*
--- ntests: 3



=== TEST 12: error_log eval and no_error_log eval
--- config
--- request
GET /missing.html
--- error_code: 404
--- error_log eval
[qr/open\(\) ".*missing\.html"/]
--- no_error_log eval
[qr/\[alert\]/, "[emerg]"]
--- ntests: 4



=== TEST 13: user_files in a sub-directory, with a date
--- config
--- user_files
>>> sub/dir/f.txt 201001020304
file
>>> other.txt
port=$TEST_NGINX_SERVER_PORT
--- request
GET /sub/dir/f.txt
--- response_headers
Last-Modified: Sat, 02 Jan 2010 03:04:00 GMT
--- response_body
file
--- ntests: 3



=== TEST 14: user_files expand $TEST_NGINX_* variables
--- config
--- user_files
>>> other.txt
port=$TEST_NGINX_SERVER_PORT
--- request
GET /other.txt
--- response_body
port=$ServerPort
--- ntests: 2



=== TEST 15: user_files eval
--- config
--- user_files eval
">>> e.txt\n" . ("ab" x 3) . "\n"
--- request
GET /e.txt
--- response_body
ababab
--- ntests: 2



=== TEST 16: a chunked response is decoded
--- config
    location = /s.html { ssi on; ssi_types *; root html; }
--- user_files
>>> s.html
<!--# echo var="uri" -->!
--- request
GET /s.html
--- response_headers
Transfer-Encoding: chunked
!Content-Length
--- response_body
/s.html!
--- ntests: 4



=== TEST 17: pipelined requests
--- config
    location /a { return 200 "a\n"; }
    location /b { return 200 "b\n"; }
--- pipelined_requests eval
["GET /a", "GET /b"]
--- response_body eval
["a\n", "b\n"]
--- no_error_log
[error]
--- ntests: 6



=== TEST 18: several requests, one connection each
--- config
    location /a { return 200 "a\n"; }
    location /b { return 201 "b\n"; }
--- request eval
["GET /a", "GET /b"]
--- error_code eval
[200, 201]
--- response_body eval
["a\n", "b\n"]
--- no_error_log
[error]
--- ntests: 6



=== TEST 19: must_die, with the error the failed start logged
--- config
    bogus_directive;
--- must_die
--- error_log
[emerg]
unknown directive "bogus_directive"
--- ntests: 3



=== TEST 20: must_die with an exit code, main_config goes to the top level
--- main_config
    bogus_main_directive;
--- config
--- must_die: 1
--- error_log
[emerg]
unknown directive "bogus_main_directive"
--- ntests: 3



=== TEST 21: a client that gives up: timeout, abort, ignore_response
--- config
--- raw_request eval
"GET / HTTP/1.1\r\nHost: localhost\r\n"
--- timeout: 300ms
--- abort
--- ignore_response
--- no_error_log
[error]
--- ntests: 1



=== TEST 22: a per-block log_level and a wait before the log checks
--- config
--- log_level: warn
--- request
GET /missing.html
--- error_code: 404
--- wait: 0.05
--- error_log
[error]
--- no_error_log
[debug]
--- ntests: 3



=== TEST 23: skip_nginx
--- config
--- skip_nginx: 2: < 999.0.0
--- request
GET /whatever
--- response_body
never checked
--- ntests: 2



=== TEST 24: skip_eval
--- config
--- skip_eval: 2: 1 + 1 == 2
--- request
GET /whatever
--- response_body
never checked
--- ntests: 2



=== TEST 25: a SKIP'ed block is not run
--- SKIP
--- config
--- request
GET /whatever
--- response_body
never checked
--- ntests: 0



=== TEST 26: add_block_preprocessor
--- config
    location /t { return 200 "pre\n"; }
--- request
GET /t
--- preprocess_me
--- ntests: 2



=== TEST 27: the root location serves html/index.html
--- config
--- request
GET /
--- response_body_like chop
^<html><head><title>It works!</title>.*</html>$
--- ntests: 2



=== TEST 28: grep_error_log and grep_error_log_out
--- config
--- request
GET /missing.html
--- error_code: 404
--- grep_error_log eval
qr/No such file or directory/
--- grep_error_log_out
No such file or directory
--- ntests: 2



=== TEST 29: init runs perl code before the requests
--- config
--- init
open my $f, ">", html_dir() . "/init.txt" or die $!;
print $f "written by init\n";
close $f;
--- request
GET /init.txt
--- response_body
written by init
--- ntests: 2
