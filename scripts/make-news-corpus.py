#!/usr/bin/env python3
"""Write N wire-style news articles as JSONL, for benchmarks at scale.

Usage:
    make-news-corpus.py OUT.jsonl [-n 1000000] [--seed 1] [--losses DIR]

Each record is {"id", "text", "published", "source"}. The figures are the real daily
cumulative losses of Russia's forces as Ukraine's General Staff reported them (DIR, by default
../shared/data/ukraine-losses beside the repository), from February 2022 to August 2026, with
the corrections the source applied. Articles are spread evenly over the days, in publication
order; each is what a wire service might write that day: a headline, a dateline, a lead with
the troop count and the day before's, several paragraphs of equipment counts with hedges
("more than", "about", "nearly"), the speaker named, daily and monthly changes, an older value
for context, and other numbers (dates, percentages, money, distances) that belong to no series.
About one article in eight reports the day before's update a day late.

The series are the ones scripts/news-corpus-metrics.toml files, so `figtrack ingest` with that
catalog gives a store of about a dozen metrics over 54 months.

Deterministic for a seed (the same N and seed write the same bytes) and streaming: memory is
the loss tables, whatever N. Prints the records, megabytes and rate to stderr.
"""
import argparse
import datetime
import json
import os
import random
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LOSSES = os.path.join(HERE, "..", "..", "shared", "data", "ukraine-losses")

# (field in the data, nouns an article uses for it). Each noun reads naturally after a number.
SERIES = [
    ("tank", ["tanks", "main battle tanks", "Russian tanks"]),
    ("APC", ["armoured combat vehicles", "armored personnel carriers", "armoured vehicles"]),
    ("field artillery", ["artillery systems", "artillery pieces", "guns and howitzers"]),
    ("MRL", ["multiple rocket launchers", "rocket launcher systems", "MLRS units"]),
    ("anti-aircraft warfare", ["air defence systems", "air defense systems", "anti-aircraft systems"]),
    ("aircraft", ["aircraft", "warplanes", "fixed-wing aircraft"]),
    ("helicopter", ["helicopters", "military helicopters"]),
    ("drone", ["drones", "unmanned aerial vehicles", "operational-tactical drones"]),
    ("cruise missiles", ["cruise missiles"]),
    ("naval ship", ["warships and boats", "ships and boats", "naval vessels"]),
    ("vehicles and fuel tanks", ["vehicles and fuel tanks", "trucks and fuel tankers"]),
    ("special equipment", ["units of special equipment", "pieces of special equipment"]),
]
# Field of the equipment records with only a few months of data; the years before it the
# source counted vehicles and fuel tanks apart.
OLD_VEHICLES = "military auto"

