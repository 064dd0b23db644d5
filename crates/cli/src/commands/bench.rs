//! `warlog bench`: throughput and memory of the whole pipeline with the
//! embedded store, stage by stage, on a corpus — the bundled examples
//! replicated to `--pages` pages with varied text (so that no cache
//! flatters the figures), or the pages under the given paths.
//!
//! The corpus is read into memory first (reading is timed as the decode
//! stage, not in the wall time); then it runs as `warlog run` does
//! ([`super::run::process_and_store`]): batches processed on all cores while
//! a writer thread stores the previous batch, then claims resolved.
//!
//! Figures: pages/s and MB/s over wall-clock time, CPU time per stage
//! (summed over threads), the writer's time and the time processing waited
//! for it, resolve time, start-up time (gazetteer and lexicons loaded),
//! peak resident memory, and the scaling ratio against a run on a tenth of
//! the corpus. Each figure is checked against the project's targets, and a
//! missed one is flagged in the report.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use warlog_model::{Document, DocumentMeta, Format, Page};
use warlog_pipeline::{Pipeline, Source, Stage, Timings};
use warlog_store::PageToWrite;

mod corpus;

use super::read_pages;
use super::run::{process_and_store, to_write};
use crate::Outcome;
use crate::output::{print, print_json};
use crate::resolving::resolve_pending;

/// Pages per batch (one transaction each), as `warlog run` by default.
const BATCH: usize = 256;

/// The targets of the first performance issue; a missed one is flagged.
struct Targets;
impl Targets {
    const PAGES_PER_S: f64 = 1000.0;
    const PEAK_RSS_MB: f64 = 500.0;
    const STARTUP_MS: f64 = 200.0;
    /// Per-page time of the full run over that of the tenth (10× the pages
    /// in ≤ 11× the time).
    const SCALING: f64 = 1.1;
}

/// Page `k` of the default corpus, generated now ([`corpus`]); the time
/// it took is its decode time.
fn synthetic_page(k: usize) -> Source {
    let t0 = Instant::now();
    let (origin, text, html) = corpus::page(k);
    Source {
        origin,
        id: warlog_ingest::doc_id(text.as_bytes()),
        raw: text.as_bytes().to_vec(),
        text,
        format: if html { Format::Html } else { Format::Text },
        meta: DocumentMeta::default(),
        feed_id: None,
        decode_time: t0.elapsed(),
    }
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
    /// Bytes of main text (what `warlog text` prints), summed.
    text_bytes: usize,
    wall: Duration,
    stages: Timings,
    store: Duration,
    store_wait: Duration,
    /// CPU time of the near-duplicate fingerprints (after the stages, on
    /// the same threads).
    fingerprint: Duration,
    resolve: Duration,
    claims: usize,
}

fn run_once(pipeline: &Pipeline, corpus: impl Iterator<Item = Source> + Send, db: &Path) -> anyhow::Result<RunFigures> {
    remove_db(db);
    let mut store = super::open_store(db)?;
    let (mut docs, mut bytes) = (0, 0);
    let mut stages = Timings::default();
    let mut text_bytes = 0;
    let mut fingerprint = Duration::ZERO;
    let start = Instant::now();
    let written = process_and_store(
        corpus.map(Ok),
        BATCH,
        &mut store,
        |s| {
            let raw = s.raw.len();
            let p = pipeline.process(s, None);
            let (timings, main) = (p.timings.clone(), p.main_end);
            let t0 = Instant::now();
            let page = to_write(p);
            (page, (timings, main, raw, t0.elapsed()))
        },
        |done| {
            for (t, main, raw, fp) in done {
                stages.merge(&t);
                fingerprint += fp;
                text_bytes += main;
                bytes += raw;
                docs += 1;
            }
        },
        |e| eprintln!("warlog: {e}"),
    )?;
    let t0 = Instant::now();
    resolve_pending(&mut store)?;
    let resolve = t0.elapsed();
    Ok(RunFigures {
        docs,
        bytes,
        text_bytes,
        wall: start.elapsed(),
        stages,
        store: written.write_time,
        store_wait: written.write_wait,
        fingerprint,
        resolve,
        claims: written.claims,
    })
}

/// Removes a database file and its WAL companions, if present.
fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// "ok" or "MISSED", for a figure against its target.
fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}

