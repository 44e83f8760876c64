#!/bin/bash
# Builds nginx from the upstream source with ngx_feed compiled in
# (--add-module), as a hosting provider would, into build/static/.
#
# The upstream tarball is the one inside Debian's nginx source package
# (the .orig.tar.gz), fetched with apt-get source; set NGINX_TARBALL to
# use another one.

set -e

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
tree=$build/static

mkdir -p "$build"

tarball=${NGINX_TARBALL:-}

if [ -z "$tarball" ]; then
    tarball=$(ls "$build"/nginx_*.orig.tar.gz 2>/dev/null | head -1)
fi

if [ -z "$tarball" ]; then
    # a deb-src twin of the machine's Debian entries, in a private state
    # directory, so the system's apt configuration is left alone
    apt=$build/apt
    mkdir -p "$apt/lists/partial"
    : > "$apt/sources.list"

    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        awk 'BEGIN { RS = ""; ORS = "\n\n" }
             /URIs:[^\n]*debian/ { gsub(/Types: deb\n/, "Types: deb-src\n");
                                   print }' "$f" > "$apt/$(basename "$f")"
    done

    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] || continue
        sed -n 's/^deb \(.*debian.*\)/deb-src \1/p' "$f" >> "$apt/sources.list"
    done

    opts="-o Dir::Etc::SourceList=$apt/sources.list
          -o Dir::Etc::SourceParts=$apt
          -o Dir::State::Lists=$apt/lists"

    apt-get $opts update -q >/dev/null

    version=$(dpkg-query -W -f='${Version}' nginx)

    (cd "$build" && apt-get $opts source --download-only --tar-only -q \
         "nginx=$version" >/dev/null 2>&1 \
     || apt-get $opts source --download-only --tar-only -q nginx)

    tarball=$(ls "$build"/nginx_*.orig.tar.gz | head -1)
fi

echo "static build from $tarball"

if [ ! -f "$tree/Makefile" ] || [ "$root/config" -nt "$tree/Makefile" ]; then
    rm -rf "$tree"
    mkdir -p "$tree"
    tar -xzf "$tarball" -C "$tree" --strip-components=1

    (cd "$tree" && ./configure \
        --prefix="$tree" \
        --with-debug \
        --with-http_sub_module \
        --with-http_addition_module \
        --with-threads \
        --add-module="$root" > "$build/static-configure.log" 2>&1) || {
        tail -30 "$build/static-configure.log" >&2
        exit 1
    }
fi

make -s -C "$tree" -j"$(nproc)" > "$build/static-make.log" 2>&1 || {
    tail -40 "$build/static-make.log" >&2
    exit 1
}

"$tree/objs/nginx" -V 2>&1 | head -1
echo "built $tree/objs/nginx"
