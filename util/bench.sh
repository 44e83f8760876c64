#!/bin/bash
# The performance benchmark behind docs/performance.md; `make bench` runs
# it after building the module.
#
# Part 1, the enrichment filter: plain nginx, the module enriching, and
# nginx's sub_filter inserting the same markup, each with sendfile on and
# off, serving 4 KB, 64 KB and 1 MB pages, and with sendfile off a
# control filter (util/bench/shape/) that only gives the responses the
# shape an enriched response has; then worker CPU time per request and
# peak worker memory for a 10 MB page.
#
# Part 2, the feed endpoint: a 64 KB page with 80 h-entries served by
# plain nginx, a static file of the feed's size served by plain nginx,
# `feed rss` with and without feed_cache, and nginx's xslt filter making
# the same feed from an XHTML version of the page.
#
# Every variant is its own nginx (a prefix under build/bench/, one worker,
# listening on 127.0.0.1 only) on its own port. The runs are interleaved:
# each round measures every variant once, in an order that rotates from
# round to round. Before measuring, each variant's output is fetched once
# and checked; a variant that does not produce what it should stops the
# benchmark.
#
# Results: build/bench/results.txt (raw runs, tables, targets) and
# docs/performance.png.
#
# Environment:
#   BENCH_DURATION     seconds per wrk run (default 2; the 10 MB runs take
#                      twice as long)
#   BENCH_ROUNDS       rounds (default 8; the 10 MB page gets at most 3)
#   BENCH_CONNECTIONS  wrk connections (default 16)
#   BENCH_PORT         first port used (default 18400)
#   BENCH_PARTS        which parts run (default "enrich length cpu feed")
#   BENCH_PNG          the plot (default docs/performance.png)
#   BENCH_NGINX_CPU    the CPU the nginx instances are pinned to (default 1)
#   BENCH_WRK_CPU      the CPU wrk is pinned to (default 0); no pinning on
#                      a machine with one CPU
#   NGINX              nginx binary (default /usr/sbin/nginx)
#   MODULE             the module (default build/ngx_http_feed_module.so);
#                      "none" leaves out the variants that need it, to try
#                      the script itself
#   XSLT_MODULE        nginx's xslt filter module (default Debian's,
#                      package libnginx-mod-http-xslt-filter)

set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
here=$root/util/bench
nginx=${NGINX:-/usr/sbin/nginx}
module=${MODULE:-$root/build/ngx_http_feed_module.so}
xslt_module=${XSLT_MODULE:-/usr/lib/nginx/modules/ngx_http_xslt_filter_module.so}
dur=${BENCH_DURATION:-2}
rounds=${BENCH_ROUNDS:-8}
conns=${BENCH_CONNECTIONS:-16}
next_port=${BENCH_PORT:-18400}
parts=" ${BENCH_PARTS:-enrich length cpu feed} "
png=${BENCH_PNG:-$root/docs/performance.png}
out=$root/build/bench
results=$out/results.txt
runs=$out/runs.tsv

started_at=$(date +%s)
clk_tck=$(getconf CLK_TCK)


die() {
    echo "bench: FAILED: $*" >&2
    exit 1
}

say() {
    echo "$*" | tee -a "$results"
}


# the nginx workers on one CPU, wrk on another

ncpu=$(nproc)
if [ "$ncpu" -ge 2 ]; then
    pin_nginx=(taskset -c "${BENCH_NGINX_CPU:-1}")
    pin_wrk=(taskset -c "${BENCH_WRK_CPU:-0}")
    nginx_cpu=${BENCH_NGINX_CPU:-1}
    wrk_cpu=${BENCH_WRK_CPU:-0}
    pinning="nginx on CPU ${BENCH_NGINX_CPU:-1}, wrk on CPU ${BENCH_WRK_CPU:-0}"
else
    pin_nginx=()
    pin_wrk=()
    nginx_cpu=
    wrk_cpu=
    pinning="no CPU pinning (one CPU)"
fi

for tool in wrk gnuplot curl python3 pgrep; do
    command -v "$tool" >/dev/null || die "$tool not found (util/deps.sh bench)"
done

with_module=yes
if [ "$module" = none ]; then
    with_module=no
    echo "bench: MODULE=none: the module's variants are left out" >&2
else
    [ -f "$module" ] || die "$module not found: run make first"
fi


# nginx instances

