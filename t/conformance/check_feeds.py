#!/usr/bin/python3
#
# Copyright (C) ngx_feed authors
#
# Reads the feeds the core writes with independent parsers: feedparser
# (Debian's python3-feedparser) for RSS 2.0 and Atom 1.0, Python's json
# module for JSON Feed 1.1.  Any bozo flag (ill-formed XML, a wrong
# encoding) or any field that differs from what the sample data says
# fails.  Output is TAP, so prove can run it too:
#
#     /usr/bin/python3 t/conformance/check_feeds.py build/unit/feed_write_dump
#
# The dump tool (t/tools/feed_write_dump.c) writes the feeds into a
# temporary directory; the expected values below were written from its
# data by hand, dates as UTC epoch seconds (checked with GNU date).

import calendar
import json
import os
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

import feedparser


# 2026-11-20T09:30:00+01:00 and the others, as epoch seconds
T_HELLO = 1795163400        # 2026-11-20T08:30:00Z
T_HELLO_UPD = 1795255200    # 2026-11-21T10:00:00Z
T_NEWS = 1795089600         # 2026-11-19T12:00:00Z
T_CAFE = 1794960000         # 2026-11-18T00:00:00Z
T_NOTE = 1794902400         # 2026-11-17T08:00:00Z
T_BUILD = 1795305600        # 2026-11-22T00:00:00Z

# the item with neither id nor URL: its content hash (python3-xxhash over
# the fields, as documented in src/feed_write.h)
NOTE_ID = "urn:uuid:4ec9a574-9f94-8d5e-92a4-66f4482a49b2"

# what cleaning leaves of the hostile string of the dump tool: C0, DEL,
# C1, U+FFFE, U+FFFF and surrogates removed, invalid UTF-8 as U+FFFD
HOSTILE = ("xy<]]>&\"'\ufffd\ufffd</script>\u2028z"
           "\ufffd\ufffd\ufffd\ufffd\ufffd")
HOSTILE_ID = "urn:uuid:00d26421-a850-8f45-b107-7dd623016935"


class Tap:

    def __init__(self):
        self.run = 0
        self.failed = 0

    def ok(self, cond, name, got=None, want=None):
        self.run += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.run, name))
        if not cond:
            self.failed += 1
            if got is not None or want is not None:
                print("#        got: %r" % (got,))
                print("#   expected: %r" % (want,))
        return cond

    def eq(self, got, want, name):
        return self.ok(got == want, name, got, want)

    def done(self):
        print("1..%d" % self.run)
        if self.failed:
            print("# %d of %d failed" % (self.failed, self.run))
        return 1 if self.failed else 0


def epoch(parsed):
    return calendar.timegm(parsed) if parsed else None


def terms(entry):
    return [t.get("term") for t in entry.get("tags", [])]


def self_link(feed):
    return [l.get("href") for l in feed.get("links", [])
            if l.get("rel") == "self"]


def parse(t, path, version):
    d = feedparser.parse(path)
    name = os.path.basename(path)
    t.ok(not d.bozo, name + ": no bozo",
         repr(d.get("bozo_exception")), None)
    t.eq(d.version, version, name + ": version")
    return d


