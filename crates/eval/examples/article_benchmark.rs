//! Scores warlog's HTML main-text extraction on the article-extraction
//! benchmark and prints the figures.
//!
//! ```text
//! cargo run --release -p warlog-eval --example article_benchmark -- /work/shared/benchmarks/article-extraction [--worst N]
//! ```
//!
//! Two figures are printed. "body" scores the article body as the
//! benchmark's ground truth marks it: the main blocks without the headline
//! and photo captions (the ground truth leaves both out on nearly every
//! page) but with social embeds (which it keeps). "printed" scores all of
//! `text[..main_end]`, what `warlog text` prints. `--worst N` lists the N
//! lowest-scoring pages of the body run.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut worst = 0usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--worst" => worst = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: article_benchmark DIR [--worst N]   (DIR holds ground-truth.json and html/)");
        return ExitCode::from(2);
    };
    let printed = warlog_eval::article::score_with_url(&dir, |html, url| {
        let extracted = warlog_text::html::extract(html, url);
        extracted.text.get(..extracted.main_end).unwrap_or("").to_string()
    });
    let body =
        warlog_eval::article::score_with_url(&dir, |html, url| body_text(&warlog_text::html::extract(html, url)));
    let (printed, report) = match (printed, body) {
        (Ok(p), Ok(b)) => (p, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    for (name, r) in [("body", &report), ("printed", &printed)] {
        let pages = r.pages.len();
        println!(
            "{name:<8} pages {pages}  F1 {:.3}  precision {:.3}  recall {:.3}  median {:.2} ms/page  total {:.0} ms ({:.0} pages/s on one core)",
            r.f1,
            r.precision,
            r.recall,
            r.median_ms,
            r.total_ms,
            pages as f64 / (r.total_ms / 1000.0).max(1e-9)
        );
    }
    let mut by_f1: Vec<_> = report.pages.iter().collect();
    by_f1.sort_by(|a, b| a.f1().total_cmp(&b.f1()));
    for page in by_f1.into_iter().take(worst) {
        println!(
            "{:.3}  P {:.3}  R {:.3}  {:.2} ms  {}  {}",
            page.f1(),
            page.precision().unwrap_or(0.0),
            page.recall().unwrap_or(0.0),
            page.seconds * 1000.0,
            &page.id[..page.id.len().min(12)],
            page.url.as_deref().unwrap_or("")
        );
    }
    ExitCode::SUCCESS
}

/// The main blocks without headline and captions, one paragraph per block.
fn body_text(extracted: &warlog_text::Extracted) -> String {
    use warlog_text::BlockKind;
    let mut out = String::new();
    for block in &extracted.blocks {
        if block.span.end > extracted.main_end || matches!(block.kind, BlockKind::Title | BlockKind::Caption) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(block.span.slice(&extracted.text));
    }
    out
}
