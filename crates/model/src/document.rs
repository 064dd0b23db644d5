//! A page as warlog read it.

use serde::{Deserialize, Serialize};

use crate::Date;

/// Identity of a document: the hex SHA-256 of its raw bytes, so that the same
/// page ingested twice is stored once.
pub type DocId = String;

/// What the raw bytes were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Html,
}

/// What is known about a page besides its text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentMeta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Date>,
    /// Site name or domain of the publisher.
    pub outlet: Option<String>,
    /// ISO 639-1 code ("fr", "en", ...).
    pub language: Option<String>,
}

impl DocumentMeta {
    /// These fields, each missing one taken from `other`: what a more
    /// trusted source said (the user, the container), over what the page
    /// says of itself.
    pub fn or(self, other: DocumentMeta) -> DocumentMeta {
        DocumentMeta {
            url: self.url.or(other.url),
            title: self.title.or(other.title),
            published: self.published.or(other.published),
            outlet: self.outlet.or(other.outlet),
            language: self.language.or(other.language),
        }
    }
}

/// A decoded page: its identity, metadata and the text every span points into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: DocId,
    /// Where it came from: a path, `path#line` for JSON Lines, `path#record`
    /// for WARC, or `-` for stdin.
    pub origin: String,
    pub format: Format,
    pub meta: DocumentMeta,
    /// For text input the decoded file; for HTML the extracted text
    /// (article first, reader comments after it).
    pub text: String,
}
