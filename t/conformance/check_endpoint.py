#!/usr/bin/python3
#
# Copyright (C) ngx_feed authors
#
# The feed endpoint end to end, read by independent parsers: nginx with
# the module serves every page of the corpus as a feed source, in all
# three formats.  The RSS and Atom documents must parse in feedparser
# (Debian's python3-feedparser) without the bozo flag, the JSON Feed in
# Python's json module, all three with the same entries; and the items
# must say what mf2py (python3-mf2py) reads from the same page at the
# same URL, compared as t/conformance/compare_mf2.py compares the core.
#
#     /usr/bin/python3 t/conformance/check_endpoint.py \
#         --nginx /usr/sbin/nginx --module build/ngx_http_feed_module.so
#
# Prints TAP.  nginx listens on 127.0.0.1 only and is stopped by PID.

import argparse
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import feedparser
import mf2py

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from compare_mf2 import (content_text, entries, norm_url, parse_date,  # noqa
                         reference, show)

BASE = 'https://example.net'

CONF = """
{load}
worker_processes  1;
daemon            off;
master_process    off;
error_log         logs/error.log warn;
pid               logs/nginx.pid;

events {{
    worker_connections  64;
}}

http {{
    access_log     off;
    default_type   text/plain;

    types {{
        text/html  html;
    }}

    server {{
        listen         127.0.0.1:{port};
        server_name    example.net;
        feed_base_url  {base};

        location /pages/ {{
            root  {root};
        }}
{locations}
    }}
}}
"""

LOCATION = """
        location = /{fmt}/{name} {{
            feed            {fmt};
            feed_source     /pages/{name}.html;
            feed_max_items  1000;
        }}
"""


def start_nginx(args, pages, prefix):
    os.makedirs(os.path.join(prefix, 'logs'))
    root = os.path.join(prefix, 'site')
    shutil.copytree(pages, os.path.join(root, 'pages'))

    names = [os.path.basename(p)[:-5] for p in pages_of(pages)]
    locations = ''.join(LOCATION.format(fmt=fmt, name=name)
                        for name in names for fmt in ('rss', 'atom', 'json'))

    load = 'load_module %s;' % os.path.abspath(args.module) \
        if args.module else ''

    with open(os.path.join(prefix, 'nginx.conf'), 'w') as f:
        f.write(CONF.format(load=load, port=args.port, base=BASE, root=root,
                            locations=locations))

    proc = subprocess.Popen([args.nginx, '-p', prefix + '/', '-c',
                             'nginx.conf'])

    for _ in range(100):
        try:
            urllib.request.urlopen('http://127.0.0.1:%d/pages/' % args.port,
                                   timeout=1)
        except urllib.error.HTTPError:
            return proc
        except OSError:
            time.sleep(0.05)
            if proc.poll() is not None:
                break

    proc.kill()
    sys.exit('nginx did not start; see %s/logs/error.log' % prefix)


def pages_of(pages):
    return sorted(glob.glob(os.path.join(pages, '*.html')))


def fetch(port, path):
    with urllib.request.urlopen('http://127.0.0.1:%d%s' % (port, path),
                                timeout=10) as r:
        return r.status, r.headers.get('Content-Type'), r.read()


def epoch(d):
    return d[0] if d else None


def from_json(item, base):
    """a JSON Feed item in the shape of compare_mf2.reference()"""
    authors = item.get('authors') or [{}]
    summary = item.get('summary')
    if summary is None and 'content_html' not in item:
        summary = item.get('content_text') or None

    return {
        'name': item.get('title'),
        'url': norm_url(item.get('url')),
        'published': epoch(parse_date(item.get('date_published'))),
        'updated': epoch(parse_date(item.get('date_modified'))),
        'summary': summary,
        'content': content_text(item.get('content_html'), base),
        'author': authors[0].get('name'),
        'author_url': norm_url(authors[0].get('url')),
        'categories': item.get('tags', []),
    }


