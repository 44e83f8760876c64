#!/bin/sh
# Serves examples/site on http://127.0.0.1:8080 with the module loaded,
# in the foreground, until interrupted.
#
#     util/demo.sh /path/to/ngx_http_feed_module.so

set -e

root=$(cd "$(dirname "$0")/.." && pwd)
module=$1
nginx=${NGINX:-/usr/sbin/nginx}
run=$root/build/demo

mkdir -p "$run"

cat <<END

  ngx_feed demo on http://127.0.0.1:8080/  (Ctrl-C stops it)

  Pages, enriched on the fly (look inside <head>):
    curl -s http://127.0.0.1:8080/ | sed -n '/<head>/,/<\/head>/p'
    http://127.0.0.1:8080/journal/
    http://127.0.0.1:8080/about.html        keeps its own canonical link
    http://127.0.0.1:8080/?page=2&utm_source=x   canonical keeps only "page"

  Feeds, synthesised from the journal's and the news page's h-entries:
    http://127.0.0.1:8080/feed.xml           RSS 2.0
    http://127.0.0.1:8080/feed.atom          Atom 1.0
    http://127.0.0.1:8080/feed.json          JSON Feed 1.1

END

"$nginx" -p "$root/examples/" -c nginx.conf -t -q \
    -g "load_module $module; pid $run/nginx.pid;"

exec "$nginx" -p "$root/examples/" -c nginx.conf \
    -g "load_module $module; pid $run/nginx.pid; daemon off;"
