#!/usr/bin/env python3
"""Write a JSONL benchmark corpus for `figtrack extract`.

Usage:
    make-corpus.py OUT.jsonl [--samples DIR] [--dev DEV.json] [--min-mb N] [--dev-only]
                   [--repeat N] [--stats FILE.json]

Each record is {"id", "text", "published", "source"}. Texts come from the articles in
--samples (front matter read roughly: the text after the second `---` line, with the
`published:` and `source:` keys) and from the sentences of the NewsQuant dev set (--dev).
The texts are written over and over, each round with new ids, until the file holds at
least --min-mb megabytes (10^6 bytes); --dev-only --repeat N writes only the dev
sentences, exactly N times, to time figtrack on the very sentences a peer parses.

--stats writes {"records", "bytes", "text_bytes", "text_chars"}: `text_chars` counts
Unicode code points of the texts, as Python's len() does, so rates in characters per
second compare with the peers' runners.
"""
import argparse
import json
import os
import sys


def read_article(path):
    """Returns (text, published, source) of a .txt/.md article with optional front matter."""
    with open(path, encoding="utf8", errors="replace") as f:
        raw = f.read()
    published = source = None
    lines = raw.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            line = lines[i].strip()
            if line == "---":
                return "".join(lines[i + 1:]), published, source
            key, _, value = line.partition(":")
            value = value.strip().strip("\"'")
            if key.strip().lower() in ("published", "date"):
                published = value
            elif key.strip().lower() == "source":
                source = value
    return raw, None, None


def sources(samples, dev):
    """The (stem, text, published, source) of every input text, in a fixed order."""
    out = []
    if samples and os.path.isdir(samples):
        for name in sorted(os.listdir(samples)):
            if name.startswith(".") or not name.endswith((".txt", ".md")):
                continue
            text, published, source = read_article(os.path.join(samples, name))
            out.append((os.path.splitext(name)[0], text, published, source))
    if dev and os.path.isfile(dev):
        with open(dev, encoding="utf8") as f:
            for s in json.load(f):
                out.append((f"newsquant-{s['id']}", s["text"], None, "NewsQuant"))
    return out


def main():
    ap = argparse.ArgumentParser(description="write a JSONL corpus for figtrack extract")
    ap.add_argument("out")
    ap.add_argument("--samples", default="data/samples")
    ap.add_argument("--dev", default="../shared/eval/newsquant-dev.json")
    ap.add_argument("--min-mb", type=float, default=50.0)
    ap.add_argument("--dev-only", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--stats")
    args = ap.parse_args()

    texts = sources(None if args.dev_only else args.samples, args.dev)
    if not texts:
        sys.exit("make-corpus.py: no input texts (neither --samples nor --dev found)")
    min_bytes = 0 if args.dev_only else int(args.min_mb * 1_000_000)
    records = size = text_bytes = text_chars = 0
    rounds = 0
    with open(args.out, "w", encoding="utf8") as out:
        while (args.dev_only and rounds < args.repeat) or (not args.dev_only and size < min_bytes):
            for stem, text, published, source in texts:
                line = json.dumps(
                    {"id": f"{stem}-r{rounds}", "text": text, "published": published, "source": source},
                    ensure_ascii=False,
                ) + "\n"
                out.write(line)
                size += len(line.encode("utf8"))
                text_bytes += len(text.encode("utf8"))
                text_chars += len(text)
                records += 1
            rounds += 1
    stats = {"records": records, "bytes": size, "text_bytes": text_bytes, "text_chars": text_chars}
    if args.stats:
        with open(args.stats, "w") as f:
            json.dump(stats, f)
    print(f"{args.out}: {records} records, {size / 1e6:.1f} MB, {text_chars} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