WIRES = [
    "Northline Wire", "Danube Press", "Baltic Newsroom", "Meridian News Agency",
    "Continental Dispatch", "Harbour Post", "Eastgate Reports", "Atlas Newswire",
    "Riverside Herald", "Crossroads Media", "Lindenfeld Presse", "Polar Star News",
]
SPEAKERS = [
    "the General Staff of Ukraine's armed forces said",
    "Ukraine's General Staff said in its daily update",
    "the Ukrainian military said",
    "Kyiv's General Staff reported",
    "the armed forces' General Staff said in a statement",
    "Ukraine's military command said",
]
ACCORDING = [
    "according to the General Staff of Ukraine's armed forces",
    "according to Ukraine's General Staff",
    "according to figures from the Ukrainian military",
    "according to the daily tally published by Kyiv",
]
TROOPS = ["troops", "soldiers", "military personnel", "servicemen"]
TROOP_LOSS = [
    "killed or wounded", "killed or injured", "killed or wounded in action",
]
CITIES = [
    ("KYIV", "Kyiv"), ("KHARKIV", "Kharkiv"), ("ZAPORIZHZHIA", "Zaporizhzhia"),
    ("DNIPRO", "Dnipro"), ("ODESA", "Odesa"), ("LVIV", "Lviv"),
]
FRONTS = [
    "Pokrovsk", "Bakhmut", "Avdiivka", "Kupiansk", "Lyman", "Kurakhove", "Vuhledar",
    "Toretsk", "Chasiv Yar", "Robotyne", "Kherson", "Sievierodonetsk",
]
# Closing paragraphs without figures of the series, as wire stories end.
CLOSING = [
    "Russia's defence ministry did not comment on the figures. It rarely discloses its own "
    "casualties, and Ukraine does not regularly publish its own losses either.",
    "Independent researchers who count obituaries and court records say the true toll is "
    "hard to establish, but that the trend in Kyiv's daily reports matches what they see.",
    "The General Staff publishes its tally every morning on social media. Western officials "
    "have said they treat the numbers with caution, while noting that losses on both sides "
    "have been heavy.",
    "Military analysts say the rate of losses rises when Russian forces press assaults on "
    "fortified towns and falls during the muddy seasons of spring and autumn.",
    "President Volodymyr Zelenskiy has repeatedly urged allies to speed up deliveries of air "
    "defence systems and artillery shells, saying the front line depends on them.",
    "Kremlin spokesman Dmitry Peskov told reporters that Moscow's goals in what it calls a "
    "special military operation remained unchanged.",
    "Ukraine's commanders have said for months that Russia is trading soldiers for ground, "
    "sending small infantry groups forward under the cover of drones and glide bombs.",
    "The daily figures include troops killed and those wounded badly enough to be taken out "
    "of combat, the General Staff has said; it does not break the two down.",
    "Both armies now rely heavily on cheap drones for reconnaissance and strikes, and "
    "commanders on each side say that the sky over the front is rarely empty.",
    "Ukrainian officials say the losses strain Russia's ability to recruit, though Moscow has "
    "kept filling its ranks with contract soldiers lured by large signing bonuses.",
    "Reporters could not reach the front-line positions named in the update, and the "
    "military did not say how each loss had been confirmed.",
    "Diplomatic efforts to end the fighting have made little progress, with Kyiv insisting "
    "on security guarantees and Moscow demanding that Ukraine give up more territory.",
]
MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec."]
MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def load(losses):
    """Daily records by date (personnel merged into equipment), and corrections by date."""
    def read(name):
        with open(os.path.join(losses, name), encoding="utf8") as f:
            return json.load(f)
    days = {r["date"]: dict(r) for r in read("russia_losses_equipment.json")}
    for r in read("russia_losses_personnel.json"):
        days.setdefault(r["date"], {"date": r["date"]}).update(r)
    for r in days.values():
        if "vehicles and fuel tanks" not in r and OLD_VEHICLES in r:
            r["vehicles and fuel tanks"] = r[OLD_VEHICLES] + r.get("fuel tank", 0)
    corrections = {c["date"]: c for c in read("russia_losses_equipment_correction.json")}
    dates = sorted(days)
    return dates, days, corrections


def n(v):
    return f"{v:,}"


def hedged(rng, v):
    """A figure as an article might write it: exact most often, else with a hedge that holds."""
    r = rng.random()
    if v < 200 or r < 0.55:
        return n(v)
    step = 1000 if v >= 20000 else 100 if v >= 2000 else 10
    down, up = v // step * step, -(-v // step) * step
    if r < 0.7 and down < v:
        return f"more than {n(down)}"
    if r < 0.8 and up > v:
        return f"nearly {n(up)}"
    if r < 0.9:
        return f"about {n((v + step // 2) // step * step)}"
    return f"some {n((v + step // 2) // step * step)}"


def short(v):
    """A large round figure in words: 1.46 million, 449,600."""
    if v >= 1_000_000:
        return f"{v / 1e6:.2f} million"
    return n((v + 50) // 100 * 100)  # half up, as a reporter rounds


def dateline(d):
    return f"{MONTHS[d.month - 1]} {d.day}"


def long_date(d):
    return f"{d.day} {MONTH_NAMES[d.month - 1]} {d.year}" if d.day % 2 else \
        f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year}"


