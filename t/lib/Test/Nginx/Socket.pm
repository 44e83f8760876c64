package Test::Nginx::Socket;

# A compact runner for the data-driven nginx test format of openresty's
# Test::Nginx::Socket, covering the subset of sections our suites use.
# It is picked up only when the real Test::Nginx is not installed.
#
# Each block gets a fresh server root and a freshly started nginx, so
# the error log checked by error_log/no_error_log holds only the lines
# of that block.  The number of test results each section produces is
# the same as with the real module, so explicit plans stay valid.

use strict;
use warnings;

use Test::Base -base;

use Cwd ();
use File::Path qw(make_path remove_tree);
use File::Spec ();
use IO::Select ();
use IO::Socket::INET ();
use List::Util qw(shuffle);
use POSIX qw(SIGQUIT SIGTERM SIGKILL WNOHANG);
use Scalar::Util qw(looks_like_number);
use Time::HiRes qw(sleep time);

our $VERSION = '0.01';

my $HaveLongString = eval { require Test::LongString; 1 };

our $NginxBinary         = $ENV{TEST_NGINX_BINARY} || 'nginx';
our $ServerAddr          = '127.0.0.1';
our $ServerName          = 'localhost';
our $ServerPort          = $ENV{TEST_NGINX_SERVER_PORT}
                           || $ENV{TEST_NGINX_PORT} || 1984;
our $ServerPortForClient = $ENV{TEST_NGINX_CLIENT_PORT} || $ServerPort;
our $LogLevel            = $ENV{TEST_NGINX_LOG_LEVEL} || 'debug';
our $MasterProcess       = $ENV{TEST_NGINX_MASTER_PROCESS} || 'off';
our $UseValgrind         = $ENV{TEST_NGINX_USE_VALGRIND};
our $NoShuffle           = $ENV{TEST_NGINX_NO_SHUFFLE} || 0;
our $CheckAccumErrLog    = $ENV{TEST_NGINX_CHECK_ACCUM_ERR_LOG};
our $Timeout             = $ENV{TEST_NGINX_TIMEOUT} || 3;
our $Sleep               = $ENV{TEST_NGINX_SLEEP} || 0.015;
our $Workers             = 1;
our $WorkerConnections   = 64;
our $RepeatEach          = 1;
our ($NoLongString, $NoRootLocation, $NginxVersion, $NginxV);
our (@EnvToNginx, @BlockPreprocessors);

our $ServRoot = File::Spec->rel2abs($ENV{TEST_NGINX_SERVROOT} || 't/servroot');
our $ServerRoot = $ServRoot;
our $LogDir     = "$ServRoot/logs";
our $ErrLogFile = "$LogDir/error.log";
our $AccLogFile = "$LogDir/access.log";
our $HtmlDir    = "$ServRoot/html";
our $ConfDir    = "$ServRoot/conf";
our $ConfFile   = "$ConfDir/nginx.conf";
our $PidFile    = "$LogDir/nginx.pid";

$ENV{TEST_NGINX_SERVER_ROOT} = $ServRoot;
$ENV{TEST_NGINX_HTML_DIR}    = $HtmlDir;

# a valgrind'ed nginx stays in the foreground as our child process
our $Daemon = $UseValgrind ? 'off' : 'on';

our @EXPORT = qw(
    run_tests repeat_each no_shuffle no_long_string log_level
    master_on master_off workers worker_connections no_root_location
    env_to_nginx server_port server_port_for_client server_root html_dir
    timeout check_accum_error_log add_block_preprocessor bail_out
    $ServerPort $ServerPortForClient $ServerAddr $ServerName
    $ServRoot $ServerRoot $NoLongString $RepeatEach $PidFile $ConfFile
);

my ($ChildPid, $ErrLogFilePos, $PrevConfig, $Started);


# ---- settings used by test files --------------------------------------

sub repeat_each (@) { $RepeatEach = shift if @_; return $RepeatEach }
sub no_shuffle () { $NoShuffle = 1 }
sub no_long_string () { $NoLongString = 1 }
sub no_root_location () { $NoRootLocation = 1 }
sub check_accum_error_log () { $CheckAccumErrLog = 1 }
sub master_on () { $MasterProcess = 'on' }
sub master_off () { $MasterProcess = 'off' }
sub log_level (@) { $LogLevel = shift if @_; return $LogLevel }
sub workers (@) { $Workers = shift if @_; return $Workers }
sub worker_connections (@) {
    $WorkerConnections = shift if @_;
    return $WorkerConnections;
}
sub timeout (@) { $Timeout = shift if @_; return $Timeout }
sub server_port (@) { $ServerPort = shift if @_; return $ServerPort }
sub server_port_for_client (@) {
    $ServerPortForClient = shift if @_;
    return $ServerPortForClient;
}
sub server_root () { return $ServRoot }
sub html_dir () { return $HtmlDir }
sub add_block_preprocessor (&) { push @BlockPreprocessors, shift }

