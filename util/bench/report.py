#!/usr/bin/env python3
"""Checks and summaries for util/bench.sh.

    report.py page ORIGINAL FETCHED plain|tags URI
        plain: FETCHED must be ORIGINAL byte for byte.
        tags:  FETCHED must be ORIGINAL with one insertion, at the end of
               the head (just before </head>), holding the canonical link
               for URI, the RSS discovery link titled "Journal" and the
               keywords meta starting with "nginx, feeds".  Prints the
               keywords found.

    report.py feed FILE COUNT [OTHER]
        FILE must be a well-formed RSS 2.0 document with COUNT items, each
        with a title, an absolute link and a pubDate; with OTHER, both
        feeds must have the same item links in the same order.

    report.py summary OUTDIR
        Reads OUTDIR/runs.tsv and OUTDIR/memory.tsv, prints the tables of
        medians and ratios and the targets, and writes OUTDIR/enrich.dat
        and OUTDIR/feed.dat for util/bench/plot.gp.
"""

import html.parser
import math
import statistics
import sys
import xml.etree.ElementTree as ET

BASE = "https://www.example.com"


def fail(msg):
    print(f"FAILED: {msg}", file=sys.stderr)
    sys.exit(1)


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def check_page(original, fetched, mode, uri):
    with open(original, "rb") as f:
        a = f.read()
    with open(fetched, "rb") as f:
        b = f.read()

    if mode == "plain":
        if a != b:
            fail(f"{uri}: the response differs from the file "
                 f"({len(b)} bytes, the file has {len(a)})")
        print(f"{uri}: unchanged, {len(b)} bytes")
        return

    if a == b:
        fail(f"{uri}: the response is the page unchanged, nothing injected")

    # one insertion: b is a[:k] + inserted + a[k:] for every k between
    # the end of the longest common prefix and the start of the longest
    # common suffix (a run of equal bytes makes several places equivalent)
    if len(b) <= len(a):
        fail(f"{uri}: the response ({len(b)} bytes) is not longer than the "
             f"page ({len(a)} bytes)")
    p = 0
    while p < len(a) and a[p] == b[p]:
        p += 1
    s = 0
    while s < len(a) and a[len(a) - 1 - s] == b[len(b) - 1 - s]:
        s += 1
    if len(a) - s > p:
        fail(f"{uri}: the response is not the page with one insertion "
             f"(it differs from byte {p} to {len(a) - s} of the page)")

    head_end = a.lower().find(b"</head>")
    if head_end < 0:
        fail(f"{uri}: the page has no </head>")
    if not (len(a) - s <= head_end <= p):
        fail(f"{uri}: the insertion is at byte {len(a) - s} to {p}, not at "
             f"the end of the head (byte {head_end})")
    inserted = b[head_end:head_end + len(b) - len(a)]

    parser = Tags()
    parser.feed(inserted.decode("utf-8", "replace"))
    tags = parser.tags

    def find(tag, **want):
        for t, attrs in tags:
            if t == tag and all(attrs.get(k) == v for k, v in want.items()):
                return attrs
        return None

    canonical = BASE + uri
    if not find("link", rel="canonical", href=canonical):
        fail(f"{uri}: no <link rel=\"canonical\" href=\"{canonical}\"> in "
             f"the inserted markup: {inserted!r}")
    if not find("link", rel="alternate", type="application/rss+xml",
                title="Journal", href=BASE + "/feed.xml"):
        fail(f"{uri}: no RSS discovery link titled Journal in the inserted "
             f"markup: {inserted!r}")
    meta = find("meta", name="keywords")
    if not meta or not meta.get("content", "").startswith("nginx, feeds"):
        fail(f"{uri}: no <meta name=\"keywords\" content=\"nginx, feeds...\">"
             f" in the inserted markup: {inserted!r}")

    print(f"{uri}: {len(inserted)} bytes inserted before </head>; "
          f"keywords: {meta['content']}")