def check_sample_rss(t, path):
    d = parse(t, path, "rss20")
    f = d.feed
    t.eq(f.get("title"), "Example Blog", "rss: channel title")
    t.eq(f.get("link"), "https://example.com/", "rss: channel link")
    t.eq(f.get("subtitle"), "Posts & news from Example",
         "rss: channel description")
    t.eq(f.get("language"), "en", "rss: language")
    t.eq(f.get("generator"), "ngx_feed", "rss: generator")
    t.eq(epoch(f.get("updated_parsed")), T_BUILD, "rss: lastBuildDate")
    t.eq(self_link(f), ["https://example.com/feed.rss"], "rss: atom:link self")

    e = d.entries
    if not t.eq(len(e), 5, "rss: five items, the duplicate URL dropped"):
        return

    t.eq(e[0].get("title"), "Hello, world", "rss 0: title")
    t.eq(e[0].get("link"), "https://example.com/blog/hello", "rss 0: link")
    t.eq(e[0].get("id"), "https://example.com/blog/hello", "rss 0: guid")
    t.eq(epoch(e[0].get("published_parsed")), T_HELLO,
         "rss 0: pubDate, the +01:00 time in UTC")
    t.eq(e[0].get("summary"), "<p>The <b>first</b> post &amp; more.</p>",
         "rss 0: description is the content HTML")
    t.eq(e[0].get("author"), "Ann Example", "rss 0: dc:creator")
    t.eq(terms(e[0]), ["intro", "news & views"], "rss 0: categories")

    t.eq(e[1].get("title"), "Second source", "rss 1: title")
    t.eq(e[1].get("id"), "tag:example.com,2026:news-2", "rss 1: guid")
    t.eq(e[1].get("guidislink"), False, "rss 1: a tag guid is no link")
    t.eq(e[1].get("link"), "https://example.com/news/2", "rss 1: link")
    t.eq(epoch(e[1].get("published_parsed")), T_NEWS, "rss 1: pubDate")
    t.eq(e[1].get("summary"), "<p>News</p>", "rss 1: description")

    t.eq(e[2].get("title"), "Caf\u00e9 \u2615 notes", "rss 2: UTF-8 title")
    t.eq(e[2].get("link"), "https://example.com/blog/cafe?x=1&y=2",
         "rss 2: link with &")
    t.eq(e[2].get("summary"), "Coffee &lt; tea",
         "rss 2: the text summary as HTML")
    t.eq(e[2].get("author"), "Zo\u00eb", "rss 2: dc:creator")
    t.eq(terms(e[2]), ["caf\u00e9"], "rss 2: category")
    t.eq(epoch(e[2].get("published_parsed")), T_CAFE,
         "rss 2: a day is midnight UTC")

    t.ok(not e[3].get("title"), "rss 3: no title")
    t.eq(e[3].get("summary"), "A short note without a title or link",
         "rss 3: description")
    t.eq(e[3].get("id"), NOTE_ID, "rss 3: guid hashed from the content")
    t.eq(e[3].get("guidislink"), False, "rss 3: isPermaLink false")
    t.eq(epoch(e[3].get("published_parsed")), T_NOTE, "rss 3: pubDate")

    t.eq(e[4].get("title"), "Undated page", "rss 4: undated last")
    t.ok("published_parsed" not in e[4], "rss 4: no pubDate")
    t.eq(e[4].get("summary"), "No date here.", "rss 4: description")

    # feedparser does not report isPermaLink when an item has a link:
    # read the attribute with another XML parser
    root = ElementTree.parse(path).getroot()
    t.eq([g.get("isPermaLink") for g in root.iter("guid")],
         ["true", "false", "true", "false", "true"],
         "rss: isPermaLink true exactly for the URL guids")


