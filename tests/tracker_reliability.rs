//! Reliability: ingests killed at random moments, concurrent ingests, and bad inputs that must
//! fail clearly and leave the store as it was.
#![cfg(feature = "tracker")]

mod tracker_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tracker_common::*;

/// The bundled sample texts (front matter removed), to build inputs from.
fn sample_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(at("data/samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        let mut parts = text.splitn(3, "---\n");
        let (front, body) = match (parts.next(), parts.next(), parts.next()) {
            (Some(""), Some(front), Some(body)) => (front.to_string(), body.to_string()),
            _ => (String::new(), text.clone()),
        };
        let published = front
            .lines()
            .find_map(|l| l.strip_prefix("published: "))
            .unwrap_or("2024-01-01")
            .to_string();
        out.push((published, body));
    }
    out
}

/// Letters only, so the marker adds no figure.
fn letters(mut n: usize) -> String {
    let mut s = String::new();
    loop {
        s.push((b'a' + (n % 26) as u8) as char);
        n /= 26;
        if n == 0 {
            return s;
        }
    }
}

/// A JSONL file of `copies` copies of every sample, with ids `{tag}-{n}` and a marker paragraph
/// that makes each text unique.
fn jsonl_input(dir: &Path, tag: &str, copies: usize) -> PathBuf {
    let samples = sample_texts();
    let mut out = String::new();
    let mut n = 0;
    for c in 0..copies {
        for (published, body) in &samples {
            let text = format!(
                "{body}\nReference {} {}.\n",
                letters(c),
                tag.replace('-', " ")
            );
            let rec = serde_json::json!({
                "id": format!("{tag}-{n}"),
                "text": text,
                "published": published,
                "source": "Test Wire",
            });
            out.push_str(&rec.to_string());
            out.push('\n');
            n += 1;
        }
    }
    let path = dir.join(format!("{tag}.jsonl"));
    std::fs::write(&path, out).unwrap();
    path
}

/// Claims the extractor finds in a file, with their dated previous values (what a finished
/// ingest stores).
fn expected_claims(path: &Path) -> usize {
    let out = within(
        std::process::Command::new(BIN)
            .args(["extract", "--format", "jsonl"])
            .arg(path),
        LIMIT,
    );
    assert!(out.status.success());
    // A dated previous value ("up from $3.29 a month earlier") is stored as an observation too.
    let claims = jsonl(&String::from_utf8(out.stdout).unwrap());
    let dated_previous = claims
        .iter()
        .filter(|c| !c["previous"].is_null() && !c["previous_as_of"].is_null())
        .count();
    claims.len() + dated_previous
}

/// Claims in the store per ingest tag (the doc id before its last '-').
fn stored_by_tag(store: &Path) -> BTreeMap<String, usize> {
    let claims = jsonl(&ok(store, &["export", "claims", "--format", "jsonl"]));
    let mut ids = std::collections::HashSet::new();
    let mut out = BTreeMap::new();
    for c in &claims {
        assert!(
            ids.insert(c["claim_id"].as_str().unwrap().to_string()),
            "claim stored twice: {c}"
        );
        let doc = c["doc"].as_str().unwrap();
        let tag = doc.rsplit_once('-').map_or(doc, |(t, _)| t);
        *out.entry(tag.to_string()).or_default() += 1;
    }
    out
}

