//! Store defects of issue 14: damaged parts that make the decoder panic (D3), document ids
//! crafted so that giving a new document a unique id never ends (D5), a lost Delta log (D7),
//! an import killed between its catalog change and its commit (D8), parts changed on disk (D9),
//! documents too long to extract in bounded memory (D13), readers beside `compact` (D16), and
//! the messages for unreadable parts and full disks (D19). Every run of the binary is under a
//! timeout.
#![cfg(feature = "tracker")]

mod tracker_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;
use tracker_common::*;

/// Runs `cmd`, killing it after `secs` seconds (a failure: the run hung).
fn run_within(mut cmd: Command, secs: u64) -> Output {
    within(&mut cmd, Duration::from_secs(secs))
}

/// The only data file of a table folder.
fn only_file(table: &Path) -> PathBuf {
    let files = data_files(table);
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
}

/// The largest data file of a table folder.
fn largest_file(table: &Path) -> PathBuf {
    data_files(table)
        .into_iter()
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a data file")
}

/// A store made from the bundled samples.
fn sample_store(dir: &Path) -> PathBuf {
    let store = dir.join("st");
    let samples = at("data/samples");
    let mut cmd = figtrack(&store);
    cmd.args(["ingest", "-q"]).arg(&samples);
    let out = run_within(cmd, 120);
    assert!(out.status.success(), "{out:?}");
    store
}

