//! `warlog bench`: throughput and memory of the whole pipeline with the
//! embedded store, stage by stage, on a corpus — the bundled examples
//! replicated to `--pages` pages with varied text (so that no cache
//! flatters the figures), or the pages under the given paths.
//!
//! Figures: pages/s and MB/s over wall-clock time on all cores, CPU time per
//! stage (summed over threads), store and resolve time, start-up time
//! (gazetteer and lexicons loaded), peak resident memory, and the scaling
//! ratio of a run on a tenth of the corpus.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use warlog_model::{DocumentMeta, Format};
use warlog_pipeline::{Pipeline, Source, Stage, Timings};
use warlog_store::{PageToWrite, Store};

use super::read_pages;
use crate::Outcome;
use crate::output::{print, print_json};
use crate::resolving::resolve_pending;

/// The bundled example pages (our own text), embedded for a default corpus.
const EXAMPLES: &[(&str, &str)] = &[
    ("fr-frappes-gandja.txt", include_str!("../../../../examples/fr-frappes-gandja.txt")),
    ("en-kherson-report.html", include_str!("../../../../examples/en-kherson-report.html")),
    ("fr-direct-sahel.html", include_str!("../../../../examples/fr-direct-sahel.html")),
];

/// Words swapped in each replica so that no two pages are alike.
const PLACES: &[&str] =
    &["Gandja", "Barda", "Tartar", "Kherson", "Bakhmut", "Gao", "Mopti", "Khartoum", "Odesa", "Fizouli"];

/// Replica `k` of an example: its place names and figures changed.
fn vary(text: &str, k: usize) -> String {
    let mut out = text.to_string();
    for (i, p) in PLACES.iter().enumerate() {
        let q = PLACES[(i + k) % PLACES.len()];
        out = out.replace(p, &format!("\u{0}{q}"));
    }
    out = out.replace('\u{0}', "");
    let mut varied = String::with_capacity(out.len() + 64);
    for c in out.chars() {
        match c.to_digit(10) {
            Some(d) if !k.is_multiple_of(7) => varied.push(char::from_digit((d + k as u32) % 10, 10).unwrap_or(c)),
            _ => varied.push(c),
        }
    }
    varied.push_str(&format!("\n\nRef. {k}.\n"));
    varied
}

fn synthetic(pages: usize) -> Vec<Source> {
    (0..pages)
        .map(|k| {
            let (name, text) = EXAMPLES[k % EXAMPLES.len()];
            let text = vary(text, k / EXAMPLES.len() + 1);
            let format = if name.ends_with(".html") { Format::Html } else { Format::Text };
            Source {
                origin: format!("bench/{k}/{name}"),
                id: warlog_ingest::doc_id(text.as_bytes()),
                raw: text.as_bytes().to_vec(),
                text,
                format,
                meta: DocumentMeta::default(),
                decode_time: Duration::ZERO,
            }
        })
        .collect()
}

/// Peak resident memory of this process, in MB (Linux), else 0.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

struct RunFigures {
    docs: usize,
    bytes: usize,
    wall: Duration,
    stages: Timings,
    store: Duration,
    resolve: Duration,
    claims: usize,
}

fn run_once(pipeline: &Pipeline, corpus: Vec<Source>, db: &Path) -> anyhow::Result<RunFigures> {
    let _ = std::fs::remove_file(db);
    let mut store = Store::open(db).with_context(|| format!("opening {}", db.display()))?;
    let docs = corpus.len();
    let bytes: usize = corpus.iter().map(|s| s.raw.len()).sum();
    let mut stages = Timings::default();
    let mut store_time = Duration::ZERO;
    let mut claims = 0;
    let start = Instant::now();
    let mut rest = corpus;
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(512));
        let chunk = std::mem::replace(&mut rest, tail);
        let processed: Vec<(PageToWrite, Timings)> = chunk
            .into_par_iter()
            .map(|s| {
                let p = pipeline.process(s, None);
                let main = p.page.doc.text.get(..p.main_end).unwrap_or(&p.page.doc.text);
                let fp = warlog_resolve::simhash(main);
                (PageToWrite::new(p.page, Some(fp)), p.timings)
            })
            .collect();
        let mut to_write = Vec::with_capacity(processed.len());
        for (p, t) in processed {
            stages.merge(&t);
            claims += p.page.claims.len();
            to_write.push(p);
        }
        let t0 = Instant::now();
        store.write_pages(&to_write)?;
        store_time += t0.elapsed();
    }
    let t0 = Instant::now();
    resolve_pending(&mut store)?;
    let resolve = t0.elapsed();
    Ok(RunFigures { docs, bytes, wall: start.elapsed(), stages, store: store_time, resolve, claims })
}

