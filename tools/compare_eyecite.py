#!/usr/bin/env python3
"""Compares lexgraph's citation extractor with eyecite on a corpus of opinions.

Usage (from the repository root, after `cargo build --release` and
`pip install eyecite==2.7.*`):

    python3 tools/compare_eyecite.py [--corpus ../shared/corpus/opinions.jsonl]
        [--limit N] [--work /tmp/lexgraph-compare] [--samples 15]

The corpus is JSON Lines, one opinion a line with `id` and `text`. The script

1. runs eyecite (`get_citations` with `all_whitespace` cleaning, `html` too for
   HTML opinions) on every opinion, times it, and maps its spans back to the
   original text; the result is cached in WORK/eyecite.jsonl, keyed by the
   eyecite version and the corpus size, so a second run only re-runs lexgraph;
2. writes each opinion to WORK/texts/ID.txt and runs
   `target/release/lexgraph extract FILES --format jsonl` over them, timed;
3. matches the two sides per opinion (same type family and an overlapping
   span, or the same volume, reporter and page) and prints, per eyecite
   type, how many each side found and what each found that the other did
   not, with a few examples of each; all unmatched citations are written to
   WORK/misses.jsonl for reading.

It needs only eyecite and the standard library.
"""

import argparse
import bisect
import collections
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# lexgraph kinds that answer each eyecite class.
FAMILY = {
    "FullCaseCitation": {"FullCaseCitation"},
    "ShortCaseCitation": {"ShortCaseCitation", "FullCaseCitation"},
    "IdCitation": {"IdCitation"},
    "SupraCitation": {"SupraCitation"},
    "ReferenceCitation": {"ReferenceCitation", "ShortCaseCitation"},
    "FullLawCitation": {"FullLawCitation", "RuleCitation"},
    "FullJournalCitation": {"FullJournalCitation"},
    "UnknownCitation": {"FullLawCitation", "RuleCitation"},
}


def whitespace_map(text):
    """The text with whitespace runs collapsed (eyecite's `all_whitespace`)
    and, for each run, (clean offset, original offset) to map back."""
    out, marks, last = [], [(0, 0)], 0
    clean_len = 0
    for m in re.finditer(r"[\u200b\s]+", text):
        out.append(text[last : m.start()])
        clean_len += m.start() - last
        out.append(" ")
        clean_len += 1
        last = m.end()
        marks.append((clean_len, m.end()))
    out.append(text[last:])
    return "".join(out), marks


def to_original(marks, pos):
    keys = [m[0] for m in marks]
    i = bisect.bisect_right(keys, pos) - 1
    clean, orig = marks[max(i, 0)]
    return orig + (pos - clean)


def run_eyecite(opinions, cache):
    import eyecite
    from eyecite import clean_text, get_citations

    version = getattr(eyecite, "__version__", None)
    if version is None:
        from importlib.metadata import version as v

        version = v("eyecite")
    stamp = {"eyecite": version, "opinions": len(opinions),
             "bytes": sum(len(o["text"].encode()) for o in opinions)}
    if os.path.exists(cache):
        with open(cache, encoding="utf-8") as f:
            head = json.loads(f.readline())
            if head.get("stamp") == stamp:
                rows = [json.loads(line) for line in f]
                return head, rows
    rows, seconds = [], 0.0
    for n, o in enumerate(opinions):
        text = o["text"]
        is_html = text.lstrip().startswith("<")
        start = time.perf_counter()
        try:
            if is_html:
                cleaned = clean_text(text, ["html", "all_whitespace"])
                marks = None
            else:
                cleaned, marks = whitespace_map(text)
            found = get_citations(cleaned)
        except Exception as e:  # eyecite may fail on odd input: count it
            print(f"eyecite failed on {o['id']}: {e}", file=sys.stderr)
            found, marks, cleaned = [], None, ""
        seconds += time.perf_counter() - start
        for c in found:
            s, e = c.span()
            fs, fe = c.full_span()
            if marks is not None:
                s, e = to_original(marks, s), to_original(marks, e - 1) + 1
                fs, fe = to_original(marks, fs), to_original(marks, fe - 1) + 1
            g = c.groups or {}
            rows.append({
                "id": o["id"], "type": type(c).__name__, "span": [s, e],
                "full_span": [fs, fe], "text": c.matched_text(),
                "volume": g.get("volume") or g.get("title"),
                "reporter": g.get("reporter"),
                "corrected_reporter": getattr(c, "corrected_reporter", lambda: None)()
                if callable(getattr(c, "corrected_reporter", None)) else None,
                "page": g.get("page") or g.get("section"),
                "html": marks is None,
            })
        if n % 100 == 0:
            print(f"eyecite: {n}/{len(opinions)} opinions, {seconds:.1f} s", file=sys.stderr)
    head = {"stamp": stamp, "seconds": seconds}
    with open(cache, "w", encoding="utf-8") as f:
        f.write(json.dumps(head) + "\n")
        for r in rows:
            f.write(json.dumps(r) + "\n")
    return head, rows


