#!/usr/bin/env python3
"""Fails when NewsQuant-protocol F1 scores fall under the floors the extractor has reached.

usage: check-newsquant.py SCORES.json [METRIC=F1,...]
  SCORES.json  the --json output of ../shared/eval/newsquant.py
  METRIC=F1    floors for another set (data/eval/team-newsquant-1.json); by default the dev
               set's floors below
"""
import json
import sys

# F1 x100 floors: just under what the rules score now (see README, "Extraction quality").
FLOORS = {
    "value": 96.0,
    "value+unit": 85.8,
    "value+change": 88.0,
    "value+concept_partial": 82.8,
    "value+concept_complete": 57.1,
}

if len(sys.argv) not in (2, 3):
    sys.exit(__doc__.strip())
if len(sys.argv) == 3:
    FLOORS = {k: float(v) for k, v in (kv.split("=") for kv in sys.argv[2].split(","))}
scores = json.load(open(sys.argv[1]))["metrics"]
failed = False
for metric, floor in FLOORS.items():
    row = scores.get(metric)
    f1 = row["F1"] if row else 0.0
    status = "ok" if f1 >= floor else "BELOW FLOOR"
    failed |= f1 < floor
    print(f"{metric:24} F1 {f1:5.1f}  floor {floor:5.1f}  {status}")
sys.exit(1 if failed else 0)