declare -A inst_pid inst_port inst_worker inst_dir
instances=()

stop_all() {
    local name pid
    for name in "${instances[@]}"; do
        pid=${inst_pid[$name]}
        if kill -0 "$pid" 2>/dev/null; then
            kill -QUIT "$pid" 2>/dev/null || true
        fi
    done
    for name in "${instances[@]}"; do
        wait "${inst_pid[$name]}" 2>/dev/null || true
    done
    instances=()
}

trap stop_all EXIT
trap 'exit 130' INT TERM

# start NAME DOCROOT SENDFILE MAIN HTTP SERVER: an nginx with MAIN in the
# main context, HTTP in http{} and SERVER in its one server{}
start() {
    local name=$1 docroot=$2 sendfile=$3 main=$4 http=$5 server=$6
    local dir=$out/$name port=$next_port pid worker i

    next_port=$((next_port + 1))

    if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/.ready"
    then
        die "port $port is already in use (set BENCH_PORT)"
    fi

    rm -rf "$dir"
    mkdir -p "$dir/conf" "$dir/logs" "$dir/tmp"

    cat > "$dir/conf/nginx.conf" <<END
$main
daemon            off;
master_process    on;
worker_processes  1;
pid               logs/nginx.pid;
error_log         logs/error.log warn;

events {
    worker_connections  1024;
}

http {
    types {
        text/html              html;
        application/xhtml+xml  xhtml;
        application/rss+xml    xml;
    }
    default_type  application/octet-stream;

    access_log          off;
    sendfile            $sendfile;
    keepalive_requests  1000000;

    client_body_temp_path  tmp/body;
    proxy_temp_path        tmp/proxy;
    fastcgi_temp_path      tmp/fastcgi;
    uwsgi_temp_path        tmp/uwsgi;
    scgi_temp_path         tmp/scgi;

$http

    server {
        listen       127.0.0.1:$port;
        server_name  www.example.com;
        root         $docroot;

        location = /.ready {
            return  204;
        }
$server
    }
}
END

    "$nginx" -t -q -p "$dir/" -c conf/nginx.conf -e logs/error.log \
        || die "$name: nginx -t fails with $dir/conf/nginx.conf"

    "${pin_nginx[@]}" "$nginx" -p "$dir/" -c conf/nginx.conf \
        -e logs/error.log < /dev/null >> "$dir/logs/stderr.log" 2>&1 &
    pid=$!
    instances+=("$name")
    inst_pid[$name]=$pid
    inst_port[$name]=$port
    inst_dir[$name]=$dir

    for i in $(seq 100); do
        kill -0 "$pid" 2>/dev/null \
            || die "$name: nginx exited at start; see $dir/logs/error.log"
        if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/.ready"
        then
            break
        fi
        sleep 0.1
    done

    worker=$(pgrep -P "$pid" || true)
    [ -n "$worker" ] && [ "$(echo "$worker" | wc -l)" = 1 ] \
        || die "$name: expected one worker process under $pid, got: $worker"
    inst_worker[$name]=$worker
}

# the worker's user + system CPU time, in clock ticks
cpu_ticks() {
    awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# a CPU's busy and total clock ticks so far (busy: user, nice, system,
# irq, softirq; the total adds idle, iowait and steal)
cpu_load() {
    awk -v cpu="cpu$1" '$1 == cpu {
        print $2 + $3 + $4 + $7 + $8, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9
    }' /proc/stat
}

# busy percentage of a CPU between two cpu_load readings
busy_pct() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        split(a, x, " "); split(b, y, " ")
        t = y[2] - x[2]
        if (t > 0) printf "%.0f", 100 * (y[1] - x[1]) / t; else print "NaN"
    }'
}

hwm_kb() {
    awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}

check_alive() {
    local name=$1 worker
    worker=$(pgrep -P "${inst_pid[$name]}" || true)
    [ "$worker" = "${inst_worker[$name]}" ] \
        || die "$name: the worker ${inst_worker[$name]} is gone (now:" \
               "'$worker'); see ${inst_dir[$name]}/logs/error.log"
}

