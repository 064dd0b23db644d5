//! `warlog run`: read every page under the paths, process pages in parallel
//! batches, write each batch in one transaction, then resolve new claims
//! into events. A page that cannot be read is reported and skipped.

use std::path::{Path, PathBuf};

use anyhow::Context;
use rayon::prelude::*;
use serde_json::json;
use warlog_pipeline::Pipeline;
use warlog_store::{PageToWrite, Store, WriteOutcome};

use super::read_pages;
use crate::Outcome;
use crate::output::print_json;
use crate::progress;
use crate::resolving::resolve_pending;

pub fn run(paths: &[PathBuf], db: &Path, max_bytes: u64, batch: usize, json: bool) -> anyhow::Result<Outcome> {
    let mut store = Store::open(db).with_context(|| format!("opening the store {}", db.display()))?;
    let pipeline = Pipeline::load();
    let bar = progress::pages("reading");
    let mut pages = read_pages(paths, max_bytes);
    let mut failed: Vec<(String, String)> = Vec::new();
    let (mut stored, mut already, mut claims) = (0usize, 0usize, 0usize);
    let batch = batch.max(1);
    loop {
        let mut chunk = Vec::with_capacity(batch);
        let mut exhausted = true;
        for item in pages.by_ref() {
            match item {
                Ok(source) => chunk.push(source),
                Err(e) => {
                    bar.suspend(|| eprintln!("warlog: {e}"));
                    failed.push((e.origin.clone(), e.kind.to_string()));
                }
            }
            if chunk.len() == batch {
                exhausted = false;
                break;
            }
        }
        if !chunk.is_empty() {
            let n = chunk.len() as u64;
            let to_write: Vec<PageToWrite> = chunk
                .into_par_iter()
                .map(|source| {
                    let p = pipeline.process(source, None);
                    let main = p.page.doc.text.get(..p.main_end).unwrap_or(&p.page.doc.text);
                    let fingerprint = warlog_resolve::simhash(main);
                    PageToWrite::new(p.page, Some(fingerprint))
                })
                .collect();
            for outcome in store.write_pages(&to_write).context("writing pages to the store")? {
                match outcome {
                    WriteOutcome::Stored { claim_ids } => {
                        stored += 1;
                        claims += claim_ids.len();
                    }
                    WriteOutcome::AlreadyStored => already += 1,
                }
            }
            bar.inc(n);
        }
        if exhausted {
            break;
        }
    }
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
            db.display(),
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
