//! Temporary: times Places::find over the benchmark texts and seed pages.
use std::path::PathBuf;
use std::time::Instant;
use warlog_eval::geoparsing;
use warlog_recognise::places::Places;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut texts: Vec<(String, &str)> = Vec::new();
    for f in &args {
        let p = PathBuf::from(f);
        if p.is_dir() {
            for e in std::fs::read_dir(&p).unwrap().flatten() {
                texts.push((std::fs::read_to_string(e.path()).unwrap(), "fr"));
            }
        } else {
            for a in geoparsing::read_corpus(&p).unwrap() {
                texts.push((a.text, "en"));
            }
        }
    }
    let places = Places::new().unwrap();
    let rounds: usize = std::env::var("ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let t = Instant::now();
        let mut n = 0;
        for (text, lang) in &texts {
            n += places.find(text, &[], lang).len();
        }
        let s = t.elapsed().as_secs_f64();
        best = best.min(s);
        std::hint::black_box(n);
    }
    println!(
        "{} texts, best of {rounds}: {:.1} ms total, {:.3} ms/text",
        texts.len(),
        best * 1e3,
        best * 1e3 / texts.len() as f64
    );
}
