#!/usr/bin/env python3
"""Derive data/units-quantulum3.tsv from quantulum3's unit catalog (MIT, see units-quantulum3.LICENSE).

usage: python3 data/units-quantulum3.py QUANTULUM3/quantulum3/units.json > data/units-quantulum3.tsv

The source is https://github.com/nielstron/quantulum3 (quantulum3/units.json, commit 168aef7).
Each unit becomes one line: name, kind, place, and its surfaces (names, plurals, symbols and the
SI-prefixed forms quantulum3 derives), "|"-separated. Left out: units whose names or symbols are
everyday English words in news ("set", "time", "league", "gray", "tesla"), a few symbols that read
as words or other things after a number ("in", '"', "dam"), and rare SI prefixes on symbols ("Em",
"am", "pm", "EA" read as words or times). figtrack's own list, data/units.tsv, is read first and
wins where both name the same surface.
"""
import json
import sys

PREFIXES = {"E": "exa", "P": "peta", "T": "tera", "G": "giga", "M": "mega", "k": "kilo",
            "h": "hecto", "da": "deca", "d": "deci", "c": "centi", "m": "milli", "µ": "micro",
            "n": "nano", "p": "pico", "f": "femto", "a": "atto", "z": "zepto", "y": "yocto"}
# Prefixes written on symbols in news text; the others make words or times ("pm", "Em", "EA").
SYMBOL_PREFIXES = {"k", "M", "G", "m", "µ", "n"}
SKIP_UNITS = {
    "unk", "dimensionless", "pair", "set", "count", "turn", "dozen", "gross", "great gross",
    "long hundred", "mill", "dime", "rappen", "drop", "shake", "span", "cubit", "ell", "quarter",
    "quad", "henry", "speed of light", "base pair", "kilo base pair", "mega base pair",
    "giga base pair", "nucleotide", "league", "barn", "inverse femtobarn", "gal", "poise",
    "stilb", "rhe", "katal", "ton of refrigeration", "atomic mass unit", "hartree", "rad",
    "maxwell", "darcy", "langley", "tex", "denier", "gray", "tesla", "gauss", "lux", "nibble",
    "quantum bit", "statcoulomb", "faraday", "rutherford", "stere", "peck", "fathom", "twip",
    "inverse second", "centavo", "penny", "cent", "minute of arc", "second of arc", "candela",
    "candela per square metre", "weber", "siemens", "oersted", "ampere-turn", "curie", "mole",
    "steradian", "furlong", "baud", "short ton", "long ton", "stokes", "centistokes", "bar",
}
# Surfaces and symbols that after a number are more often words, quotes or codes.
SKIP_SURFACES = {
    "in", '"', "″", "”", "'", "′", "a", "y", "u", "d", "h", "s", "c", "C", "F", "K", "R", "N",
    "P", "A", "B", "T", "G", "S", "H", "J", "dam", "hm", "Dm", "dkm", "au", "ua", "real", "rand",
    "pond", "kilo", "cup", "peso", "franc", "fur", "st", "lea", "bu", "qr", "ct", "q", "Fr", "FS",
    "pt", "p", "gm", "dots", "pel", "nit", "candle", "mil", "mill", "amp", "atmosphere", "hs",
    "annum", "Ba", "TR", "MP", "BF", "At", "AT", "Mt", "Gt", "kt", "kn", "Da", "bp", "Oe",
    "CT", "den", "Ly", "Eh", "Ha", "ha", "mps", "fps", "ips", "ms", "ns", "ka", "ky", "Ma", "My",
    "Ga", "Gy", "MA", "GA", "ly", "AU", "UA", "Gm", "cP", "VA", "Ws", "kp", "Pa", "bip", "bips",
    "beep", "beeps", "MF", "GF", "kF",
}


def plural(word):
    """The plural of an English unit name, on its head word ("miles per hour", "pounds sterling")."""
    for sep in (" per ", " of "):
        if sep in word:
            head, tail = word.split(sep, 1)
            return plural(head) + sep + tail
    irregular = {"foot": "feet", "inch": "inches", "century": "centuries", "millennium": "millennia",
                 "pound sterling": "pounds sterling", "hertz": "hertz", "siemens": "siemens",
                 "lux": "lux", "horsepower": "horsepower", "yen": "yen", "yuan": "yuan",
                 "won": "won", "real": "reais", "rand": "rand", "baht": "baht", "franc": "francs"}
    for sing, plu in irregular.items():
        if word == sing or word.endswith(" " + sing) or word.endswith("-" + sing):
            return word[: len(word) - len(sing)] + plu
    if word.startswith("degree ") or word.endswith((" dry", " liquid", " mercury", " column")):
        head, tail = word.split(" ", 1)
        return plural(head) + " " + tail
    if word.endswith(("ss", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def kind(name, entity):
    if entity == "currency":
        return "currency"
    return "percentage" if name == "percentage" else "measure"


def units(catalog):
    for name, unit in catalog.items():
        yield name, unit
        for prefix in unit.get("prefixes", []):
            yield PREFIXES[prefix] + name, {
                "entity": unit["entity"],
                "surfaces": [PREFIXES[prefix] + s for s in unit.get("surfaces", [])],
                "symbols": [prefix + s for s in unit.get("symbols", []) if prefix in SYMBOL_PREFIXES],
            }


def main():
    catalog = json.load(open(sys.argv[1], encoding="utf-8"))
    print("# Derived from quantulum3's units.json by data/units-quantulum3.py (MIT, see")
    print("# units-quantulum3.LICENSE). name, kind, place, surfaces: see data/units.tsv.")
    for name, unit in units(catalog):
        if name in SKIP_UNITS or any(name.endswith(s) for s in ("barn", "becquerel")):
            continue
        surfaces = []
        for s in [name] + unit.get("surfaces", []):
            for form in (s, plural(s)):
                if form not in surfaces and form not in SKIP_SURFACES:
                    surfaces.append(form)
        for s in unit.get("symbols", []):
            if s not in surfaces and s not in SKIP_SURFACES:
                surfaces.append(s)
        surfaces = [s for s in surfaces if '"' not in s]
        if "|" in "".join(surfaces) or not surfaces:
            continue
        print(f"{name}\t{kind(name, unit['entity'])}\tafter\t{'|'.join(surfaces)}")


main()