/// D3: bit flips in the Arrow schema a part carries in its footer make polars panic
/// ("not yet implemented" for a type it does not know) instead of returning an error. The
/// store turns each into an error naming the part; the binary exits 1 without a backtrace.
#[test]
fn damaged_footer_is_an_error_naming_the_part() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    // A part named as another writer would name it (no content hash in the name), so that
    // the damage reaches the decoder instead of the hash check (D9).
    forget_hashes(&store);
    let part = only_file(&store.join("documents"));
    let good = std::fs::read(&part).unwrap();
    let key = b"ARROW:schema";
    let at_key = good
        .windows(key.len())
        .position(|w| w == key)
        .expect("the part carries its Arrow schema");
    // The base64 value follows the key (after a type byte and a length varint).
    let value = at_key + key.len() + 3;
    let mut decoder_failures = Vec::new();
    for offset in value..(value + 400).min(good.len() - 8) {
        for bit in [1, 4] {
            let mut bad = good.clone();
            bad[offset] ^= 1 << bit;
            std::fs::write(&part, &bad).unwrap();
            let opened = std::panic::catch_unwind(|| {
                figtrack::store::Store::open(&store).and_then(|s| {
                    s.collect(s.documents()?)?;
                    Ok(())
                })
            })
            .unwrap_or_else(|_| panic!("a panic escaped the store: byte {offset} bit {bit}"));
            if let Err(e) = opened {
                let e = format!("{e:#}");
                assert!(e.contains(&part.display().to_string()), "{e}");
                if e.contains("decoder failed") {
                    decoder_failures.push((offset, bit));
                }
            }
        }
    }
    let (offset, bit) = *decoder_failures
        .first()
        .expect("some flip reaches a decoder panic");
    let mut bad = good.clone();
    bad[offset] ^= 1 << bit;
    std::fs::write(&part, &bad).unwrap();
    let mut cmd = figtrack(&store);
    cmd.arg("series");
    let out = run_within(cmd, 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&part.display().to_string()), "{err}");
    assert!(err.contains("damaged part"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Renames every part of `store` as another Delta writer would name it, without figtrack's
/// content hash, in the files and in the log.
fn forget_hashes(store: &Path) {
    for sub in ["claims", "documents"] {
        let table = store.join(sub);
        let log = table.join("_delta_log");
        let mut renamed = Vec::new();
        for part in data_files(&table) {
            let name = part.file_name().unwrap().to_str().unwrap().to_string();
            let (plain, hash) = name.trim_end_matches(".parquet").rsplit_once('-').unwrap();
            assert_eq!(hash.len(), 32, "{name}");
            let plain = format!("{plain}.parquet");
            std::fs::rename(&part, part.with_file_name(&plain)).unwrap();
            renamed.push((name, plain));
        }
        for e in std::fs::read_dir(&log).unwrap() {
            let entry = e.unwrap().path();
            let mut text = std::fs::read_to_string(&entry).unwrap();
            for (name, plain) in &renamed {
                text = text.replace(name.as_str(), plain);
            }
            std::fs::write(&entry, text).unwrap();
        }
    }
}

/// D5: the store holds `x` and ids built from the content hash of the document that arrives
/// next as `x` (every prefix length, and a numbered one); ingest still ends, and stores it.
#[test]
fn crafted_document_ids_do_not_hang_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    let text = "The ministry said 4,200 families had been moved by Friday.\n";
    let h = figtrack::store::content_hash(text.as_bytes());
    let mut ids = vec!["x".to_string()];
    ids.extend((8..=32).step_by(4).map(|n| format!("x~{}", &h[..n])));
    // The numbered id the old rule fell back to: `x~HASH~N`, N the number of stored ids.
    ids.push(format!("x~{h}~{}", ids.len() + 1));
    let mut lines = String::new();
    for (n, id) in ids.iter().enumerate() {
        let rec = serde_json::json!({
            "id": id,
            "text": format!("Officials counted {} shelters in the north.\n", 10 + n),
            "published": "2024-03-01",
        });
        lines.push_str(&format!("{rec}\n"));
    }
    std::fs::write(dir.path().join("crafted.jsonl"), lines).unwrap();
    let rec = serde_json::json!({"id": "x", "text": text, "published": "2024-03-02"});
    std::fs::write(dir.path().join("next.jsonl"), format!("{rec}\n")).unwrap();
    for file in ["crafted.jsonl", "next.jsonl"] {
        let mut cmd = figtrack(&store);
        cmd.args(["ingest", "-q"]).arg(dir.path().join(file));
        let out = run_within(cmd, 60);
        assert!(out.status.success(), "{out:?}");
    }
    let claims = jsonl(&ok(&store, &["export", "claims", "-f", "jsonl"]));
    let new_doc = claims
        .iter()
        .find(|c| num(c, "value") == 4200.0)
        .and_then(|c| c["doc"].as_str())
        .expect("the new document's claim is stored");
    assert!(new_doc.starts_with("x~"), "{new_doc}");
    assert!(!ids.iter().any(|i| i == new_doc), "{new_doc} was taken");
}

/// Whether `strace` can trace here (installed, and ptrace allowed).
fn strace_works() -> bool {
    Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// D8: an import killed at each of its renames (its parts, the catalog) and at its first link
/// (Delta commits a version by linking its file into the log only if absent: on a new store
/// the table's creation, on a store with tables the claims commit) never leaves a catalog entry
/// without data, and importing the file again completes it. (strace counts calls per thread,
/// and each link runs on a thread of its own, so only the first link is reached.)
#[test]
fn import_killed_at_each_rename_keeps_catalog_and_data_together() {
    if !strace_works() {
        eprintln!("skipped: strace is not installed or cannot trace here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("deliveries.csv");
    std::fs::write(
        &csv,
        "day,trucks\n2024-05-01,40\n2024-05-02,46\n2024-05-04,51\n",
    )
    .unwrap();
    let other = dir.path().join("other.csv");
    std::fs::write(&other, "date,n\n2024-05-01,1\n").unwrap();
    let import = |store: &Path, kill_at: Option<(&str, usize)>| {
        let mut cmd = match kill_at {
            Some((calls, n)) => {
                let mut c = Command::new("strace");
                c.args(["-f", "-o", "/dev/null", "-e"])
                    .arg(format!("trace={calls}"))
                    .arg("-e")
                    .arg(format!("inject={calls}:signal=SIGKILL:when={n}"))
                    .arg(BIN)
                    .arg("--data")
                    .arg(store)
                    .env_remove("FIGTRACK_DATA");
                c
            }
            None => figtrack(store),
        };
        cmd.arg("import")
            .arg(&csv)
            .args(["--metric", "aid-trucks", "--date-field", "day"])
            .args(["--value-field", "trucks", "--cumulative"]);
        run_within(cmd, 60)
    };
    let state = |store: &Path| {
        let catalog = std::fs::read_to_string(store.join("metrics.toml")).unwrap_or_default();
        let entries = catalog.matches("\"aid-trucks\"").count();
        let claims = jsonl(&ok(store, &["export", "claims", "-f", "jsonl"]))
            .iter()
            .filter(|c| c["metric"] == "aid-trucks")
            .count();
        (entries, claims)
    };
    let renames = "rename,renameat,renameat2";
    let links = "link,linkat";
    let mut kills: Vec<(&str, usize, bool)> = (1..=6).map(|n| (renames, n, false)).collect();
    kills.extend([(links, 1, false), (links, 1, true)]);
    let mut killed = 0;
    for (i, &(calls, n, with_tables)) in kills.iter().enumerate() {
        let store = dir.path().join(format!("kill-{i}"));
        if with_tables {
            ok(
                &store,
                &[
                    "import",
                    other.to_str().unwrap(),
                    "--metric",
                    "m",
                    "--value-field",
                    "n",
                ],
            );
        }
        let out = import(&store, Some((calls, n)));
        if out.status.success() {
            continue;
        }
        killed += 1;
        let (entries, claims) = state(&store);
        assert!(
            entries == 0 || claims == 3,
            "killed at {calls} {n}: the catalog names the metric but {claims} claims are stored"
        );
        let again = import(&store, None);
        assert!(again.status.success(), "{again:?}");
        assert_eq!(
            state(&store),
            (1, 3),
            "after importing again (killed at {calls} {n})"
        );
    }
    assert!(
        killed >= 5,
        "the import renames its parts and the catalog, and links the log's versions"
    );
}

/// The data files of a store, by path, with their content.
fn part_files(store: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    ["claims", "documents"]
        .iter()
        .flat_map(|sub| data_files(&store.join(sub)))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// Runs figtrack on `store` with `args`, under a minute.
fn run_on(store: &Path, args: &[&str]) -> Output {
    let mut c = figtrack(store);
    c.args(args);
    run_within(c, 60)
}

/// D7: a table whose Delta log is lost is not an empty store: readers fail naming its data
/// files, and writers too, leaving every file as it was (never taking them for leftovers).
/// With the log in place, what a killed run left (figtrack's part names, a transaction no
/// commit reached) is removed by the next writer, and a Parquet file another program left in
/// the table (no version lists it) is ignored by readers and left alone.
#[test]
fn data_files_without_their_log_are_named_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let killed = store
        .join("claims")
        .join("as_of_month=2024-10")
        .join(format!(
            "part-9999999999999999-00000-{}.parquet",
            "0".repeat(32)
        ));
    std::fs::create_dir_all(killed.parent().unwrap()).unwrap();
    std::fs::write(&killed, b"half a part").unwrap();
    let other = store.join("claims").join("part-00000-from-spark.parquet");
    std::fs::write(&other, b"not listed by any version").unwrap();
    let before = ok(&store, &["export", "claims", "-f", "jsonl"]);
    let out = run_on(&store, &["compact"]);
    assert!(out.status.success(), "{out:?}");
    assert!(!killed.exists(), "a killed run's part is removed");
    assert_eq!(std::fs::read(&other).unwrap(), b"not listed by any version");
    assert_eq!(ok(&store, &["export", "claims", "-f", "jsonl"]), before);

    let parts = part_files(&store);
    let log = store.join("claims").join("_delta_log");
    let kept = dir.path().join("log");
    std::fs::rename(&log, &kept).unwrap();
    for args in [vec!["series"], vec!["compact"], vec!["export", "claims"]] {
        let out = run_on(&store, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("no Delta log"), "{err}");
        for p in parts.keys().filter(|p| p.starts_with(store.join("claims"))) {
            assert!(err.contains(&p.display().to_string()), "{err}");
        }
    }
    assert_eq!(part_files(&store), parts, "nothing was moved or deleted");
    std::fs::rename(&kept, &log).unwrap();
    assert_eq!(ok(&store, &["export", "claims", "-f", "jsonl"]), before);
}

/// D16: readers running while `compact` rewrites the files again and again never report
/// damage: a compaction commits a version that removes the old files from the table, and
/// leaves them on disk for the versions before it.
#[test]
fn readers_beside_compact_never_see_false_damage() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let done = std::sync::Arc::new(AtomicBool::new(false));
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let (store, done) = (store.clone(), done.clone());
            std::thread::spawn(move || {
                let mut failures = Vec::new();
                let mut reads = 0;
                while !done.load(Ordering::SeqCst) {
                    let mut cmd = figtrack(&store);
                    cmd.args(["series", "-f", "jsonl"]);
                    let out = run_within(cmd, 60);
                    reads += 1;
                    if !out.status.success() || !out.stderr.is_empty() {
                        failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                    }
                }
                (reads, failures)
            })
        })
        .collect();
    for day in 1..=8 {
        let doc = dir.path().join(format!("d{day}.md"));
        std::fs::write(
            &doc,
            format!("---\npublished: 2024-05-{day:02}\n---\nAbout {day}0 buses arrived.\n"),
        )
        .unwrap();
        for args in [vec!["ingest", "-q", doc.to_str().unwrap()], vec!["compact"]] {
            let mut cmd = figtrack(&store);
            cmd.args(&args);
            let out = run_within(cmd, 120);
            assert!(out.status.success(), "{out:?}");
        }
    }
    done.store(true, Ordering::SeqCst);
    let mut total = 0;
    for r in readers {
        let (reads, failures) = r.join().unwrap();
        assert!(failures.is_empty(), "{failures:#?}");
        total += reads;
    }
    assert!(total >= 4, "only {total} reads ran beside compaction");
    // One file per month and one of documents now; the first version still reads.
    let months: std::collections::BTreeSet<PathBuf> = live_files(&store, "claims")
        .iter()
        .map(|p| p.parent().unwrap().to_path_buf())
        .collect();
    assert_eq!(live_files(&store, "claims").len(), months.len());
    assert_eq!(live_files(&store, "documents").len(), 1);
    let first = ok(
        &store,
        &["export", "claims", "-f", "jsonl", "--as-known", "1"],
    );
    assert!(!first.contains("buses"), "{first}");
}

/// D9: every bit flip in a part, at offsets spread over the whole file, is reported as
/// damage naming the part (its content hash no longer matches the one its name carries): no
/// flip changes a value silently. A part without a hash in its name (another writer's) still
/// reads.
#[test]
fn every_bit_flip_in_a_part_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let part = largest_file(&store.join("claims"));
    let good = std::fs::read(&part).unwrap();
    let step = (good.len() / 150).max(1);
    let mut flips = 0;
    for offset in (0..good.len()).step_by(step) {
        let mut bad = good.clone();
        bad[offset] ^= 1 << (offset % 8);
        std::fs::write(&part, &bad).unwrap();
        let err = figtrack::store::Store::open(&store)
            .and_then(|s| {
                s.collect(s.claims()?)?;
                Ok(())
            })
            .expect_err("a flipped bit is damage");
        let msg = format!("{err:#}");
        assert!(
            msg.contains(&format!("{}: damaged part", part.display())),
            "offset {offset}: {msg}"
        );
        flips += 1;
    }
    assert!(flips >= 150);
    std::fs::write(&part, &good).unwrap();
    let before = ok(&store, &["export", "claims", "-f", "jsonl"]);
    forget_hashes(&store);
    assert_eq!(ok(&store, &["export", "claims", "-f", "jsonl"]), before);
}

