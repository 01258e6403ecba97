//! Axis ticks: calendar ticks for any span (days to decades) and round value ticks.

use super::format;
use chrono::{Datelike, Days, NaiveDate};

/// A tick: its position (days since 0001-01-01 for dates) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub at: f64,
    pub label: String,
}

/// A date as an x coordinate: days since 0001-01-01.
pub fn day_number(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// The date of an x coordinate (rounded to the day).
pub fn date_of(x: f64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(x.round() as i32)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Days(u32),
    Months(u32),
    Years(i32),
}

const STEPS: &[Step] = &[
    Step::Days(1),
    Step::Days(2),
    Step::Days(7),
    Step::Days(14),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
];

fn dates(step: Step, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    match step {
        Step::Days(n) => {
            // Weekly ticks fall on Mondays, others on day numbers divisible by the step.
            let offset = if n == 7 || n == 14 { 0 } else { 1 };
            let mut d = from;
            while (d.num_days_from_ce() - offset).rem_euclid(n as i32) != 0 {
                match d.checked_add_days(Days::new(1)) {
                    Some(next) => d = next,
                    None => return out,
                }
            }
            while d <= to {
                out.push(d);
                match d.checked_add_days(Days::new(u64::from(n))) {
                    Some(next) => d = next,
                    None => break,
                }
            }
        }
        Step::Months(n) => {
            let mut y = from.year();
            let mut m = from.month0();
            if from.day() != 1 {
                m += 1;
            }
            while !m.is_multiple_of(n) {
                m += 1;
            }
            loop {
                y += (m / 12) as i32;
                m %= 12;
                let Some(d) = NaiveDate::from_ymd_opt(y, m + 1, 1) else {
                    break;
                };
                if d > to {
                    break;
                }
                out.push(d);
                m += n;
            }
        }
        Step::Years(n) => {
            let mut y = from.year();
            if from.ordinal() != 1 {
                y += 1;
            }
            y = y.div_euclid(n) * n + if y.rem_euclid(n) == 0 { 0 } else { n };
            while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                if d > to {
                    break;
                }
                out.push(d);
                y += n;
            }
        }
    }
    out
}

/// Ticks at the dates of a series of a few observations (sorted, distinct), each labelled:
/// the first with its year, the others with theirs only when it changes ("18 Oct 2024",
/// "28 Oct"). Calendar ticks between them would be days nobody reported.
pub fn observation_ticks(dates: &[NaiveDate]) -> Vec<Tick> {
    dates
        .iter()
        .enumerate()
        .map(|(i, &d)| Tick {
            at: day_number(d),
            label: if i == 0 || dates[i - 1].year() != d.year() {
                format::day_month_year(d)
            } else {
                format::day_month(d)
            },
        })
        .collect()
}

/// Ticks for dates from `from` to `to`: the finest calendar step (days, weeks, months,
/// quarters, years) that gives at most `max` ticks, labelled "23 Oct", "Oct 2024" or "2024".
pub fn date_ticks(from: NaiveDate, to: NaiveDate, max: usize) -> Vec<Tick> {
    let max = max.max(2);
    let span = f64::from(to.num_days_from_ce() - from.num_days_from_ce()).max(0.0);
    // Steps beyond the list: round numbers of years.
    let years = (span / 365.25 / max as f64).max(1.0);
    let big = Step::Years(nice_step(years).ceil().min(f64::from(i32::MAX / 2)) as i32);
    let mut chosen = Vec::new();
    let mut chosen_step = big;
    for &step in STEPS.iter().chain([&big]) {
        let days = match step {
            Step::Days(n) => f64::from(n),
            Step::Months(n) => 30.4 * f64::from(n),
            Step::Years(n) => 365.2 * f64::from(n),
        };
        // Skip steps that clearly give too many ticks without listing them.
        if span / days > max as f64 + 2.0 {
            continue;
        }
        let ds = dates(step, from, to);
        if ds.len() <= max {
            chosen = ds;
            chosen_step = step;
            break;
        }
    }
    let mut prev_year = None;
    chosen
        .into_iter()
        .map(|d| {
            let label = match chosen_step {
                Step::Days(_) => {
                    // The year shows on the first tick and where it changes.
                    if prev_year != Some(d.year()) {
                        format::day_month_year(d)
                    } else {
                        format::day_month(d)
                    }
                }
                Step::Months(_) => format::month_year(d),
                Step::Years(_) => d.year().to_string(),
            };
            prev_year = Some(d.year());
            Tick {
                at: day_number(d),
                label,
            }
        })
        .collect()
}

/// A round step (1, 2, 2.5 or 5 times a power of ten) near `raw`.
pub fn nice_step(raw: f64) -> f64 {
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(raw.log10().floor());
    let f = raw / p;
    let m = if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 2.5 {
        2.5
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * p
}

/// Value axis: a range widened to round ends and its ticks (`step` apart), at most about
/// `target` of them.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueAxis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    pub ticks: Vec<f64>,
}

