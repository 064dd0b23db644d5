//! Per-language lexicons, compiled once: the rows of a data file for a
//! language (plus `common/`), and a cache that builds a recogniser's tables
//! the first time a language is asked for.
//!
//! A language with no file of that name falls back to every language's
//! file merged, so an unlabelled page still gets the French and English
//! words; the cache therefore never holds more than one entry per language
//! that has data, plus the merged one.

use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

/// `"fr-FR"`, `"FR"`, `"fr_fr"` → `"fr"`.
pub(crate) fn norm_lang(lang: &str) -> String {
    let base = lang.split(['-', '_']).next().unwrap_or("").trim();
    base.to_ascii_lowercase()
}

/// The key a language's tables are cached under: the language itself when
/// it has the file `name`, else `"*"` (every language merged).
fn cache_key(lang: &str, name: &str) -> String {
    let lang = norm_lang(lang);
    if warlog_lexicon::table(&lang, name).is_some() { lang } else { "*".to_string() }
}

/// Rows of `<lang>/<name>.tsv` and `common/<name>.tsv`; for `"*"` the rows
/// of every language's file.
pub(crate) fn rows(key: &str, name: &str) -> Vec<&'static [String]> {
    let mut out: Vec<&'static [String]> = Vec::new();
    if key == "*" {
        for t in warlog_lexicon::tables(name) {
            out.extend(t.rows.iter().map(Vec::as_slice));
        }
        return out;
    }
    for lang in [key, "common"] {
        if let Some(t) = warlog_lexicon::table(lang, name) {
            out.extend(t.rows.iter().map(Vec::as_slice));
        }
    }
    out
}

/// Field `i` of a row, `""` when missing.
pub(crate) fn field(row: &[String], i: usize) -> &str {
    row.get(i).map_or("", String::as_str)
}

/// Compiled tables of one recogniser, one value per language.
pub(crate) struct PerLang<T: 'static> {
    cell: OnceLock<RwLock<HashMap<String, &'static T>>>,
}

impl<T: Send + Sync + 'static> PerLang<T> {
    pub(crate) const fn new() -> Self {
        PerLang { cell: OnceLock::new() }
    }

    /// The tables for `lang`, built from the data file `name` on first use.
    /// Built tables live as long as the program (one per language), so they
    /// are leaked on purpose and handed out as `&'static`.
    pub(crate) fn get(&'static self, lang: &str, name: &str, build: impl FnOnce(&str) -> T) -> &'static T {
        let key = cache_key(lang, name);
        let map = self.cell.get_or_init(|| RwLock::new(HashMap::new()));
        if let Some(t) = map.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return t;
        }
        let mut w = map.write().unwrap_or_else(|e| e.into_inner());
        w.entry(key.clone()).or_insert_with(|| Box::leak(Box::new(build(&key))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_normalise() {
        assert_eq!(norm_lang("fr-FR"), "fr");
        assert_eq!(norm_lang("EN_gb"), "en");
        assert_eq!(norm_lang(""), "");
    }

    #[test]
    fn unknown_language_falls_back_to_all() {
        assert_eq!(cache_key("xx", "example"), "*");
        assert_eq!(cache_key("fr-FR", "example"), "fr");
        assert!(rows("*", "example").len() >= rows("fr", "example").len());
    }
}
