#!/usr/bin/python3
#
# Copyright (C) ngx_feed authors
#
# Checks the head scanner (src/feed_scan.c) against spec-conformant HTML
# parsers.  For every page, the scanner's injection point gets a probe,
# <meta name="feed-probe">, and the parser must put the probe into
# <head>, after every head child that comes before it in the source,
# with the head otherwise unchanged; no later point of the page may
# still be "in head".  Declined pages must deserve it.  The <link> and
# <meta> elements and the <title> text the scanner reports must be the
# parser's.
#
# The reference is html5lib (Debian's python3-html5lib, with scripting
# on, as in browsers).  html5lib 1.1 predates <template>, so pages with
# a template go to html5-parser (python3-html5-parser, a gumbo parser
# that implements it) when it is installed.  Known and deliberate
# differences are counted, not failed: a <noscript> with a <template>
# (html5-parser has scripting off; svg and math with a template are
# skipped too, html5-parser 0.4.10 loops on "<svg><title></p>"), and
# <link>, <meta>, ... after </head>, which the parser moves into the
# head after the probe.
#
#   /usr/bin/python3 t/unit/scan_oracle.py --bin build/unit/test_scan \
#       [--corpus t/unit/scan] [--fuzz 3000] [--seed 1] [--keep DIR]
#
# Prints TAP.  The scanner binary is test_scan with its --oracle flag.

import argparse
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import html5lib
from html5lib import constants, html5parser, treebuilders
from html5lib._tokenizer import HTMLTokenizer

try:
    import html5_parser
    from lxml import etree
except ImportError:
    html5_parser = None


PROBE = b'<meta name="feed-probe">'
MARK = 'data-oracle-after-head'
ATTRS = ('rel', 'href', 'type', 'name', 'content', 'charset')


# html5lib, with the elements that "after head" moves into the head marked

def _mark_after_head():
    phase = html5parser.getPhases(False)['afterHead']
    orig = phase.startTagFromHead

    def from_head(self, token):
        token['data'][MARK] = '1'
        return orig(self, token)

    for name in ('base', 'basefont', 'bgsound', 'link', 'meta', 'noframes',
                 'script', 'style', 'title'):
        phase.__dict__['startTagHandler'][name] = from_head


_mark_after_head()


class Tree:
    """One parsed page, the same view of either parser's tree."""

    def __init__(self, text, gumbo):
        self.gumbo = gumbo

        if gumbo:
            self.root = html5_parser.parse(text, treebuilder='lxml',
                                           namespace_elements=False,
                                           sanitize_names=False)
            self.comment = etree.Comment
        else:
            parser = html5lib.HTMLParser(
                tree=treebuilders.getTreeBuilder('etree'),
                namespaceHTMLElements=False)
            self.root = parser.parse(text, scripting=True)
            self.comment = ET.Comment

        self.head = next(self.root.iter('head'))

    def children(self):
        return [c for c in self.head]

    def canon(self, e):
        if e.tag is self.comment:
            return ('#comment', e.text)
        kids = tuple((self.canon(c), (c.tail or '').strip()) for c in e)
        attrs = tuple(sorted((k, v) for k, v in e.attrib.items() if k != MARK))
        return (e.tag, attrs, (e.text or '').strip(), kids)

    def is_probe(self, e):
        return e.tag == 'meta' and e.get('name') == 'feed-probe'

    def body_empty(self):
        body = next(self.root.iter('body'), None)
        return body is None or (len(body) == 0
                                and not (body.text or '').strip())


def decode(data):
    """Text as a browser decodes it: the BOM goes, and a page that is not
    UTF-8 is taken byte for byte, which keeps its structure."""
    if data.startswith(b'\xef\xbb\xbf'):
        data = data[3:]
    try:
        return data.decode('utf-8'), True
    except UnicodeDecodeError:
        return data.decode('latin-1'), False


def first_token_is_document(text):
    """The first significant token: a DOCTYPE, <html> or <head>?"""
    if text.startswith('\ufeff'):
        text = text[1:]
    skip = (constants.tokenTypes['SpaceCharacters'],
            constants.tokenTypes['Comment'],
            constants.tokenTypes['ParseError'])
    for token in HTMLTokenizer(text):
        if token['type'] in skip:
            continue
        if token['type'] == constants.tokenTypes['Doctype']:
            return True
        return (token['type'] == constants.tokenTypes['StartTag']
                and token['name'] in ('html', 'head'))
    return False