# load NAME URI SECONDS [HEADER]: wrk against an instance; sets rps,
# nreq, cpu_us (worker CPU microseconds per request), and nginx_busy and
# wrk_busy (how busy the CPUs of nginx and of wrk were, in percent; NaN
# without pinning): the side whose CPU is full sets the pace
load() {
    local name=$1 uri=$2 seconds=$3 worker=${inst_worker[$1]} t0 t1 txt errs
    local url=http://127.0.0.1:${inst_port[$1]}$uri header=() n0 n1 w0 w1

    [ -z "${4:-}" ] || header=(-H "$4")

    t0=$(cpu_ticks "$worker")
    if [ -n "$nginx_cpu" ]; then
        n0=$(cpu_load "$nginx_cpu")
        w0=$(cpu_load "$wrk_cpu")
    fi
    txt=$("${pin_wrk[@]}" wrk -t1 -c"$conns" -d"${seconds}s" --timeout 10s \
          "${header[@]}" "$url" 2>&1) || die "wrk $url: $txt"
    t1=$(cpu_ticks "$worker")
    nginx_busy=NaN
    wrk_busy=NaN
    if [ -n "$nginx_cpu" ]; then
        n1=$(cpu_load "$nginx_cpu")
        w1=$(cpu_load "$wrk_cpu")
        nginx_busy=$(busy_pct "$n0" "$n1")
        wrk_busy=$(busy_pct "$w0" "$w1")
    fi

    check_alive "$name"

    errs=$(grep -E 'Non-2xx|Socket errors' <<< "$txt" || true)
    [ -z "$errs" ] || die "$name $uri: $errs"

    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<< "$txt")
    nreq=$(awk '/ requests in / { print $1 }' <<< "$txt")
    [ -n "$rps" ] && [ -n "$nreq" ] && [ "$nreq" -gt 0 ] \
        || die "wrk $url: no result: $txt"
    cpu_us=$(awk -v d=$((t1 - t0)) -v n="$nreq" -v hz="$clk_tck" \
             'BEGIN { printf "%.2f", d / hz * 1e6 / n }')
}

# record PART SIZE VARIANT SENDFILE ROUND
record() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$1" "$2" "$3" "$4" "$5" "$rps" "$nreq" "$cpu_us" \
        "$nginx_busy" "$wrk_busy" >> "$runs"
    printf '  %-7s %-5s %-11s sendfile %-4s round %s: %10s req/s %8s us/req' \
        "$1" "$2" "$3" "$4" "$5" "$rps" "$cpu_us"
    printf '  CPU busy: nginx %s%%, wrk %s%%\n' "$nginx_busy" "$wrk_busy"
}

fetch() {   # fetch NAME URI FILE
    curl -sS -f -o "$3" "http://127.0.0.1:${inst_port[$1]}$2" \
        || die "$1: GET $2 failed"
}

# errors the instances logged
check_logs() {
    local name log bad=0
    for name in "${instances[@]}"; do
        log=${inst_dir[$name]}/logs/error.log
        if grep -E '\[(emerg|alert|crit|error)\]|exited on signal' "$log" \
           > "$out/errors.tmp" 2>/dev/null
        then
            echo "bench: $name logged errors ($log):" >&2
            head -20 "$out/errors.tmp" >&2
            bad=1
        fi
    done
    rm -f "$out/errors.tmp"
    [ "$bad" = 0 ] || die "errors in the nginx error logs"
}

# the module's load_module line
load_feed="load_module $module;"

# the control filter, built against the tree the module was built in
control_module=
control_tree=$root/build/nginx-dev
if [ "$with_module" = yes ] && [ -f "$control_tree/objs/Makefile" ]; then
    control_module=$out/ngx_http_bench_shape_module.so
    mkdir -p "$out"
    # shellcheck disable=SC2046
    cc $(sed -n 's/^CFLAGS = //p' "$control_tree/objs/Makefile") \
        -fPIC -shared \
        $(for d in src/core src/event src/event/modules src/os/unix objs \
                   src/http src/http/modules src/http/v2; do
              echo "-I $control_tree/$d"
          done) \
        -o "$control_module" "$here/shape/ngx_http_bench_shape_module.c" \
        || die "the control filter does not build"
else
    echo "bench: no nginx-dev tree in $control_tree: the control filter" \
         "is left out" >&2
fi


mkdir -p "$out"
: > "$results"
{
    printf '# part\tsize\tvariant\tsendfile\tround\treq/s\trequests'
    printf '\tcpu_us/req\tnginx_busy_%%\twrk_busy_%%\n'
} > "$runs"
printf '# pages\tvariant\tsendfile\tVmHWM_start_kB\tVmHWM_end_kB\n' \
    > "$out/memory.tsv"
