//! `warlog benchmark NAME DIR`: score warlog on one of the shared, external
//! benchmarks (development checks: the data lives in ../shared, not in the
//! repository).

use std::path::Path;

use serde_json::json;

use crate::Outcome;
use crate::cli::BenchmarkName;
use crate::output::{print, print_json};

pub fn benchmark(name: BenchmarkName, dir: &Path, json: bool) -> anyhow::Result<Outcome> {
    match name {
        BenchmarkName::ArticleExtraction => article(dir, json),
        other => anyhow::bail!("benchmark {other:?} is not available yet"),
    }
}

/// Main-text extraction: the text `warlog text` prints, scored with the
/// benchmark's 4-token shingles.
fn article(dir: &Path, json: bool) -> anyhow::Result<Outcome> {
    let r = warlog_eval::article::score_with_url(dir, |html, url| {
        let x = warlog_text::html::extract(html, url);
        x.text.get(..x.main_end).unwrap_or("").to_string()
    })?;
    let pages = r.pages.len();
    if json {
        print_json(
            &json!({"pages": pages, "f1": r.f1, "precision": r.precision, "recall": r.recall,
                    "median_ms": r.median_ms, "total_ms": r.total_ms}),
            true,
        )?;
    } else {
        print(&format!(
            "article-extraction: {pages} pages  F1 {:.3}  precision {:.3}  recall {:.3}  median {:.2} ms/page  ({:.0} pages/s on one core)",
            r.f1,
            r.precision,
            r.recall,
            r.median_ms,
            pages as f64 / (r.total_ms / 1000.0).max(1e-9)
        ))?;
    }
    Ok(Outcome::Done)
}
