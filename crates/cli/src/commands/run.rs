//! `warlog run`: read every page under the paths, process them and store
//! them, then resolve new claims into events. A page that cannot be read is
//! reported and skipped.
//!
//! Reading, processing and writing overlap ([`process_and_store`]): a reader
//! thread decodes the next batch while the pipeline runs the current one on
//! all cores, and a writer thread stores the previous one in one
//! transaction. Rendezvous channels keep at most three batches in memory;
//! batches are written in input order, so claim ids do not depend on timing.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use serde_json::json;
use warlog_ingest::IngestError;
use warlog_pipeline::{Pipeline, Processed, Source};
use warlog_store::{PageToWrite, Store, WriteOutcome};

use super::Reader;
use crate::Outcome;
use crate::output::print_json;
use crate::progress;
use crate::resolving::resolve_pending;

/// What the writer did, and how long the two sides waited for each other.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Written {
    pub stored: usize,
    pub already: usize,
    pub claims: usize,
    /// Time the writer spent in transactions (its own thread).
    pub write_time: Duration,
    /// Time the processing side waited for the writer to take a batch.
    pub write_wait: Duration,
}

/// A page ready for the store: the near-duplicate fingerprint of its main text.
pub(crate) fn to_write(p: Processed) -> PageToWrite {
    let main = p.page.doc.text.get(..p.main_end).unwrap_or(&p.page.doc.text);
    let fingerprint = warlog_resolve::simhash(main);
    PageToWrite::new(p.page, Some(fingerprint))
}

/// Runs `process` on every page on all cores, `batch` pages at a time, and
/// writes each batch in one transaction from a writer thread while the next
/// batch is processed. `on_batch` gets what `process` returned beside each
/// page (in order) and `on_error` each page that could not be read, both on
/// the calling thread. Stops at the first store error.
pub(crate) fn process_and_store<P, T>(
    pages: P,
    batch: usize,
    store: &mut Store,
    process: impl Fn(Source) -> (PageToWrite, T) + Sync,
    mut on_batch: impl FnMut(Vec<T>),
    mut on_error: impl FnMut(IngestError),
) -> anyhow::Result<Written>
where
    P: Iterator<Item = Result<Source, IngestError>> + Send,
    T: Send,
{
    let batch = batch.max(1);
    let (read_tx, read_rx) = mpsc::sync_channel::<Vec<Result<Source, IngestError>>>(0);
    let (write_tx, write_rx) = mpsc::sync_channel::<Vec<PageToWrite>>(0);
    thread::scope(|scope| {
        scope.spawn(move || {
            let mut pages = pages;
            loop {
                let chunk: Vec<_> = pages.by_ref().take(batch).collect();
                if chunk.is_empty() || read_tx.send(chunk).is_err() {
                    break;
                }
            }
        });
        let writer = scope.spawn(move || -> anyhow::Result<Written> {
            let mut w = Written::default();
            for pages in write_rx {
                let t0 = Instant::now();
                let outcomes = store.write_pages(&pages).context("writing pages to the store")?;
                w.write_time += t0.elapsed();
                for outcome in outcomes {
                    match outcome {
                        WriteOutcome::Stored { claim_ids } => {
                            w.stored += 1;
                            w.claims += claim_ids.len();
                        }
                        WriteOutcome::AlreadyStored => w.already += 1,
                    }
                }
            }
            Ok(w)
        });
        let mut wait = Duration::ZERO;
        for chunk in read_rx {
            let mut sources = Vec::with_capacity(chunk.len());
            for item in chunk {
                match item {
                    Ok(source) => sources.push(source),
                    Err(e) => on_error(e),
                }
            }
            if sources.is_empty() {
                continue;
            }
            let (pages, extra): (Vec<PageToWrite>, Vec<T>) = sources.into_par_iter().map(&process).unzip();
            on_batch(extra);
            let t0 = Instant::now();
            // A closed channel means the writer stopped on an error, reported below.
            if write_tx.send(pages).is_err() {
                break;
            }
            wait += t0.elapsed();
        }
        drop(write_tx);
        let mut written = match writer.join() {
            Ok(r) => r?,
            Err(_) => anyhow::bail!("the store writer stopped unexpectedly"),
        };
        written.write_wait = wait;
        Ok(written)
    })
}

pub fn run(paths: &[PathBuf], db: &Path, reader: &Reader, batch: usize, json: bool) -> anyhow::Result<Outcome> {
    let mut store = super::open_store(db)?;
    let pipeline = Pipeline::load();
    let bar = progress::pages("reading");
    let mut failed: Vec<(String, String)> = Vec::new();
    let written = process_and_store(
        reader.pages(paths),
        batch,
        &mut store,
        |source| (to_write(pipeline.process(source, None)), ()),
        |done| bar.inc(done.len() as u64),
        |e| {
            bar.suspend(|| eprintln!("warlog: {e}"));
            failed.push((e.origin.clone(), e.kind.to_string()));
        },
    )?;
    let Written { stored, already, claims, .. } = written;
    bar.set_message("resolving");
    let resolved = resolve_pending(&mut store)?;
    bar.finish_and_clear();
    let counts = store.counts().context("counting stored records")?;
    if json {
        let failed: Vec<_> = failed.iter().map(|(p, e)| json!({"path": p, "error": e})).collect();
        print_json(
            &json!({
                "documents": stored,
                "already_stored": already,
                "claims": claims,
                "events": resolved.events_touched,
                "tallies": resolved.tallies,
                "failed": failed,
                "store": {"documents": counts.documents, "claims": counts.claims, "events": counts.events},
            }),
            true,
        )?;
    } else {
        eprintln!(
            "{stored} new pages ({already} already stored), {claims} claims, {} events updated, {} tallies; {} failed.\n\
             store {}: {} pages, {} claims, {} events",
            resolved.events_touched,
            resolved.tallies,
            failed.len(),
            super::shown_db(db),
            counts.documents,
            counts.claims,
            counts.events
        );
    }
    match (stored + already, failed.len()) {
        (0, 0) => anyhow::bail!("no page found under the given paths"),
        (0, _) => anyhow::bail!("no page could be read ({} failed)", failed.len()),
        (_, 0) => Ok(Outcome::Done),
        _ => Ok(Outcome::Partial),
    }
}