sub env_to_nginx (@) {
    for my $v (@_) {
        Carp::croak("env_to_nginx: bad argument value: $v")
            if $v !~ /^[A-Za-z_]/ || $v =~ /\n/;
        push @EnvToNginx, $v;
    }
}

sub bail_out (@) {
    stop_nginx('bail out');
    Test::More::BAIL_OUT(join '', @_);
}


# ---- helpers ----------------------------------------------------------

sub parse_time {
    my $t = shift;
    return undef if !defined $t;
    return $1 / 1000 if $t =~ /^\s*([\d.]+)\s*ms\s*$/;
    $t =~ s/^\s*([\d.]+)\s*s?\s*$/$1/;
    return $t;
}

sub trim_str {
    my $s = shift // '';
    $s =~ s/^\s+|\s+$//g;
    $s =~ s/\s+/ /g;
    return length $s > 60 ? substr($s, 0, 57) . '...' : $s;
}

sub fmt_str {
    my $s = shift;
    chomp $s;
    $s =~ s/"/\\"/g;
    $s =~ s/\r/\\r/g;
    $s =~ s/\n/\\n/g;
    return $s;
}

# $TEST_NGINX_* variables in a section are replaced from the environment
sub expand_env {
    my ($text, $name) = @_;
    return undef if !defined $text;
    $text =~ s{\$(TEST_NGINX_[_A-Z0-9]+)}{
        defined $ENV{$1} ? $ENV{$1}
                         : bail_out("$name - No environment $1 defined.\n")
    }ge;
    return $text;
}

# a per-request value: sections hold an array when a block sends several
sub indexed {
    my ($name, $value, $idx, $need_array) = @_;
    return $value if !ref $value || ref $value ne 'ARRAY';
    return $value->[$idx] if $need_array;
    return $value->[0];
}

# "Name: value" lines; "!Name" means the header must be absent
sub parse_headers {
    my $s = shift // '';
    my (@keys, %h);
    for my $line (split /\n/, $s) {
        $line =~ s/^\s+|\s+$//g;
        next if $line eq '';
        my ($key, $val);
        if ($line =~ s/^!\s*//) {
            $key = $line;
        } else {
            ($key, $val) = split /\s*:\s*/, $line, 2;
        }
        push @keys, $key if !exists $h{$key};
        $h{$key} = $val;
    }
    return map { [$_, $h{$_}] } @keys;
}

sub canon_version { sprintf '%d.%03d%03d', @_ }

sub nginx_version {
    $NginxV = `$NginxBinary -V 2>&1`;
    bail_out("Cannot run \"$NginxBinary -V\": $NginxV")
        if $? != 0 || !defined $NginxV;
    bail_out("Cannot parse the output of \"$NginxBinary -V\": $NginxV")
        if $NginxV !~ m{\w+/(\d+)\.(\d+)\.(\d+)};
    return canon_version($1, $2, $3);
}

sub read_pid {
    open my $in, '<', $PidFile or return undef;
    my $pid = <$in>;
    close $in;
    return undef if !defined $pid || $pid !~ /^\s*(\d+)/;
    return $1;
}

sub is_running {
    my $pid = shift;
    return 0 if waitpid($pid, WNOHANG) == $pid;     # our child, reaped
    return 0 if !kill 0, $pid;
    if (open my $st, '<', "/proc/$pid/stat") {      # an unreaped zombie
        my $stat = <$st> // '';
        return 0 if $stat =~ /^\d+ \(.*\) Z/s;
    }
    return 1;
}

sub wait_exit {
    my ($pid, $secs) = @_;
    for (my $t = 0; $t < $secs; $t += 0.02) {
        return 1 if !is_running($pid);
        sleep 0.02;
    }
    return !is_running($pid);
}


# ---- server root, nginx.conf and the nginx process --------------------

sub setup_server_root {
    if (-d $ServRoot) {
        # remove only what we create, so a misused TEST_NGINX_SERVROOT
        # pointing at real data makes the rmdir below fail
        remove_tree($ConfDir, $HtmlDir, $LogDir, glob("$ServRoot/*_temp"));
        rmdir $ServRoot
            or bail_out("Can't remove $ServRoot (not empty?): $!");
    }
    make_path($ServRoot, $LogDir, $HtmlDir, $ConfDir);
    bail_out("Cannot create $ConfDir") if !-d $ConfDir;
    open my $out, '>', "$HtmlDir/index.html"
        or bail_out("Can't write $HtmlDir/index.html: $!");
    print $out '<html><head><title>It works!</title></head>'
               . '<body>It works!</body></html>';
    close $out;
}

