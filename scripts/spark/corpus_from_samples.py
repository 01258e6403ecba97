#!/usr/bin/env python3
"""Writes the bundled sample articles (data/samples: front matter + text) as a JSONL corpus, the
records `figtrack ingest --input jsonl` and the Spark jobs read. Usage: corpus_from_samples.py OUT"""
import json
import pathlib
import sys


def main(out_path):
    with open(out_path, "w", encoding="utf-8") as out:
        for p in sorted(pathlib.Path("data/samples").iterdir()):
            raw = p.read_text(encoding="utf-8")
            meta, text = {}, raw
            if raw.startswith("---\n") and "\n---\n" in raw[4:]:
                head, text = raw[4:].split("\n---\n", 1)
                for line in head.splitlines():
                    k, _, v = line.partition(":")
                    meta[k.strip()] = v.strip().strip("\"'")
            record = {"id": p.stem, "text": text}
            record.update({k: meta[k] for k in ("published", "source", "title", "url") if meta.get(k)})
            out.write(json.dumps(record) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
