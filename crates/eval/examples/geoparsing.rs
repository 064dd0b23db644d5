//! Prints warlog's geoparsing figures: seed places within 25 km, toponym
//! recognition and resolution on GeoWebNews and LGL (beside mordecai3's
//! published figures, same metric), and the recogniser's speed.
//!
//! ```text
//! cargo run --release -p warlog-eval --example geoparsing -- /work/shared/benchmarks/geoparsing
//! ```
//!
//! The seed pages are read from the `shared/` folder two levels above the
//! benchmark folder (or `$WARLOG_SHARED`). Each corpus is scored on its
//! tuning half, its held-out half (split by document id, see
//! [`geoparsing::tuning_half`]) and whole; weights are tuned on the tuning
//! halves only, so the held-out figures are the honest ones.
//! `WARLOG_GEO_MISSES=1` lists the tuning half's errors on stderr;
//! `WARLOG_GAZETTEER=path/to/gazetteer.bin` scores an index other than the
//! embedded one (a candidate rebuild, before it is committed).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use warlog_eval::geoparsing::{self, CorpusReport, Coverage, Prf, Resolution};
use warlog_recognise::places::Places;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: geoparsing BENCHMARK_DIR (holding GWN.xml and lgl.xml)");
        return ExitCode::from(2);
    };
    let shared = std::env::var_os("WARLOG_SHARED")
        .map(PathBuf::from)
        .or_else(|| dir.ancestors().nth(2).map(Path::to_path_buf))
        .unwrap_or_default();

    let started = Instant::now();
    let opened = match std::env::var_os("WARLOG_GAZETTEER") {
        Some(path) => match std::fs::read(&path) {
            // Leaked on purpose: the recogniser borrows the index for the
            // life of the process, as it does the embedded one.
            Ok(bytes) => warlog_gazetteer::Gazetteer::from_bytes(Box::leak(bytes.into_boxed_slice()))
                .map(|g| &*Box::leak(Box::new(g)))
                .map_err(|e| e.to_string()),
            Err(e) => Err(format!("{}: {e}", PathBuf::from(path).display())),
        },
        None => warlog_gazetteer::Gazetteer::embedded().map_err(|e| e.to_string()),
    };
    let gaz = match opened {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let open_ms = started.elapsed().as_secs_f64() * 1e3;
    let places = Places::with_gazetteer(gaz);
    let ready_ms = started.elapsed().as_secs_f64() * 1e3;
    println!("warlog geoparsing benchmark");
    println!(
        "gazetteer: {} places, {} names; opened in {open_ms:.1} ms, recogniser ready in {ready_ms:.1} ms, RSS {:.0} MB",
        gaz.len(),
        gaz.names(),
        rss_mb("VmRSS")
    );
    println!("  {}", warlog_gazetteer::ATTRIBUTION);

    match geoparsing::seed_report(&places, &shared) {
        Ok(s) => {
            println!(
                "\nseeds: {} gold places: {} within 25 km, {} named only as an actor, {} not named in their evidence, {} missed",
                s.lines,
                s.within_25,
                s.as_actor_only,
                s.not_in_evidence,
                s.missed.len()
            );
            for m in &s.missed {
                println!("  missed: {m}");
            }
            // Timing of a few pages is noisy: repeat them.
            let texts: Vec<String> = std::fs::read_dir(shared.join("seeds"))
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect();
            let rounds = 50;
            let t = Instant::now();
            for _ in 0..rounds {
                for text in &texts {
                    std::hint::black_box(places.find(text, &[], "fr"));
                }
            }
            let secs = t.elapsed().as_secs_f64();
            let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
            println!(
                "  speed: {:.0} pages/s, {:.2} MB/s ({} pages × {rounds}); {} places reported on {} pages",
                (texts.len() * rounds) as f64 / secs,
                bytes as f64 / 1e6 / secs,
                texts.len(),
                s.mentions,
                s.pages
            );
        }
        Err(e) => println!("\nseeds: skipped ({e})"),
    }

    let coverage = Coverage::new(&places);
    for (file, name, mordecai) in [
        (
            "GWN.xml",
            "GeoWebNews",
            "mordecai3: 90.1% exact, 94.1% within 161 km (GWN, N=474); 92.0% / 95.7% (GWN complete, N=1564)",
        ),
        ("lgl.xml", "LGL", "mordecai3: 79.4% exact, 82.7% within 161 km (N=967)"),
    ] {
        let articles = match geoparsing::read_corpus(&dir.join(file)) {
            Ok(a) => a,
            Err(e) => {
                println!("\n{name}: skipped ({e})");
                continue;
            }
        };
        let h = geoparsing::evaluate_halves(&places, &coverage, &articles);
        println!();
        print!("{}", geoparsing::halves_table(name, &h, mordecai));
        print_corpus(name, &h.all, mordecai);
    }
    println!("\npeak RSS {:.0} MB", rss_mb("VmHWM"));
    ExitCode::SUCCESS
}

fn print_corpus(name: &str, r: &CorpusReport, mordecai: &str) {
    println!("\n{name}, whole corpus, in detail: {} articles, {} gold toponyms", r.articles, r.gold_toponyms);
    let prf =
        |p: &Prf| format!("P {:.1}% R {:.1}% F1 {:.1}%", 100.0 * p.precision(), 100.0 * p.recall(), 100.0 * p.f1());
    println!("  recognition, all toponyms, exact span:    {}", prf(&r.recognition_strict));
    println!("  recognition, all toponyms, overlapping:   {}", prf(&r.recognition_overlap));
    println!("  recognition, proper names, overlapping:   {}", prf(&r.recognition_proper));
    let res = |x: &Resolution| {
        format!(
            "exact id {}/{} = {:.1}%, within 161 km {}/{} = {:.1}%",
            x.exact,
            x.with_id,
            100.0 * x.exact_rate(),
            x.within_161,
            x.with_coords,
            100.0 * x.within_161_rate()
        )
    };
    println!("  resolution given the gold names, proper names: {}", res(&r.given_proper));
    println!("    ({mordecai})");
    println!("  resolution given the gold names, all toponyms:  {}", res(&r.given_names));
    let g = &r.given_proper;
    println!(
        "    misses: {} gazetteer coverage (place not in cities500/admin/supplement: streets, buildings, small places), \
         {} name not listed for the place, {} resolver",
        g.miss_coverage, g.miss_name, g.miss_resolver
    );
    println!(
        "    on the {} toponyms whose place the gazetteer holds: exact id {:.1}%",
        g.with_id - g.miss_coverage,
        100.0 * g.exact as f64 / (g.with_id - g.miss_coverage).max(1) as f64
    );
    println!("  resolution end to end (gold toponyms recognised): {}", res(&r.end_to_end));
    println!(
        "  speed: {:.0} pages/s, {:.2} MB/s (find, {} pages)",
        r.pages_per_second(),
        r.bytes as f64 / 1e6 / r.find_time.as_secs_f64().max(1e-9),
        r.articles
    );
}

/// A memory figure of this process from /proc (Linux), in MB.
fn rss_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}
