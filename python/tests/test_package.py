"""The Python package against the command line: the same claims and the same series.

Run by scripts/test-python.sh with FIGTRACK_DATA (a store of data/samples) and FIGTRACK_BIN set.
"""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile

import figtrack
import polars as pl

STORE = os.environ["FIGTRACK_DATA"]
BIN = os.environ["FIGTRACK_BIN"]


def cli(*args):
    out = subprocess.run([BIN, "--data", STORE, *args], check=True, capture_output=True, text=True)
    return [json.loads(line) for line in out.stdout.splitlines() if line.strip()]


def test_extract_one_text():
    df = figtrack.extract(
        "Pentagon officials said on Monday that 10,000 North Korean troops were in Russia, "
        "up from 3,000 a week earlier.",
        published="2024-10-29",
        source="Wire",
        catalog="data/metrics.toml",
    )
    # The figure, and its previous value a week before as the observation ingest stores.
    assert df.height == 2, df
    previous = df.row(1, named=True)
    assert previous["value"] == 3000.0 and previous["as_of"] == dt.date(2024, 10, 21)
    assert previous["metric"] == "nk-troops-in-russia"
    row = df.row(0, named=True)
    assert row["value"] == 10000.0 and row["previous"] == 3000.0
    assert row["previous_text"] == "3,000"
    assert row["as_of"] == dt.date(2024, 10, 28)
    assert row["metric"] == "nk-troops-in-russia"
    assert row["source"] == "Wire"
    # The speaker is the attribution, never the publication.
    assert row["attribution"] and row["attribution"] != "Wire", row["attribution"]
    assert row["role"] == "level"


def test_extract_many_texts_keeps_columns_when_empty():
    df = figtrack.extract(["No figures here.", "Nor here."], published=["2024-01-01", None])
    assert df.height == 0
    assert df.schema["value"] == pl.Float64 and df.schema["as_of"] == pl.Date
    try:
        figtrack.extract(["a", "b"], published=["2024-01-01"])
    except ValueError as e:
        assert "2 texts" in str(e)
    else:
        raise AssertionError("a list of the wrong length is refused")


def test_extract_matches_the_command_line():
    text = open("data/samples/2024-10-29-nk-troops-10000.md", encoding="utf-8").read()
    ours = figtrack.extract(text.split("---\n", 2)[2], ids=["x"])
    theirs = subprocess.run(
        [BIN, "extract", "--format", "jsonl", "-"],
        input=text.split("---\n", 2)[2],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    values = [json.loads(line)["value"] for line in theirs.splitlines()]
    assert ours["value"].to_list() == values


def test_store_claims_and_series_equal_the_command_line():
    store = figtrack.open(STORE)
    claims = store.claims()
    exported = cli("export", "claims", "--format", "jsonl")
    assert claims.height == len(exported)
    assert sorted(claims["claim_id"].to_list()) == sorted(c["claim_id"] for c in exported)
    series = store.series("nk-troops-in-russia")
    printed = cli("series", "nk-troops-in-russia", "--format", "jsonl")
    assert series["value"].to_list() == [r["value"] for r in printed]
    assert [d.isoformat() for d in series["as_of"].to_list()] == [r["as_of"] for r in printed]
    assert "sources" not in series.columns
    assert series["attributions"].to_list() == [r["attributions"] for r in printed]
    assert store.series("nk-troops-in-russia", since="2030-01-01").height == 0


def test_ingest_files_texts_as_the_command_line_does():
    text = (
        "Pentagon officials said on Monday that 10,000 North Korean troops were in Russia, "
        "up from 3,000 a week earlier."
    )
    with tempfile.TemporaryDirectory() as tmp:
        ours, theirs = os.path.join(tmp, "ours"), os.path.join(tmp, "theirs")
        for root in (ours, theirs):
            os.makedirs(root)
            shutil.copy("data/metrics.toml", root)
        # `figtrack ingest -` names the text on standard input "stdin".
        done = figtrack.ingest(ours, text, published="2024-10-29", source="Wire", ids=["stdin"])
        assert done["documents"] == 1 and done["claims"] >= 1 and done["already"] == 0, done
        again = figtrack.ingest(ours, [text], published="2024-10-29", source="Wire", ids=["x"])
        assert again["documents"] == 0 and again["already"] == 1, again
        subprocess.run(
            [BIN, "--data", theirs, "ingest", "-q", "-", "--published", "2024-10-29",
             "--source", "Wire"],
            input=text, check=True, capture_output=True, text=True,
        )

        def stored(root):
            out = subprocess.run(
                [BIN, "--data", root, "export", "claims", "--format", "jsonl"],
                check=True, capture_output=True, text=True,
            ).stdout
            rows = [json.loads(line) for line in out.splitlines() if line.strip()]
            return sorted((r["claim_id"], r["metric"], r["value"], r["as_of"]) for r in rows)

        assert stored(ours) == stored(theirs) and len(stored(ours)) == done["claims"]
        named = figtrack.ingest(ours, "Officials said 12,000 troops were there.", ids=["stdin"])
        assert any("stored as" in text for _, text in named["messages"]), named


def test_a_missing_store_is_a_clear_error():
    try:
        figtrack.open("/nonexistent/figtrack-store")
    except ValueError as e:
        assert "figtrack-store" in str(e)
    else:
        raise AssertionError("opening a missing store fails")


if __name__ == "__main__":
    tests = [f for name, f in sorted(globals().items()) if name.startswith("test_")]
    for t in tests:
        t()
        print("ok", t.__name__)
    print(f"python package: {len(tests)} tests passed", file=sys.stderr)
