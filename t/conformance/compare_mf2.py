#!/usr/bin/python3
#
# Copyright (C) ngx_feed authors
#
# Compares the items feed_extract_dump finds in every page of the corpus
# with what Debian's mf2py (python3-mf2py 1.1.2) parses from it:
#
#     /usr/bin/python3 t/conformance/compare_mf2.py \
#         --tool build/unit/feed_extract_dump [t/conformance/pages]
#
# mf2py gives every property's values; an item keeps the first (see
# src/feed_mf2.h), so the reference for each field is the first value.
# Items are the h-entry microformats at the top level and the h-entry
# children of top-level h-feeds (and of h-feeds nested as children).
#
# Compared, for each item: name, url, published, updated, summary, the
# text of the content, the author's name and url, the categories.  The
# comparison is of meaning, not of bytes:
#
#   - text is compared stripped, an empty string as no value;
#   - URLs are compared resolved against the page's base and normalised
#     (scheme and host in lower case, dot segments removed, characters
#     outside URLs percent-encoded); a URL whose scheme is not http,
#     https or mailto is expected to be dropped;
#   - dates are compared as instants (a day as its midnight UTC, a time
#     without a zone as UTC); a value mf2py leaves unparsed is expected
#     to give no date;
#   - the content text is mf2py's textContent of the extractor's
#     sanitised HTML against mf2py's own e-content value, computed
#     without the elements the sanitiser drops with their content, both
#     with runs of white space collapsed: an element unwrapped joins the
#     text around it into one node, which changes where mf2py drops a
#     lone space;
#   - categories are compared as a list without duplicates, empty values
#     or URLs (u-category values are not categories).
#
# A page may say which URL it has with a comment in its first bytes:
# <!-- page-url: https://example.net/path -->.  Exits 1 on a mismatch,
# after printing every difference; 2 when the tool fails.

import argparse
import calendar
import glob
import json
import os
import re
import subprocess
import sys
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import mf2py
from bs4 import BeautifulSoup
from mf2py.dom_helpers import get_textContent


DEFAULT_URL = 'https://example.com/corpus/'

# the elements src/feed_sanitize.c drops with their content
DROPPED = ('applet audio base button canvas datalist embed frame frameset '
           'head iframe input link map math meta noembed noframes object '
           'optgroup option param portal script select style svg template '
           'textarea title video').split()

MAX_CATEGORIES = 64


def page_url(data, path):
    m = re.search(rb'<!--\s*page-url:\s*(\S+)\s*-->', data[:512])
    if m:
        return m.group(1).decode('ascii')
    return DEFAULT_URL + os.path.basename(path)


def entries(items):
    """h-entry at the top level and children of h-feed, in order"""
    out = []
    for item in items:
        if 'h-entry' in item['type']:
            out.append(item)
        elif 'h-feed' in item['type']:
            out.extend(entries(item.get('children', [])))
    return out


def first(props, name):
    values = props.get(name)
    if not values:
        return None
    return values[0]


def text_of(v):
    if v is None:
        return None
    if isinstance(v, dict):
        v = v.get('value')
        if v is None:
            return None
    v = v.strip()
    return v or None


def remove_dots(path):
    out = []
    for seg in path.split('/'):
        if seg == '..':
            if len(out) > 1:
                out.pop()
        elif seg != '.':
            out.append(seg)
    if path.endswith(('/.', '/..')):
        out.append('')
    return '/'.join(out)


def norm_url(u):
    if u is None:
        return None
    u = u.strip()
    parts = urlsplit(u)
    scheme = parts.scheme.lower()
    if scheme not in ('http', 'https', 'mailto'):
        return None
    netloc = parts.netloc
    if '@' in netloc:
        user, host = netloc.rsplit('@', 1)
        netloc = user + '@' + host.lower()
    else:
        netloc = netloc.lower()
    keep = "/%:@!$&'()*+,;=-._~"
    path = quote(remove_dots(parts.path) if netloc else parts.path,
                 safe=keep)
    query = quote(parts.query, safe=keep + '?')
    fragment = quote(parts.fragment, safe=keep + '?#')
    return urlunsplit((scheme, netloc, path, query, fragment))


DATE_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})$')
ORDINAL_RE = re.compile(r'^(\d{4})-(\d{3})$')
TIME_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})'
                     r'(?::(\d{2})(?:\.\d+)?)?'
                     r' ?(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$')


def parse_date(s):
    """(epoch, kind) of a date string as the extractor should read it"""
    if s is None:
        return None
    s = s.strip()
    m = DATE_RE.match(s)
    if m:
        y, mo, d = map(int, m.groups())
        try:
            return calendar.timegm((y, mo, d, 0, 0, 0)), 'day'
        except ValueError:
            return None
    m = ORDINAL_RE.match(s)
    if m:
        y, yd = map(int, m.groups())
        return calendar.timegm((y, 1, 1, 0, 0, 0)) + (yd - 1) * 86400, 'day'
    m = TIME_RE.match(s)
    if not m:
        return None
    y, mo, d, h, mi = (int(x) for x in m.groups()[:5])
    sec = int(m.group(6) or 0)
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h < 24 and mi < 60
            and sec < 61):
        return None
    t = calendar.timegm((y, mo, d, h, mi, min(sec, 59)))
    tz = m.group(7)
    if tz and tz != 'Z':
        sign = -1 if tz[0] == '-' else 1
        digits = tz[1:].replace(':', '')
        off = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2
                                      else 0)
        t -= sign * off * 60
    return t, 'time'


