//! `warlog gazetteer`: build the bundled index from GeoNames files, or look
//! a name up.

use std::path::Path;

use anyhow::Context;

use crate::Outcome;
use crate::output::print;

pub fn build(source: &Path, out: &Path) -> anyhow::Result<Outcome> {
    // The curated files (countries, supplement) live beside the index.
    let (path, stats) = warlog_gazetteer::build::build_to(source, out, out)
        .with_context(|| format!("building the gazetteer from {} into {}", source.display(), out.display()))?;
    eprintln!("wrote {}: {stats:?}", path.display());
    Ok(Outcome::Done)
}

pub fn lookup(name: &str) -> anyhow::Result<Outcome> {
    let places = warlog_pipeline::places();
    match places.lookup(name, &[]) {
        Some(p) => print(&format!(
            "{} ({}) {:.4}, {:.4} geonameid {} precision {}",
            p.name,
            p.country.as_deref().unwrap_or("?"),
            p.lat,
            p.lon,
            p.geonameid.map(|g| g.to_string()).unwrap_or_else(|| "-".into()),
            p.precision.as_str()
        ))?,
        None => anyhow::bail!("no place called {name:?}"),
    }
    Ok(Outcome::Done)
}
