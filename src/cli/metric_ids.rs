//! Metric names given on the command line, checked against the catalog and the store: one
//! resolver for `series`, `export`, `chart` and `report`, so a misspelt metric gets the same
//! "did you mean" everywhere.

use crate::store::Store;
use polars::prelude::*;
use std::collections::HashSet;

/// Every metric id with claims in the store, sorted.
fn stored_metrics(store: &Store) -> anyhow::Result<Vec<String>> {
    let df = store.collect(
        store
            .claims()?
            .select([col("metric")])
            .filter(col("metric").is_not_null())
            .unique(None, UniqueKeepStrategy::Any),
    )?;
    let mut out: Vec<String> = df
        .column("metric")?
        .str()?
        .iter()
        .flatten()
        .map(str::to_string)
        .collect();
    out.sort();
    Ok(out)
}

/// Edit distance, for suggestions.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Known ids that look like `name` (closest first, at most three): a few typing slips away,
/// or containing it ("nk-troops" for "nk-troops-in-russia").
pub fn suggestions(name: &str, known: &[String]) -> Vec<String> {
    let mut scored: Vec<(usize, &String)> = known
        .iter()
        .filter_map(|k| {
            let d = distance(name, k);
            let near = d <= (name.chars().count() / 3).max(2);
            let part = name.len() >= 3 && (k.contains(name) || name.contains(k.as_str()));
            (near || part).then_some((d, k))
        })
        .collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, k)| k.clone()).collect()
}

/// The ids of the catalog and of the store, sorted, each once.
fn known(store: &Store, stored: &[String]) -> Vec<String> {
    let mut known: Vec<String> = store.catalog.metrics.iter().map(|m| m.id.clone()).collect();
    known.extend(stored.iter().cloned());
    known.sort();
    known.dedup();
    known
}

/// What to say after "unknown metric X": the close names, or what the store holds.
fn hint(name: &str, known: &[String]) -> String {
    let near = suggestions(name, known);
    if !near.is_empty() {
        format!("; did you mean {}?", near.join(", "))
    } else if known.is_empty() {
        "; the store is empty: add claims with `figtrack ingest` or `figtrack import`".into()
    } else {
        format!(
            "; the store has {} metric{} (`figtrack metrics` lists them)",
            known.len(),
            if known.len() == 1 { "" } else { "s" }
        )
    }
}

/// The metrics to show: the named ones (each must be in the catalog or have claims; an unknown
/// one is an error with the close names), or every metric with claims, catalog metrics first in
/// catalog order, then the others by id.
pub fn resolve(store: &Store, named: &[String]) -> anyhow::Result<Vec<String>> {
    // Names all in the catalog need no scan of the store's metric column.
    if !named.is_empty()
        && named
            .iter()
            .all(|n| store.catalog.metrics.iter().any(|m| m.id == *n))
    {
        let mut out: Vec<String> = Vec::new();
        for n in named {
            if !out.contains(n) {
                out.push(n.clone());
            }
        }
        return Ok(out);
    }
    let stored = stored_metrics(store)?;
    if named.is_empty() {
        let have: HashSet<&str> = stored.iter().map(String::as_str).collect();
        let mut out: Vec<String> = store
            .catalog
            .metrics
            .iter()
            .filter(|m| have.contains(m.id.as_str()))
            .map(|m| m.id.clone())
            .collect();
        let listed: HashSet<String> = out.iter().cloned().collect();
        out.extend(stored.into_iter().filter(|m| !listed.contains(m)));
        return Ok(out);
    }
    let known = known(store, &stored);
    let mut out: Vec<String> = Vec::new();
    let mut unknown = Vec::new();
    for n in named {
        if out.contains(n) {
            continue;
        }
        if known.binary_search(n).is_ok() {
            out.push(n.clone());
        } else {
            unknown.push(n.as_str());
        }
    }
    if let Some(first) = unknown.first() {
        anyhow::bail!(
            "unknown metric{} {}: not in the catalog ({}) and no claims in the store {}{}",
            if unknown.len() > 1 { "s" } else { "" },
            unknown
                .iter()
                .map(|u| format!("{u:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            crate::metrics::catalog_path(store.root()).display(),
            store.root().display(),
            hint(first, &known)
        );
    }
    Ok(out)
}

/// The named metrics that are unknown, each with what to say after its name (for commands that
/// go on without them, as `export` does).
pub fn unknown_with_hints(
    store: &Store,
    named: &[String],
) -> anyhow::Result<Vec<(String, String)>> {
    let known = known(store, &stored_metrics(store)?);
    Ok(named
        .iter()
        .filter(|n| known.binary_search(n).is_err())
        .map(|n| (n.clone(), hint(n, &known)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_names() {
        let known: Vec<String> = [
            "cpi-inflation",
            "nk-troops-in-russia",
            "personnel",
            "unemployment-rate",
        ]
        .map(String::from)
        .to_vec();
        for (typed, want) in [
            ("nk-troops", vec!["nk-troops-in-russia"]),
            ("personel", vec!["personnel"]),
            ("presonnel", vec!["personnel"]),
            ("cpi-inflaton", vec!["cpi-inflation"]),
            ("unemployment", vec!["unemployment-rate"]),
            ("nk-troops-in-rusia", vec!["nk-troops-in-russia"]),
            ("zzz", vec![]),
            ("gdp", vec![]),
        ] {
            assert_eq!(suggestions(typed, &known), want, "{typed}");
        }
    }

    #[test]
    fn hints_name_close_ids_or_what_there_is() {
        let known = vec!["personnel".to_string()];
        assert_eq!(hint("personel", &known), "; did you mean personnel?");
        assert!(hint("zzz", &known).contains("has 1 metric"));
        assert!(hint("zzz", &[]).contains("store is empty"));
    }
}
