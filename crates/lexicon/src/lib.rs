//! warlog's data files: lexicons, cue lists and rules, one tab-separated file
//! per (language, list) under `data/lexicons/<lang>/<list>.tsv`, with
//! `common/` for lists that hold in every language.
//!
//! The files are embedded in the binary at build time. A folder named by the
//! `WARLOG_DATA` environment variable, laid out the same way, is read at run
//! time: its files replace embedded files of the same name and add new ones,
//! so a user adds a language or a conflict without rebuilding.
//!
//! Format: one record per line, fields separated by tabs; blank lines and
//! lines starting with `#` (provenance, explanations) are skipped; a field
//! `-` means empty.
//!
//! ```
//! let cues = warlog_lexicon::table("fr", "example").unwrap();
//! assert!(cues.rows.iter().any(|r| r[0] == "selon"));
//! ```

pub mod fold;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// One data file, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Language code (`fr`, `en`, ...) or `common`.
    pub lang: String,
    /// List name: the file name without `.tsv`.
    pub name: String,
    /// Records: the fields of each non-comment line.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Parses the text of a data file.
    pub fn parse(lang: &str, name: &str, text: &str) -> Table {
        let rows = text
            .lines()
            .map(|l| l.trim_end_matches('\r'))
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(|l| {
                l.split('\t').map(|f| if f.trim() == "-" { String::new() } else { f.trim().to_string() }).collect()
            })
            .collect();
        Table { lang: lang.to_string(), name: name.to_string(), rows }
    }

    /// The first field of every record.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().filter_map(|r| r.first().map(String::as_str))
    }
}

/// All files, keyed by `(lang, name)`: embedded ones, then the overlay.
fn registry() -> &'static BTreeMap<(String, String), Table> {
    static REGISTRY: OnceLock<BTreeMap<(String, String), Table>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut map = BTreeMap::new();
        for (path, text) in EMBEDDED {
            if let Some((lang, name)) = split_path(path) {
                map.insert((lang.to_string(), name.to_string()), Table::parse(lang, name, text));
            }
        }
        if let Some(dir) = std::env::var_os("WARLOG_DATA") {
            overlay(Path::new(&dir), &mut map);
        }
        map
    })
}

fn split_path(path: &str) -> Option<(&str, &str)> {
    let (lang, file) = path.split_once('/')?;
    Some((lang, file.strip_suffix(".tsv")?))
}

fn overlay(dir: &Path, map: &mut BTreeMap<(String, String), Table>) {
    let Ok(langs) = std::fs::read_dir(dir) else { return };
    for lang_dir in langs.flatten().filter(|e| e.path().is_dir()) {
        let lang = lang_dir.file_name().to_string_lossy().into_owned();
        let Ok(files) = std::fs::read_dir(lang_dir.path()) else { continue };
        for file in files.flatten() {
            let path = file.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".tsv")) else {
                continue;
            };
            if let Ok(text) = std::fs::read_to_string(&path) {
                map.insert((lang.clone(), name.to_string()), Table::parse(&lang, name, &text));
            }
        }
    }
}

/// The list `name` for language `lang` (`"common"` for shared lists).
pub fn table(lang: &str, name: &str) -> Option<&'static Table> {
    registry().get(&(lang.to_string(), name.to_string()))
}

/// The list `name` in every language that has it (including `common`).
pub fn tables(name: &str) -> impl Iterator<Item = &'static Table> {
    let name = name.to_string();
    registry().values().filter(move |t| t.name == name)
}

/// Languages with at least one list (not counting `common`).
pub fn languages() -> Vec<&'static str> {
    let mut langs: Vec<&str> = registry().keys().map(|(l, _)| l.as_str()).filter(|l| *l != "common").collect();
    langs.dedup();
    langs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_skips_comments_and_blank_lines() {
        let t = Table::parse("fr", "x", "# source: me\n\nselon\tcite\n  # indented comment\na\t-\tb\r\n");
        assert_eq!(t.rows, vec![vec!["selon", "cite"], vec!["a", "", "b"]]);
    }

    #[test]
    fn embedded_files_are_found() {
        assert!(table("fr", "example").is_some());
        assert!(languages().contains(&"fr"));
        assert!(tables("example").any(|t| t.lang == "en"));
    }
}
