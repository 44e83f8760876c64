#!/usr/bin/env python3
"""Generates the pages served by util/bench.sh.

    pages.py enrich DIR    page-4k.html, page-64k.html, page-1m.html and
                           page-10m.html: ordinary article pages (doctype,
                           head with title, meta and an inline style sheet,
                           body with headings and paragraphs), each exactly
                           its nominal size
    pages.py feed DIR      src/page.html: a 64 KB journal page with 80
                           microformats2 h-entry posts, and src/page.xhtml,
                           the same page as well-formed XHTML

The text is pseudo-random English-looking prose from a fixed seed, so
every run serves the same bytes.
"""

import datetime
import os
import random
import sys

WORDS = """
garden soil compost seed spring autumn winter summer frost rain water root
leaf leaves stem flower bloom harvest onion garlic leek potato bean pea
carrot beetroot lettuce spinach kale cabbage squash pumpkin tomato pepper
plot shed path fence hedge border bed mulch manure worm slug snail bird
robin blackbird sparrow wren bee wasp butterfly moth sunlight shade wind
storm morning evening week month year neighbour allotment committee
rotation sowing planting weeding watering pruning digging turning cutting
drying storing pickling cooking sharing season weather temperature
greenhouse polytunnel cloche netting canes string twine barrow spade fork
hoe rake trowel bucket hose tap trough pond frog toad hedgehog fox
""".split()

GLUE = "the a of and to in on with for by from at as is was were had has".split()


def sentence(rnd, n=None):
    n = n or rnd.randint(8, 18)
    words = []
    for i in range(n):
        words.append(rnd.choice(GLUE) if i % 3 == 1 else rnd.choice(WORDS))
    s = " ".join(words)
    return s[0].upper() + s[1:] + "."


def paragraph(rnd, sentences=None):
    return " ".join(sentence(rnd) for _ in range(sentences or
                                                   rnd.randint(3, 6)))


STYLE = """\
body { margin: 0 auto; max-width: 42em; padding: 1em 2em;
       font: 17px/1.55 Georgia, "Times New Roman", serif; color: #222; }
header, footer { font-family: system-ui, sans-serif; }
header nav a { margin-right: 1em; color: #2a5d2a; text-decoration: none; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.2; }
h1 { font-size: 2.1em; margin: 0.6em 0 0.3em; }
h2 { font-size: 1.4em; margin: 1.6em 0 0.4em; border-bottom: 1px solid #ddd; }
p { margin: 0 0 1em; hyphens: auto; }
blockquote { margin: 1em 2em; font-style: italic; color: #555; }
footer { margin-top: 3em; font-size: 0.85em; color: #777; }
@media (max-width: 600px) { body { padding: 0.5em 1em; font-size: 16px; } }
"""


def article_page(size, seed):
    """An article of exactly `size` bytes."""
    rnd = random.Random(seed)
    title = sentence(rnd, 6).rstrip(".")
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, '
        'initial-scale=1">\n'
        f'<meta name="description" content="{sentence(rnd, 14)}">\n'
        f"<title>{title} | Field Notes</title>\n"
        '<link rel="stylesheet" href="/css/site.css">\n'
        f"<style>\n{STYLE}</style>\n"
        "</head>\n"
        "<body>\n"
        "<header>\n"
        '<nav><a href="/">Home</a> <a href="/journal/">Journal</a> '
        '<a href="/about.html">About</a></nav>\n'
        f"<h1>{title}</h1>\n"
        "</header>\n"
        "<main>\n<article>\n"
    )
    tail = (
        "</article>\n</main>\n"
        "<footer><p>Field Notes, plot 14b. Written by hand, served by "
        "nginx.</p></footer>\n"
        "</body>\n</html>\n"
    )

    parts = [head]
    length = len(head) + len(tail)
    n = 0
    while True:
        n += 1
        if n % 6 == 0:
            chunk = f"<h2>{sentence(rnd, 5).rstrip('.')}</h2>\n"
        elif n % 11 == 0:
            chunk = f"<blockquote><p>{paragraph(rnd, 2)}</p></blockquote>\n"
        else:
            chunk = f"<p>{paragraph(rnd)}</p>\n"
        if length + len(chunk) > size - 200:
            break
        parts.append(chunk)
        length += len(chunk)

    # the last paragraph makes the size exact
    room = size - length - len("<p></p>\n")
    filler = paragraph(rnd, 8)
    while len(filler) < room:
        filler += " " + paragraph(rnd, 8)
    filler = filler[:room - 1].rstrip() + "."
    filler = filler + " " * (room - len(filler))
    parts.append(f"<p>{filler}</p>\n")
    parts.append(tail)

    page = "".join(parts)
    assert len(page.encode()) == size, (len(page), size)
    return page


MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def journal_page(xml, entries=80, size=65536, seed=80, room=None):
    """The journal page with `entries` h-entry posts, newest first: the
    HTML version is exactly `size` bytes, the XHTML one has the same
    footer text (`room` bytes of it)."""
    rnd = random.Random(seed)
    end = "/>" if xml else ">"
    prolog = '<?xml version="1.0" encoding="UTF-8"?>\n' if xml else ""
    html = ('<html xmlns="http://www.w3.org/1999/xhtml" lang="en">'
            if xml else '<html lang="en">')

    head = (
        f"{prolog}<!DOCTYPE html>\n{html}\n<head>\n"
        f'<meta charset="utf-8"{end}\n'
        '<meta name="viewport" content="width=device-width, '
        f'initial-scale=1"{end}\n'
        '<meta name="description" content="Weekly notes from plot 14b: '
        f'what was sown, what came up, what the slugs ate."{end}\n'
        "<title>Journal | Field Notes</title>\n"
        f'<link rel="stylesheet" href="/css/site.css"{end}\n'
        "</head>\n<body>\n"
        '<header>\n<nav><a href="/">Home</a> <a href="/journal/">Journal'
        '</a> <a href="/about.html">About</a></nav>\n'
        "<h1>Journal</h1>\n</header>\n"
        '<main class="h-feed">\n'
    )

    authors = [("Ada Greenwood", "/about.html#ada"),
               ("Tom Hale", "/about.html#tom"),
               ("Nia Okafor", "/about.html#nia")]

    posts = []
    for i in range(entries):
        # one post every four days, going back from 30 November 2026
        when = (datetime.datetime(2026, 11, 30, 7, 0)
                - datetime.timedelta(days=4 * i, hours=-((i * 5) % 12),
                                     minutes=-((i * 7) % 60)))
        iso = when.strftime("%Y-%m-%dT%H:%M:00+00:00")
        year, month, day = when.year, when.month, when.day
        human = f"{day} {MONTHS[month - 1]} {year}"
        name, card = authors[i % len(authors)]
        title = sentence(rnd, rnd.randint(4, 7)).rstrip(".")
        slug = f"entry-{entries - i:03d}"
        posts.append(
            '<article class="h-entry">\n'
            f'<h2 class="p-name"><a class="u-url" href="/journal/{slug}.html">'
            f"{title}</a></h2>\n"
            f'<p><time class="dt-published" datetime="{iso}">{human}</time>'
            f' by <a class="p-author h-card" href="{card}">{name}</a></p>\n'
            f'<p class="p-summary">{sentence(rnd, 12)}</p>\n'
            '<div class="e-content">\n'
            f"<p>{paragraph(rnd, 2)}</p>\n"
            f"<p>{paragraph(rnd, 2)}</p>\n"
            "</div>\n"
            "</article>\n")

    tail_end = "</main>\n<footer><p>{}</p></footer>\n</body>\n</html>\n"
    body = head + "".join(posts)
    if room is None:
        room = size - len(body.encode()) - len(tail_end.format(""))
    if room < 0:
        raise SystemExit(f"journal page is {size - room} bytes, over {size}")
    filler = "Field Notes, plot 14b."
    while len(filler) < room:
        filler += " " + sentence(rnd)
    filler = filler[:room]
    return body + tail_end.format(filler), room


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("enrich", "feed"):
        raise SystemExit("usage: pages.py enrich|feed DIR")
    kind, out = sys.argv[1], sys.argv[2]

    if kind == "enrich":
        for name, size in (("4k", 4096), ("64k", 65536),
                           ("1m", 1 << 20), ("10m", 10 << 20)):
            write(os.path.join(out, f"page-{name}.html"),
                  article_page(size, seed=size))
    else:
        page, room = journal_page(False)
        write(os.path.join(out, "src", "page.html"), page)
        # the same posts and text; the XHTML is a little longer only
        # because of its XML prolog, namespace and self-closed elements
        page, _ = journal_page(True, room=room)
        write(os.path.join(out, "src", "page.xhtml"), page)


if __name__ == "__main__":
    main()
