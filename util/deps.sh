#!/bin/sh
# Makes sure the Debian packages a make target needs are installed.
#
#     util/deps.sh GROUP...      (build, test, static, bench)
#
# As root, missing packages are installed with apt-get; otherwise the
# exact command to run is printed and the script fails.

set -e

pkgs_build="nginx nginx-dev libxml2-dev libpcre2-dev pkg-config gcc make"
pkgs_test="perl libtest-base-perl libtext-diff-perl libtest-longstring-perl
    libwww-perl liburi-perl liblist-moreutils-perl libipc-run-perl
    python3 python3-feedparser python3-mf2py python3-html5lib
    python3-html5-parser libxml2-utils
    valgrind"
pkgs_static="dpkg-dev libssl-dev zlib1g-dev"
pkgs_bench="wrk gnuplot-nox procps libnginx-mod-http-xslt-filter"

want=
for group in "$@"; do
    eval "want=\"\$want \$pkgs_$group\""
done

missing=
for p in $want; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null \
         | grep -q 'install ok installed'
    then
        missing="$missing $p"
    fi
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "ngx_feed: missing Debian packages; install them with:" >&2
    echo "    sudo apt-get install -y$missing" >&2
    exit 1
fi

echo "ngx_feed: installing$missing" >&2

export DEBIAN_FRONTEND=noninteractive

# a fresh machine may have no package lists yet
apt-get install -y --no-install-recommends $missing >/dev/null 2>&1 || {
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends $missing
}
