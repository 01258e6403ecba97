//! `figtrack import FILE --metric ID [--date-field F] [--value-field F]... [--all-fields]
//!                  [--exclude F]... [--source S] [--cumulative] [--unit U] [--label L]
//!                  [--bound-field F] [--date-format FORMAT]`
//!
//! Imports an existing series from CSV (a header row) or JSON (an array of records; `.jsonl`:
//! one record per line). Each record gives a date (`--date-field`, default `date`; see
//! [`DateReader`] for the forms read, `--date-format` for any other) and values:
//! - `--value-field F`: the values of field F make metric ID;
//! - several `--value-field`, or `--all-fields` (every field but the date, the `--exclude`d ones
//!   and those holding text), make one metric per field, `ID-FIELD` (`--metric ru-losses
//!   --all-fields --exclude day` gives ru-losses-tank, ru-losses-apc, ...).
//!
//! Records without a value are skipped and counted in one warning per field; a value that is not
//! a number, or a date that does not parse, is an error naming the file and the record (JSON:
//! its position in the array, from 1; CSV: its line), and nothing is stored. Rows become claims
//! of document FILE-STEM, attributed to `--source`, with a stable claim id per (metric, date,
//! source): importing again adds only what is new, and a changed value is stored as a revision
//! that replaces the old one. Metrics not in the catalog are added to metrics.toml
//! (`cumulative = true` with `--cumulative`: a running total, whose falls `series` reports as
//! anomalies). `--bound-field F` reads each value's bound from field F: "about" -> ~, "more" or
//! "over" -> >, "at least" -> >=, "less" or "under" -> <, "up to" -> <=.

use crate::import::{DateReader, Plan, number, read_records};
use crate::metrics::{Catalog, MetricDef, slug};
use crate::store::{self, DocRecord, Writer};
use anyhow::{Context, bail};
use polars::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CSV file with a header row, a JSON array of records, or JSON lines.
    pub file: PathBuf,
    /// Metric id (with several value fields: the prefix of each field's metric id).
    #[arg(long)]
    pub metric: String,
    /// The field holding the date (YYYY-MM-DD or another common form).
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// How the dates are written, as strftime (%d/%m/%Y, %m/%d/%Y, %d.%m.%y ...) [default:
    /// ISO and common forms; day and month in the order the file shows].
    #[arg(long, value_name = "FORMAT")]
    pub date_format: Option<String>,
    /// A field holding values (repeat for several metrics).
    #[arg(long)]
    pub value_field: Vec<String>,
    /// Every numeric field but the date and the excluded ones is a metric.
    #[arg(long, conflicts_with = "value_field")]
    pub all_fields: bool,
    /// A field to leave out with --all-fields (repeatable).
    #[arg(long, requires = "all_fields")]
    pub exclude: Vec<String>,
    /// Who publishes the figures (the claims' attribution).
    #[arg(long)]
    pub source: Option<String>,
    /// The metrics are running totals that should never fall.
    #[arg(long)]
    pub cumulative: bool,
    /// Unit of the values (e.g. "troop", "dollar", "percentage").
    #[arg(long)]
    pub unit: Option<String>,
    /// Label of the metric in the catalog [default: the field name].
    #[arg(long)]
    pub label: Option<String>,
    /// A field holding each value's bound ("about", "more", ...).
    #[arg(long)]
    pub bound_field: Option<String>,
}

