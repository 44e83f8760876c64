# Expectations that do not hold must fail: each case below is a small
# test script with one wrong block, run on its own; it has to exit
# non-zero and report the failing result by name.  The passing control
# case makes sure the failures come from the checks, not the set-up.

use strict;
use warnings;

use Cwd qw(abs_path);
use File::Temp qw(tempdir);
use IO::Socket::INET;
use Test::More;

my $lib = abs_path('t/lib');
my $tmp = tempdir(CLEANUP => 1);
my $n = 0;

sub free_port {
    my $s = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0,
                                  Listen => 1)
        or die "cannot find a free port: $!";
    my $port = $s->sockport;
    close $s;
    return $port;
}

# runs a test script made of $head and the blocks; returns the exit
# status and the TAP and diagnostics it printed
sub run_script {
    my ($blocks, %opt) = @_;
    $n++;
    my $file = "$tmp/case$n.t";
    open my $out, '>', $file or die "$file: $!";
    print $out "use Test::Nginx::Socket 'no_plan';\n",
               "no_shuffle();\n", $opt{head} // '', "run_tests();\n",
               "__DATA__\n\n", $blocks;
    close $out;

    local $ENV{TEST_NGINX_PORT} = free_port();
    local $ENV{TEST_NGINX_SERVROOT} = "$tmp/servroot$n";
    local $ENV{TEST_NGINX_BINARY} = $ENV{TEST_NGINX_BINARY}
                                    || '/usr/sbin/nginx';
    local $ENV{PATH} = $opt{path} ? "$opt{path}:$ENV{PATH}" : $ENV{PATH};
    local @ENV{keys %{ $opt{env} || {} }} = values %{ $opt{env} || {} };
    delete local @ENV{qw(TEST_NGINX_SERVER_PORT TEST_NGINX_CLIENT_PORT
                         TEST_NGINX_LOAD_MODULES TEST_NGINX_NO_CLEAN)};
    delete local $ENV{TEST_NGINX_USE_VALGRIND} if !$opt{env};
    my $output = `$^X -I$lib $file 2>&1`;
    return ($? >> 8, $output);
}

# one wrong block: the script fails, with "not ok" for $fails
sub fails_with {
    my ($what, $blocks, $fails, %opt) = @_;
    my ($code, $output) = run_script($blocks, %opt);
    isnt($code, 0, "$what: the script fails") or diag($output);
    like($output, $_, "$what: reports $_") or diag($output)
        for ref $fails eq 'ARRAY' ? @$fails : $fails;
}

my ($code, $output) = run_script(<<'_EOB_');
=== TEST 1: control
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body
hello
--- response_headers
Content-Length: 6
--- no_error_log
[error]
_EOB_
is($code, 0, 'a right block passes') or diag($output);
like($output, qr/^1\.\.4$/m, 'a right block gives 4 results');

fails_with('response_body', <<'_EOB_',
=== TEST 1: wrong body
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body
goodbye
_EOB_
    qr/^not ok 2 - \S+ TEST 1: wrong body - response_body - response is expected/m);

fails_with('response_body eval', <<'_EOB_',
=== TEST 1: one byte off
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body eval
"hello"
_EOB_
    qr/^not ok 2 - .*one byte off - response_body/m);

fails_with('status code', <<'_EOB_',
=== TEST 1: wrong status
--- config
    location /t { return 403; }
--- request
GET /t
_EOB_
    qr/^not ok 1 - .*wrong status - status code ok/m);

fails_with('error_code', <<'_EOB_',
=== TEST 1: expected 404
--- config
    location /t { return 200; }
--- request
GET /t
--- error_code: 404
_EOB_
    qr/^not ok 1 - .*expected 404 - status code ok/m);

fails_with('response_headers', <<'_EOB_',
=== TEST 1: headers
--- config
    location /t { add_header X-Here yes; return 200 "x"; }
--- request
GET /t
--- response_headers
X-Here: no
!X-Here
X-Missing: something
_EOB_
    [qr/^not ok 2 - .*header X-Here not present/m,
     qr/^not ok 3 - .*header X-Missing ok/m]);