/// A small xorshift generator, seeded from the clock (printed, to replay a failure).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn killed_ingests_leave_exactly_the_finished_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let seed = std::env::var("FIGTRACK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    eprintln!("kill test seed: {seed} (FIGTRACK_KILL_SEED={seed} replays it)");
    let mut rng = Rng(seed);

    // How long an ingest takes here, to spread the kills over it.
    let first = jsonl_input(tmp.path(), "k-first", 2);
    let t = Instant::now();
    ok(
        &store,
        &[
            "ingest",
            "-q",
            "--batch-bytes",
            "4000",
            first.to_str().unwrap(),
        ],
    );
    let span = t.elapsed().as_micros().max(1000) as u64;
    eprintln!("an ingest takes {span} us");
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    expected.insert("k-first".into(), expected_claims(&first));
    assert_eq!(stored_by_tag(&store), expected);

    let per_file = expected["k-first"];
    let mut finished = 0;
    let mut killed = 0;
    for i in 0..50 {
        let tag = format!("k{i}");
        let input = jsonl_input(tmp.path(), &tag, 2);
        let mut child = figtrack(&store)
            .args(["ingest", "-q", "--batch-bytes", "4000"])
            .arg(&input)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let delay = rng.next() % (span * 2);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let by_tag = stored_by_tag(&store);
        let got = by_tag.get(&tag).copied().unwrap_or(0);
        // All of the run, or nothing of it: the kill may land after its commit.
        if status.success() || got > 0 {
            assert_eq!(
                got, per_file,
                "run {i} (killed after {delay} us, {status}) left {got} of {per_file} claims"
            );
            expected.insert(tag.clone(), got);
            finished += 1;
        } else {
            killed += 1;
        }
        assert_eq!(by_tag, expected, "after run {i} (killed after {delay} us)");
        std::fs::remove_file(&input).unwrap();
    }
    eprintln!("{finished} finished, {killed} killed before their commit");
    assert!(killed > 0, "no run was killed before its commit");
    // What the killed runs left behind is invisible and goes at the next write.
    let last = jsonl_input(tmp.path(), "k-last", 1);
    ok(&store, &["ingest", "-q", last.to_str().unwrap()]);
    for sub in ["claims", "documents"] {
        let on_disk = snapshot(&store.join(sub));
        for name in on_disk.keys() {
            assert!(!name.contains(".tmp-"), "{sub}/{name} left behind");
        }
        // Every data file on disk is one the table lists: nothing of a killed run is left.
        assert_eq!(
            data_files(&store.join(sub)),
            live_files(&store, sub),
            "{sub}"
        );
    }
}

#[test]
fn concurrent_ingests_lose_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    let inputs: Vec<PathBuf> = (0..4)
        .map(|i| jsonl_input(tmp.path(), &format!("c{i}"), 2))
        .collect();
    let children: Vec<_> = inputs
        .iter()
        .map(|p| {
            let (store, p) = (store.clone(), p.clone());
            std::thread::spawn(move || {
                within(
                    figtrack(&store)
                        .args(["ingest", "-q", "--batch-bytes", "8000"])
                        .arg(&p),
                    LIMIT,
                )
            })
        })
        .collect();
    for c in children {
        let out = c.join().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let want: BTreeMap<String, usize> = inputs
        .iter()
        .enumerate()
        .map(|(i, p)| (format!("c{i}"), expected_claims(p)))
        .collect();
    assert_eq!(stored_by_tag(&store), want);
    // The table's creation, then one version per run.
    let store_now = figtrack::store::Store::open(&store).unwrap();
    assert_eq!(store_now.version(), Some(4));
}

/// Runs a command that must fail, leave the store as it was, and name `names` in its error.
fn rejected(store: &Path, args: &[&str], names: &[&str]) {
    let before = snapshot(store);
    let err = fails(store, args);
    for n in names {
        assert!(
            err.contains(n),
            "figtrack {args:?}: the error does not name {n:?}:\n{err}"
        );
    }
    assert_eq!(
        snapshot(store),
        before,
        "figtrack {args:?} changed the store"
    );
}

