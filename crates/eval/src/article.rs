//! Main-text extraction scored on the article-extraction benchmark
//! (`shared/benchmarks/article-extraction`: 181 news pages, each with the
//! article body a person marked as ground truth).
//!
//! The metric reproduces the benchmark's own `evaluate.py`: texts are cut
//! into `\w+` tokens (case kept), tokens into 4-token shingles counted as a
//! multiset; per page, true/false positives and false negatives are the
//! multiset overlap and differences, normalised by their sum so that long
//! pages weigh no more than short ones. Precision is averaged over the pages
//! with a prediction, recall over the pages with a ground truth (an empty
//! output counts as recall 0 and is left out of precision), and F1 is the
//! harmonic mean of the two averages — not the mean of per-page F1s.
//!
//! ```no_run
//! let report = warlog_eval::article::score("shared/benchmarks/article-extraction".as_ref(), |html| {
//!     html.to_string()
//! })
//! .unwrap();
//! println!("F1 {:.3}", report.f1);
//! ```

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// How one page scored.
#[derive(Clone, Debug, PartialEq)]
pub struct PageScore {
    /// The page id (file stem under `html/`).
    pub id: String,
    pub url: Option<String>,
    /// Normalised true positives, false positives, false negatives
    /// (they sum to 1, or are all 0 when both texts are empty).
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    /// Seconds spent in the extractor for this page.
    pub seconds: f64,
}

impl PageScore {
    /// Precision as the benchmark defines it; `None` when nothing was
    /// predicted (the page is then left out of the precision average).
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| precision_score(self.tp, self.fp, self.fn_))
    }

    /// Recall; `None` when the ground truth is empty.
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| recall_score(self.tp, self.fp, self.fn_))
    }

    /// This page's own F1 (for finding the worst pages, not the benchmark figure).
    pub fn f1(&self) -> f64 {
        let denominator = 2.0 * self.tp + self.fp + self.fn_;
        if denominator == 0.0 { 1.0 } else { 2.0 * self.tp / denominator }
    }
}

/// Benchmark figures for one extractor.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleReport {
    pub pages: Vec<PageScore>,
    /// Mean precision over pages with a prediction.
    pub precision: f64,
    /// Mean recall over pages with a ground truth.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall` (the benchmark's F1).
    pub f1: f64,
    /// Median extraction time per page, in milliseconds.
    pub median_ms: f64,
    /// Total extraction time, in milliseconds.
    pub total_ms: f64,
}

/// Scores `extract` (HTML in, main text out) on the benchmark in `dir`
/// (`ground-truth.json` and `html/<id>.html.gz`).
pub fn score(dir: &Path, extract: impl Fn(&str) -> String) -> std::io::Result<ArticleReport> {
    score_with_url(dir, |html, _url| extract(html))
}

/// Like [`score`], also passing each page's URL to the extractor.
pub fn score_with_url(dir: &Path, extract: impl Fn(&str, Option<&str>) -> String) -> std::io::Result<ArticleReport> {
    let truth_path = dir.join("ground-truth.json");
    let truth_text = std::fs::read_to_string(&truth_path).map_err(|e| context(&truth_path, e))?;
    let truth: serde_json::Value =
        serde_json::from_str(&truth_text).map_err(|e| context(&truth_path, std::io::Error::other(e)))?;
    let Some(truth) = truth.as_object() else {
        return Err(context(&truth_path, std::io::Error::other("expected a JSON object keyed by page id")));
    };
    let mut ids: Vec<&String> = truth.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let entry = &truth[id];
        let body = entry.get("articleBody").and_then(|v| v.as_str()).unwrap_or("");
        let url = entry.get("url").and_then(|v| v.as_str());
        let html_path = dir.join("html").join(format!("{id}.html.gz"));
        let html = read_gz(&html_path).map_err(|e| context(&html_path, e))?;
        let start = Instant::now();
        let predicted = extract(&html, url);
        let seconds = start.elapsed().as_secs_f64();
        let (tp, fp, fn_) = shingle_matching(body, &predicted);
        pages.push(PageScore { id: id.clone(), url: url.map(str::to_string), tp, fp, fn_, seconds });
    }
    Ok(report(pages))
}