rm -f "$out/enrich.dat" "$out/feed.dat"

{
    echo "ngx_feed benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "machine:  $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
         "$(awk '/^MemTotal:/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo)"
    echo "system:   $(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
    echo "nginx:    $("$nginx" -v 2>&1 | sed 's/^nginx version: //')"
    [ "$with_module" = no ] \
        || echo "module:   $module, sha256 $(sha256sum "$module" | cut -c1-16)"
    echo "wrk:      $(wrk -v 2>&1 | head -1 | awk '{ print $1, $2 }')," \
         "1 thread, $conns connections, ${dur} s per run, $rounds rounds;" \
         "$pinning"
    echo
} | tee -a "$results"


# Part 1: the enrichment filter ----------------------------------------

keywords="nginx, feeds"

enrich_http='
    feed_enrich         on;
    feed_base_url       https://www.example.com;
    feed_canonical      auto;
    feed_link           /feed.xml "title=Journal";
    feed_keywords       "nginx, feeds";
    feed_keywords_auto  8;
    feed_keywords_zone  4m;'

# the same markup, with eight keywords standing in for the learned ones
sub_http="
    sub_filter  '</head>' '<link rel=\"canonical\" href=\"https://www.example.com\$uri\">
<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Journal\" href=\"https://www.example.com/feed.xml\">
<meta name=\"keywords\" content=\"$keywords, garden, compost, harvest, allotment, onion, garlic, winter, frost\">
</head>';
    sub_filter_once  on;"

pages=$out/pages

if [[ $parts == *" enrich "* || $parts == *" length "*
      || $parts == *" cpu "* ]]
then
    python3 "$here/pages.py" enrich "$pages"
fi

# the control filter's locations: sub_filter's markup, put where each
# page's head ends
control_server() {
    local size at
    for size in 4k 64k 1m; do
        at=$(grep -bo '</head>' "$pages/page-$size.html" | head -1 \
             | cut -d: -f1)
        cat <<END
        location = /page-$size.html {
            bench_shape  $at '<link rel="canonical" href="https://www.example.com/page-$size.html">
<link rel="alternate" type="application/rss+xml" title="Journal" href="https://www.example.com/feed.xml">
<meta name="keywords" content="$keywords, garden, compost, harvest, allotment, onion, garlic, winter, frost">
';
        }
END
    done
}

# verify NAME URI MODE: the page as served is what it should be
verify_page() {
    local name=$1 uri=$2 mode=$3 got=$out/$1/got.html
    fetch "$name" "$uri" "$got"
    if [ "$mode" = tags ]; then
        # the first response teaches the keywords, later ones carry them
        sleep 0.2
        fetch "$name" "$uri" "$got"
    fi
    python3 "$here/report.py" page "$pages$uri" "$got" "$mode" "$uri" \
        | sed "s/^/  $name: /" | tee -a "$results" \
        || die "$name: $uri is not served as it should be"
    rm -f "$got"
}

