//! Stores named by URL rather than by path: `postgres://user@host/dbname`.
//! [`is_url`] tells a URL from a file path (a path has no `scheme://`),
//! [`redacted_url`] is how a URL appears in messages (never its password),
//! and [`open`] picks the backend a URL names — or says which build feature
//! it needs.

use crate::StoreError;
use crate::backend::{Backend, Result};

/// True when `db` is a URL (`scheme://...`, the scheme two letters or more,
/// so that `C://x` stays a path) rather than a file path.
pub fn is_url(db: &str) -> bool {
    scheme(db).is_some()
}

fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once("://")?;
    let mut chars = scheme.chars();
    let ok = scheme.len() >= 2
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then_some(scheme)
}

/// `url` without its password, whether in the user part
/// (`postgres://user:secret@host/db`) or a `password=` parameter.
pub fn redacted_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_string() };
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => format!("{}@{host}", user.split(':').next().unwrap_or_default()),
        None => authority.to_string(),
    };
    let query = query
        .map(|q| q.split('&').filter(|p| !p.to_ascii_lowercase().starts_with("password=")).collect::<Vec<_>>())
        .filter(|kept| !kept.is_empty())
        .map(|kept| format!("?{}", kept.join("&")))
        .unwrap_or_default();
    format!("{scheme}://{authority}{path}{query}")
}

/// The backend for a database URL.
pub(crate) fn open(url: &str) -> Result<Box<dyn Backend>> {
    let shown = redacted_url(url);
    match scheme(url).map(str::to_ascii_lowercase).as_deref() {
        Some("postgres" | "postgresql") => postgres(url, shown),
        _ => Err(StoreError::UnknownUrl { url: shown }),
    }
}

#[cfg(feature = "pg")]
fn postgres(url: &str, _shown: String) -> Result<Box<dyn Backend>> {
    Ok(Box::new(crate::postgres::Postgres::connect(url)?))
}

#[cfg(not(feature = "pg"))]
fn postgres(_url: &str, shown: String) -> Result<Box<dyn Backend>> {
    Err(StoreError::NoPostgres { url: shown })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths() {
        assert!(is_url("postgres://warlog@127.0.0.1:5432/warlog"));
        assert!(is_url("postgresql:///warlog?host=/tmp"));
        for path in ["warlog.db", "/tmp/w.db", "C://x", "./postgres/w.db", "a b://c", ""] {
            assert!(!is_url(path), "{path}");
        }
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(redacted_url("postgres://u:secret@h:5432/db"), "postgres://u@h:5432/db");
        assert_eq!(redacted_url("postgres://h/db?password=x&sslmode=disable"), "postgres://h/db?sslmode=disable");
        assert_eq!(redacted_url("postgres://h/db?password=x"), "postgres://h/db");
        assert_eq!(redacted_url("postgres://u@h/db"), "postgres://u@h/db");
    }

    #[test]
    fn unknown_schemes_are_refused_with_the_url() {
        let err = open("mysql://u:pw@h/db").err().unwrap();
        assert!(matches!(err, StoreError::UnknownUrl { .. }), "{err}");
        assert!(err.to_string().contains("mysql://u@h/db"), "{err}");
    }

    #[cfg(not(feature = "pg"))]
    #[test]
    fn without_the_feature_postgres_says_how_to_rebuild() {
        let err = open("postgres://u@h/db").err().unwrap();
        assert!(err.to_string().contains("--features pg"), "{err}");
    }
}