/// Aggregates page scores the way the benchmark does.
pub fn report(pages: Vec<PageScore>) -> ArticleReport {
    let precision = mean(pages.iter().filter_map(PageScore::precision));
    let recall = mean(pages.iter().filter_map(PageScore::recall));
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    let mut times: Vec<f64> = pages.iter().map(|p| p.seconds * 1000.0).collect();
    times.sort_by(f64::total_cmp);
    let median_ms = match times.len() {
        0 => 0.0,
        n if n % 2 == 1 => times[n / 2],
        n => (times[n / 2 - 1] + times[n / 2]) / 2.0,
    };
    let total_ms = times.iter().sum();
    ArticleReport { pages, precision, recall, f1, median_ms, total_ms }
}

/// Normalised (tp, fp, fn) of `pred` against `truth` over 4-token shingles.
pub fn shingle_matching(truth: &str, pred: &str) -> (f64, f64, f64) {
    let truth_tokens = tokenize(truth);
    let pred_tokens = tokenize(pred);
    let truth_counts = shingles(&truth_tokens, 4);
    let pred_counts = shingles(&pred_tokens, 4);
    let (mut tp, mut fn_) = (0u64, 0u64);
    for (key, &t) in &truth_counts {
        let p = pred_counts.get(key).copied().unwrap_or(0);
        tp += u64::from(t.min(p));
        fn_ += u64::from(t - t.min(p));
    }
    let fp: u64 =
        pred_counts.iter().map(|(key, &p)| u64::from(p - p.min(truth_counts.get(key).copied().unwrap_or(0)))).sum();
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 { (0.0, 0.0, 0.0) } else { (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum) }
}

/// `\w+` runs, as Python's `re` finds them (letters, digits, underscore).
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                tokens.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

/// Multiset of `n`-token windows; a text shorter than `n` tokens is one
/// shorter shingle, an empty text none (as in the benchmark).
fn shingles<'a, 'b>(tokens: &'b [&'a str], n: usize) -> HashMap<&'b [&'a str], u32> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    if tokens.len() < n {
        counts.insert(tokens, 1);
        return counts;
    }
    for window in tokens.windows(n) {
        *counts.entry(window).or_insert(0) += 1;
    }
    counts
}

fn precision_score(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

fn recall_score(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

fn read_gz(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes)?;
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn context(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs_with_case_kept() {
        assert_eq!(tokenize("L'armée a tiré — 3 obus_x!"), vec!["L", "armée", "a", "tiré", "3", "obus_x"]);
    }

    #[test]
    fn identical_texts_score_one() {
        let (tp, fp, fn_) = shingle_matching("a b c d e", "a b c d e");
        assert_eq!((tp, fp, fn_), (1.0, 0.0, 0.0));
    }

    #[test]
    fn shingles_are_multisets() {
        // truth: abcd, bcde; pred: abcd twice, bcda, cdab, dabc.
        let (tp, fp, fn_) = shingle_matching("a b c d e", "a b c d a b c d");
        let round = |x: f64| (x * 6.0).round();
        assert_eq!((round(tp), round(fp), round(fn_)), (1.0, 4.0, 1.0));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingle_matching("Sign in", "Sign in"), (1.0, 0.0, 0.0));
        assert_eq!(shingle_matching("Sign in", "Sign in now"), (0.0, 0.5, 0.5));
    }

    #[test]
    fn empty_prediction_counts_in_recall_only() {
        let (tp, fp, fn_) = shingle_matching("a b c d e", "");
        let empty = PageScore { id: "x".into(), url: None, tp, fp, fn_, seconds: 0.0 };
        assert_eq!(empty.precision(), None);
        assert_eq!(empty.recall(), Some(0.0));
        let (tp, fp, fn_) = shingle_matching("a b c d e", "a b c d e");
        let perfect = PageScore { id: "y".into(), url: None, tp, fp, fn_, seconds: 0.002 };
        let r = report(vec![empty, perfect]);
        assert_eq!((r.precision, r.recall), (1.0, 0.5));
        assert!((r.f1 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(r.median_ms, 1.0);
    }
}