if [[ $parts == *" enrich "* ]]; then
    say "Part 1: enrichment filter"
    say

    cells=()
    for sf in on off; do
        start "e-plain-$sf" "$pages" "$sf" "" "" ""
        start "e-sub-$sf"   "$pages" "$sf" "" "$sub_http" ""
        cells+=("e-plain-$sf plain $sf" "e-sub-$sf sub_filter $sf")
        if [ "$with_module" = yes ]; then
            start "e-module-$sf" "$pages" "$sf" "$load_feed" "$enrich_http" ""
            cells+=("e-module-$sf module $sf")
        fi
    done

    if [ -n "$control_module" ]; then
        start e-control-off "$pages" off "load_module $control_module;" "" \
            "$(control_server)"
        cells+=("e-control-off control off")
    fi

    declare -A hwm_start
    for c in "${cells[@]}"; do
        set -- $c
        hwm_start[$1]=$(hwm_kb "${inst_worker[$1]}")
    done

    for size in 4k 64k 1m; do
        for sf in on off; do
            verify_page "e-plain-$sf" "/page-$size.html" plain
            verify_page "e-sub-$sf"   "/page-$size.html" tags
            [ "$with_module" = no ] \
                || verify_page "e-module-$sf" "/page-$size.html" tags
        done
        [ -z "$control_module" ] \
            || verify_page e-control-off "/page-$size.html" tags
    done
    say

    echo "warming up"
    for c in "${cells[@]}"; do
        set -- $c
        for size in 4k 64k 1m; do
            load "$1" "/page-$size.html" 1
        done
    done

    for round in $(seq "$rounds"); do
        for size in 4k 64k 1m; do
            n=${#cells[@]}
            for i in $(seq 0 $((n - 1))); do
                set -- ${cells[$(((i + round - 1) % n))]}
                load "$1" "/page-$size.html" "$dur"
                record enrich "$size" "$2" "$3" "$round"
            done
        done
    done

    for c in "${cells[@]}"; do
        set -- $c
        printf '%s\t%s\t%s\t%s\t%s\n' 4k-1m "$2" "$3" "${hwm_start[$1]}" \
            "$(hwm_kb "${inst_worker[$1]}")" >> "$out/memory.tsv"
    done

    check_logs
    stop_all
fi


# 1 MB with sendfile on: what the length of a response costs ----------

# Plain nginx serving the 1 MB page whole, and by range requests the
# 1,044,480 bytes the module's sendfile sends, from byte 4,096 as the
# module does and from byte 0, each by one sendfile, next to the
# module: what a sendfile over loopback costs depends on its length.

if [[ $parts == *" length "* ]]; then
    say "1 MB, sendfile on: plain nginx serving parts of the page"
    say

    start l-plain "$pages" on "" "" ""
    cells=("l-plain whole" "l-plain from4096 bytes=4096-"
           "l-plain from0 bytes=0-1044479")
    if [ "$with_module" = yes ]; then
        start l-module "$pages" on "$load_feed" "$enrich_http" ""
        cells+=("l-module module")
    fi

    verify_page l-plain /page-1m.html plain
    [ "$with_module" = no ] || verify_page l-module /page-1m.html tags

    for check in "4096- 1044480" "0-1044479 1044480"; do
        set -- $check
        got=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -r "$1" \
               "http://127.0.0.1:${inst_port[l-plain]}/page-1m.html")
        [ "$got" = "206 $2" ] \
            || die "l-plain: bytes=$1 answered '$got', not '206 $2'"
    done

    echo "warming up"
    for c in "${cells[@]}"; do
        set -- $c
        load "$1" /page-1m.html 1 "${3:+Range: $3}"
    done

    for round in $(seq "$rounds"); do
        n=${#cells[@]}
        for i in $(seq 0 $((n - 1))); do
            set -- ${cells[$(((i + round - 1) % n))]}
            load "$1" /page-1m.html "$dur" "${3:+Range: $3}"
            record length 1m "$2" on "$round"
        done
    done

    check_logs
    stop_all
fi


# 10 MB page: worker CPU per request and peak memory -------------------

if [[ $parts == *" cpu "* ]]; then
    echo "10 MB page: CPU and memory"

    cells=()
    for sf in on off; do
        start "m-plain-$sf" "$pages" "$sf" "" "" ""
        cells+=("m-plain-$sf plain $sf")
        if [ "$with_module" = yes ]; then
            start "m-module-$sf" "$pages" "$sf" "$load_feed" "$enrich_http" ""
            cells+=("m-module-$sf module $sf")
        fi
    done

    # the peak resident size of each fresh worker before any request
    for c in "${cells[@]}"; do
        set -- $c
        hwm_start[$1]=$(hwm_kb "${inst_worker[$1]}")
    done

    for sf in on off; do
        verify_page "m-plain-$sf" /page-10m.html plain
        [ "$with_module" = no ] || verify_page "m-module-$sf" /page-10m.html tags
    done

    cpu_rounds=$((rounds < 3 ? rounds : 3))
    for round in $(seq "$cpu_rounds"); do
        n=${#cells[@]}
        for i in $(seq 0 $((n - 1))); do
            set -- ${cells[$(((i + round - 1) % n))]}
            load "$1" /page-10m.html $((2 * dur))
            record cpu 10m "$2" "$3" "$round"
        done
    done

    for c in "${cells[@]}"; do
        set -- $c
        printf '%s\t%s\t%s\t%s\t%s\n' 10m "$2" "$3" "${hwm_start[$1]}" \
            "$(hwm_kb "${inst_worker[$1]}")" >> "$out/memory.tsv"
    done

    check_logs
    stop_all
fi


# Part 2: the feed endpoint --------------------------------------------

if [[ $parts == *" feed "* ]]; then
    say "Part 2: feed endpoint"
    say

    fpages=$out/feed-pages
    python3 "$here/pages.py" feed "$fpages"

    feed_http='
    feed_base_url  https://www.example.com;'

    start f-plain "$fpages" on "" "" ""

    if [ "$with_module" = yes ]; then
        for cache in on off; do
            start "f-cache-$cache" "$fpages" on "$load_feed" "$feed_http" "
        location = /feed.xml {
            feed         rss;
            feed_source  /src/page.html;
            feed_cache   $cache;
        }"
        done
    fi

    have_xslt=no
    if [ -f "$xslt_module" ]; then
        have_xslt=yes
        cp "$here/hentry-rss.xsl" "$out/hentry-rss.xsl"
        start f-xslt "$fpages" on "load_module $xslt_module;" "" "
        location = /feed.xml {
            types         { }
            default_type  application/xhtml+xml;
            alias         $fpages/src/page.xhtml;

            xslt_types       application/xhtml+xml;
            xslt_stylesheet  $out/hentry-rss.xsl;
        }"
    else
        say "  the xslt filter is not measured: $xslt_module not found" \
            "(Debian package libnginx-mod-http-xslt-filter)"
    fi

    # the feeds as served: well-formed RSS with the 20 newest entries,
    # the same items in every variant
    reference=
    for name in f-cache-on f-cache-off f-xslt; do
        [ -n "${inst_port[$name]:-}" ] || continue
        url=http://127.0.0.1:${inst_port[$name]}/feed.xml
        fetch "$name" /feed.xml "$out/$name.xml"
        ctype=$(curl -s -o /dev/null -w '%{content_type}' "$url")
        [[ $ctype == application/rss+xml* ]] \
            || die "$name: /feed.xml has Content-Type '$ctype'"
        python3 "$here/report.py" feed "$out/$name.xml" 20 $reference \
            | sed "s/^/  $name: /" | tee -a "$results" \
            || die "$name: /feed.xml is not the feed it should be"
        reference=${reference:-$out/$name.xml}
    done

    # plain nginx serving a file the size of the feed: the module's feed
    [ -n "$reference" ] || die "no feed to measure"
    cp "$reference" "$fpages/feed-copy.xml"
    say "  sizes: source page $(stat -c %s "$fpages/src/page.html") bytes," \
        "its XHTML version $(stat -c %s "$fpages/src/page.xhtml") bytes," \
        "feed $(stat -c %s "$reference") bytes" \
        "$([ "$have_xslt" = no ] || echo "(xslt filter's:" \
           "$(stat -c %s "$out/f-xslt.xml") bytes)")"
    say

    cells=("f-plain /src/page.html page" "f-plain /feed-copy.xml feedfile")
    [ "$with_module" = no ] \
        || cells+=("f-cache-on /feed.xml cached" "f-cache-off /feed.xml uncached")
    [ "$have_xslt" = no ] || cells+=("f-xslt /feed.xml xslt")

    echo "warming up"
    for c in "${cells[@]}"; do
        set -- $c
        load "$1" "$2" 1
    done

    for round in $(seq "$rounds"); do
        n=${#cells[@]}
        for i in $(seq 0 $((n - 1))); do
            set -- ${cells[$(((i + round - 1) % n))]}
            load "$1" "$2" "$dur"
            record feed 64k "$3" on "$round"
        done
    done

    check_logs
    stop_all
fi


# results --------------------------------------------------------------

{
    echo "Raw runs (req/s, requests, worker CPU microseconds per request)"
    echo
    cat "$runs"
    echo
    echo "Peak worker memory (VmHWM of the fresh worker, and after the runs)"
    echo
    cat "$out/memory.tsv"
    echo
} >> "$results"

python3 "$here/report.py" summary "$out" | tee -a "$results"

if [ -f "$out/enrich.dat" ] && [ -f "$out/feed.dat" ]; then
    gnuplot -e "dir='$out'; out='$png'; stamp='($(date -u +%Y-%m-%d))'" \
        "$here/plot.gp"
    say "plot: $png"
fi

say "total time: $(( $(date +%s) - started_at )) s"
say "results: $results"