pub fn bench(paths: &[PathBuf], pages: usize, db: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let t0 = Instant::now();
    let pipeline = Pipeline::load();
    // Touch every resource once so that lazy loading counts as start-up.
    let _ = pipeline.process(Source::text("warm-up", "Bakou affirme que Gandja a été bombardée."), None);
    let startup = t0.elapsed();

    let tmp = std::env::temp_dir().join(format!("warlog-bench-{}.db", std::process::id()));
    let db_path = db.map(Path::to_path_buf).unwrap_or(tmp.clone());
    // A tenth of the corpus first: the cost should grow linearly.
    let (small, full) = if paths.is_empty() {
        // Generated page by page as the run reads them (no corpus in memory).
        let pages = pages.max(10);
        let small = run_once(&pipeline, (0..(pages / 10).max(1)).map(synthetic_page), &db_path)?;
        (small, run_once(&pipeline, (0..pages).map(synthetic_page), &db_path)?)
    } else {
        // Read into memory first, so that reading is not in the wall time.
        let mut corpus = Vec::new();
        for item in read_pages(paths, warlog_ingest::DEFAULT_MAX_BYTES) {
            match item {
                Ok(s) => corpus.push(s),
                Err(e) => eprintln!("warlog: {e}"),
            }
        }
        if corpus.is_empty() {
            anyhow::bail!("no pages to run on");
        }
        let tenth: Vec<Source> = corpus.iter().take((corpus.len() / 10).max(1)).cloned().collect();
        let small = run_once(&pipeline, tenth.into_iter(), &db_path)?;
        (small, run_once(&pipeline, corpus.into_iter(), &db_path)?)
    };
    if db.is_none() {
        remove_db(&tmp);
    }
    let report = Report { full, small, startup, peak_rss_mb: peak_rss_mb(), threads: rayon::current_num_threads() };
    if json {
        print_json(&report.json(), true)?;
    } else {
        print(&report.text())?;
    }
    Ok(Outcome::Done)
}

/// The figures of one bench, as JSON (CLI.md) or as a table.
struct Report {
    full: RunFigures,
    small: RunFigures,
    startup: Duration,
    peak_rss_mb: f64,
    threads: usize,
}

impl Report {
    fn per_doc_ms(&self, d: Duration) -> f64 {
        1000.0 * d.as_secs_f64() / self.full.docs as f64
    }

    fn docs_per_s(&self) -> f64 {
        self.full.docs as f64 / self.full.wall.as_secs_f64().max(1e-9)
    }

    fn mb_per_s(&self) -> f64 {
        self.full.bytes as f64 / 1e6 / self.full.wall.as_secs_f64().max(1e-9)
    }

    fn startup_ms(&self) -> f64 {
        self.startup.as_secs_f64() * 1000.0
    }

    /// Per-page time of the full run over that of the tenth.
    fn scaling(&self) -> f64 {
        let (f, s) = (&self.full, &self.small);
        (f.wall.as_secs_f64() / s.wall.as_secs_f64().max(1e-9)) / (f.docs as f64 / s.docs as f64)
    }

    /// CPU time a page costs on the processing threads (every stage but
    /// decode, and the fingerprint) and the writer's: the cores share them.
    fn cpu_ms_per_doc(&self) -> f64 {
        let f = &self.full;
        let processing: Duration =
            Stage::ALL.iter().filter(|s| **s != Stage::Decode).map(|s| f.stages.get(*s)).sum::<Duration>()
                + f.fingerprint;
        self.per_doc_ms(processing + f.store)
    }

    /// The pages per second those CPU times allow on this many threads,
    /// resolving aside: how far the wall time is from what the cores give.
    fn cpu_bound_docs_per_s(&self) -> f64 {
        self.threads as f64 * 1000.0 / self.cpu_ms_per_doc().max(1e-9)
    }

    fn text_kb_per_doc(&self) -> f64 {
        self.full.text_bytes as f64 / 1000.0 / self.full.docs as f64
    }

    fn json(&self) -> Value {
        let f = &self.full;
        let mut stages = Map::new();
        for s in Stage::ALL {
            let t = f.stages.get(s);
            stages.insert(s.name().into(), json!({"cpu_seconds": t.as_secs_f64(), "ms_per_doc": self.per_doc_ms(t)}));
        }
        stages.insert(
            "store".into(),
            json!({"seconds": f.store.as_secs_f64(), "ms_per_doc": self.per_doc_ms(f.store),
                   "wait_seconds": f.store_wait.as_secs_f64()}),
        );
        stages.insert(
            "fingerprint".into(),
            json!({"cpu_seconds": f.fingerprint.as_secs_f64(), "ms_per_doc": self.per_doc_ms(f.fingerprint)}),
        );
        stages.insert(
            "resolve".into(),
            json!({"seconds": f.resolve.as_secs_f64(), "ms_per_doc": self.per_doc_ms(f.resolve)}),
        );
        json!({
            "docs": f.docs,
            "bytes": f.bytes,
            "text_kb_per_doc": self.text_kb_per_doc(),
            "seconds": f.wall.as_secs_f64(),
            "docs_per_s": self.docs_per_s(),
            "mb_per_s": self.mb_per_s(),
            "claims": f.claims,
            "threads": self.threads,
            "peak_rss_mb": self.peak_rss_mb,
            "startup_ms": self.startup_ms(),
            "stages": Value::Object(stages),
            "cpu_ms_per_doc": self.cpu_ms_per_doc(),
            "cpu_bound_docs_per_s": self.cpu_bound_docs_per_s(),
            "scaling": {"small_docs": self.small.docs, "small_seconds": self.small.wall.as_secs_f64(),
                        "time_ratio_per_doc": self.scaling()},
            "targets": {
                "docs_per_s": {"target": Targets::PAGES_PER_S, "met": self.docs_per_s() >= Targets::PAGES_PER_S},
                "peak_rss_mb": {"target": Targets::PEAK_RSS_MB, "met": self.peak_rss_mb <= Targets::PEAK_RSS_MB},
                "startup_ms": {"target": Targets::STARTUP_MS, "met": self.startup_ms() <= Targets::STARTUP_MS},
                "time_ratio_per_doc": {"target": Targets::SCALING, "met": self.scaling() <= Targets::SCALING},
            },
        })
    }

