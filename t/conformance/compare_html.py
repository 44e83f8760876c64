#!/usr/bin/python3
#
# Copyright (C) ngx_feed authors
#
# Compares the tree src/feed_html.c builds of every page given with the
# tree html5lib builds of it (Debian's python3-html5lib 1.1, the "dom"
# tree builder, scripting off), both written in the format of html5lib's
# tree construction tests:
#
#     /usr/bin/python3 t/conformance/compare_html.py \
#         --tool build/unit/feed_html_dump PAGE-OR-DIRECTORY...
#
# Each page is first decoded as feed_extract() decodes it for the tree
# builder (a byte order mark, then a <meta> charset, then UTF-8 when it
# is valid, else windows-1252; CR LF and lone CR read as LF, NUL as
# U+FFFD), and both parsers get that text.
#
# What feed_html.h documents as made on purpose is normalised, not
# failed:
#
#   - comments and doctypes make no nodes, so html5lib's comments are
#     left out and the text on both sides of one is one text node;
#   - white space directly in html and head, and in a noscript in
#     head, is dropped;
#   - the newline that follows a <pre>, <listing> or <textarea> start
#     tag is kept (the standard drops it, libxml2 keeps it), so one
#     leading newline of such an element's first text is left out of
#     feed_html_dump's tree (outside svg and math; a comment between
#     the tag and the newline, which keeps the newline in html5lib's
#     tree, is not told apart).
#
# Pages whose difference is known and accepted are listed in KNOWN with
# the reason; such a page must still differ (a listed page that matches
# fails, so that the list stays true).  Any other difference fails: its
# diff is printed.  Prints "ok" or "not ok" a page and a summary line;
# exits 1 when a page differs, 2 when the tool fails.

import argparse
import codecs
import difflib
import glob
import os
import re
import subprocess
import sys
import tempfile

import html5lib


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))

# by path from the top of the source tree
TEMPLATE = ('html5lib 1.1 predates <template>: it ends the head at a '
            'template and parses the template\'s content as markup of '
            'the body, where feed_html keeps the template in the head')

KNOWN = {
    't/unit/scan/template-before-head.html': TEMPLATE,
    't/unit/scan/template-nested.html': TEMPLATE,
    't/unit/scan/template-script.html': TEMPLATE,
}

SPACE = ' \t\n\f\r'

# WHATWG Encoding Standard labels, as src/feed_extract.c reads them
LABELS = {
    'utf-8': 'utf-8', 'utf8': 'utf-8', 'unicode-1-1-utf-8': 'utf-8',
    'us-ascii': 'windows-1252', 'ascii': 'windows-1252',
    'ansi_x3.4-1968': 'windows-1252', 'iso-8859-1': 'windows-1252',
    'iso8859-1': 'windows-1252', 'iso_8859-1': 'windows-1252',
    'iso_8859-1:1987': 'windows-1252', 'latin1': 'windows-1252',
    'l1': 'windows-1252', 'cp819': 'windows-1252', 'ibm819': 'windows-1252',
    'cp1252': 'windows-1252', 'x-cp1252': 'windows-1252',
    'windows-1252': 'windows-1252',
    'iso-8859-9': 'cp1254', 'latin5': 'cp1254',
    'iso-8859-11': 'cp874', 'tis-620': 'cp874',
    'utf-16': 'utf-16-le', 'utf-16le': 'utf-16-le',
    'utf-16be': 'utf-16-be',
    'shift_jis': 'cp932', 'shift-jis': 'cp932', 'sjis': 'cp932',
    'ms_kanji': 'cp932', 'x-sjis': 'cp932', 'windows-31j': 'cp932',
    'gb2312': 'gbk', 'x-gbk': 'gbk', 'big5': 'big5hkscs',
    'euc-kr': 'cp949', 'ks_c_5601-1987': 'cp949', 'windows-949': 'cp949',
}

META_CHARSET = re.compile(
    rb'<meta\s[^>]*?charset\s*=\s*["\']?\s*([A-Za-z0-9_:.+-]+)', re.I)

# the pre-newline difference
NEWLINE_DROPPED = ('pre', 'listing', 'textarea')


# the WHATWG windows-1252: Python's cp1252, with the five bytes it leaves
# undefined read as the C1 controls of the same value
WINDOWS_1252 = {b: bytes([b]).decode('cp1252', errors='ignore') or chr(b)
                for b in range(0x80, 0xa0)}


def encoding(data):
    for bom, name in ((b'\xef\xbb\xbf', 'utf-8'), (b'\xfe\xff', 'utf-16-be'),
                      (b'\xff\xfe', 'utf-16-le')):
        if data.startswith(bom):
            return name, len(bom)

    m = META_CHARSET.search(data[:1024])
    if m:
        label = m.group(1).decode('ascii').lower()
        name = LABELS.get(label, label)
        try:
            codecs.lookup(name)
            return name, 0
        except LookupError:
            pass

    try:
        data.decode('utf-8')
        return 'utf-8', 0
    except UnicodeDecodeError:
        return 'windows-1252', 0