def check_feed(path, count, other=None):
    def links(p):
        try:
            root = ET.parse(p).getroot()
        except ET.ParseError as e:
            fail(f"{p}: not well-formed XML: {e}")
        if root.tag != "rss" or root.get("version") != "2.0":
            fail(f"{p}: not an RSS 2.0 document (root <{root.tag}>)")
        items = root.findall("./channel/item")
        out = []
        for i, item in enumerate(items):
            for field in ("title", "link", "pubDate", "description"):
                if not (item.findtext(field) or "").strip():
                    fail(f"{p}: item {i + 1} has no {field}")
            out.append(item.findtext("link").strip())
        return out

    mine = links(path)
    if len(mine) != count:
        fail(f"{path}: {len(mine)} items, expected {count}")
    if not all(u.startswith(BASE + "/") for u in mine):
        fail(f"{path}: item links are not absolute URLs under {BASE}")
    if other:
        theirs = links(other)
        if mine != theirs:
            fail(f"{path} and {other} have different items: "
                 f"{mine[:3]}... and {theirs[:3]}...")
    print(f"{path}: RSS 2.0, {len(mine)} items, newest {mine[0]}")


# summary

def load(outdir):
    runs = []
    with open(f"{outdir}/runs.tsv") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            f = line.split()
            part, size, variant, sf, rnd, rps, reqs, cpu = f[:8]
            busy = f[8:10] if len(f) >= 10 else ["NaN", "NaN"]
            runs.append(dict(part=part, size=size, variant=variant, sf=sf,
                             round=int(rnd), rps=float(rps), reqs=int(reqs),
                             cpu=float(cpu), nginx_busy=float(busy[0]),
                             wrk_busy=float(busy[1])))
    memory = []
    try:
        with open(f"{outdir}/memory.tsv") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                pages, variant, sf, start, end = line.split()
                memory.append(dict(pages=pages, variant=variant, sf=sf,
                                   start=int(start), end=int(end)))
    except FileNotFoundError:
        pass
    return runs, memory


def cell(runs, **key):
    """The runs of one variant: median, range and CPU per request."""
    sel = [r for r in runs if all(r[k] == v for k, v in key.items())]
    if not sel:
        return None
    rps = [r["rps"] for r in sel]
    reqs = sum(r["reqs"] for r in sel)
    cpu = sum(r["cpu"] * r["reqs"] for r in sel) / reqs if reqs else 0.0
    return dict(med=statistics.median(rps), lo=min(rps), hi=max(rps),
                n=len(rps), cpu=cpu, by_round={r["round"]: r["rps"]
                                               for r in sel},
                busy=busy(sel))


def busy(sel):
    """How busy the CPUs of nginx and of wrk were, medians over the runs,
    as "nginx/wrk" in percent: the side whose CPU is full sets the
    pace."""
    def med(k):
        v = [r[k] for r in sel if not math.isnan(r[k])]
        return f"{statistics.median(v):.0f}" if v else "-"
    return f"{med('nginx_busy')}/{med('wrk_busy')}"


def paired(c, ref):
    """The median over the rounds of c's req/s over ref's in the same
    round: each round measures both within seconds of each other, so a
    slow spell of the machine affects both sides of a ratio."""
    if not c or not ref:
        return None
    ratios = [c["by_round"][k] / ref["by_round"][k]
              for k in c["by_round"] if k in ref["by_round"]]
    return statistics.median(ratios) if ratios else None