    fn text(&self) -> String {
        let f = &self.full;
        let cpu: f64 = Stage::ALL.iter().map(|s| f.stages.get(*s).as_secs_f64()).sum();
        let mut out = format!(
            "{} pages ({:.1} KB of main text each), {:.1} MB, {} threads: {:.2} s → {:.0} pages/s, {:.1} MB/s; {} claims\n\
             start-up {:.0} ms; peak RSS {:.0} MB\n\
             scaling: {} pages in {:.2} s; per-page time ratio (full/tenth) {:.2}\n\n\
             stage          cpu s   ms/page  share\n",
            f.docs,
            self.text_kb_per_doc(),
            f.bytes as f64 / 1e6,
            self.threads,
            f.wall.as_secs_f64(),
            self.docs_per_s(),
            self.mb_per_s(),
            f.claims,
            self.startup_ms(),
            self.peak_rss_mb,
            self.small.docs,
            self.small.wall.as_secs_f64(),
            self.scaling()
        );
        for s in Stage::ALL {
            let t = f.stages.get(s);
            out.push_str(&format!(
                "{:<13} {:>6.2} {:>9.3} {:>5.1}%\n",
                s.name(),
                t.as_secs_f64(),
                self.per_doc_ms(t),
                100.0 * t.as_secs_f64() / cpu.max(1e-9)
            ));
        }
        out.push_str(&format!(
            "{:<13} {:>6.2} {:>9.3}  (after the stages, same threads)\n\
             {:<13} {:>6.2} {:>9.3}  (writer thread; processing waited {:.2} s for it)\n\
             {:<13} {:>6.2} {:>9.3}  (wall, after the pages)\n\
             CPU per page, decode and resolve aside: {:.3} ms → at most {:.0} pages/s on {} threads\n",
            "fingerprint",
            f.fingerprint.as_secs_f64(),
            self.per_doc_ms(f.fingerprint),
            "store",
            f.store.as_secs_f64(),
            self.per_doc_ms(f.store),
            f.store_wait.as_secs_f64(),
            "resolve",
            f.resolve.as_secs_f64(),
            self.per_doc_ms(f.resolve),
            self.cpu_ms_per_doc(),
            self.cpu_bound_docs_per_s(),
            self.threads
        ));
        let rows = [
            (
                "pages/s",
                format!("{:.0} ≥ {}", self.docs_per_s(), Targets::PAGES_PER_S),
                self.docs_per_s() >= Targets::PAGES_PER_S,
            ),
            (
                "peak RSS",
                format!("{:.0} MB ≤ {}", self.peak_rss_mb, Targets::PEAK_RSS_MB),
                self.peak_rss_mb <= Targets::PEAK_RSS_MB,
            ),
            (
                "start-up",
                format!("{:.0} ms ≤ {}", self.startup_ms(), Targets::STARTUP_MS),
                self.startup_ms() <= Targets::STARTUP_MS,
            ),
            ("scaling", format!("{:.2} ≤ {}", self.scaling(), Targets::SCALING), self.scaling() <= Targets::SCALING),
        ];
        out.push_str("\ntargets\n");
        for (name, figure, ok) in rows {
            out.push_str(&format!("  {name:<9} {figure:<22} {}\n", verdict(ok)));
        }
        out
    }
}