def check_sample_atom(t, path):
    d = parse(t, path, "atom10")
    f = d.feed
    t.eq(f.get("id"), "https://example.com/feed.atom", "atom: id")
    t.eq(f.get("title"), "Example Blog", "atom: title")
    t.eq(f.get("subtitle"), "Posts & news from Example", "atom: subtitle")
    t.eq(f.get("language"), "en", "atom: xml:lang")
    t.eq(epoch(f.get("updated_parsed")), T_HELLO_UPD,
         "atom: updated is the newest item date")
    t.eq(f.get("author"), "Example Blog",
         "atom: the site is the author of entries without one")
    t.eq(f.get("author_detail", {}).get("href"), "https://example.com/",
         "atom: author uri")
    t.eq(self_link(f), ["https://example.com/feed.atom"], "atom: self link")
    t.eq(f.get("link"), "https://example.com/", "atom: alternate link")

    e = d.entries
    if not t.eq(len(e), 5, "atom: five entries"):
        return

    t.eq(e[0].get("id"), "https://example.com/blog/hello", "atom 0: id")
    t.eq(e[0].get("title"), "Hello, world", "atom 0: title")
    t.eq(e[0].get("link"), "https://example.com/blog/hello", "atom 0: link")
    t.eq(epoch(e[0].get("published_parsed")), T_HELLO, "atom 0: published")
    t.eq(epoch(e[0].get("updated_parsed")), T_HELLO_UPD, "atom 0: updated")
    t.eq(e[0].get("summary"), "The first post.", "atom 0: summary")
    t.eq([(c.get("type"), c.get("value")) for c in e[0].get("content", [])],
         [("text/html", "<p>The <b>first</b> post &amp; more.</p>")],
         "atom 0: content type html")
    t.eq(e[0].get("author"), "Ann Example", "atom 0: author name")
    t.eq(e[0].get("author_detail", {}).get("href"),
         "https://example.com/ann", "atom 0: author uri")
    t.eq(terms(e[0]), ["intro", "news & views"], "atom 0: categories")

    t.eq(e[1].get("id"), "tag:example.com,2026:news-2", "atom 1: id")
    t.eq(epoch(e[1].get("updated_parsed")), T_NEWS,
         "atom 1: updated falls back to published")
    t.eq([c.get("value") for c in e[1].get("content", [])], ["<p>News</p>"],
         "atom 1: content")

    t.eq(e[2].get("title"), "Caf\u00e9 \u2615 notes", "atom 2: title")
    t.eq(e[2].get("id"), "https://example.com/blog/cafe?x=1&y=2",
         "atom 2: id")
    t.eq(e[2].get("summary"), "Coffee < tea", "atom 2: summary as text")
    t.eq(e[2].get("summary_detail", {}).get("type"), "text/plain",
         "atom 2: summary type")
    t.eq(e[2].get("author"), "Zo\u00eb", "atom 2: author")

    t.eq(e[3].get("id"), NOTE_ID, "atom 3: id hashed from the content")
    t.eq(e[3].get("title"), "A short note without a title or link",
         "atom 3: title taken from the summary")
    t.eq([(c.get("type"), c.get("value")) for c in e[3].get("content", [])],
         [("text/plain", "A short note without a title or link")],
         "atom 3: no link, so the text is content")

    t.eq(e[4].get("title"), "Undated page", "atom 4: title")
    t.ok("published_parsed" not in e[4], "atom 4: no published")
    t.eq(epoch(e[4].get("updated_parsed")), T_HELLO_UPD,
         "atom 4: updated falls back to the feed's")


def load_json(t, path):
    with open(path, "rb") as f:
        raw = f.read()
    name = os.path.basename(path)
    t.ok(b"<" not in raw, name + ": no < anywhere")
    try:
        doc = json.loads(raw.decode("utf-8", errors="strict"))
    except ValueError as e:
        t.ok(False, name + ": valid UTF-8 JSON", str(e), None)
        return None
    t.ok(True, name + ": valid UTF-8 JSON")
    return doc


def check_sample_json(t, path):
    doc = load_json(t, path)
    if doc is None:
        return

    want = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Example Blog",
        "home_page_url": "https://example.com/",
        "feed_url": "https://example.com/feed.json",
        "description": "Posts & news from Example",
        "language": "en",
        "items": [
            {
                "id": "https://example.com/blog/hello",
                "url": "https://example.com/blog/hello",
                "title": "Hello, world",
                "content_html": "<p>The <b>first</b> post &amp; more.</p>",
                "summary": "The first post.",
                "image": "https://example.com/img/hello.jpg",
                "date_published": "2026-11-20T08:30:00Z",
                "date_modified": "2026-11-21T10:00:00Z",
                "authors": [{"name": "Ann Example",
                             "url": "https://example.com/ann"}],
                "tags": ["intro", "news & views"],
            },
            {
                "id": "tag:example.com,2026:news-2",
                "url": "https://example.com/news/2",
                "title": "Second source",
                "content_html": "<p>News</p>",
                "date_published": "2026-11-19T12:00:00Z",
            },
            {
                "id": "https://example.com/blog/cafe?x=1&y=2",
                "url": "https://example.com/blog/cafe?x=1&y=2",
                "title": "Caf\u00e9 \u2615 notes",
                "content_text": "Coffee < tea",
                "date_published": "2026-11-18T00:00:00Z",
                "authors": [{"name": "Zo\u00eb"}],
                "tags": ["caf\u00e9"],
            },
            {
                "id": NOTE_ID,
                "content_text": "A short note without a title or link",
                "date_published": "2026-11-17T08:00:00Z",
            },
            {
                "id": "https://example.com/blog/undated",
                "url": "https://example.com/blog/undated",
                "title": "Undated page",
                "content_text": "No date here.",
            },
        ],
    }

    for key in want:
        if key != "items":
            t.eq(doc.get(key), want[key], "json: " + key)

    items = doc.get("items", [])
    if not t.eq(len(items), 5, "json: five items"):
        return

    for i, item in enumerate(items):
        t.eq(item, want["items"][i], "json %d: every field" % i)