class Writer:
    """Writes the articles of one day, drawing every choice from one seeded generator."""

    def __init__(self, dates, days, corrections, rng):
        self.dates, self.days, self.corrections, self.rng = dates, days, corrections, rng

    def article(self, i, k):
        """Article `i`, on the `k`-th day of the data."""
        rng = self.rng
        date = self.dates[k]
        today = self.days[date]
        d = datetime.date.fromisoformat(date)
        prev = self.days[self.dates[k - 1]] if k > 0 else None
        late = k > 0 and rng.random() < 0.12
        published = d + datetime.timedelta(days=1) if late else d
        wire = WIRES[(i * 7 + k) % len(WIRES)]
        city, city_name = rng.choice(CITIES)
        speaker = rng.choice(SPEAKERS)
        when = f"on {WEEKDAYS[d.weekday()]}"
        troops = rng.choice(TROOPS)
        people = today.get("personnel")

        paras = []
        # The lead: the troop count with the day before's.
        if people is not None:
            since = rng.choice([
                "since the start of the full-scale invasion in February 2022",
                "since Moscow launched its full-scale invasion on 24 February 2022",
                "since the war began",
                "in the war so far",
            ])
            figure = f"about {n(people)}" if rng.random() < 0.6 else hedged(rng, people)
            earlier = ""
            if prev and prev.get("personnel") is not None and rng.random() < 0.7:
                earlier = rng.choice([
                    f", up from {n(prev['personnel'])} a day earlier",
                    f", compared with {n(prev['personnel'])} the previous day",
                    f", up from {n(prev['personnel'])} the day before",
                ])
            loss = rng.choice(TROOP_LOSS)
            lead = rng.choice([
                f"Russia has lost {figure} {troops} {loss} {since}, {speaker} {when}{earlier}.",
                f"Russian losses in Ukraine have reached {figure} {troops} {loss} {since}, "
                f"{speaker} {when}{earlier}.",
                f"The number of Russian {troops} {loss} {since} has risen to {figure}, "
                f"{speaker} {when}{earlier}.",
            ])
            paras.append(f"{city}, {dateline(published)} ({wire}) - {lead}")
            if prev and prev.get("personnel") is not None and rng.random() < 0.5:
                gain = people - prev["personnel"]
                paras.append(rng.choice([
                    f"That is {n(gain)} more than in the previous 24 hours, the update showed.",
                    f"The daily increase of {n(gain)} {troops} was in line with recent weeks, "
                    f"officials said.",
                    f"Russia lost {n(gain)} {troops} over the past day alone, "
                    f"{rng.choice(ACCORDING)}.",
                ]))
        else:
            paras.append(f"{city}, {dateline(published)} ({wire}) - Ukraine's General Staff "
                         f"published its daily count of Russian equipment losses {when}.")

        # Equipment: a few series, some in a list, some on their own with the day before's.
        fields = [s for s in SERIES if today.get(s[0]) is not None]
        rng.shuffle(fields)
        listed = fields[: rng.randint(2, 4)]
        alone = fields[len(listed): len(listed) + rng.randint(1, 3)]
        parts = [f"{hedged(rng, today[f])} {rng.choice(nouns)}" for f, nouns in listed]
        items = ", ".join(parts[:-1]) + f" and {parts[-1]}"
        paras.append(rng.choice([
            f"Ukrainian forces have also destroyed {items}, {rng.choice(ACCORDING)}.",
            f"The military said Russia had lost {items} over the same period.",
            f"Equipment losses stand at {items}, {rng.choice(SPEAKERS)}.",
        ]))
        for f, nouns in alone:
            noun = rng.choice(nouns)
            v = today[f]
            p = prev.get(f) if prev else None
            if p is not None and p != v and rng.random() < 0.6:
                paras.append(rng.choice([
                    f"The tally of {noun} destroyed rose to {hedged(rng, v)} from {n(p)} "
                    f"the day before.",
                    f"Kyiv said its forces had destroyed {n(v - p)} {noun} in the past day, "
                    f"bringing the total to {n(v)}.",
                    f"Russia has now lost {n(v)} {noun}, up from {n(p)} a day "
                    f"earlier, {rng.choice(ACCORDING)}.",
                ]))
            else:
                paras.append(rng.choice([
                    f"The count of {noun} destroyed stands at {hedged(rng, v)}.",
                    f"Losses of {noun} were unchanged at {n(v)}, the update said.",
                    f"Ukraine says it has destroyed {hedged(rng, v)} Russian {noun} since "
                    f"the invasion began.",
                ]))

        # Context: a month's change, a value from a year before, a correction.
        if k >= 30 and people is not None and rng.random() < 0.35:
            month_ago = self.days[self.dates[k - 30]].get("personnel")
            if month_ago is not None:
                paras.append(rng.choice([
                    f"Over the past 30 days the count of Russian {troops} lost grew by "
                    f"{n(people - month_ago)}, the figures show.",
                    f"In the last month alone, Russia lost {short(people - month_ago)} "
                    f"{troops}, {rng.choice(ACCORDING)}.",
                ]))
        if k >= 365 and rng.random() < 0.3:
            f, nouns = rng.choice(SERIES)
            old = self.days[self.dates[k - 365]]
            if old.get(f) is not None:
                then = datetime.date.fromisoformat(self.dates[k - 365])
                paras.append(
                    f"A year earlier, on {long_date(then)}, the count of {rng.choice(nouns)} "
                    f"destroyed had stood at {n(old[f])}."
                )
        fix = self.corrections.get(date)
        if fix is not None:
            for f, nouns in SERIES:
                delta = fix.get(f, 0)
                if delta and today.get(f) is not None:
                    way = "down" if delta < 0 else "up"
                    paras.append(
                        f"The General Staff revised its count of {nouns[0]} {way} by "
                        f"{n(abs(delta))} after a review, putting the total at {n(today[f])}."
                    )
                    break

        # Other numbers that belong to no series.
        noise = [
            f"The heaviest fighting was near {rng.choice(FRONTS)}, where Ukrainian units "
            f"reported {rng.randint(20, 180)} clashes in the past day.",
            f"Air raid alerts lasted more than {rng.randint(2, 14)} hours in parts of the "
            f"{city_name} region, local officials said.",
            f"The figures could not be independently verified. Moscow does not publish its own "
            f"losses, and Western estimates differ by as much as {rng.randint(10, 40)}%.",
            f"Separately, the finance ministry said Ukraine had received "
            f"${rng.randint(11, 95) / 10:.1f} billion in budget support from its partners "
            f"{rng.choice(['this month', 'since January', 'in the past week'])}.",
            f"A drone strike damaged a power facility about {rng.randint(15, 90)} km "
            f"({rng.randint(10, 55)} miles) from the front line overnight, the regional "
            f"governor said.",
            f"The central bank kept its key rate at {rng.choice([13, 13.5, 14.5, 15, 15.5, 25])}% "
            f"at its meeting on {long_date(d - datetime.timedelta(days=rng.randint(3, 20)))}.",
            f"Since the start of the year, {rng.randint(1, 9)},{rng.randint(100, 999)} "
            f"civilians have been evacuated from front-line towns, the regional administration "
            f"said.",
        ]
        rng.shuffle(noise)
        paras.extend(noise[: rng.randint(2, 5)])
        for para in rng.sample(CLOSING, 4):
            paras.append(para)

        headline = self.headline(rng, today, prev, troops)
        text = headline + "\n\n" + "\n\n".join(paras) + "\n"
        return {
            "id": f"wire-{i:08d}",
            "text": text,
            "published": published.isoformat(),
            "source": wire,
        }

    def headline(self, rng, today, prev, troops):
        people = today.get("personnel")
        day = today.get("day")
        options = []
        if people is not None:
            options += [
                f"Ukraine puts Russian losses at {short(people)} {troops}",
                f"Russian troop losses near {short(people)}, Kyiv says",
            ]
            if prev and prev.get("personnel") is not None:
                options.append(
                    f"Kyiv says Russia lost {n(people - prev['personnel'])} {troops} in a day")
        if today.get("drone") is not None:
            options.append(f"Ukraine's count of downed Russian drones passes "
                           f"{n(today['drone'] // 100 * 100)}")
        if day is not None:
            options.append(f"Day {day} of the war: Kyiv updates its tally of Russian losses")
        options.append("Ukraine's General Staff publishes its latest count of Russian losses")
        return rng.choice(options)


def main():
    ap = argparse.ArgumentParser(description="write N wire-style articles as JSONL")
    ap.add_argument("out")
    ap.add_argument("-n", "--articles", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--losses", default=DEFAULT_LOSSES)
    args = ap.parse_args()
    if args.articles < 1:
        sys.exit("make-news-corpus.py: -n must be at least 1")
    try:
        dates, days, corrections = load(args.losses)
    except OSError as e:
        sys.exit(f"make-news-corpus.py: {e.filename}: {e.strerror} (pass --losses DIR)")
    rng = random.Random(args.seed)
    writer = Writer(dates, days, corrections, rng)
    start = time.monotonic()
    size = 0
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf8") as out:
        for i in range(args.articles):
            k = i * len(dates) // args.articles
            line = json.dumps(writer.article(i, k), ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line)
    os.replace(tmp, args.out)
    secs = time.monotonic() - start
    print(f"{args.out}: {args.articles} articles, {size / 1e6:.1f} MB in {secs:.1f} s "
          f"({size / 1e6 / max(secs, 1e-9):.1f} MB/s)", file=sys.stderr)


if __name__ == "__main__":
    main()