pub fn bench(paths: &[PathBuf], pages: usize, db: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let t0 = Instant::now();
    let pipeline = Pipeline::load();
    // Touch every resource once so that lazy loading counts as start-up.
    let _ = pipeline.process(Source::text("warm-up", "Bakou affirme que Gandja a été bombardée."), None);
    let startup = t0.elapsed();

    let corpus: Vec<Source> = if paths.is_empty() {
        synthetic(pages.max(10))
    } else {
        let mut v = Vec::new();
        for item in read_pages(paths, warlog_ingest::DEFAULT_MAX_BYTES) {
            match item {
                Ok(s) => v.push(s),
                Err(e) => eprintln!("warlog: {e}"),
            }
        }
        v
    };
    if corpus.is_empty() {
        anyhow::bail!("no pages to run on");
    }
    let tmp = std::env::temp_dir().join(format!("warlog-bench-{}.db", std::process::id()));
    let db_path = db.map(Path::to_path_buf).unwrap_or(tmp.clone());

    // A tenth of the corpus first: the cost should grow linearly.
    let tenth: Vec<Source> = corpus.iter().take((corpus.len() / 10).max(1)).cloned().collect();
    let small = run_once(&pipeline, tenth, &db_path)?;
    let full = run_once(&pipeline, corpus, &db_path)?;
    if db.is_none() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
    }

    let secs = full.wall.as_secs_f64();
    let cpu: f64 = Stage::ALL.iter().map(|s| full.stages.get(*s).as_secs_f64()).sum();
    let mut stages = Map::new();
    for s in Stage::ALL {
        let t = full.stages.get(s).as_secs_f64();
        stages.insert(s.name().into(), json!({"cpu_seconds": t, "ms_per_doc": 1000.0 * t / full.docs as f64}));
    }
    stages.insert("store".into(), json!({"seconds": full.store.as_secs_f64(), "ms_per_doc": 1000.0 * full.store.as_secs_f64() / full.docs as f64}));
    stages.insert("resolve".into(), json!({"seconds": full.resolve.as_secs_f64(), "ms_per_doc": 1000.0 * full.resolve.as_secs_f64() / full.docs as f64}));
    let ratio = (full.wall.as_secs_f64() / small.wall.as_secs_f64()) / (full.docs as f64 / small.docs as f64);
    let value = json!({
        "docs": full.docs,
        "bytes": full.bytes,
        "seconds": secs,
        "docs_per_s": full.docs as f64 / secs,
        "mb_per_s": full.bytes as f64 / 1e6 / secs,
        "claims": full.claims,
        "threads": rayon::current_num_threads(),
        "peak_rss_mb": peak_rss_mb(),
        "startup_ms": startup.as_secs_f64() * 1000.0,
        "stages": Value::Object(stages),
        "scaling": {"small_docs": small.docs, "small_seconds": small.wall.as_secs_f64(),
                    "time_ratio_per_doc": ratio},
    });
    if json {
        print_json(&value, true)?;
        return Ok(Outcome::Done);
    }
    let mut out = format!(
        "{} pages, {:.1} MB, {} threads: {:.2} s → {:.0} pages/s, {:.1} MB/s; {} claims\n\
         start-up {:.0} ms; peak RSS {:.0} MB\n\
         scaling: {} pages in {:.2} s; per-page time ratio (full/tenth) {:.2}\n\nstage          cpu s   ms/page  share\n",
        full.docs,
        full.bytes as f64 / 1e6,
        rayon::current_num_threads(),
        secs,
        full.docs as f64 / secs,
        full.bytes as f64 / 1e6 / secs,
        full.claims,
        startup.as_secs_f64() * 1000.0,
        peak_rss_mb(),
        small.docs,
        small.wall.as_secs_f64(),
        ratio
    );
    for s in Stage::ALL {
        let t = full.stages.get(s).as_secs_f64();
        out.push_str(&format!(
            "{:<13} {:>6.2} {:>9.3} {:>5.1}%\n",
            s.name(),
            t,
            1000.0 * t / full.docs as f64,
            100.0 * t / cpu.max(1e-9)
        ));
    }
    out.push_str(&format!(
        "{:<13} {:>6.2} {:>9.3}  (wall, one writer)\n{:<13} {:>6.2} {:>9.3}  (wall)\n",
        "store",
        full.store.as_secs_f64(),
        1000.0 * full.store.as_secs_f64() / full.docs as f64,
        "resolve",
        full.resolve.as_secs_f64(),
        1000.0 * full.resolve.as_secs_f64() / full.docs as f64
    ));
    print(&out)?;
    Ok(Outcome::Done)
}