def decode(data):
    name, skip = encoding(data)
    data = data[skip:]

    if name == 'windows-1252':
        text = data.decode('latin-1').translate(WINDOWS_1252)
    else:
        text = data.decode(name, errors='replace')

    return (text.replace('\r\n', '\n').replace('\r', '\n')
            .replace('\0', '\ufffd'))


def esc(s):
    return s.replace('\n', '\\n').replace('\t', '\\t')


def html5lib_tree(text):
    doc = html5lib.parse(text, treebuilder='dom',
                         namespaceHTMLElements=False)
    out = []
    write_children(doc, 0, out)
    return out


def children(node):
    """The element and text children, comments left out and the text
    around them joined."""
    kids = []
    for c in node.childNodes:
        if c.nodeType == c.TEXT_NODE:
            if kids and isinstance(kids[-1], str):
                kids[-1] += c.data
            else:
                kids.append(c.data)
        elif c.nodeType == c.ELEMENT_NODE:
            kids.append(c)
    return kids


def before_body(node):
    """html, head, or a noscript in head: where white space is dropped"""
    if node.nodeType != node.ELEMENT_NODE:
        return False
    if node.tagName in ('html', 'head'):
        return True
    parent = node.parentNode
    return (node.tagName == 'noscript'
            and parent.nodeType == parent.ELEMENT_NODE
            and parent.tagName == 'head')


def write_children(node, level, out):
    indent = '| ' + '  ' * level
    drop_space = before_body(node)

    for c in children(node):
        if isinstance(c, str):
            if drop_space and c.strip(SPACE) == '':
                continue
            out.append('%s"%s"' % (indent, esc(c)))
            continue

        out.append('%s<%s>' % (indent, c.tagName.lower()))
        for i in range(c.attributes.length):
            a = c.attributes.item(i)
            out.append('%s  %s="%s"' % (indent, a.name.lower(),
                                        esc(a.value)))
        write_children(c, level + 1, out)


def our_tree(tool, path):
    r = subprocess.run([tool, path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise RuntimeError('%s %s: exit %d: %s' % (
            tool, path, r.returncode, r.stderr.decode('utf-8', 'replace')))

    lines = r.stdout.decode('utf-8').split('\n')
    if lines and lines[-1] == '':
        lines.pop()

    return drop_first_newline(lines)


def drop_first_newline(lines):
    """One leading newline of the first text of a pre, listing or
    textarea outside svg and math left out, as the standard drops it."""
    out = []
    open_ = []
    i = 0

    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1

        m = re.match(r'\| ( *)<([^>]+)>$', line)
        if not m:
            continue

        # the elements open around this one, by indent
        depth = len(m.group(1)) // 2
        del open_[depth:]
        open_.append(m.group(2))

        if (m.group(2) not in NEWLINE_DROPPED
            or 'svg' in open_[:-1] or 'math' in open_[:-1]):
            continue

        inner = '| ' + m.group(1) + '  '

        # its attributes come first
        while (i < len(lines) and lines[i].startswith(inner)
               and lines[i][len(inner)] not in '<"'):
            out.append(lines[i])
            i += 1

        if i < len(lines) and lines[i].startswith(inner + '"\\n'):
            text = inner + '"' + lines[i][len(inner) + 3:]
            if text != inner + '""':
                out.append(text)
            i += 1

    return out


def pages(args):
    out = []
    for p in args:
        if os.path.isdir(p):
            out.extend(sorted(glob.glob(os.path.join(p, '*.html'))))
        else:
            out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser(
        description='Compare feed_html_dump with html5lib.')
    ap.add_argument('--tool', default='build/unit/feed_html_dump')
    ap.add_argument('pages', nargs='+')
    args = ap.parse_args()

    paths = pages(args.pages)
    if not paths:
        print('no pages')
        return 2

    failed = 0
    known = 0

    with tempfile.TemporaryDirectory() as tmp:
        decoded = os.path.join(tmp, 'page.html')

        for path in paths:
            name = os.path.relpath(os.path.abspath(path), ROOT)
            if name.startswith('..'):
                name = path

            with open(path, 'rb') as f:
                text = decode(f.read())

            with open(decoded, 'w', encoding='utf-8') as f:
                f.write(text)

            try:
                ours = our_tree(args.tool, decoded)
            except (OSError, RuntimeError) as e:
                print('not ok %s: %s' % (name, e))
                return 2

            theirs = html5lib_tree(text)
            reason = KNOWN.get(name)

            if ours == theirs:
                if reason:
                    failed += 1
                    print('not ok %s: listed as a known difference, but '
                          'the trees match' % name)
                else:
                    print('ok %s' % name)
                continue

            if reason:
                known += 1
                print('ok %s # known difference: %s' % (name, reason))
                continue

            failed += 1
            print('not ok %s' % name)
            for line in difflib.unified_diff(theirs, ours, 'html5lib',
                                             'feed_html', lineterm=''):
                print('    ' + line)

    print('%d trees checked against html5lib, %d known differences, '
          '%d differ' % (len(paths), known, failed))

    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