def check_empty(t, d):
    rss = parse(t, os.path.join(d, "empty.rss"), "rss20")
    t.eq(rss.entries, [], "empty rss: no items")
    t.eq(rss.feed.get("subtitle"), "Empty",
         "empty rss: the description falls back to the title")

    atom = parse(t, os.path.join(d, "empty.atom"), "atom10")
    t.eq(atom.entries, [], "empty atom: no entries")
    t.eq(atom.feed.get("author"), "Empty", "empty atom: a feed author")
    t.eq(epoch(atom.feed.get("updated_parsed")), T_BUILD,
         "empty atom: updated is the build date")

    doc = load_json(t, os.path.join(d, "empty.json"))
    if doc is not None:
        t.eq(doc.get("items"), [], "empty json: no items")


def check_hostile(t, d):
    rss = parse(t, os.path.join(d, "hostile.rss"), "rss20")
    t.eq(rss.feed.get("title"), HOSTILE, "hostile rss: channel title")
    if t.eq(len(rss.entries), 2, "hostile rss: two items"):
        t.eq(rss.entries[0].get("title"), HOSTILE, "hostile rss: item title")
        t.eq(rss.entries[0].get("author"), HOSTILE, "hostile rss: creator")
        t.eq(terms(rss.entries[0]), [HOSTILE], "hostile rss: category")
        t.eq(rss.entries[1].get("id"), HOSTILE, "hostile rss: guid")

    atom = parse(t, os.path.join(d, "hostile.atom"), "atom10")
    t.eq(atom.feed.get("title"), HOSTILE, "hostile atom: title")
    t.eq(atom.feed.get("subtitle"), HOSTILE, "hostile atom: subtitle")
    t.ok("language" not in atom.feed, "hostile atom: no bad xml:lang")
    if t.eq(len(atom.entries), 2, "hostile atom: two entries"):
        t.eq(atom.entries[0].get("title"), HOSTILE, "hostile atom: title")
        t.eq(atom.entries[0].get("summary"), HOSTILE, "hostile atom: summary")
        t.eq(terms(atom.entries[0]), [HOSTILE], "hostile atom: category")
        t.eq(atom.entries[1].get("id"), HOSTILE_ID,
             "hostile atom: a non-IRI id becomes a urn:uuid")

    doc = load_json(t, os.path.join(d, "hostile.json"))
    if doc is not None:
        t.eq(doc.get("title"), HOSTILE, "hostile json: title")
        t.ok("language" not in doc, "hostile json: no bad language")
        items = doc.get("items", [])
        if t.eq(len(items), 2, "hostile json: two items"):
            t.eq(items[0].get("title"), HOSTILE, "hostile json: item title")
            t.eq(items[0].get("content_html"), HOSTILE,
                 "hostile json: content")
            t.eq(items[0].get("tags"), [HOSTILE], "hostile json: tags")
            t.eq(items[1].get("id"), HOSTILE, "hostile json: id")


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: check_feeds.py FEED_WRITE_DUMP\n")
        return 2

    t = Tap()

    with tempfile.TemporaryDirectory() as d:
        rc = subprocess.call([sys.argv[1], d])
        if not t.eq(rc, 0, "the dump tool writes the feeds"):
            return t.done()

        check_sample_rss(t, os.path.join(d, "sample.rss"))
        check_sample_atom(t, os.path.join(d, "sample.atom"))
        check_sample_json(t, os.path.join(d, "sample.json"))
        check_empty(t, d)
        check_hostile(t, d)

    return t.done()


if __name__ == "__main__":
    sys.exit(main())