pub fn run(data: &Path, args: Args) -> anyhow::Result<ExitCode> {
    let shown = args.file.display().to_string();
    if !crate::metrics::valid_id(&args.metric) {
        bail!(
            "--metric {:?}: use lower-case letters, digits, '-', '_' and '.'",
            args.metric
        );
    }
    if args.value_field.is_empty() && !args.all_fields {
        bail!("say which field holds the values: --value-field FIELD (repeatable) or --all-fields");
    }
    let (records, header) = read_records(&args.file)?;
    if records.is_empty() {
        bail!("{shown}: no records");
    }
    // The fields that exist somewhere in the file.
    let mut present: Vec<String> = match &header {
        Some(h) => h.clone(),
        None => Vec::new(),
    };
    if header.is_none() {
        for r in &records {
            for k in r.fields.keys() {
                if !present.contains(k) {
                    present.push(k.clone());
                }
            }
        }
    }
    let missing = |f: &str| !present.iter().any(|p| p == f);
    let columns = present.join(", ");
    if missing(&args.date_field) {
        bail!(
            "{shown}: no field {:?} for the dates (fields: {columns}); name it with --date-field",
            args.date_field
        );
    }
    if let Some(b) = &args.bound_field
        && missing(b)
    {
        bail!("{shown}: no field {b:?} (fields: {columns})");
    }
    for f in args.value_field.iter().chain(&args.exclude) {
        if missing(f) {
            bail!("{shown}: no field {f:?} (fields: {columns})");
        }
    }
    let fields: Vec<String> = if args.all_fields {
        let mut text_fields = Vec::new();
        let mut chosen = Vec::new();
        for f in &present {
            if f == &args.date_field
                || args.exclude.contains(f)
                || args.bound_field.as_ref() == Some(f)
            {
                continue;
            }
            let first = records
                .iter()
                .find_map(|r| r.fields.get(f).filter(|v| !v.is_null()));
            match first.map(number) {
                Some(Some(_)) => chosen.push(f.clone()),
                Some(None) => text_fields.push(f.clone()),
                None => {}
            }
        }
        if !text_fields.is_empty() {
            eprintln!(
                "figtrack: note: {shown}: fields holding text not imported: {}",
                text_fields.join(", ")
            );
        }
        if chosen.is_empty() {
            bail!("{shown}: no numeric field to import (fields: {columns})");
        }
        chosen
    } else {
        args.value_field.clone()
    };
    let single = fields.len() == 1 && !args.all_fields;
    let metric_of = |f: &str| {
        if single {
            args.metric.clone()
        } else {
            format!("{}-{}", args.metric, slug(f))
        }
    };
    let source = args.source.clone();
    let doc = args
        .file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("import")
        .to_string();
    // Claims quote the file by name: the path given on the command line depends on where it ran.
    let file_name = args
        .file
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());

    let dates = DateReader::for_file(
        &shown,
        args.date_format.as_deref(),
        &args.date_field,
        &records,
    )?;
    let metrics: Vec<String> = fields.iter().map(|f| metric_of(f)).collect();
    // Parse everything before touching the store.
    let plan = Plan {
        shown: &shown,
        file_name: &file_name,
        doc: &doc,
        date_field: &args.date_field,
        bound_field: args.bound_field.as_deref(),
        fields: &fields,
        metrics: &metrics,
        unit: args.unit.as_deref(),
        source: source.as_deref(),
    };
    let (mut claims, skipped) = plan.claims(&records, &dates)?;
    if !skipped.is_empty() {
        let total: usize = skipped.values().map(|(n, _)| n).sum();
        let each: Vec<String> = skipped
            .iter()
            .map(|(f, (n, first))| format!("{n} without {f:?} (first at {first})"))
            .collect();
        eprintln!(
            "figtrack: warning: {shown}: {total} value(s) missing, skipped: {}",
            each.join(", ")
        );
    }

    let mut writer = Writer::open(data, "import")?;
    writer.store.warn_foreign();
    let store = writer.store.clone();
    // What the store already has for these metrics.
    let existing = store.collect(
        store
            .claims_where(Some(crate::series::any_of("metric", &metrics)))?
            .select([col("claim_id"), col("value"), col("bound")]),
    )?;
    let mut have: HashMap<String, (f64, String)> = HashMap::new();
    let ids = existing.column("claim_id")?.str()?;
    let values = existing.column("value")?.f64()?;
    let bounds = existing.column("bound")?.str()?;
    for i in 0..existing.height() {
        if let (Some(id), Some(v)) = (ids.get(i), values.get(i)) {
            have.insert(
                id.to_string(),
                (v, bounds.get(i).unwrap_or("=").to_string()),
            );
        }
    }
    let total = claims.len();
    let mut revised = 0;
    claims.retain(|c| match have.get(&c.claim.claim_id) {
        None => true,
        Some((v, b)) if *v == c.claim.value && b == c.claim.bound.symbol() => false,
        Some(_) => {
            revised += 1;
            true
        }
    });
    let unchanged = total - claims.len();

    // Catalog entries for new metrics.
    let catalog_path = crate::metrics::catalog_path(data);
    let mut catalog_text = match std::fs::read_to_string(&catalog_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("{}: cannot read", catalog_path.display()));
        }
    };
    let mut added = Vec::new();
    for (f, m) in fields.iter().zip(&metrics) {
        match store.catalog.get(m) {
            Some(def) => {
                if args.cumulative && !def.cumulative {
                    eprintln!(
                        "figtrack: warning: metric {m:?} is in {} with cumulative = false; edit it there to flag its falls",
                        catalog_path.display()
                    );
                }
            }
            None => {
                let def = MetricDef {
                    id: m.clone(),
                    label: Some(
                        args.label
                            .clone()
                            .filter(|_| single)
                            .unwrap_or_else(|| f.clone()),
                    ),
                    unit: args.unit.clone(),
                    kind: None,
                    cumulative: args.cumulative,
                    change: false,
                    phrases: Vec::new(),
                    exclude: Vec::new(),
                };
                catalog_text = Catalog::append_text(&catalog_text, &def)?;
                added.push(m.clone());
            }
        }
    }
    if !claims.is_empty() {
        let hash = store::content_hash(&std::fs::read(&args.file)?);
        let stored = store.collect(store.documents()?.select([col("id"), col("content_hash")]))?;
        let owners: HashMap<&str, &str> = stored
            .column("id")?
            .str()?
            .iter()
            .zip(stored.column("content_hash")?.str()?.iter())
            .filter_map(|(i, h)| Some((i?, h?)))
            .collect();
        let known = store.collect(
            store
                .documents()?
                .filter(col("content_hash").eq(lit(hash.as_str())))
                .select([col("id")]),
        )?;
        let doc = store::unique_doc_id(&doc, &hash, |c| owners.get(c).is_some_and(|h| *h != hash));
        for c in &mut claims {
            c.claim.doc.clone_from(&doc);
        }
        if revised > 0 {
            writer.set_revises();
        }
        writer.write_claims(&mut store::claims_frame(&claims)?)?;
        if known.height() == 0 {
            writer.write_documents(&mut store::documents_frame(&[DocRecord {
                id: doc.clone(),
                content_hash: hash,
                published: None,
                source: source.clone(),
                url: None,
                title: args
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned()),
                claims: claims.len() as u32,
            }])?)?;
        }
    }
    // The catalog entries follow the data commit (under the same lock): a run killed between
    // the two leaves data without an entry, which the next import of the file adds, never an
    // entry without data.
    if !added.is_empty() {
        Catalog::parse(&catalog_text).with_context(|| {
            format!(
                "{}: the updated catalog does not parse",
                catalog_path.display()
            )
        })?;
    }
    writer.commit_then(|| {
        if added.is_empty() {
            return Ok(());
        }
        crate::files::write_with(&catalog_path, |f| {
            use std::io::Write;
            f.write_all(catalog_text.as_bytes())?;
            Ok(())
        })
    })?;
    eprintln!(
        "figtrack: imported {} value(s) of {} metric(s) from {shown}: {} new, {revised} revised, {unchanged} unchanged{}",
        claims.len(),
        metrics.len(),
        claims.len() - revised,
        if added.is_empty() {
            String::new()
        } else {
            format!("; added {} to {}", added.join(", "), catalog_path.display())
        }
    );
    Ok(ExitCode::SUCCESS)
}