def check_page(args, path, tap):
    name = os.path.basename(path)[:-5]
    url = '%s/pages/%s.html' % (BASE, name)

    feeds = {}
    for fmt, ctype in (('rss', 'application/rss+xml; charset=utf-8'),
                       ('atom', 'application/atom+xml; charset=utf-8'),
                       ('json', 'application/feed+json; charset=utf-8')):
        status, got_type, body = fetch(args.port, '/%s/%s' % (fmt, name))
        tap(status == 200 and got_type == ctype,
            '%s %s: status %s, %s' % (name, fmt, status, got_type))
        feeds[fmt] = body

    doc = json.loads(feeds['json'].decode('utf-8'))
    items = doc['items']

    titles = [i.get('title') for i in items]
    links = [i.get('url') for i in items]

    for fmt in ('rss', 'atom'):
        d = feedparser.parse(feeds[fmt])
        tap(not d.bozo, '%s %s: feedparser reads it without bozo (%s)'
            % (name, fmt, d.get('bozo_exception')))
        # feedparser takes an entry's id for its link when it has none;
        # Atom needs a title, so an entry without one gets its text
        tap(len(d.entries) == len(items)
            and [e.get('title') or None if t else None
                 for e, t in zip(d.entries, titles)] == titles
            and [e.get('link') if u else None
                 for e, u in zip(d.entries, links)] == links,
            '%s %s: the same entries as the JSON Feed' % (name, fmt))

    with open(path, 'rb') as f:
        data = f.read()

    parser = mf2py.Parser(doc=data, url=url)
    base = parser.__url__ or url
    want = [reference(e, base) for e in entries(parser.to_dict()['items'])]

    for w in want:
        w['published'] = epoch(w['published'])
        w['updated'] = epoch(w['updated'])

    # the feed has each URL once, and no entry without any text

    expected = []
    seen = set()
    for w in want:
        if w['url'] is not None and w['url'] in seen:
            continue
        if not (w['name'] or w['summary'] or w['content']):
            continue
        seen.add(w['url'])
        expected.append(w)

    tap(len(items) == len(expected),
        '%s: %d items, mf2py reads %d distinct entries'
        % (name, len(items), len(expected)))

    diffs = []
    unmatched = list(expected)

    for item in items:
        mine = from_json(item, base)
        match = next((w for w in unmatched if w['url'] == mine['url']
                      and w['name'] == mine['name']), None)
        if match is None:
            diffs.append('no entry of mf2py for %s' % show(mine))
            continue
        unmatched.remove(match)
        for field in match:
            if match[field] != mine[field]:
                diffs.append('%s %s:\n#     mf2py: %s\n#     feed:  %s'
                             % (mine['url'], field, show(match[field]),
                                show(mine[field])))

    tap(not diffs, '%s: items as mf2py reads them%s'
        % (name, ''.join('\n#   ' + d for d in diffs)))

    # newest first, undated ones last

    dates = [from_json(i, base)['published'] for i in items]
    dated = [d for d in dates if d is not None]
    tap(dated == sorted(dated, reverse=True)
        and dates[:len(dated)] == dated,
        '%s: newest first, undated last' % name)


def main():
    here = os.path.dirname(os.path.abspath(__file__))

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--nginx', default='/usr/sbin/nginx')
    ap.add_argument('--module', help='the .so to load, for a dynamic build')
    ap.add_argument('--port', type=int, default=19841)
    ap.add_argument('pages', nargs='?', default=os.path.join(here, 'pages'))
    args = ap.parse_args()

    prefix = tempfile.mkdtemp(prefix='ngx_feed_endpoint.')
    proc = start_nginx(args, args.pages, prefix)

    n = [0]
    failed = [0]

    def tap(ok, name):
        n[0] += 1
        if not ok:
            failed[0] += 1
        print('%s %d - %s' % ('ok' if ok else 'not ok', n[0], name))

    try:
        for path in pages_of(args.pages):
            check_page(args, path, tap)
    finally:
        os.kill(proc.pid, signal.SIGQUIT)
        proc.wait(timeout=10)

    with open(os.path.join(prefix, 'logs', 'error.log')) as f:
        log = [line for line in f if '[alert]' in line or '[crit]' in line]
    tap(not log, 'no alert or crit in the error log%s'
        % ''.join('\n# ' + line.rstrip() for line in log))

    print('1..%d' % n[0])

    if not failed[0]:
        shutil.rmtree(prefix)

    return 1 if failed[0] else 0


if __name__ == '__main__':
    sys.exit(main())
