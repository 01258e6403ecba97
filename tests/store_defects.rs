//! Store defects of issue 14: damaged parts that make the decoder panic (D3), document ids
//! crafted so that giving a new document a unique id never ends (D5), lost commit records (D7),
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

/// The only file in `dir`.
fn only_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files.into_iter().next().unwrap()
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
    // A record without content hashes (as written before they were kept), so that the damage
    // reaches the decoder instead of the hash check (D9).
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

/// Removes the content hashes from every commit record of `store`.
fn forget_hashes(store: &Path) {
    for e in std::fs::read_dir(store.join("commits")).unwrap() {
        let commit = e.unwrap().path();
        let mut record: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&commit).unwrap()).unwrap();
        assert!(record["hashes"].as_object().is_some_and(|h| !h.is_empty()));
        record.as_object_mut().unwrap().remove("hashes");
        std::fs::write(&commit, serde_json::to_vec(&record).unwrap()).unwrap();
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

/// D8: an import killed at each of its renames (the parts, the commit record, the catalog)
/// never leaves a catalog entry without data, and importing the file again completes it.
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
    let import = |store: &Path, kill_at: Option<usize>| {
        let mut cmd = match kill_at {
            Some(n) => {
                let mut c = Command::new("strace");
                let calls = "rename,renameat,renameat2";
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
        let claims = jsonl(&ok(store, &["export", "claims", "-f", "jsonl"])).len();
        (entries, claims)
    };
    let mut killed = 0;
    for n in 1..=8 {
        let store = dir.path().join(format!("kill-{n}"));
        let out = import(&store, Some(n));
        if out.status.success() {
            break;
        }
        killed += 1;
        let (entries, claims) = state(&store);
        assert!(
            entries == 0 || claims == 3,
            "killed at rename {n}: the catalog names the metric but {claims} claims are stored"
        );
        let again = import(&store, None);
        assert!(again.status.success(), "{again:?}");
        assert_eq!(
            state(&store),
            (1, 3),
            "after importing again (killed at {n})"
        );
    }
    assert!(
        killed >= 4,
        "the import renames its parts, its commit and the catalog"
    );
}

/// D13: a figure-dense document over the size limit is skipped with an error naming the file
/// (and the JSONL line), exit 2, before any extraction; the other documents are read.
#[test]
fn documents_over_the_size_limit_are_skipped_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let limit = figtrack::input::MAX_DOCUMENT_BYTES;
    let dense = "crews cleared 120 homes, 45 roads and 8 bridges, ".repeat(limit / 48 + 1);
    assert!(dense.len() > limit);
    let big = dir.path().join("dense.txt");
    std::fs::write(&big, &dense).unwrap();
    let small = serde_json::json!({"id": "small", "text": "Crews cleared 120 homes.", "published": "2024-06-01"});
    let huge = serde_json::json!({"id": "huge", "text": dense});
    let lines = dir.path().join("mixed.jsonl");
    std::fs::write(&lines, format!("{huge}\n{small}\n")).unwrap();
    let mut cmd = Command::new(BIN);
    cmd.args(["extract", "-f", "jsonl"]).arg(&big).arg(&lines);
    let out = run_within(cmd, 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{}: document of", big.display())),
        "{err}"
    );
    assert!(
        err.contains(&format!("{}:1: document of", lines.display())),
        "{err}"
    );
    let claims = jsonl(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["doc"], "small");
    let store = dir.path().join("st");
    let mut cmd = figtrack(&store);
    cmd.args(["ingest", "-q"]).arg(&big);
    let out = run_within(cmd, 60);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("{}: document of", big.display())),
        "{err}"
    );
    assert_eq!(ok(&store, &["export", "claims", "-f", "jsonl"]).trim(), "");
}