def run_lexgraph(opinions, work, binary):
    texts = os.path.join(work, "texts")
    os.makedirs(texts, exist_ok=True)
    paths = {}
    for o in opinions:
        path = os.path.join(texts, o["id"] + ".txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(o["text"])
        paths[path] = o["id"]
    rows, seconds = [], 0.0
    names = list(paths)
    for i in range(0, len(names), 500):
        batch = names[i : i + 500]
        start = time.perf_counter()
        out = subprocess.run([binary, "extract", *batch, "--format", "jsonl"],
                             capture_output=True, text=True, check=True).stdout
        seconds += time.perf_counter() - start
        for line in out.splitlines():
            r = json.loads(line)
            r["id"] = paths.get(r.get("file"), paths[batch[0]])
            rows.append(r)
    return seconds, rows


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def squeeze(s):
    return re.sub(r"\s+", "", s or "")


def same_cite(e, o):
    ev, ep = e.get("volume"), e.get("page")
    if not ev or not ep:
        return False
    return (squeeze(ev) == squeeze(o.get("volume")) and squeeze(ep) == squeeze(o.get("page"))
            and squeeze(e.get("corrected_reporter") or e.get("reporter"))
            in {squeeze(o.get("corrected_reporter")), squeeze(o.get("reporter"))})


def char_offsets(text):
    """For each UTF-8 byte offset of `text`, the character offset (eyecite
    counts characters, lexgraph bytes)."""
    if text.isascii():
        return None
    table = []
    for i, ch in enumerate(text):
        table.extend([i] * len(ch.encode("utf-8")))
    table.append(len(text))
    return table


def compare(eye, ours, texts, samples, work):
    by_doc = collections.defaultdict(lambda: ([], []))
    for r in eye:
        by_doc[r["id"]][0].append(r)
    tables = {}
    for r in ours:
        doc = r["id"]
        if doc not in tables:
            tables[doc] = char_offsets(texts[doc])
        table = tables[doc]
        if table is not None:
            r["span"] = {"start": table[r["span"]["start"]], "end": table[r["span"]["end"]]}
        by_doc[doc][1].append(r)
    stats = collections.defaultdict(collections.Counter)
    examples = collections.defaultdict(list)
    misses = open(os.path.join(work, "misses.jsonl"), "w", encoding="utf-8")
    for doc, (es, os_) in by_doc.items():
        used = set()
        for e in es:
            fam = FAMILY.get(e["type"], set())
            hit = None
            for j, o in enumerate(os_):
                if o["type"] in fam and (overlaps(e["span"], [o["span"]["start"], o["span"]["end"]])
                                         or same_cite(e, o)):
                    hit = j
                    break
            stats[e["type"]]["eyecite"] += 1
            if hit is None:
                stats[e["type"]]["eyecite only"] += 1
                text = texts[doc]
                a, b = e["span"]
                ctx = text[max(0, a - 80) : b + 60].replace("\n", "⏎")
                examples[("eyecite only", e["type"])].append(f"{doc}: {e['text']!r} … {ctx}")
                misses.write(json.dumps({"side": "eyecite only", **e, "context": ctx}) + "\n")
            else:
                stats[e["type"]]["both"] += 1
                used.add(hit)
        for j, o in enumerate(os_):
            stats[o["type"]]["lexgraph"] += 1
            if j in used:
                continue
            ospan = [o["span"]["start"], o["span"]["end"]]
            if any(overlaps(ospan, e["span"]) or same_cite(e, o) for e in es):
                stats[o["type"]]["lexgraph only (overlaps another eyecite type)"] += 1
                continue
            stats[o["type"]]["lexgraph only"] += 1
            text = texts[doc]
            ctx = text[max(0, ospan[0] - 60) : ospan[1] + 40].replace("\n", "⏎")
            examples[("lexgraph only", o["type"])].append(f"{doc}: {o['matched_text']!r} … {ctx}")
            misses.write(json.dumps({"side": "lexgraph only", "id": doc, "type": o["type"],
                                     "text": o["matched_text"], "context": ctx}) + "\n")
    misses.close()
    return stats, examples


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "opinions.jsonl"))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--work", default="/tmp/lexgraph-compare")
    ap.add_argument("--binary", default=os.path.join(ROOT, "target", "release", "lexgraph"))
    ap.add_argument("--samples", type=int, default=15)
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    with open(args.corpus, encoding="utf-8") as f:
        opinions = [json.loads(line) for line in f]
    if args.limit:
        opinions = opinions[: args.limit]
    total = sum(len(o["text"].encode()) for o in opinions)
    texts = {o["id"]: o["text"] for o in opinions}
    head, eye = run_eyecite(opinions, os.path.join(args.work, "eyecite.jsonl"))
    lex_seconds, ours = run_lexgraph(opinions, args.work, args.binary)
    mb = total / 1e6
    print(f"corpus: {len(opinions)} opinions, {mb:.1f} MB")
    print(f"eyecite {head['stamp']['eyecite']}: {head['seconds']:.1f} s in get_citations, "
          f"{mb / head['seconds']:.2f} MB/s (one core)")
    print(f"lexgraph extract (whole command, JSON out): {lex_seconds:.2f} s, {mb / lex_seconds:.1f} MB/s")
    stats, examples = compare(eye, ours, texts, args.samples, args.work)
    print()
    print(f"{'type':28} {'eyecite':>8} {'lexgraph':>9} {'both':>7} {'eye only':>9} {'lex only':>9}")
    for t in sorted(stats):
        s = stats[t]
        print(f"{t:28} {s['eyecite']:8} {s['lexgraph']:9} {s['both']:7} "
              f"{s['eyecite only']:9} {s['lexgraph only']:9}")
    for (side, t), rows in sorted(examples.items()):
        print(f"\n## {side}: {t} ({len(rows)})")
        step = max(1, len(rows) // args.samples)
        for r in rows[::step][: args.samples]:
            print("  " + r[:300])


if __name__ == "__main__":
    main()
