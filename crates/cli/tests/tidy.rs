//! Keeps the documentation true: every crate says what it is, ARCHITECTURE.md
//! names every crate, CONTRIBUTING.md names every data file a new language
//! needs, README.md starts with its two commands, and every data file says
//! where its content comes from.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    warlog_testkit::workspace_root()
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn every_crate_opens_with_a_doc_comment() {
    for name in dir_names(&root().join("crates")) {
        let src = root().join("crates").join(&name).join("src");
        let entry = ["lib.rs", "main.rs"].iter().map(|f| src.join(f)).find(|p| p.exists());
        let entry = entry.unwrap_or_else(|| panic!("crates/{name} has neither src/lib.rs nor src/main.rs"));
        let text = std::fs::read_to_string(&entry).unwrap();
        assert!(text.starts_with("//!"), "{} must open with a `//!` overview", entry.display());
    }
}

#[test]
fn architecture_names_every_crate() {
    let doc = read("ARCHITECTURE.md");
    for name in dir_names(&root().join("crates")) {
        assert!(doc.contains(&format!("crates/{name}")), "ARCHITECTURE.md does not describe crates/{name}");
    }
}

#[test]
fn contributing_names_every_list_a_language_has() {
    let doc = read("CONTRIBUTING.md");
    for section in ["## Adding a language", "## Adding an event type", "## Adding a conflict"] {
        assert!(doc.contains(section), "CONTRIBUTING.md lacks the section {section:?}");
    }
    let language = doc.split("## Adding a language").nth(1).unwrap().split("\n## ").next().unwrap();
    for lang in ["en", "fr"] {
        for file in dir_names(&root().join("data/lexicons").join(lang)) {
            if file == "example.tsv" {
                continue;
            }
            assert!(
                language.contains(&format!("`{file}`")),
                "CONTRIBUTING.md, \"Adding a language\", does not name data/lexicons/{lang}/{file}"
            );
        }
    }
}

#[test]
fn readme_starts_with_its_two_commands_and_credits_geonames() {
    let readme = read("README.md");
    let block = readme.split("```").nth(1).expect("README.md has a code block");
    let commands: Vec<&str> =
        block.lines().skip(1).map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert_eq!(commands.len(), 2, "README.md's first code block holds the two commands: {commands:?}");
    assert!(commands[0].contains("examples"), "the first command runs warlog on examples/: {}", commands[0]);
    assert!(commands[1].starts_with("cargo test"), "the second command runs the tests: {}", commands[1]);
    let before: &str = readme.split("```").next().unwrap();
    assert!(before.lines().filter(|l| !l.trim().is_empty()).count() <= 3, "the commands come first in README.md");
    assert!(readme.contains("GeoNames") && readme.contains("CC BY 4.0"), "README.md credits GeoNames (CC BY 4.0)");
}

#[test]
fn every_data_file_says_where_it_comes_from() {
    let mut files = Vec::new();
    for lang in dir_names(&root().join("data/lexicons")) {
        for file in dir_names(&root().join("data/lexicons").join(&lang)) {
            files.push(format!("data/lexicons/{lang}/{file}"));
        }
    }
    for file in dir_names(&root().join("data/gazetteer")) {
        if file.ends_with(".tsv") {
            files.push(format!("data/gazetteer/{file}"));
        }
    }
    assert!(files.len() > 50, "data files found: {}", files.len());
    for rel in files {
        let text = read(&rel);
        let header: String = text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim())
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(!header.is_empty(), "{rel} must open with `#` lines: what it holds and where it comes from");
        assert!(
            header.contains("for warlog") || header.contains("source"),
            "{rel}: its header must give its provenance (\"Written for warlog ...\" or \"Source: ...\")"
        );
    }
}