/// Round ticks covering `lo..hi`.
pub fn value_axis(lo: f64, hi: f64, target: usize) -> ValueAxis {
    // Padding near the ends of f64 may overflow: an infinite end is the largest finite value.
    let clamp = |v: f64| v.clamp(-f64::MAX, f64::MAX);
    let (mut lo, mut hi) = if lo.is_nan() || hi.is_nan() {
        (0.0, 1.0)
    } else {
        (clamp(lo), clamp(hi))
    };
    if hi < lo {
        std::mem::swap(&mut lo, &mut hi);
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        // One value: show it in the middle of a band around it.
        let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
        lo = clamp(lo - pad);
        hi = clamp(hi + pad);
    }
    if !(hi - lo).is_finite() {
        // Values near the ends of f64: no round ticks, just the ends.
        return ValueAxis {
            lo,
            hi,
            step: (hi / 2.0 - lo / 2.0).abs(),
            ticks: vec![lo, hi],
        };
    }
    let target = target.max(2);
    let step = nice_step((hi - lo) / (target as f64 - 1.0).max(1.0));
    let a = (lo / step).floor() * step;
    let b = (hi / step).ceil() * step;
    let n = ((b - a) / step).round();
    if !n.is_finite() || n > 100.0 || !a.is_finite() || !b.is_finite() {
        return ValueAxis {
            lo,
            hi,
            step: hi - lo,
            ticks: vec![lo, hi],
        };
    }
    let n = n as usize;
    let ticks = (0..=n)
        .map(|i| {
            let t = a + i as f64 * step;
            // Clean the float noise off ticks such as 0.30000000000000004.
            (t / step).round() * step
        })
        .collect();
    ValueAxis {
        lo: a,
        hi: b,
        step,
        ticks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observation_ticks_label_each_date_and_years_when_they_change() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let labels = |ds: &[NaiveDate]| -> Vec<String> {
            observation_ticks(ds).into_iter().map(|t| t.label).collect()
        };
        assert_eq!(labels(&[d(2024, 8, 31)]), ["31 Aug 2024"]);
        assert_eq!(
            labels(&[d(2024, 10, 18), d(2024, 10, 28)]),
            ["18 Oct 2024", "28 Oct"]
        );
        assert_eq!(
            labels(&[d(2023, 12, 30), d(2024, 1, 2), d(2024, 3, 1)]),
            ["30 Dec 2023", "2 Jan 2024", "1 Mar"]
        );
        assert_eq!(
            observation_ticks(&[d(2024, 1, 1)])[0].at,
            day_number(d(2024, 1, 1))
        );
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn labels(t: &[Tick]) -> Vec<&str> {
        t.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn days_weeks_months_years() {
        let t = date_ticks(d(2024, 10, 18), d(2024, 10, 29), 12);
        assert_eq!(t.len(), 12);
        assert_eq!(t[0].label, "18 Oct 2024");
        assert_eq!(t[1].label, "19 Oct");

        let t = date_ticks(d(2024, 9, 1), d(2024, 11, 1), 10);
        assert!(labels(&t).iter().all(|l| !l.is_empty()));
        assert!(t.len() <= 10 && t.len() >= 4, "{t:?}");

        let t = date_ticks(d(2022, 2, 25), d(2026, 8, 8), 11);
        assert_eq!(
            labels(&t),
            [
                "Jul 2022", "Jan 2023", "Jul 2023", "Jan 2024", "Jul 2024", "Jan 2025", "Jul 2025",
                "Jan 2026", "Jul 2026"
            ]
        );

        let t = date_ticks(d(1990, 1, 1), d(2024, 1, 1), 8);
        assert_eq!(
            labels(&t),
            ["1990", "1995", "2000", "2005", "2010", "2015", "2020"]
        );
    }

    #[test]
    fn year_changes_are_labelled() {
        let t = date_ticks(d(2024, 12, 28), d(2025, 1, 3), 10);
        assert_eq!(t[0].label, "28 Dec 2024");
        assert!(labels(&t).contains(&"1 Jan 2025"));
    }

    #[test]
    fn extreme_values_and_dates_do_not_loop() {
        let a = value_axis(-f64::MAX, f64::MAX, 6);
        assert_eq!(a.ticks.len(), 2);
        for (lo, hi) in [
            (f64::MAX, f64::INFINITY),
            (-f64::MAX, -1.7e308),
            (1.7e308, 1.7e308),
        ] {
            let a = value_axis(lo, hi, 6);
            assert!(
                a.lo.is_finite() && a.hi.is_finite() && a.lo < a.hi,
                "{lo} {hi}: {a:?}"
            );
            assert!(
                a.lo >= 1.0 || a.hi <= -1.0,
                "{lo} {hi}: not a 0-1 axis: {a:?}"
            );
        }
        let a = value_axis(1e300, 1e300 + 1e290, 6);
        assert!(a.ticks.len() <= 101);
        let t = date_ticks(NaiveDate::MAX - Days::new(3), NaiveDate::MAX, 10);
        assert!(t.len() <= 10);
        assert!(date_ticks(NaiveDate::MIN, NaiveDate::MAX, 10).len() <= 10);
    }

    #[test]
    fn values() {
        let a = value_axis(0.0, 10_000.0, 6);
        assert_eq!(a.step, 2000.0);
        assert_eq!(a.ticks, [0.0, 2000.0, 4000.0, 6000.0, 8000.0, 10000.0]);
        let a = value_axis(5.0, 5.0, 6);
        assert!(a.lo < 5.0 && a.hi > 5.0);
        let a = value_axis(0.1, 0.3, 5);
        assert!(a.ticks.iter().all(|t| (t * 100.0).fract().abs() < 1e-9));
    }
}
