//! Reading + decoding throughput: `cargo run --release -p warlog-ingest --example read_speed -- PATH...`
//! Prints pages, errors, decompressed megabytes, MB/s, and the encodings seen.

use std::collections::BTreeMap;
use std::time::Instant;

use warlog_ingest::{IngestOptions, Inputs};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: read_speed PATH...");
        std::process::exit(2);
    }
    let rounds = 5;
    let mut best = f64::MAX;
    let (mut pages, mut errors, mut bytes, mut repaired) = (0usize, 0usize, 0usize, 0usize);
    let mut encodings = BTreeMap::new();
    for round in 0..rounds {
        let start = Instant::now();
        for item in Inputs::new(&paths, IngestOptions::default()) {
            match item {
                Ok(page) if round == 0 => {
                    pages += 1;
                    bytes += page.raw.len();
                    repaired += usize::from(page.repaired);
                    *encodings.entry(page.encoding).or_insert(0usize) += 1;
                }
                Err(e) if round == 0 => {
                    errors += 1;
                    eprintln!("{e}");
                }
                _ => {}
            }
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{pages} pages, {errors} errors, {mb:.1} MB decompressed, best of {rounds}: {best:.3} s = {:.0} MB/s, {:.0} pages/s",
        mb / best,
        pages as f64 / best
    );
    println!("encodings: {encodings:?}; mojibake repaired in {repaired}");
}