#[test]
fn bad_inputs_fail_clearly_and_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = store_with_catalog(dir);
    let nk = at("data/samples/2024-10-18-nk-troops-first-reports.md");
    ok(&store, &["ingest", "-q", nk.to_str().unwrap()]);

    // A missing store, for every reading command.
    let missing = dir.join("no-store");
    for cmd in [
        vec!["series"],
        vec!["metrics"],
        vec!["export", "claims"],
        vec!["diff", nk.to_str().unwrap()],
    ] {
        let err = fails(&missing, &cmd);
        assert!(
            err.contains("no-store") && err.contains("no store"),
            "{err}"
        );
    }
    // A store that cannot be written: its folder is a file, or read-only.
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let err = fails(&file.join("store"), &["ingest", nk.to_str().unwrap()]);
    assert!(err.contains("a-file"), "{err}");
    let ro = dir.join("read-only");
    std::fs::create_dir_all(&ro).unwrap();
    let mut perm = std::fs::metadata(&ro).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o555);
    std::fs::set_permissions(&ro, perm).unwrap();
    if std::fs::write(ro.join("probe"), "x").is_err() {
        // (Skipped as root, who writes anywhere.)
        rejected(&ro, &["ingest", nk.to_str().unwrap()], &["read-only"]);
    }

    // Dates that do not parse: in front matter (named with its line), and in an import.
    rejected(
        &store,
        &["ingest", at("tests/fixtures/bad-date.md").to_str().unwrap()],
        &["bad-date.md:3", "next tuesday-ish", "nothing was stored"],
    );
    let bad_date = dir.join("bad-date.csv");
    std::fs::write(&bad_date, "date,n\n2024-01-01,5\n2024-31-01,6\n").unwrap();
    rejected(
        &store,
        &[
            "import",
            bad_date.to_str().unwrap(),
            "--metric",
            "m",
            "--value-field",
            "n",
        ],
        &["bad-date.csv", "line 3", "2024-31-01"],
    );
    // A CSV without the named column, and one with a value that is not a number.
    let csv = dir.join("losses.csv");
    std::fs::write(&csv, "date,tanks\n2024-01-01,5\n2024-01-02,six\n").unwrap();
    rejected(
        &store,
        &[
            "import",
            csv.to_str().unwrap(),
            "--metric",
            "m",
            "--value-field",
            "planes",
        ],
        &["losses.csv", "\"planes\"", "tanks"],
    );
    rejected(
        &store,
        &[
            "import",
            csv.to_str().unwrap(),
            "--metric",
            "m",
            "--value-field",
            "tanks",
        ],
        &["losses.csv", "line 3", "six", "not a number"],
    );
    rejected(
        &store,
        &[
            "import",
            csv.to_str().unwrap(),
            "--metric",
            "m",
            "--value-field",
            "tanks",
            "--date-field",
            "day",
        ],
        &["losses.csv", "\"day\""],
    );
    // A header naming a column twice: which cell is the value would be a guess.
    let twice = dir.join("twice.csv");
    std::fs::write(&twice, "date,tanks,note,tanks\n2024-01-01,5,x,6\n").unwrap();
    rejected(
        &store,
        &[
            "import",
            twice.to_str().unwrap(),
            "--metric",
            "m",
            "--value-field",
            "tanks",
        ],
        &["twice.csv", "\"tanks\" twice", "columns 2 and 4"],
    );
    let json = dir.join("losses.json");
    std::fs::write(
        &json,
        r#"[{"date": "2024-01-01", "n": 1}, {"date": "2024-01-02", "n": "many"}]"#,
    )
    .unwrap();
    rejected(
        &store,
        &[
            "import",
            json.to_str().unwrap(),
            "--metric",
            "m",
            "--value-field",
            "n",
        ],
        &["losses.json", "record 2", "many"],
    );

    // A catalog with a TOML error: every command names the file and the line.
    let catalog = store.join("metrics.toml");
    let good = std::fs::read_to_string(&catalog).unwrap();
    std::fs::write(
        &catalog,
        format!("{good}\n[[metric]]\nid = \"broken\nunit = \"troop\"\n"),
    )
    .unwrap();
    let line = good.lines().count() + 3;
    for cmd in [vec!["series"], vec!["ingest", nk.to_str().unwrap()]] {
        rejected(&store, &cmd, &["metrics.toml", &format!("line {line}")]);
    }
    std::fs::write(
        &catalog,
        format!("{good}\n[[metric]]\nid = \"x\"\ncumulativ = true\n"),
    )
    .unwrap();
    rejected(&store, &["series"], &["metrics.toml", "cumulativ"]);
    std::fs::write(&catalog, &good).unwrap();

    // A corrupted part: named, for readers and writers alike.
    let part = data_files(&store.join("claims")).remove(0);
    let bytes = std::fs::read(&part).unwrap();
    let part_name = part.file_name().unwrap().to_str().unwrap().to_string();
    let mut damaged = bytes.clone();
    let n = damaged.len();
    damaged.truncate(n - 20);
    std::fs::write(&part, &damaged).unwrap();
    for cmd in [
        vec!["series"],
        vec!["export", "claims"],
        vec![
            "ingest",
            at("data/samples/2024-10-23-nk-troops-3000.md")
                .to_str()
                .unwrap(),
        ],
    ] {
        rejected(&store, &cmd, &[&part_name, "damaged"]);
    }
    // Damage inside the data pages (the footer still reads).
    let mut damaged = bytes.clone();
    for b in damaged.iter_mut().skip(8).take(n / 2) {
        *b = !*b;
    }
    std::fs::write(&part, &damaged).unwrap();
    rejected(&store, &["export", "claims"], &[&part_name]);
    std::fs::write(&part, &bytes).unwrap();

    // A damaged entry of the Delta log: named with its line.
    let commit = store
        .join("claims")
        .join("_delta_log")
        .join("00000000000000000001.json");
    let record = std::fs::read(&commit).unwrap();
    std::fs::write(&commit, &record[..record.len() / 2]).unwrap();
    rejected(&store, &["series"], &[commit.to_str().unwrap(), "damaged"]);
    std::fs::write(&commit, &record).unwrap();

    // A foreign file is reported by name, and left alone.
    let foreign = store.join("claims").join("notes.txt");
    std::fs::write(&foreign, "mine").unwrap();
    let out = run(&store, &["series", "--format", "jsonl"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.txt"));
    ok(
        &store,
        &[
            "ingest",
            "-q",
            at("data/samples/2024-10-23-nk-troops-3000.md")
                .to_str()
                .unwrap(),
        ],
    );
    assert_eq!(std::fs::read_to_string(&foreign).unwrap(), "mine");
}

/// Waits for `child`, killing it after a minute.
fn wait_bounded(child: &mut std::process::Child) -> std::process::ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("figtrack did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn storing_does_not_depend_on_the_reader_of_the_report() {
    use std::io::BufRead;
    let tmp = tempfile::tempdir().unwrap();
    // Far more report than a pipe holds, so the reader going away is seen while storing.
    let input = jsonl_input(tmp.path(), "reader-gone", 8);
    let expected = expected_claims(&input);

    // `ingest | head -1`: the reader takes one line and goes.
    let store = tmp.path().join("piped");
    let mut child = figtrack(&store)
        .args(["ingest", "--format", "jsonl"])
        .arg(&input)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with('{'), "{first}");
    let status = wait_bounded(&mut child);
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert_eq!(status.code(), Some(0), "{status}: {stderr}");
    assert!(stderr.contains("stopped early; all was stored"), "{stderr}");
    assert_eq!(stored_by_tag(&store)["reader-gone"], expected);

    // `ingest ... 2>&1 | head -1`: warnings (documents without a date) go to the pipe too.
    let undated = tmp.path().join("undated.jsonl");
    let lines: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                "{{\"id\": \"u{i}\", \"text\": \"Some {} trucks left depot {}.\"}}",
                i * 3 + 7,
                letters(i)
            )
        })
        .collect();
    std::fs::write(&undated, lines.join("\n")).unwrap();
    let store = tmp.path().join("both");
    let bash = std::process::Command::new("bash")
        .args(["-c", "true"])
        .status()
        .map(|_| ());
    let both = bash.map(|()| {
        within(
            std::process::Command::new("bash")
                .arg("-c")
                .arg("\"$0\" --data \"$1\" ingest \"$2\" 2>&1 | head -1; exit ${PIPESTATUS[0]}")
                .arg(BIN)
                .arg(&store)
                .arg(&undated)
                .env_remove("FIGTRACK_DATA"),
            LIMIT,
        )
    });
    match both {
        Ok(out) => {
            assert_eq!(out.status.code(), Some(0), "{out:?}");
            let stored = jsonl(&ok(&store, &["export", "claims", "--format", "jsonl"]));
            assert_eq!(stored.len(), expected_claims(&undated));
        }
        Err(e) => println!("skipped the stderr case: no bash ({e})"),
    }

    // A report that cannot be written: everything stored, and the run says so.
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        println!("skipped: no /dev/full here");
        return;
    };
    let store = tmp.path().join("full");
    let errors = tmp.path().join("stderr.txt");
    let mut child = figtrack(&store)
        .args(["ingest", "--format", "table"])
        .arg(&input)
        .stdout(full)
        .stderr(std::fs::File::create(&errors).unwrap())
        .spawn()
        .unwrap();
    let status = wait_bounded(&mut child);
    let stderr = std::fs::read_to_string(&errors).unwrap();
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot write the report to standard output"),
        "{stderr}"
    );
    assert!(stderr.contains("all was stored"), "{stderr}");
    assert_eq!(stored_by_tag(&store)["reader-gone"], expected);
}

#[test]
fn diff_never_says_it_stored_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let store = store_with_catalog(tmp.path());
    ok(
        &store,
        &["ingest", "-q", at("data/samples").to_str().unwrap()],
    );
    let missing = tmp.path().join("missing.md");
    let stderr = fails(&store, &["diff", missing.to_str().unwrap()]);
    assert!(stderr.contains("missing.md: no such file"), "{stderr}");
    assert!(
        stderr.contains("--keep-going to compare the rest"),
        "{stderr}"
    );
    assert!(!stderr.contains("stored"), "{stderr}");
    let stderr = fails(&store, &["ingest", missing.to_str().unwrap()]);
    assert!(stderr.contains("nothing was stored"), "{stderr}");
}
