//! Errors of the gazetteer: a bad index, or bad input to the builder.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index bytes are not a gazetteer this version can read: rebuild it
    /// with `warlog gazetteer build` (or the `build` example).
    #[error("gazetteer index: {0}")]
    Format(String),
    #[error("reading {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A malformed line in an input file.
    #[error("{path}:{line}: {message}")]
    Input { path: PathBuf, line: usize, message: String },
    #[error("building the name index: {0}")]
    Fst(#[from] fst::Error),
}