/// Pages holding the synthetic claims of [`warlog_resolve::synthetic`]
/// (consecutive claims of one page id become one page), ready to store.
fn synthetic_claim_pages(n: usize) -> Vec<PageToWrite> {
    let s = warlog_resolve::synthetic::generate(n, 42);
    let mut pages: Vec<PageToWrite> = Vec::new();
    let mut last: Option<String> = None;
    for c in s.claims {
        if last.as_deref() != Some(c.doc_id.as_str()) {
            let text = format!("Synthetic page {} for the resolver bench.", c.doc_id);
            let doc = Document {
                id: warlog_ingest::doc_id(text.as_bytes()),
                origin: format!("bench/{}", c.doc_id),
                format: Format::Text,
                meta: DocumentMeta { published: c.published, ..DocumentMeta::default() },
                text: text.clone(),
            };
            let page = Page {
                doc,
                raw: text.into_bytes(),
                segments: Vec::new(),
                mentions: Vec::new(),
                claims: Vec::new(),
                diagnostics: Vec::new(),
            };
            pages.push(PageToWrite::new(page, c.fingerprint));
            last = Some(c.doc_id.clone());
        }
        if let Some(p) = pages.last_mut() {
            p.page.claims.push(c.claim);
        }
    }
    pages
}

/// One resolver bench on `n` synthetic claims: stored, then resolved
/// through the store (as `warlog run` does), and the same claims resolved
/// in memory alone (the resolver's share of the time).
struct ResolveFigures {
    claims: usize,
    events: u64,
    store: Duration,
    resolve: Duration,
    in_memory: Duration,
}

fn resolve_once(n: usize, db: &Path) -> anyhow::Result<ResolveFigures> {
    remove_db(db);
    let mut store = super::open_store(db)?;
    let pages = synthetic_claim_pages(n);
    let claims = pages.iter().map(|p| p.page.claims.len()).sum();
    let t0 = Instant::now();
    for batch in pages.chunks(BATCH) {
        store.write_pages(batch)?;
    }
    let stored = t0.elapsed();
    let t0 = Instant::now();
    resolve_pending(&mut store)?;
    let resolve = t0.elapsed();
    let events = store.counts()?.events;
    drop(store);
    let s = warlog_resolve::synthetic::generate(n, 42);
    let t0 = Instant::now();
    let mut resolver = warlog_resolve::Resolver::new(Vec::new());
    for c in s.claims {
        resolver.add(c);
    }
    let _ = resolver.finish();
    Ok(ResolveFigures { claims, events, store: stored, resolve, in_memory: t0.elapsed() })
}

/// `warlog bench --resolve-claims N`: resolving `N` synthetic claims (a
/// tenth first, for the scaling ratio) through the store.
pub fn bench_resolve(n: usize, db: Option<&Path>, json: bool) -> anyhow::Result<Outcome> {
    let n = n.max(10);
    let tmp = std::env::temp_dir().join(format!("warlog-bench-resolve-{}.db", std::process::id()));
    let db_path = db.map(Path::to_path_buf).unwrap_or(tmp.clone());
    let small = resolve_once(n / 10, &db_path)?;
    let full = resolve_once(n, &db_path)?;
    if db.is_none() {
        remove_db(&tmp);
    }
    let per = |f: &ResolveFigures| f.resolve.as_secs_f64() / f.claims.max(1) as f64;
    let ratio = per(&full) / per(&small).max(1e-12);
    let claims_per_s = full.claims as f64 / full.resolve.as_secs_f64().max(1e-9);
    let rss = peak_rss_mb();
    if json {
        print_json(
            &json!({
                "claims": full.claims,
                "events": full.events,
                "store_seconds": full.store.as_secs_f64(),
                "resolve_seconds": full.resolve.as_secs_f64(),
                "claims_per_s": claims_per_s,
                "in_memory_seconds": full.in_memory.as_secs_f64(),
                "peak_rss_mb": rss,
                "scaling": {"small_claims": small.claims, "small_seconds": small.resolve.as_secs_f64(),
                            "time_ratio_per_claim": ratio},
                "targets": {"time_ratio_per_claim": {"target": Targets::SCALING, "met": ratio <= Targets::SCALING}},
            }),
            true,
        )?;
    } else {
        print(&format!(
            "{} synthetic claims ({} events): stored in {:.2} s, resolved through the store in {:.2} s → {:.0} claims/s\n\
             (the resolver alone, in memory: {:.2} s); peak RSS {:.0} MB\n\
             scaling: {} claims resolved in {:.2} s; per-claim time ratio (full/tenth) {:.2} ≤ {} {}\n",
            full.claims,
            full.events,
            full.store.as_secs_f64(),
            full.resolve.as_secs_f64(),
            claims_per_s,
            full.in_memory.as_secs_f64(),
            rss,
            small.claims,
            small.resolve.as_secs_f64(),
            ratio,
            Targets::SCALING,
            verdict(ratio <= Targets::SCALING),
        ))?;
    }
    Ok(Outcome::Done)
}