def summary(outdir):
    runs, memory = load(outdir)
    targets = []

    def target(label, value, goal, ok):
        targets.append((label, value, goal, ok))

    sizes = ["4k", "64k", "1m"]
    labels = {"4k": "4 KB", "64k": "64 KB", "1m": "1 MB", "10m": "10 MB"}

    part1 = [r for r in runs if r["part"] == "enrich"]
    if part1:
        print("Part 1: enrichment filter. req/s: median of "
              f"{max(r['round'] for r in part1)} runs (and their range); "
              "ratio: median of the")
        print("per-round ratios to plain nginx; CPU: worker CPU time per "
              "request, and its ratio to plain nginx's;")
        print("busy: how busy the CPUs of nginx and of wrk were, in percent "
              "(medians): the full one sets the pace;")
        print("control: a filter that only gives the responses the shape of "
              "enriched ones (util/bench/shape/)")
        print()
        print(f"{'page':<6} {'sendfile':<8} {'variant':<11} {'req/s':>8} "
              f"{'(min - max)':>17} {'ratio':>6} {'CPU us/req':>10} "
              f"{'CPU ratio':>9} {'busy':>7}")
        dat = []
        for size in sizes:
            row = [labels[size]]
            for sf in ("on", "off"):
                plain = cell(part1, size=size, sf=sf, variant="plain")
                ratio = {}
                for variant in ("plain", "module", "sub_filter", "control"):
                    c = cell(part1, size=size, sf=sf, variant=variant)
                    if not c:
                        continue
                    ratio[variant] = paired(c, plain)
                    print(f"{labels[size]:<6} {sf:<8} {variant:<11} "
                          f"{c['med']:>8.0f} ({c['lo']:>7.0f} - "
                          f"{c['hi']:>7.0f}) {ratio[variant]:>6.3f} "
                          f"{c['cpu']:>10.1f} {c['cpu'] / plain['cpu']:>9.2f} "
                          f"{c['busy']:>7}")
                rm, rs = ratio.get("module"), ratio.get("sub_filter")
                row += [rm, rs]
                if rm is not None and size in ("64k", "1m"):
                    goal = 0.95 if sf == "on" else 0.97
                    target(f"module / plain, {labels[size]}, sendfile {sf}",
                           f"{rm:.3f}", f">= {goal}", rm >= goal)
                if rm is not None and rs is not None:
                    target(f"module vs sub_filter, {labels[size]}, "
                           f"sendfile {sf}", f"{rm:.3f} vs {rs:.3f}",
                           "not below sub_filter", rm >= rs)
            dat.append(row)
            print()
        with open(f"{outdir}/enrich.dat", "w") as f:
            f.write("# page module/on sub_filter/on module/off "
                    "sub_filter/off  (req/s ratios to plain nginx)\n")
            for row in dat:
                f.write(f"\"{row[0]}\" " + " ".join(
                    "NaN" if v is None else f"{v:.4f}" for v in row[1:])
                    + "\n")

    part_len = [r for r in runs if r["part"] == "length"]
    if part_len:
        print("1 MB, sendfile on: plain nginx serving the page whole, and "
              "1,044,480 bytes of it from")
        print("byte 4,096 and from byte 0, each by one sendfile; req/s: "
              "median of "
              f"{max(r['round'] for r in part_len)} runs; ratio: median of "
              "the per-round ratios")
        print("to the whole page; CPU: worker CPU time per request; busy: "
              "the CPUs of nginx/wrk, %")
        print()
        print(f"{'variant':<44} {'req/s':>7} {'ratio':>6} {'CPU us/req':>10} "
              f"{'CPU ratio':>9} {'busy':>7}")
        whole = cell(part_len, variant="whole")
        for v, label in (("whole", "plain nginx, bytes 0 - 1,048,575"),
                         ("from4096", "plain nginx, bytes 4,096 - 1,048,575"),
                         ("from0", "plain nginx, bytes 0 - 1,044,479"),
                         ("module", "module, the whole page enriched")):
            c = cell(part_len, variant=v)
            if not c:
                continue
            print(f"{label:<44} {c['med']:>7.0f} {paired(c, whole):>6.3f} "
                  f"{c['cpu']:>10.1f} {c['cpu'] / whole['cpu']:>9.2f} "
                  f"{c['busy']:>7}")
        print()

    part_cpu = [r for r in runs if r["part"] == "cpu"]
    if part_cpu:
        print("10 MB page: req/s (median of "
              f"{max(r['round'] for r in part_cpu)} runs), worker CPU time "
              "per request, peak worker memory")
        print("(VmHWM of a fresh worker before its first request, and after "
              "all the runs)")
        print()
        print(f"{'sendfile':<8} {'variant':<8} {'req/s':>7} {'ratio':>6} "
              f"{'CPU ms/req':>10} {'CPU ratio':>9} {'VmHWM before':>13} "
              f"{'VmHWM after':>12}")
        for sf in ("on", "off"):
            plain = cell(part_cpu, sf=sf, variant="plain")
            for variant in ("plain", "module"):
                c = cell(part_cpu, sf=sf, variant=variant)
                if not c:
                    continue
                m = [x for x in memory if x["variant"] == variant
                     and x["sf"] == sf and x["pages"] == "10m"]
                m = m[0] if m else dict(start=0, end=0)
                print(f"{sf:<8} {variant:<8} {c['med']:>7.0f} "
                      f"{paired(c, plain):>6.3f} {c['cpu'] / 1000:>10.3f} "
                      f"{c['cpu'] / plain['cpu']:>9.2f} "
                      f"{m['start']:>10} kB {m['end']:>9} kB")
        print()

    if memory:
        print("Peak worker memory, VmHWM: fresh worker / after the runs")
        print()
        print(f"{'pages':<14} {'sendfile':<8} {'plain nginx':>21} "
              f"{'module':>21} {'sub_filter':>21}")
        for pages, label in (("4k-1m", "4 KB to 1 MB"), ("10m", "10 MB")):
            for sf in ("on", "off"):
                cols = []
                for variant in ("plain", "module", "sub_filter"):
                    m = [x for x in memory if x["pages"] == pages
                         and x["variant"] == variant and x["sf"] == sf]
                    cols.append(f"{m[0]['start']:>7} / {m[0]['end']:>7} kB"
                                if m else "-")
                if any(c != "-" for c in cols):
                    print(f"{label:<14} {sf:<8} " +
                          " ".join(f"{c:>21}" for c in cols))
        print()

    part2 = [r for r in runs if r["part"] == "feed"]
    if part2:
        print("Part 2: feed endpoint. req/s: median of "
              f"{max(r['round'] for r in part2)} runs (and their range); "
              "CPU: worker CPU time per request")
        print()
        names = [("page", "plain nginx: the 64 KB source page"),
                 ("feedfile", "plain nginx: a static copy of the feed"),
                 ("cached", "feed rss, feed_cache on"),
                 ("uncached", "feed rss, feed_cache off"),
                 ("xslt", "xslt filter: h-entry to RSS")]
        short = {"page": "plain: page", "feedfile": "plain: feed file",
                 "cached": "feed, cached", "uncached": "feed, uncached",
                 "xslt": "xslt filter"}
        cells = {v: cell(part2, variant=v) for v, _ in names}
        print(f"{'variant':<40} {'req/s':>8} {'(min - max)':>17} "
              f"{'CPU us/req':>10}")
        with open(f"{outdir}/feed.dat", "w") as f:
            f.write("# variant req/s bar-colour\n")
            colour = {"page": 0x9a9a9a, "feedfile": 0x9a9a9a,
                      "cached": 0x1f6fb2, "uncached": 0x7fb3e0,
                      "xslt": 0xe08a2c}
            for v, label in names:
                c = cells[v]
                if not c:
                    print(f"{label:<40} {'not measured':>12}")
                    continue
                print(f"{label:<40} {c['med']:>8.0f} ({c['lo']:>7.0f} - "
                      f"{c['hi']:>7.0f}) {c['cpu']:>10.1f}")
                f.write(f"\"{short[v]}\" {c['med']:.1f} {colour[v]}\n")
        print()
        u, x = cells["uncached"], cells["xslt"]
        if u and x:
            r = paired(u, x)
            target("feed uncached / xslt filter", f"{r:.1f}x", ">= 10x",
                   r >= 10)
        c, p = cells["cached"], cells["feedfile"]
        if c and p:
            r = paired(c, p)
            target("feed cached / plain nginx, feed-sized file", f"{r:.3f}",
                   ">= 0.5", r >= 0.5)

    if targets:
        print("Targets (ratios: medians of the per-round ratios)")
        print()
        for label, value, goal, ok in targets:
            print(f"  {'met    ' if ok else 'NOT MET'}  {label:<42} "
                  f"{value:>15}  ({goal})")
        print()


def main():
    args = sys.argv[1:]
    if len(args) == 5 and args[0] == "page" and args[3] in ("plain", "tags"):
        check_page(*args[1:])
    elif len(args) in (3, 4) and args[0] == "feed":
        check_feed(args[1], int(args[2]), args[3] if len(args) == 4 else None)
    elif len(args) == 2 and args[0] == "summary":
        summary(args[1])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
