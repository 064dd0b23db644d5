//! Speed and memory of the resolver on synthetic claims
//! ([`warlog_resolve::synthetic`]: weighted types, dates over a year, towns
//! over a region, several reports per happening, repeats and denials).
//!
//! `cargo run --release -p warlog-resolve --example scale -- [N...]`
//! (default 10000 100000) prints, per size: the time to resolve, claims/s,
//! events, pairwise precision/recall against the happenings the generator
//! drew, and the peak resident memory of the resolve step (VmHWM, reset
//! before each run through /proc/self/clear_refs); then the growth ratio
//! time(last)/time(first), which is about the size ratio when resolving is
//! near-linear.

use std::collections::HashMap;
use std::time::Instant;

use warlog_resolve::{Resolver, synthetic};

/// A field of /proc/self/status, in MB.
fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Resets the peak-RSS counter (Linux); false where that is not possible.
fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn pairs(n: usize) -> u64 {
    (n as u64) * (n as u64).saturating_sub(1) / 2
}

/// Pairwise precision and recall of `event` (per claim) against `truth`.
fn pairwise(event: &[usize], truth: &[usize]) -> (f64, f64) {
    let mut cells: HashMap<(usize, usize), usize> = HashMap::new();
    let mut by_event: HashMap<usize, usize> = HashMap::new();
    let mut by_truth: HashMap<usize, usize> = HashMap::new();
    for (&e, &t) in event.iter().zip(truth) {
        *cells.entry((e, t)).or_default() += 1;
        *by_event.entry(e).or_default() += 1;
        *by_truth.entry(t).or_default() += 1;
    }
    let tp: u64 = cells.values().map(|&n| pairs(n)).sum();
    let found: u64 = by_event.values().map(|&n| pairs(n)).sum();
    let gold: u64 = by_truth.values().map(|&n| pairs(n)).sum();
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    (ratio(tp, found), ratio(tp, gold))
}

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.replace('_', "").parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![10_000, 100_000] } else { sizes };
    println!(
        "{:>9} {:>9} {:>12} {:>9} {:>7} {:>7} {:>10} {:>10}",
        "claims", "seconds", "claims/s", "events", "P", "R", "input MB", "peak MB"
    );
    let mut times = Vec::new();
    for &n in &sizes {
        let s = synthetic::generate(n, 42);
        let ids: Vec<i64> = s.claims.iter().map(|c| c.id).collect();
        let input_mb = status_mb("VmRSS:").unwrap_or(0.0);
        let peak_reset = reset_peak();
        let start = Instant::now();
        let mut resolver = Resolver::new(Vec::new());
        for c in s.claims {
            resolver.add(c);
        }
        let events = resolver.finish();
        let secs = start.elapsed().as_secs_f64();
        let peak = status_mb("VmHWM:").unwrap_or(0.0);
        // Quality against the generator's happenings (tallies are none here).
        let mut event_of: HashMap<i64, usize> = HashMap::new();
        for (i, e) in events.iter().enumerate() {
            for m in &e.members {
                event_of.insert(m.id, i);
            }
        }
        let placed: Vec<usize> = ids.iter().map(|id| event_of.get(id).copied().unwrap_or(usize::MAX)).collect();
        let (p, r) = pairwise(&placed, &s.truth);
        println!(
            "{:>9} {:>9.3} {:>12.0} {:>9} {:>6.1}% {:>6.1}% {:>10.1} {:>9.1}{}",
            n,
            secs,
            n as f64 / secs,
            events.len(),
            p * 100.0,
            r * 100.0,
            input_mb,
            peak,
            if peak_reset { "" } else { " (process peak)" }
        );
        times.push((n, secs));
    }
    if let (Some(&(n0, t0)), Some(&(n1, t1))) = (times.first(), times.last())
        && n1 > n0
    {
        println!(
            "growth: time({n1})/time({n0}) = {:.1} for {:.0}x the claims (linear ≈ {:.0})",
            t1 / t0,
            n1 as f64 / n0 as f64,
            n1 as f64 / n0 as f64
        );
    }
}