fails_with('response_headers_like', <<'_EOB_',
=== TEST 1: header like
--- config
    location /t { return 200 "x"; }
--- request
GET /t
--- response_headers_like
Content-Length: 2\d
_EOB_
    qr/^not ok 2 - .*header Content-Length like ok/m);

fails_with('response_body_like', <<'_EOB_',
=== TEST 1: like
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body_like: ^bye
_EOB_
    qr/^not ok 2 - .*like - response_body_like/m);

fails_with('response_body_unlike', <<'_EOB_',
=== TEST 1: unlike
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body_unlike: ell
_EOB_
    qr/^not ok 2 - .*unlike - response_body_unlike/m);

fails_with('no_error_log', <<'_EOB_',
=== TEST 1: an error is logged
--- config
--- request
GET /missing.html
--- error_code: 404
--- no_error_log
[error]
_EOB_
    qr/^not ok 2 - .*pattern "\[error\]" should not match any line/m);

fails_with('error_log', <<'_EOB_',
=== TEST 1: nothing is logged
--- config
    location /t { return 200; }
--- request
GET /t
--- error_log
this never shows up
_EOB_
    qr/^not ok 2 - .*pattern "this never shows up" should match a line/m);

fails_with('must_die', <<'_EOB_',
=== TEST 1: nginx does not die
--- config
--- must_die
_EOB_
    qr/^not ok 1 - .*nginx does not die - die as expected/m);

fails_with('nginx cannot start', <<'_EOB_',
=== TEST 1: bad config
--- config
    no_such_directive;
--- request
GET /
_EOB_
    qr/^Bail out!.*Cannot start nginx.*no_such_directive/m);

fails_with('client timeout', <<'_EOB_',
=== TEST 1: the request never ends
--- config
--- raw_request eval
"GET / HTTP/1.1\r\nHost: localhost\r\n"
--- timeout: 200ms
_EOB_
    [qr/^not ok 1 - ERROR: client socket timed out - .*never ends/m,
     qr/^not ok 2 - .*never ends - status code ok/m]);

fails_with('undefined $TEST_NGINX_ variable', <<'_EOB_',
=== TEST 1: unknown variable
--- config
    location /t { return 200 "$TEST_NGINX_NO_SUCH_THING"; }
--- request
GET /t
_EOB_
    qr/^Bail out!.*No environment TEST_NGINX_NO_SUCH_THING defined/m);

# a stand-in for valgrind that reports an error: what valgrind finds in
# nginx must fail the block
my $bin = "$tmp/bin";
mkdir $bin or die "$bin: $!";
open my $vg, '>', "$bin/valgrind" or die "$bin/valgrind: $!";
print $vg <<'_EOS_';
#!/bin/sh
for a in "$@"; do
    case "$a" in
        --log-file=*) log=$(echo "${a#--log-file=}" | sed "s/%p/$$/") ;;
        -*) ;;
        *) break ;;
    esac
    shift
done
echo "==$$== Invalid read of size 1 (fake)" > "$log"
exec "$@"
_EOS_
close $vg;
chmod 0755, "$bin/valgrind";

fails_with('valgrind errors', <<'_EOB_',
=== TEST 1: valgrind finds an error
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body
hello
_EOB_
    [qr/^ok 2 - .*response_body/m,
     qr/^not ok 3 - .*valgrind finds an error - valgrind reported errors/m,
     qr/Invalid read of size 1 \(fake\)/],
    path => $bin, env => { TEST_NGINX_USE_VALGRIND => 1 });

# the real valgrind finds nothing in stock nginx serving a request
SKIP: {
    skip 'valgrind is not installed', 1
        if system('valgrind --version >/dev/null 2>&1') != 0;
    my ($code, $output) = run_script(<<'_EOB_',
=== TEST 1: under valgrind
--- config
    location /t { return 200 "hello\n"; }
--- request
GET /t
--- response_body
hello
_EOB_
        env => { TEST_NGINX_USE_VALGRIND => 1 });
    is($code, 0, 'a right block passes under valgrind') or diag($output);
}

done_testing();