/// D19: a part the user may not read is "permission denied" with its name (not "not
/// readable Parquet"). Run as an unprivileged user, since root reads it anyway; skipped with
/// a message where `setpriv` is missing or the user cannot run the binary.
#[test]
fn an_unreadable_part_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let part = largest_file(&store.join("claims"));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&part, std::fs::Permissions::from_mode(0o000)).unwrap();
    let as_nobody = |args: &[&str]| {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            BIN,
            "--data",
        ])
        .arg(&store)
        .args(args)
        .env_remove("FIGTRACK_DATA");
        cmd
    };
    let probe = as_nobody(&["--version"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: cannot run figtrack as user 65534 (setpriv)");
        return;
    }
    let out = run_within(as_nobody(&["series"]), 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "{}: cannot read: permission denied",
            part.display()
        )),
        "{err}"
    );
}

/// D19: a part written to a full disk names the file and says the disk is full (here the
/// full device, written through as every non-regular path is).
#[test]
fn a_full_disk_names_the_part() {
    use polars::prelude::*;
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let mut df = df!("metric" => ["a"; 5000], "value" => [1.5f64; 5000]).unwrap();
    let err = figtrack::store::write_parquet(full, &mut df).expect_err("the disk is full");
    let msg = format!("{err:#}");
    assert!(msg.contains("/dev/full"), "{msg}");
    assert!(msg.contains("the disk is full"), "{msg}");
}

/// A write that fails while later documents are still being read and extracted (the writer
/// runs on a thread of its own) stops the run with an error naming the path, and leaves the
/// store exactly as it was: no claim, no document, no file of the run.
#[test]
fn a_write_failing_mid_run_names_the_path_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("st");
    let samples = at("data/samples");
    let mut first = figtrack(&store);
    first
        .args(["ingest", "-q"])
        .arg(samples.join("2024-02-24-anniversary-kharkiv-town.txt"));
    assert!(run_within(first, 120).status.success());
    // A file where the run must create the folder of a month's claims.
    let blocker = store.join("claims").join("as_of_month=2024-10");
    std::fs::write(&blocker, "not a folder").unwrap();
    let before = snapshot(&store);
    let mut second = figtrack(&store);
    second.args(["ingest", "-q"]).arg(&samples);
    let out = run_within(second, 120);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(&blocker.display().to_string()), "{err}");
    assert_eq!(snapshot(&store), before, "{err}");
}