sub write_user_files {
    my $block = shift;
    my $name = $block->name;
    my $files = $block->user_files;
    return if !$files;

    if (!ref $files) {
        my @list;
        for my $line (split /^/m, $files) {
            if ($line =~ /^>>> (\S+)(?:\s+(.+))?/) {
                push @list, [$1, undef, $2];
            } elsif (@list) {
                $list[-1][1] .= $line;
            }
        }
        $files = \@list;

    } elsif (ref $files ne 'ARRAY') {
        bail_out("$name - user_files must be a string or an ARRAY");
    }

    for my $file (@$files) {
        my ($fname, $body, $date) = @$file;
        my $path = $fname =~ m{^/} ? $fname : "$HtmlDir/$fname";
        if ($path =~ m{(.*)/} && !-d $1) {
            make_path($1) or bail_out("$name - Cannot create directory $1");
        }
        open my $out, '>', $path
            or bail_out("$name - Cannot open $path for writing: $!");
        binmode $out;
        print $out expand_env($body // '', $name);
        close $out;
        if ($date) {
            system("TZ=GMT touch -t '$date' '$path'") == 0
                or bail_out("$name - Cannot set the date of $path");
        }
    }
}

sub write_config_file {
    my ($block, $config) = @_;
    my $name = $block->name;
    my $http_config = expand_env($block->http_config // '', $name);
    my $main_config = $block->main_config // '';
    my $modules = $ENV{TEST_NGINX_LOAD_MODULES} // '';
    $main_config = join "\n", (map { "load_module $_;" } grep { length }
                               split /\s+/, $modules), $main_config;
    $main_config = expand_env($main_config, $name);
    my $log_level = $block->log_level || $LogLevel;

    my $temp_paths = '';
    for my $t (qw(client_body proxy fastcgi scgi uwsgi)) {
        next if $NginxV =~ /--without-http_${t}_module/
                || $http_config =~ /\b${t}_temp_path\b/;
        $temp_paths .= "    ${t}_temp_path $ServRoot/${t}_temp;\n";
    }

    my $env = join '', map { /\s/ ? "env '$_';\n" : "env $_;\n" } @EnvToNginx;
    my $root_location = $NoRootLocation ? '' : <<"_EOC_";
        location / {
            root $HtmlDir;
            index index.html index.htm;
        }
_EOC_
    my $user = $> == 0 ? "user root;\n" : '';

    open my $out, '>', $ConfFile or bail_out("Can't write $ConfFile: $!");
    print $out <<"_EOC_";
worker_processes  $Workers;
daemon $Daemon;
master_process $MasterProcess;
error_log $ErrLogFile $log_level;
pid       $PidFile;
$env$user
$main_config

http {
    access_log $AccLogFile;
$temp_paths
    default_type text/plain;
    keepalive_timeout  68000ms;

$http_config

    server {
        listen          $ServerAddr:$ServerPort;
        server_name     '$ServerName';
        client_max_body_size 30M;

        # Begin test case config...
$config
        # End test case config.

$root_location    }
}

events {
    accept_mutex off;
    worker_connections  $WorkerConnections;
}
_EOC_
    close $out;
}

# our suppressions cover what stock nginx holds at exit
sub valgrind_cmd {
    (my $supp = __FILE__) =~ s{[^/]*$}{valgrind.suppress};
    my @opts = $UseValgrind =~ /^\d+$/
        ? ('--num-callers=100', '-q', '--tool=memcheck', '--leak-check=full',
           '--show-possibly-lost=no', '--gen-suppressions=all')
        : ('-q', split ' ', $UseValgrind);
    push @opts, map { "--suppressions=$_" } grep { -f }
                $supp, 'valgrind.suppress';
    return ('valgrind', @opts, "--log-file=$LogDir/valgrind-%p.log");
}

# Runs nginx.  Returns the exit status of the command for a daemon, or
# 0 once the pid file of a foreground (valgrind'ed) nginx shows up.
sub start_nginx {
    my ($name, $valgrind) = @_;
    my @cmd = ($NginxBinary, '-p', "$ServRoot/", '-c', $ConfFile);
    splice @cmd, 1, 0, '-e', $ErrLogFile if $NginxVersion ge '1.019005';
    unshift @cmd, valgrind_cmd() if $valgrind;

    $Started = 1;
    my $pid = fork() // bail_out("$name - fork() failed: $!");
    if ($pid == 0) {
        open STDOUT, '>', '/dev/null';
        open STDERR, '>>', "$LogDir/stderr.log";
        setpgrp(0, 0) if $valgrind;
        exec @cmd or POSIX::_exit(127);
    }

    if (!$valgrind) {
        waitpid($pid, 0);
        return $?;
    }

    $ChildPid = $pid;
    for (my $t = 0; $t < 60; $t += 0.05) {
        return 0 if -f $PidFile && read_pid();
        if (waitpid($pid, WNOHANG) == $pid) {
            undef $ChildPid;
            return $?;
        }
        sleep 0.05;
    }
    return -1;
}

sub stop_nginx {
    my ($name) = @_;
    my $pid = $ChildPid // read_pid();
    if ($pid && is_running($pid)) {
        kill SIGQUIT, $pid;
        if (!wait_exit($pid, $ChildPid ? 60 : $Timeout)) {
            warn "$name - nginx $pid did not quit, sending TERM\n";
            kill SIGTERM, $pid;
            if (!wait_exit($pid, 1)) {
                warn "$name - killing nginx $pid\n";
                kill SIGKILL, $pid;
                wait_exit($pid, 1);
            }
        }
    }
    waitpid($ChildPid, 0) if $ChildPid;
    undef $ChildPid;
    unlink $PidFile;
}

sub slurp_lines {
    my $file = shift;
    open my $in, '<', $file or return ();
    my @lines = <$in>;
    close $in;
    return @lines;
}

sub prepare_nginx {
    my ($block, $config) = @_;
    stop_nginx($block->name);
    setup_server_root();
    write_user_files($block);
    write_config_file($block, $config);
    $ErrLogFilePos = 0;
}

# nginx must fail to start: one result for the exit status, then the
# error log checks against what the failed start logged
sub run_must_die {
    my ($block, $config) = @_;
    my $name = $block->name;
    my $must_die = $block->must_die;

    for my $i (0 .. $RepeatEach - 1) {
        prepare_nginx($block, $config);
        my $status = start_nginx($name, 0);
        my $code = $status >> 8;
        if ($status == -1 || $code == 127) {
            fail("$name - failed to execute the nginx command line");
        } elsif ($status & 128) {
            fail("$name - nginx core dumped");
        } elsif (looks_like_number($must_die)) {
            is($code, $must_die, "$name - die with the expected exit code");
        } else {
            isnt($status, 0, "$name - die as expected");
        }

        my @lines = (slurp_lines($ErrLogFile),
                     slurp_lines("$LogDir/stderr.log"));
        check_error_log($block, \@lines, $i);

        if ($status == 0) {
            warn "WARNING: $name - nginx must die but it does not; "
                 . "killing it (req $i)\n";
            for (1 .. 20) { last if -f $PidFile; sleep $Sleep }
            stop_nginx($name);
        }
    }
}

# starts nginx for a block; a failure to start is fatal like in the
# real runner, retrying only while the port is still held
sub launch_nginx {
    my ($block, $config) = @_;
    my $name = $block->name;

    prepare_nginx($block, $config);
    for my $try (1 .. 50) {
        my $status = start_nginx($name, $UseValgrind);
        if ($status == 0) {
            for (1 .. int($Timeout / 0.01)) {
                return if read_pid();
                sleep 0.01;
            }
            bail_out("$name - nginx did not write $PidFile");
        }
        my $log = join '', slurp_lines($ErrLogFile),
                           slurp_lines("$LogDir/stderr.log");
        if ($try < 50 && $log =~ /Address already in use/) {
            unlink $ErrLogFile, "$LogDir/stderr.log";
            sleep 0.1;
            next;
        }
        my @emerg = grep { /\[(?:emerg|alert|crit)\]/ } split /^/m, $log;
        bail_out("$name - Cannot start nginx (status $status): "
                 . join('', @emerg ? @emerg : $log));
    }
}

# valgrind findings of the nginx just stopped are failures of the block
sub check_valgrind_logs {
    my $name = shift;
    for my $file (glob "$LogDir/valgrind-*.log") {
        my $report = join '', slurp_lines($file);
        unlink $file;
        next if $report !~ /\S/;
        fail("$name - valgrind reported errors");
        diag($report);
    }
}


# ---- requests ---------------------------------------------------------

sub parse_more_headers {
    my $in = shift // '';
    my ($out, $chunked) = ('', 0);
    for my $h (split /\n+/, $in) {
        next if $h =~ /^\s*#/ || $h !~ /\S/;
        my ($key, $val) = split /:\s*/, $h, 2;
        $val //= '';
        $chunked = 1 if lc $key eq 'transfer-encoding' && $val eq 'chunked';
        $out .= "$key: $val\r\n";
    }
    return ($out, $chunked);
}

# "METHOD [URL [VERSION]]" and an optional body on the following lines
sub build_request {
    my ($name, $req, $more_headers, $conn) = @_;
    1 while $req =~ s/^\s*#[^\n]*\n|^\s+//s;
    my ($first, $body) = split /\n/, $req, 2;
    $body //= '';
    $first =~ /^(\S+)(?:[ \t]+(\S+))?(?:[ \t]+(\S+))?\s*$/
        or bail_out("$name - Request line is not valid: \"$first\"");
    my ($method, $url, $ver) = ($1, $2 // '/', $3 // 'HTTP/1.1');

    my ($hdr, $chunked) = parse_more_headers($more_headers);
    if (!$chunked && $body ne '' && $hdr !~ /(?:^|\n)Content-Length:/) {
        $body =~ s/^\s+|\s+$//gs;
        $hdr .= 'Content-Length: ' . length($body) . "\r\n";
    }
    my $std = '';
    $std .= "Host: $ServerName\r\n" if $hdr !~ /(?:^|\n)Host:/i;
    $std .= "Connection: $conn\r\n" if $hdr !~ /(?:^|\n)Connection/i;
    return "$method $url $ver\r\n$std$hdr\r\n$body";
}

# the requests of a block: a list of lists of packets to send
sub get_requests {
    my $block = shift;
    my $name = $block->name;
    my $more = $block->more_headers;
    my $hdr = sub { ref $more eq 'ARRAY' ? $more->[$_[0]] : $more };

    if (defined(my $raw = $block->raw_request)) {
        return [ref $raw eq 'ARRAY' ? @$raw : $raw];
    }

    if (my $reqs = $block->pipelined_requests) {
        bail_out("$name - invalid --- pipelined_requests")
            if ref $reqs ne 'ARRAY';
        my $data = '';
        for my $i (0 .. $#$reqs) {
            $data .= build_request($name, $reqs->[$i], $hdr->($i),
                                   $i == $#$reqs ? 'close' : 'keep-alive');
        }
        return [$data];
    }

    my $req = $block->request;
    bail_out("$name - No '--- request' section") if !defined $req;
    my @reqs = ref $req eq 'ARRAY' ? @$req : ($req);
    return map {
        my $r = $reqs[$_];
        [ref $r eq 'ARRAY' ? (map { $_->{value} // $_ } @$r)
                           : build_request($name, $r, $hdr->($_), 'close')]
    } 0 .. $#reqs;
}

# sends the packets on a fresh connection and reads until the server
# closes it; an idle time longer than $timeout fails the test unless
# the block expects the client to abort
sub send_request {
    my ($block, $packets, $timeout) = @_;
    my $name = $block->name;
    my @out = @$packets;
    my $delay = parse_time($block->raw_request_middle_delay);

    my $sock;
    my $deadline = time + $timeout;
    until ($sock = IO::Socket::INET->new(PeerAddr => $ServerAddr,
                                         PeerPort => $ServerPortForClient,
                                         Proto => 'tcp',
                                         Timeout => $timeout))
    {
        if (time > $deadline) {
            fail("$name - Can't connect to $ServerAddr:"
                 . "$ServerPortForClient: $! (aborted)");
            return undef;
        }
        sleep 0.05;
    }
    $sock->blocking(0);
    local $SIG{PIPE} = 'IGNORE';

    my $resp = '';
    my $buf = shift @out;
    my $sel = IO::Select->new($sock);
    while (1) {
        my ($r, $w) = IO::Select->select($sel, defined $buf ? $sel : undef,
                                         undef, $timeout);
        if (!$r && !$w) {
            fail("ERROR: client socket timed out - $name")
                if !defined $block->abort;
            last;
        }
        if ($w && @$w) {
            my $n = syswrite $sock, $buf;
            if (defined $n) {
                substr($buf, 0, $n) = '';
                if ($buf eq '') {
                    $buf = shift @out;
                    sleep $delay if defined $buf && $delay;
                }
            } elsif (!$!{EAGAIN} && !$!{EWOULDBLOCK}) {
                undef $buf;
                @out = ();
            }
        }
        if ($r && @$r) {
            my $n = sysread $sock, my $data, 65536;
            if (!defined $n) {
                next if $!{EAGAIN} || $!{EWOULDBLOCK};
                last;
            }
            last if $n == 0;
            $resp .= $data;
        }
    }
    close $sock;
    return $resp;
}

sub header_value {
    my ($res, $key) = @_;
    my @v = map { $_->[1] } grep { lc $_->[0] eq lc $key } @{$res->{headers}};
    return @v ? join(', ', @v) : undef;
}

# splits a raw response into status, headers and body, decoding a
# chunked body; returns (response, raw headers, bytes left over)
sub parse_response {
    my ($name, $raw, $head_req) = @_;
    my ($head, $body) = split /\r\n\r\n/, $raw, 2;
    $head //= '';
    $body //= '';
    my $raw_headers = $raw =~ /(.*?\r\n)\r\n/s ? $1 : '';
    my @lines = split /\r?\n/, $head;
    my $status = shift(@lines) // '';
    my $res = {
        code    => $status =~ m{^HTTP/\d+\.\d+\s+(\d{3})\b} ? $1 : undef,
        headers => [map { /^([^:\s]+)\s*:\s*(.*?)\s*$/ ? [$1, $2] : () }
                    @lines],
        body    => $body,
    };
    my $left;

    return ($res, $raw_headers, undef)
        if !$res->{code} || $res->{code} == 304 || $res->{code} == 101;
    if ($head_req) {
        $res->{body} = '';
        return ($res, $raw_headers, $body eq '' ? undef : $body);
    }

    my $te = header_value($res, 'Transfer-Encoding') // '';
    my $len = header_value($res, 'Content-Length');
    if ($te eq 'chunked') {
        my $decoded = '';
        while (1) {
            if ($body =~ /\G0[ \t]*\r\n(?:[^\r\n]+\r\n)*\r\n/gc) {
                $left = $1 if $body =~ /\G(.+)/gcs;
                last;
            }
            if ($body =~ /\G[ \t]*([0-9A-Fa-f]+)[^\r\n]*\r\n/gc) {
                my $size = hex $1;
                my $pos = pos $body;
                if (length($body) - $pos < $size + 2
                    || substr($body, $pos + $size, 2) ne "\r\n")
                {
                    fail("$name - invalid chunked data received "
                         . "(chunk of $size bytes truncated or unterminated)");
                    last;
                }
                $decoded .= substr $body, $pos, $size;
                pos($body) = $pos + $size + 2;
                next;
            }
            fail("$name - invalid chunked body received: no last chunk");
            last;
        }
        $res->{body} = $decoded;

    } elsif (defined $len && $len =~ /^\d+$/) {
        if (length $body < $len) {
            warn "WARNING: $name - response body truncated: $len expected, "
                 . "but got " . length($body) . "\n";
        } elsif (length $body > $len) {
            $left = substr $body, $len;
            $res->{body} = substr $body, 0, $len;
        }
    }
    return ($res, $raw_headers, $left);
}


# ---- checks -----------------------------------------------------------

sub check_error_code {
    my ($block, $res, $idx, $need_array) = @_;
    my $name = $block->name;
    my $code = ($res && $res->{code}) || '';
    if (defined $block->error_code_like) {
        my $pat = indexed($name, $block->error_code_like, $idx, $need_array);
        like($code, qr/$pat/sm, "$name - status code ok");
    } else {
        my $want = $block->error_code;
        $want = defined $want ? indexed($name, $want, $idx, $need_array) : 200;
        is($code, $want, "$name - status code ok");
    }
}

sub check_response_headers {
    my ($block, $res, $raw_headers, $idx, $need_array) = @_;
    my $name = $block->name;

    if (defined(my $like = $block->raw_response_headers_like)) {
        $like = indexed($name, $like, $idx, $need_array);
        like($raw_headers, qr/$like/s, "$name - raw resp headers like");
    }

    if (defined $block->response_headers) {
        diag("$name - response_headers_like is ignored as "
             . "response_headers is present") if $block->response_headers_like;
        my $spec = indexed($name, $block->response_headers, $idx, $need_array);
        for my $h (parse_headers($spec)) {
            my ($key, $val) = @$h;
            if (!defined $val) {
                unlike($raw_headers, qr/^\s*\Q$key\E\s*:/msi,
                       "$name - header $key not present in the raw headers");
                next;
            }
            $val =~ s/\$ServerPort\b/$ServerPort/g;
            $val =~ s/\$ServerPortForClient\b/$ServerPortForClient/g;
            is(($res && header_value($res, $key)) // '', $val,
               "$name - header $key ok");
        }

    } elsif (defined $block->response_headers_like) {
        my $spec = indexed($name, $block->response_headers_like, $idx,
                           $need_array);
        for my $h (parse_headers($spec)) {
            my ($key, $val) = @$h;
            like(($res && header_value($res, $key)) // '', qr/^$val$/,
                 "$name - header $key like ok");
        }
    }
}

# Test::Base's is() shows a diff of multi-line strings unless no_diff()
sub is_text {
    my ($got, $expected, $test_name) = @_;
    return Test::LongString::is_string($got, $expected, $test_name)
        if !$NoLongString && $HaveLongString;
    return is($got, $expected, $test_name);
}

sub check_response_body {
    my ($block, $res, $idx, $rep, $need_array) = @_;
    my $name = $block->name;
    my $content = $res ? $res->{body} : undef;

    if (defined $block->response_body) {
        diag("$name - response_body_like/unlike are ignored as "
             . "response_body is present")
            if defined $block->response_body_like
               || defined $block->response_body_unlike;
        my $expected = indexed($name, $block->response_body, $idx,
                               $need_array);
        if (ref $expected) {
            like($content, $expected, "$name - response_body - like "
                 . "(repeated req $rep, req $idx)");
            return;
        }
        $expected =~ s/\$ServerPort\b/$ServerPort/g;
        $expected =~ s/\$ServerPortForClient\b/$ServerPortForClient/g;
        $expected = expand_env($expected, $name);
        is_text($content, $expected, "$name - response_body - response is "
                . "expected (repeated req $rep, req $idx)");

    } elsif (defined $block->response_body_like
             || defined $block->response_body_unlike)
    {
        my $type = defined $block->response_body_like ? 'like' : 'unlike';
        diag("$name - response_body_unlike is ignored as "
             . "response_body_like is present")
            if $type eq 'like' && defined $block->response_body_unlike;
        my $pat = indexed($name, $block->${\"response_body_$type"}, $idx,
                          $need_array);
        $pat =~ s/\$ServerPort\b/$ServerPort/g;
        $pat =~ s/\$ServerPortForClient\b/$ServerPortForClient/g;
        my $cmp = $type eq 'like' ? \&like : \&unlike;
        $cmp->($content // '', qr/$pat/s, "$name - response_body_$type - "
               . "response is expected (" . trim_str($content) . ")");
    }
}

# the error log lines written since the last check of this block
sub error_log_data {
    sleep $Sleep * 3;      # let nginx finish its log phase
    open my $in, '<', $ErrLogFile or return [];
    seek $in, $ErrLogFilePos, 0 if !$CheckAccumErrLog && $ErrLogFilePos;
    my @lines = <$in>;
    $ErrLogFilePos = tell $in if !$CheckAccumErrLog;
    close $in;
    return \@lines;
}

sub patterns {
    my $pats = shift;
    return [$pats] if ref $pats eq 'Regexp';
    return [@$pats] if ref $pats eq 'ARRAY';
    chomp $pats;
    return [split /\n+/, $pats];
}

sub line_matches {
    my ($line, $pat) = @_;
    return ref $pat ? $line =~ $pat : index($line, $pat) >= 0;
}

sub check_error_log {
    my ($block, $lines, $rep, $idx) = @_;
    my $name = $block->name;
    my %expected_level;

    # grep_error_log: what the pattern matches, one match a line, in the
    # lines logged since the last check; as in the real runner, an array
    # holds a value for each repetition of the block, not each request

    if (defined(my $grep = $block->grep_error_log)) {
        $idx //= 0;
        $grep = $grep->[$rep] if ref $grep eq 'ARRAY';
        my $want = $block->grep_error_log_out;
        bail_out("$name - --- grep_error_log without --- grep_error_log_out")
            if !defined $want;
        $want = $want->[$rep] if ref $want eq 'ARRAY';
        my $out = '';
        for my $line (@$lines) {
            if (ref $grep ? $line =~ /$grep/ : $line =~ /\Q$grep\E/) {
                $out .= "$&\n" if $& !~ /\n/;
            }
        }
        if (ref $want eq 'Regexp') {
            like($out, $want, "$name - grep_error_log_out (req $idx)");
        } else {
            is($out, $want, "$name - grep_error_log_out (req $idx)");
        }
    }

    if (defined(my $el = $block->error_log)) {
        my $pats = patterns($el);
        for my $pat (@$pats) {
            $expected_level{$1} = 1 if !ref $pat && $pat =~ /\[(\w+)/;
            my $p = fmt_str($pat);
            if (grep { line_matches($_, $pat) } @$lines) {
                pass("$name - pattern \"$p\" matches a line in error.log "
                     . "(req $rep)");
            } else {
                fail("$name - pattern \"$p\" should match a line in "
                     . "error.log (req $rep)");
            }
        }
    }

    if (defined(my $nel = $block->no_error_log)) {
        my $pats = patterns($nel);
        for my $pat (@$pats) {
            $expected_level{$1} = 1 if !ref $pat && $pat =~ /\[(\w+)/;
            my @hits = grep { line_matches($_, $pat) } @$lines;
            my $p = fmt_str($pat);
            if (!@hits) {
                pass("$name - pattern \"$p\" does not match a line in "
                     . "error.log (req $rep)");
                next;
            }
            fail("$name - pattern \"$p\" should not match any line in "
                 . "error.log but matches line \"" . fmt_str($_)
                 . "\" (req $rep)") for @hits;
        }
    }

    for my $line (@$lines) {
        if ($line =~ /\[(alert|crit|emerg)\]/ && !$expected_level{$1}) {
            warn "WARNING: $name - " . fmt_str($line) . "\n";
        }
        if ($line =~ /\bAssertion .*?failed\b/) {
            fail("$name - " . fmt_str($line));
        }
    }
}


# ---- running blocks ---------------------------------------------------

# the checks of one round of a block's requests
sub run_requests {
    my ($block, $rep) = @_;
    my $name = $block->name;
    my $timeout = parse_time($block->timeout) // $Timeout;
    my @reqs = get_requests($block);
    my $pipelined = $block->pipelined_requests;
    my $n = $pipelined ? @$pipelined : @reqs;
    my $need_array = $n > 1;

    my $idx = 0;
    for my $packets (@reqs) {
        my $head_req = join('', @$packets) =~ /^\s*HEAD\s+/ ? 1 : 0;
        my $raw = send_request($block, $packets, $timeout) // '';
        my $count = $pipelined ? $n : 1;
        while ($count--) {
            if (!defined $block->ignore_response) {
                my ($res, $raw_headers, $left) =
                    parse_response($name, $raw, $head_req);
                check_error_code($block, $res, $idx, $need_array);
                check_response_headers($block, $res, $raw_headers, $idx,
                                       $need_array);
                check_response_body($block, $res, $idx, $rep, $need_array);
                $raw = $left // '';
            }
            if ($idx < $n - 1) {
                sleep parse_time($block->wait) if $block->wait;
                check_error_log($block, error_log_data(), $rep, $idx);
            }
            $idx++;
        }
    }

    sleep parse_time($block->wait) if $block->wait;
    check_error_log($block, error_log_data(), $rep, $idx - 1);
}

# "N: < 1.2.3 [: reason]" or "N: perl code": how many results to skip
sub tests_to_skip {
    my $block = shift;
    my $name = $block->name;
    if (defined(my $spec = $block->skip_nginx)) {
        $spec =~ /^\s*(\d+)\s*:\s*([<>]=?)\s*(\d+)\.(\d+)\.(\d+)
                  (?:\s*:\s*(.*?))?\s*$/x
            or bail_out("$name - Invalid --- skip_nginx spec: $spec");
        my ($n, $op, $ver) = ($1, $2, canon_version($3, $4, $5));
        my $reason = $6 || "nginx version $op $3.$4.$5";
        return ($n, $reason) if eval "$NginxVersion $op $ver";
    }
    if (defined(my $spec = $block->skip_eval)) {
        $spec =~ /^\s*(\d+)\s*:\s*(.*)$/s
            or bail_out("$name - Invalid --- skip_eval spec: $spec");
        my ($n, $code) = ($1, $2);
        my $skip = eval $code;
        bail_out("$name - skip_eval failed: $@") if $@;
        return ($n, 'skip_eval') if $skip;
    }
    return;
}

sub run_test {
    my $block = shift;
    my $name = $block->name;

    my $config = $block->config;
    if (!defined $config) {
        bail_out("$name - No '--- config' section specified and no "
                 . "previous one to reuse") if !defined $PrevConfig;
        $config = $PrevConfig;
    }
    $PrevConfig = $config;
    $config = expand_env($config, $name);

    if (my ($n, $reason) = tests_to_skip($block)) {
        SKIP: { skip("$name - $reason", $n * $RepeatEach) }
        return;
    }

    if (defined $block->must_die) {
        run_must_die($block, $config);
        return;
    }

    launch_nginx($block, $config);
    for my $i (0 .. $RepeatEach - 1) {
        write_user_files($block) if $i > 0;
        if (defined(my $init = $block->init)) {
            # perl code run before the requests, nginx up
            eval $init;
            bail_out("$name - init failed: $@") if $@;
        }
        run_requests($block, $i);
    }

    if ($UseValgrind || !$ENV{TEST_NGINX_NO_CLEAN}) {
        stop_nginx($name);
        check_valgrind_logs($name) if $UseValgrind;
    }
}

sub run_tests () {
    srand($$ ^ int(time * 1000));
    $NginxVersion = nginx_version();
    $ENV{TEST_NGINX_SERVER_PORT} //= $ServerPort;

    my @blocks = Test::Base::blocks();
    @blocks = shuffle @blocks if !$NoShuffle;
    for my $block (@blocks) {
        $_->($block) for @BlockPreprocessors;
        $block->set_value('name', "$0 " . $block->name);
        run_test($block);
    }
}

END {
    # an nginx left behind by a test script that died half-way
    if ($Started && !$ENV{TEST_NGINX_NO_CLEAN}) {
        local $?;
        stop_nginx('END');
    }
}

1;
