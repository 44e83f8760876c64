#!/bin/bash
# Builds build/ngx_http_feed_module.so against the system nginx, from
# the headers and configure arguments of Debian's nginx-dev package.
#
# NGINX_SRC   nginx-dev's tree (default /usr/share/nginx/src)
# BUILD       output directory (default build)

set -e

root=$(cd "$(dirname "$0")/.." && pwd)
src=${NGINX_SRC:-/usr/share/nginx/src}
build=$(mkdir -p "${BUILD:-$root/build}" && cd "${BUILD:-$root/build}" && pwd)
tree=$build/nginx-dev

if [ ! -f "$src/conf_flags" ]; then
    echo "ngx_feed: $src/conf_flags not found: is nginx-dev installed?" >&2
    exit 1
fi

# configure once, and again when the module's config script changes
if [ ! -f "$tree/objs/Makefile" ] || [ "$root/config" -nt "$tree/objs/Makefile" ]
then
    rm -rf "$tree"
    cp -R "$src" "$tree"

    # NGX_CONF_FLAGS: the arguments Debian's nginx was configured with
    . "$src/conf_flags"

    cc_opt=$(nginx -V 2>&1 | sed -n "s/.*--with-cc-opt='\([^']*\)'.*/\1/p")
    ld_opt=$(nginx -V 2>&1 | sed -n "s/.*--with-ld-opt='\([^']*\)'.*/\1/p")

    (cd "$tree" && ./configure "${NGX_CONF_FLAGS[@]}" \
        --with-cc-opt="$cc_opt" --with-ld-opt="$ld_opt" \
        --add-dynamic-module="$root" > "$build/configure.log" 2>&1) || {
        tail -30 "$build/configure.log" >&2
        exit 1
    }
fi

make -s -C "$tree" -f objs/Makefile modules
# a new file, not rewritten in place: running nginx processes map the old one
cp "$tree/objs/ngx_http_feed_module.so" "$build/ngx_http_feed_module.so.new"
mv -f "$build/ngx_http_feed_module.so.new" "$build/ngx_http_feed_module.so"

echo "built $build/ngx_http_feed_module.so"