def run_scanner(binary, pages, tmp):
    """The scanner's verdicts, via test_scan --oracle."""
    files = []
    for i, page in enumerate(pages):
        path = os.path.join(tmp, '%d.html' % i)
        with open(path, 'wb') as f:
            # the loader would take these for markers
            f.write(page if not page.startswith(b'{{DECLINE}}\n')
                    else b' ' + page)
        files.append(path)

    out = {}
    for start in range(0, len(files), 200):
        res = subprocess.run([binary, '--oracle'] + files[start:start + 200],
                             stdout=subprocess.PIPE, check=True)
        cur = None
        for line in res.stdout.split(b'\n'):
            if not line:
                continue
            words = line.split(b' ')
            if words[0] == b'page':
                cur = {'rc': words[2].decode(), 'inject': int(words[3]),
                       'elts': [], 'title': b''}
                out[words[1].decode()] = cur
            elif words[0] == b'elt':
                attrs = {}
                for w in words[2:]:
                    k, v = w.split(b'=', 1)
                    attrs[k.decode()] = (None if v.startswith(b'!')
                                         else bytes.fromhex(v.decode()))
                cur['elts'].append((words[1].decode(), attrs))
            elif words[0] == b'title':
                cur['title'] = bytes.fromhex(words[1].decode()) \
                    if len(words) > 1 else b''
    return [out[f] for f in files]


def check(page, verdict, use_gumbo):
    """None when the verdict is right, else what is wrong.  A tuple
    ('deviation', why) for the documented differences."""

    text, utf8 = decode(page)

    if verdict['rc'] == 'broken':
        return 'the scanner broke its contract'

    if verdict['rc'] == 'declined':
        if page[:2] in (b'\xff\xfe', b'\xfe\xff') or b'\x00' in page[:2]:
            return None
        if not first_token_is_document(text):
            return None
        # the document must have ended inside the head or before it
        orig = Tree(text, use_gumbo)
        if not orig.body_empty() or any(c.get(MARK) == '1'
                                        for c in orig.children()):
            return 'declined, but the head ended before the end'
        tree = Tree(decode(page + PROBE)[0], use_gumbo)
        kids = tree.children()
        if kids and tree.is_probe(kids[-1]):
            return 'declined, but a probe at the end is the last head child'
        return None

    if not first_token_is_document(text):
        return 'found in a page that is not a document'

    p = verdict['inject']
    orig = Tree(text, use_gumbo)
    mod = Tree(decode(page[:p] + PROBE + page[p:])[0], use_gumbo)
    prefix = Tree(decode(page[:p])[0], use_gumbo)

    probes = [e for e in mod.root.iter('meta') if mod.is_probe(e)]
    if len(probes) != 1:
        return '%d probes in the tree' % len(probes)

    kids = mod.children()
    if probes[0] not in kids:
        return 'the probe is not in the head'

    at = kids.index(probes[0])
    rest = [mod.canon(c) for c in kids if c is not probes[0]]
    if rest != [orig.canon(c) for c in orig.children()]:
        return 'the head changed'

    if [mod.canon(c) for c in kids[:at]] != \
            [prefix.canon(c) for c in prefix.children()]:
        return 'head children of the source before the probe come after it'

    after = kids[at + 1:]

    if not use_gumbo:
        if any(c.tag is mod.comment or c.get(MARK) != '1' for c in after):
            return 'head children after the probe'
    else:
        # no later point of the page may be "in head": a comment there
        # would land in the head
        for q in range(p + 1, len(page) + 1):
            t = Tree(decode(page[:q] + b'<!--oracle-->' + page[q:])[0], True)
            if any(c.tag is t.comment and c.text == 'oracle'
                   for c in t.children()):
                return 'the page is still in the head at %d' % q

    # what the scanner reported

    want = []
    for c in kids[:at]:
        if c.tag in ('link', 'meta'):
            want.append((c.tag, {k: c.get(k) for k in ATTRS
                                 if c.get(k) is not None}))
    got = verdict['elts']
    if len(got) != len(want):
        return 'reported %d elements, not %d' % (len(got), len(want))
    for (gt, ga), (wt, wa) in zip(got, want):
        if gt != wt or set(ga) != set(wa):
            return 'reported %s %s, not %s %s' % (gt, sorted(ga), wt,
                                                  sorted(wa))
        for k, v in ga.items():
            if v is not None and utf8 and v.decode('utf-8', 'replace') != wa[k]:
                return 'reported %s=%r, not %r' % (k, v, wa[k])

    want = ''.join(''.join(c.itertext()) for c in kids[:at]
                   if c.tag == 'title')
    title = verdict['title'].replace(b'\r\n', b'\n').replace(b'\r', b'\n')
    title = title.replace(b'\x00', '\ufffd'.encode())
    title = html.unescape(title.decode('utf-8' if utf8 else 'latin-1'))
    if title != want:
        return 'title text %r, not %r' % (title, want)

    if after:
        return ('deviation', 'elements after </head> follow the probe')

    return None


