#!/bin/sh
# Checks the core against independent implementations: the feeds it
# writes read back by feedparser, the items it extracts compared with
# mf2py's, the trees its HTML tree builder makes compared with
# html5lib's, the head scanner's injection point checked with html5lib.
#
#     util/conformance.sh UNIT_DIR [MODULE]
#
# UNIT_DIR is where make unit put the binaries; with MODULE, the built
# .so, the feed endpoint is checked end to end in nginx too.

set -e

dir=${1:-build/unit}
module=$2
py=/usr/bin/python3

$py t/conformance/check_feeds.py "$dir/feed_write_dump" >"$dir/feeds.tap" || {
    grep -v '^ok' "$dir/feeds.tap" >&2
    echo "conformance: feeds read back by feedparser differ" >&2
    exit 1
}
echo "conformance: $(grep -c '^ok' "$dir/feeds.tap") feed checks by feedparser"

$py t/conformance/compare_mf2.py --tool "$dir/feed_extract_dump" \
    t/conformance/pages >"$dir/mf2.log" || {
    grep -v '^ok' "$dir/mf2.log" >&2
    echo "conformance: items differ from mf2py's" >&2
    exit 1
}
echo "conformance: $(tail -1 "$dir/mf2.log") (against mf2py)"

$py t/conformance/compare_html.py --tool "$dir/feed_html_dump" \
    t/conformance/pages/*.html t/unit/scan/*.html >"$dir/html.log" || {
    grep -v '^ok' "$dir/html.log" >&2
    echo "conformance: HTML trees differ from html5lib's" >&2
    exit 1
}
echo "conformance: $(tail -1 "$dir/html.log")"

$py t/unit/scan_oracle.py --bin "$dir/test_scan" --corpus t/unit/scan \
    --fuzz 2000 >"$dir/scan.tap" || {
    grep -v '^ok' "$dir/scan.tap" >&2
    echo "conformance: the head scanner disagrees with html5lib" >&2
    exit 1
}
echo "conformance: $(grep -c '^ok' "$dir/scan.tap") scanner checks by html5lib"

[ -n "$module" ] || exit 0

$py t/conformance/check_endpoint.py --nginx "${TEST_NGINX_BINARY:-nginx}" \
    --module "$module" >"$dir/endpoint.tap" || {
    grep -v '^ok' "$dir/endpoint.tap" >&2
    echo "conformance: the feed endpoint's feeds differ from mf2py's reading" >&2
    exit 1
}
echo "conformance: $(grep -c '^ok' "$dir/endpoint.tap") endpoint checks by feedparser and mf2py"