/// The part files of a store, by path, with their content.
fn part_files(store: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for sub in ["claims", "documents"] {
        for e in std::fs::read_dir(store.join(sub)).unwrap() {
            let p = e.unwrap().path();
            out.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
    out
}

/// D7: parts whose commit records are lost are accounted for by nothing. Readers name them:
/// with a warning beside the runs still recorded, with an error when no record is left (not an
/// empty store, exit 0). The next writer (here `compact`) moves them to `orphans/` (byte for
/// byte) and says so, and never deletes them; the parts of a run that marked itself begun and never committed
/// are still removed as leftovers.
#[test]
fn parts_of_lost_commit_records_are_named_and_moved_aside_never_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let first_run = part_files(&store);
    assert_eq!(first_run.len(), 2);
    let first_commit = only_file(&store.join("commits"));
    let doc = |name: &str, day: &str, n: u32| {
        let p = dir.path().join(name);
        std::fs::write(
            &p,
            format!("---\npublished: {day}\n---\nAbout {n} buses arrived at the depot.\n"),
        )
        .unwrap();
        p
    };
    let ingest = |p: &Path| {
        let mut cmd = figtrack(&store);
        cmd.args(["ingest", "-q"]).arg(p);
        let out = run_within(cmd, 60);
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    ingest(&doc("b.md", "2024-05-01", 40));
    let parts = part_files(&store);
    std::fs::remove_file(&first_commit).unwrap();
    let out = run_within(
        {
            let mut c = figtrack(&store);
            c.args(["series", "-f", "jsonl"]);
            c
        },
        60,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("bus"));
    for p in first_run.keys() {
        assert!(
            err.contains(&format!("{}: a part that no commit record", p.display())),
            "{err}"
        );
    }
    for e in std::fs::read_dir(store.join("commits")).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    let out = run_within(
        {
            let mut c = figtrack(&store);
            c.arg("series");
            c
        },
        60,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no commit record, but 4 part(s)"), "{err}");
    for p in parts.keys() {
        assert!(err.contains(&p.display().to_string()), "{err}");
    }
    // A killed run: its marker and a part; the next writer removes both.
    let killed = "0000000000000007";
    std::fs::write(
        store.join("commits").join(format!("{killed}.pending")),
        "ingest\n",
    )
    .unwrap();
    let leftover = store
        .join("claims")
        .join(format!("part-{killed}-00000.parquet"));
    std::fs::write(&leftover, b"half a part").unwrap();
    let out = run_within(
        {
            let mut c = figtrack(&store);
            c.arg("compact");
            c
        },
        60,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(!leftover.exists(), "a killed run's part is removed");
    for (p, bytes) in &parts {
        let sub = p.parent().unwrap().file_name().unwrap();
        let moved = store.join("orphans").join(sub).join(p.file_name().unwrap());
        assert!(
            err.contains(&format!("{}: no commit record", p.display())),
            "{err}"
        );
        assert!(err.contains(&moved.display().to_string()), "{err}");
        assert_eq!(
            &std::fs::read(&moved).unwrap(),
            bytes,
            "{}",
            moved.display()
        );
        assert!(!p.exists());
    }
    ingest(&doc("c.md", "2024-05-02", 50));
    let out = ok(&store, &["export", "claims", "-f", "jsonl"]);
    assert_eq!(jsonl(&out).len(), 1, "{out}");
}

/// D16: readers running while `compact` replaces the parts again and again never report
/// damage: a reader holds the readers' lock, so compaction leaves the parts it reads.
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
    // Once no reader runs, the next writer removes what compaction kept.
    let out = run_within(
        {
            let mut c = figtrack(&store);
            c.arg("compact");
            c
        },
        120,
    );
    assert!(out.status.success(), "{out:?}");
    let out = run_within(
        {
            let mut c = figtrack(&store);
            c.arg("compact");
            c
        },
        120,
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        part_files(&store).len(),
        2,
        "one claims and one documents part"
    );
}

/// D9: every bit flip in a part, at offsets spread over the whole file, is reported as
/// damage naming the part (its content hash no longer matches its commit record): no flip
/// changes a value silently. A record written before hashes were kept still reads.
#[test]
fn every_bit_flip_in_a_part_is_reported_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let store = sample_store(dir.path());
    let part = only_file(&store.join("claims"));
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
    let part = only_file(&store.join("claims"));
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
