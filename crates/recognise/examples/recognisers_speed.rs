//! Measures the lexicon-driven recognisers on a folder of pages and prints
//! microseconds per 5 KB of text for each; with `--dump`, prints what they
//! found instead (for reviewing a page by eye).
//!
//! ```text
//! cargo run --release -p warlog-recognise --example recognisers_speed -- ../shared/seeds [--lang fr] [--dump]
//! ```

use std::time::Instant;

use warlog_model::Span;
use warlog_recognise::{casualties, dates, numbers, weapons};

/// Sentences, roughly: enough to call the per-sentence finders as the
/// extractor would.
fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let boundary = c == '\n' || (matches!(c, '.' | '!' | '?') && text[end..].starts_with(' '));
        if boundary {
            if end > start + 1 {
                out.push(Span::new(start, end));
            }
            start = end;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

fn time(label: &str, bytes: usize, rounds: usize, mut f: impl FnMut() -> usize) {
    let found = f();
    let t = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(f());
    }
    let per_5k = t.elapsed().as_secs_f64() * 1e6 / rounds as f64 * 5120.0 / bytes.max(1) as f64;
    println!("{label:<16} {per_5k:>9.1} µs / 5 KB   ({found} found)");
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.iter().find(|a| !a.starts_with("--")).cloned().unwrap_or_else(|| "../shared/seeds".into());
    let lang = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1)).cloned().unwrap_or("fr".into());
    let dump = args.iter().any(|a| a == "--dump");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(&dir)?
        .flatten()
        .filter(|e| e.path().is_file())
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).ok()?)))
        .collect();
    pages.sort();
    if dump {
        for (name, text) in &pages {
            println!("== {name}");
            let all = Span::new(0, text.len());
            for d in dates::find_dates(text, all, &lang) {
                println!("date    {:?}  {:?}", d.span.slice(text), d.kind);
            }
            for w in weapons::find_weapons(text, all, &lang) {
                println!("weapon  {:?}  {} {:?}", w.span.slice(text), w.name, w.class);
            }
            for s in sentences(text) {
                for c in casualties::find_casualties(text, s, &lang) {
                    println!(
                        "casualty {:?}  {:?} {:?} {:?} cumulative={}",
                        c.span.slice(text),
                        c.count,
                        c.outcome,
                        c.victims,
                        c.cumulative
                    );
                }
            }
        }
        return Ok(());
    }
    let bytes: usize = pages.iter().map(|(_, t)| t.len()).sum();
    let split: Vec<(&str, Vec<Span>)> = pages.iter().map(|(_, t)| (t.as_str(), sentences(t))).collect();
    println!("{} pages, {} bytes, lang {lang}", pages.len(), bytes);
    let rounds = 30;
    let whole = |f: &dyn Fn(&str, Span) -> usize| pages.iter().map(|(_, t)| f(t, Span::new(0, t.len()))).sum::<usize>();
    // Warm the lexicon caches before timing.
    whole(&|t, s| dates::find_dates(t, s, &lang).len() + numbers::find_numbers(t, s, &lang).len());
    time("(words)", bytes, rounds, || whole(&|t, s| warlog_recognise::phrase::words(t, s).len()));
    time("(tokenize)", bytes, rounds, || whole(&|t, s| warlog_recognise::token::tokenize(t, s).len()));
    time("has_date_cue", bytes, rounds * 10, || {
        split.iter().map(|(t, ss)| ss.iter().filter(|s| dates::has_date_cue(s.slice(t))).count()).sum()
    });
    time("find_dates", bytes, rounds, || whole(&|t, s| dates::find_dates(t, s, &lang).len()));
    time("find_numbers", bytes, rounds, || whole(&|t, s| numbers::find_numbers(t, s, &lang).len()));
    time("find_weapons", bytes, rounds, || whole(&|t, s| weapons::find_weapons(t, s, &lang).len()));
    time("find_casualties", bytes, rounds, || {
        split
            .iter()
            .map(|(t, ss)| ss.iter().map(|s| casualties::find_casualties(t, *s, &lang).len()).sum::<usize>())
            .sum()
    });
    Ok(())
}