# the fuzzer's grammar: the pieces of HTML that trouble head scanners

WS = [' ', '\n', '\t', '\r\n', '\x0c', '  \n  ']
COMMENTS = ['<!-- c -->', '<!---->', '<!-->', '<!--->', '<!-- </head> -->',
            '<!-- a --!>', '<!-- <!-- x -->', '<!-- - -- --->', '<!--x--!y-->',
            '<?php echo 1 ?>', '<!x>', '</3>', '</>', '<!DOCTYPE html>',
            '<![CDATA[x]]>', '</ head>', '<!-- x -- > -->']
RCDATA = ['x', ' ', '</head>', '<b>', '</titl', '</titlex>', '&amp;', '&lt;',
          '<!--', '</title', '&#233;', 'caf\u00e9', '</textarea', '<']
RAW = ['x', '</head>', '<!--', '-->', '</styl', '<b>', ' ', '</style', '<']
SCRIPT = ['x<y', "'</head>'", '<!--', '-->', '<script>', '</script', '</scr',
          '<!--<script>', '</head>', '--><', '<!', '-', 'x', ' ', '<script ',
          '</script x', '<!--x']
VALUES = ['a', '</head>', 'a>b', 'x&amp;y', '&#233;', '&quot;', "'", '"',
          '&lt;x&gt;', '&#x41;', 'a b', '', '-->', '<!--', '&nbsp;']
STRAY = ['</div>', '</p>', '</title>', '</template>', '</header>', '</headx>',
         '</a x="</head>">', '</script>', '</style>', '</head=1>', '</svg>']
VOID = ['<base href=x>', '<basefont>', '<bgsound>', '<meta charset=utf-8>',
        '<link rel=x>', '<head>', '<html lang=x>', '<META NAME=k CONTENT=v>']
CLOSERS = ['</head>', '</HEAD >', '</head\n>', '</head/>', "</head x='>'>",
           '<body>', '<BODY class=x>', 'text', '&amp;', '< x', '<3', '<div>',
           '</body>', '</br>', '</html>', '<p>', '<h1>x</h1>',
           '<textarea></head></textarea>', '<svg><title>', '<plaintext>',
           '\x00', '', '<frameset>', '<header>', '<img src=x>', '<svg/>',
           '<math>']
AFTER = ['<meta name=after>', '<link rel=after>', '<title>late</title>',
         '<script>x</script>', '<style></style>', '<body>', 'text', '<p>p</p>',
         '<h1>Head</h1>', '</head>', '<!-- c -->', '\n', '<template>t</template>']
NOISE = '<>/!-\'"=&? \nax'


def quoted(r, v):
    q = r.choice(['"', "'", ''])
    if q == '':
        return v.replace('"', '').replace("'", '') or 'v'
    return q + v.replace(q, '') + q


def rcdata(r, name):
    return ''.join(r.choice(RCDATA if name in ('title', 'textarea') else RAW)
                   for _ in range(r.randrange(4)))


