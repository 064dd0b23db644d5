//! A manifest: what the user knows about pages that do not say it
//! themselves — saved text files without a date, pages whose URL was lost.
//! One JSON object per line, in the shape of a gold set's `docs.jsonl`
//! (`../shared/spec/GOLD.md`): `doc` (the page's file name, or a path
//! ending in it) and any of `url`, `published` (`YYYY-MM-DD`), `title`,
//! `outlet`, `language`. `warlog run --manifest FILE` gives each page the
//! fields of its line, which win over what the page says.

use std::collections::HashMap;
use std::path::Path;

use serde_json::{Map, Value};
use warlog_model::{DocumentMeta, parse_iso_date};

use crate::error::{IngestError, IngestErrorKind};

/// Pages' metadata by the name the manifest gives them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Manifest {
    entries: HashMap<String, DocumentMeta>,
}

impl Manifest {
    /// Reads a manifest file; a bad line is an error naming it (`path#L3`).
    pub fn read(path: &Path) -> Result<Manifest, IngestError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| IngestError::new(&origin, IngestErrorKind::from_read(e, false, 0)))?;
        Manifest::parse(&text).map_err(|(line, reason)| IngestError::new(format!("{origin}#L{line}"), reason))
    }

    /// Parses manifest lines (blank lines skipped); the error carries the
    /// 1-based line number.
    pub fn parse(text: &str) -> Result<Manifest, (usize, IngestErrorKind)> {
        let mut entries = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |m: String| (i + 1, IngestErrorKind::BadJson(m));
            let record: Map<String, Value> = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
            let field = |k: &str| record.get(k).and_then(Value::as_str).map(str::to_string);
            let doc =
                field("doc").filter(|d| !d.is_empty()).ok_or_else(|| bad("a line needs a \"doc\" name".into()))?;
            let published = match field("published") {
                Some(s) => Some(parse_iso_date(&s).ok_or_else(|| bad(format!("\"published\": not a date: {s:?}")))?),
                None => None,
            };
            let meta = DocumentMeta {
                url: field("url"),
                title: field("title"),
                published,
                outlet: field("outlet"),
                language: field("language"),
            };
            entries.insert(doc, meta);
        }
        Ok(Manifest { entries })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The line for a page read from `origin` (a path, `path#L12` for a
    /// JSON Lines record): the line whose `doc` is the origin's file name
    /// or a trailing part of its path (`reports/a.txt`).
    pub fn meta_for(&self, origin: &str) -> Option<&DocumentMeta> {
        let path = origin.split_once('#').map_or(origin, |(p, _)| p).replace('\\', "/");
        if let Some(name) = path.rsplit('/').next().and_then(|n| self.entries.get(n)) {
            return Some(name);
        }
        self.entries.iter().find(|(doc, _)| path == **doc || path.ends_with(&format!("/{doc}"))).map(|(_, m)| m)
    }

    /// `found` with the manifest's fields for `origin` put over it.
    pub fn apply(&self, origin: &str, found: DocumentMeta) -> DocumentMeta {
        match self.meta_for(origin) {
            Some(given) => given.clone().or(found),
            None => found,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use warlog_model::Date;

    const LINES: &str = r#"{"doc": "a.txt", "published": "2020-10-28", "language": "fr", "outlet": null}

{"doc": "reports/b.html", "url": "https://example.org/b", "title": "B"}
"#;

    #[test]
    fn reads_the_fields_of_a_gold_sets_docs_file() {
        let m = Manifest::parse(LINES).unwrap();
        assert_eq!(m.len(), 2);
        let a = m.meta_for("pages/a.txt").unwrap();
        assert_eq!(a.published, Some(Date::constant(2020, 10, 28)));
        assert_eq!(a.language.as_deref(), Some("fr"));
        assert_eq!(a.outlet, None);
    }

    #[test]
    fn matches_by_file_name_or_trailing_path() {
        let m = Manifest::parse(LINES).unwrap();
        assert!(m.meta_for("a.txt").is_some());
        assert!(m.meta_for("/data/pages/a.txt#L3").is_some());
        assert!(m.meta_for("/data/reports/b.html").is_some());
        assert!(m.meta_for("/data/other/b.html").is_none(), "only the named folder");
        assert!(m.meta_for("/data/xa.txt").is_none(), "a whole file name, not its end");
    }

    #[test]
    fn its_fields_win_over_the_pages_own() {
        let m = Manifest::parse(LINES).unwrap();
        let found = DocumentMeta {
            title: Some("Own title".into()),
            published: Some(Date::constant(2019, 1, 1)),
            ..DocumentMeta::default()
        };
        let meta = m.apply("x/a.txt", found.clone());
        assert_eq!(meta.published, Some(Date::constant(2020, 10, 28)));
        assert_eq!(meta.title.as_deref(), Some("Own title"), "a field the manifest leaves out stays");
        assert_eq!(m.apply("x/c.txt", found.clone()), found, "a page the manifest does not name is unchanged");
    }

    #[test]
    fn a_bad_line_is_named() {
        let (line, kind) = Manifest::parse("{\"doc\": \"a.txt\"}\n{\"published\": \"2020-01-01\"}\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(kind.to_string().contains("\"doc\""), "{kind}");
        let (line, kind) = Manifest::parse("{\"doc\": \"a.txt\", \"published\": \"28/10/2020\"}").unwrap_err();
        assert_eq!(line, 1);
        assert!(kind.to_string().contains("not a date"), "{kind}");
        assert_eq!(Manifest::parse("not json").unwrap_err().0, 1);
    }
}
