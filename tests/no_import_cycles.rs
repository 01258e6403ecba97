//! The modules depend on one another without cycles: the extractor's rule families on the
//! lexicon and the sentence context (never the other way), and the tracker's series, status and
//! diff rules in one direction. Read from the sources: a module depends on another when its code
//! (its tests left out) names it through `super::` or `crate::`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The modules of a folder (file stems, `mod.rs` left out) and, for each, the sibling modules
/// its code names by `prefix` ("super::" inside the folder, "crate::" at the crate's top).
fn graph(dir: &Path, prefixes: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
    let mut names = BTreeSet::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" || stem == "main" || stem == "lib" {
            continue;
        }
        if path.extension().is_some_and(|e| e == "rs") || path.join("mod.rs").exists() {
            names.insert(stem);
        }
    }
    let mut deps = BTreeMap::new();
    for name in &names {
        let file = dir.join(format!("{name}.rs"));
        let file = if file.exists() {
            file
        } else {
            dir.join(name).join("mod.rs")
        };
        let text = fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let mut uses = BTreeSet::new();
        for prefix in prefixes {
            for (at, _) in code.match_indices(prefix) {
                let rest = &code[at + prefix.len()..];
                // `use super::{a, b::c}` names each of a group.
                let named: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    group
                        .split('}')
                        .next()
                        .unwrap()
                        .split(',')
                        .map(|p| p.trim().split("::").next().unwrap())
                        .collect()
                } else {
                    vec![
                        rest.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .next()
                            .unwrap(),
                    ]
                };
                for n in named {
                    if n != name && names.contains(n) {
                        uses.insert(n.to_string());
                    }
                }
            }
        }
        deps.insert(name.clone(), uses);
    }
    deps
}

/// A cycle of the graph, if there is one, as the path that closes it.
fn cycle(deps: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(k) = path.iter().position(|p| p == n) {
            let mut c = path[k..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for d in &deps[n] {
            if let Some(c) = visit(d, deps, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    deps.keys()
        .find_map(|n| visit(n, deps, &mut Vec::new(), &mut done))
}

#[test]
fn the_extractor_modules_form_no_cycle() {
    let deps = graph(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/extract"),
        &["super::", "crate::extract::"],
    );
    assert!(
        deps["attribution"].contains("lexicon"),
        "the graph reads uses: {deps:?}"
    );
    assert_eq!(cycle(&deps), None, "{deps:#?}");
}

#[test]
fn the_tracker_modules_form_no_cycle() {
    let deps = graph(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &["crate::"],
    );
    assert!(
        deps["detect"].contains("status"),
        "the graph reads uses: {deps:?}"
    );
    assert_eq!(cycle(&deps), None, "{deps:#?}");
}

#[test]
fn a_cycle_is_found() {
    let mut deps = BTreeMap::new();
    deps.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    deps.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle(&deps), Some(vec!["a".into(), "b".into(), "a".into()]));
}