def ours_date(d):
    if d is None:
        return None
    return parse_date(d['date'].replace('T00:00:00Z', '')
                      if d['kind'] == 'day' else d['date'])


def collapse(s):
    return re.sub(r'\s+', ' ', s) if s is not None else None


def content_text(html, base):
    if html is None:
        return None
    soup = BeautifulSoup(html, 'html5lib')
    return collapse(text_of(get_textContent(soup.body, replace_img=True,
                                            base_url=base)))


def reference_content(v, base):
    if v is None:
        return None
    if not isinstance(v, dict):
        return collapse(text_of(v))
    soup = BeautifulSoup(v['html'], 'html5lib')
    for name in DROPPED:
        for el in soup.body.find_all(name):
            el.decompose()
    return collapse(text_of(get_textContent(soup.body, replace_img=True,
                                            base_url=base)))


def reference_author(v, base):
    if v is None:
        return None, None
    if isinstance(v, dict):
        props = v.get('properties', {})
        name = text_of(first(props, 'name'))
        if 'name' not in props:
            name = text_of(v.get('value'))
        url = first(props, 'url')
        if isinstance(url, dict):
            url = url.get('value')
        return name, norm_url(urljoin(base, url)) if url else None
    v = v.strip()
    if re.match(r'https?://', v):
        return None, norm_url(v)
    return v or None, None


def reference_categories(values):
    out = []
    for v in values or []:
        v = text_of(v)
        if v is None or re.match(r'https?://', v) or v in out:
            continue
        out.append(v)
    return out[:MAX_CATEGORIES]


def reference(entry, base):
    p = entry['properties']

    url = first(p, 'url')
    if isinstance(url, dict):
        url = url.get('value')

    dates = {}
    for name in ('published', 'updated'):
        v = first(p, name)
        dates[name] = parse_date(v if isinstance(v, str) else None)

    author, author_url = reference_author(first(p, 'author'), base)

    return {
        'name': text_of(first(p, 'name')),
        'url': norm_url(urljoin(base, url)) if url is not None else None,
        'published': dates['published'],
        'updated': dates['updated'],
        'summary': text_of(first(p, 'summary')),
        'content': reference_content(first(p, 'content'), base),
        'author': author,
        'author_url': author_url,
        'categories': reference_categories(p.get('category')),
    }


def ours(item, base):
    return {
        'name': item['title'],
        'url': norm_url(item['url']),
        'published': ours_date(item['published']),
        'updated': ours_date(item['updated']),
        'summary': item['summary'],
        'content': content_text(item['content'], base),
        'author': item['author'],
        'author_url': norm_url(item['author_url']),
        'categories': item['categories'],
    }


def show(v):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) < 300 else s[:300] + '...'


def compare(tool, path):
    with open(path, 'rb') as f:
        data = f.read()

    url = page_url(data, path)

    run = subprocess.run([tool, '-u', url, path], capture_output=True)
    if run.returncode != 0:
        print('%s: %s failed: %s' % (path, tool,
                                     run.stderr.decode(errors='replace')))
        sys.exit(2)

    got = json.loads(run.stdout.decode('utf-8'))

    parser = mf2py.Parser(doc=data, url=url)
    base = parser.__url__ or url
    want = entries(parser.to_dict()['items'])

    diffs = []

    if len(want) != len(got['items']):
        diffs.append('%d items, mf2py has %d' % (len(got['items']),
                                                 len(want)))

    for i, (w, g) in enumerate(zip(want, got['items'])):
        ref = reference(w, base)
        mine = ours(g, base)
        for field in ref:
            if ref[field] != mine[field]:
                diffs.append('item %d %s:\n      mf2py: %s\n      ours:  %s'
                             % (i + 1, field, show(ref[field]),
                                show(mine[field])))

    return len(want), diffs


def main():
    here = os.path.dirname(os.path.abspath(__file__))

    ap = argparse.ArgumentParser(
        description='Compare feed_extract_dump with mf2py on the corpus.')
    ap.add_argument('--tool', default='build/unit/feed_extract_dump')
    ap.add_argument('pages', nargs='?', default=os.path.join(here, 'pages'))
    args = ap.parse_args()

    paths = sorted(glob.glob(os.path.join(args.pages, '*.html')))
    if not paths:
        print('no pages in %s' % args.pages)
        return 2

    failed = 0
    total = 0

    for path in paths:
        n, diffs = compare(args.tool, path)
        total += n
        name = os.path.basename(path)
        if diffs:
            failed += 1
            print('not ok %s' % name)
            for d in diffs:
                print('    ' + d)
        else:
            print('ok %s: %d items' % (name, n))

    print('%d pages, %d items, %d pages differ' % (len(paths), total,
                                                   failed))

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