def item(r, depth, templates, noscript):
    k = r.randrange(100)
    if k < 12:
        return r.choice(WS)
    if k < 24:
        return r.choice(COMMENTS)
    if k < 32:
        t = r.choice(['title', 'TITLE', 'Title'])
        end = r.choice(['</title>', '</TITLE >', "</title x='>'>", '</title/>'])
        return '<%s>%s%s' % (t, rcdata(r, 'title'), end)
    if k < 44:
        return '<meta name=%s content=%s%s>' % (
            quoted(r, r.choice(['a', 'keywords', 'k&amp;'])),
            quoted(r, ''.join(r.choice(VALUES) for _ in range(2))),
            r.choice(['', ' /', '/', ' x="y"']))
    if k < 52:
        return '<link rel=%s href=%s>' % (
            quoted(r, r.choice(['canonical', 'alternate', 'x y'])),
            quoted(r, '/a?b=1' + r.choice(VALUES)))
    if k < 62:
        return '<script>%s</script>' % ''.join(
            r.choice(SCRIPT) for _ in range(r.randrange(5)))
    if k < 67:
        return '<style>%s</style>' % rcdata(r, 'style')
    if k < 70 and noscript:
        return '<noscript>%s</noscript>' % rcdata(r, 'noscript')
    if k < 78 and templates and depth < 2:
        inner = ''.join(item(r, depth + 1, templates, False)
                        for _ in range(r.randrange(4)))
        inner += r.choice(['', '<div>', '</head>', 'text', '<p>x'])
        return '<template>%s</template>' % inner
    if k < 86:
        return r.choice(STRAY)
    if k < 95:
        return r.choice(VOID)
    return ''.join(r.choice(NOISE) for _ in range(r.randrange(1, 4)))


def page(r):
    templates = r.randrange(3) == 0
    noscript = not templates
    out = r.choice(['', '<!DOCTYPE html>', '<!doctype html>\n',
                    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01>x//EN">',
                    "<?xml version='1.0'?>\n<!DOCTYPE html>", '\ufeff',
                    '<!-- top -->\n', ' \n', '<div>', 'x'])
    out += r.choice(['', '<html>', '<HTML lang=en>', '<html>\n'])
    out += r.choice(['', '<head>', '<HEAD>', '<head profile=x>'])
    out += ''.join(item(r, 0, templates, noscript)
                   for _ in range(r.randrange(12)))
    out += r.choice(CLOSERS)
    out += ''.join(r.choice(AFTER) for _ in range(r.randrange(4)))
    return out.encode('utf-8')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--bin', required=True)
    ap.add_argument('--corpus', default='t/unit/scan')
    ap.add_argument('--fuzz', type=int, default=3000)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--keep', help='write disagreeing pages here')
    args = ap.parse_args()

    names, pages = [], []
    for f in sorted(os.listdir(args.corpus)):
        if f.endswith('.html'):
            data = open(os.path.join(args.corpus, f), 'rb').read()
            if data.startswith(b'{{DECLINE}}\n'):
                data = data[12:]
            names.append(f)
            pages.append(data.replace(b'{{HERE}}', b''))

    r = random.Random(args.seed)
    for i in range(args.fuzz):
        names.append('fuzz %d' % i)
        pages.append(page(r))

    with tempfile.TemporaryDirectory() as tmp:
        verdicts = run_scanner(args.bin, pages, tmp)

    n, failed, skipped, deviations = 0, 0, 0, 0
    fuzz_failed = []

    for name, data, verdict in zip(names, pages, verdicts):
        gumbo = re.search(rb'<template', data, re.I) is not None
        if gumbo and (html5_parser is None
                      or re.search(rb'<(noscript|svg|math)', data, re.I)):
            skipped += 1
            continue
        why = check(data, verdict, gumbo)
        if isinstance(why, tuple):
            deviations += 1
            why = None
        if name.startswith('fuzz'):
            if why:
                fuzz_failed.append((name, data, verdict, why))
            continue
        n += 1
        print('%s %d - %s: %s %s%s' % ('not ok' if why else 'ok', n, name,
                                        verdict['rc'], verdict['inject'],
                                        ' (html5-parser)' if gumbo else ''))
        if why:
            failed += 1
            print('#   %s' % why)

    n += 1
    print('%s %d - %d random pages agree with the parsers'
          % ('not ok' if fuzz_failed else 'ok', n, args.fuzz))
    for name, data, verdict, why in fuzz_failed[:10]:
        print('#   %s: %s at %d: %s' % (name, verdict['rc'],
                                        verdict['inject'], why))
        print('#     %r' % data)
    if args.keep and fuzz_failed:
        os.makedirs(args.keep, exist_ok=True)
        for name, data, verdict, why in fuzz_failed:
            with open(os.path.join(args.keep, name.replace(' ', '-')
                                   + '.html'), 'wb') as f:
                f.write(data)
    failed += bool(fuzz_failed)

    print('# %d pages skipped (template and noscript, or no html5-parser), '
          '%d with elements after </head> (documented)' % (skipped, deviations))
    print('1..%d' % n)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
