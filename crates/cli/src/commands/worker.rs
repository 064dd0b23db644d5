//! `warlog worker`: take pages from the JetStream stream (see
//! [`super::queue`]) a batch at a time, run the pipeline on them on all
//! cores, write the batch to the store in one transaction, acknowledge its
//! messages only then, and resolve the new claims into events — under the
//! store's resolver lock, so several workers can share one PostgreSQL store.
//!
//! A worker killed anywhere loses nothing: pages not yet acknowledged go to
//! another worker (or this one, restarted), and a page written twice is
//! stored once. Pages that cannot be processed are taken off the queue
//! (`Term`) with a message: a message that is not a page, or a page the
//! store refuses.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::Context;
use async_nats::jetstream::consumer::PullConsumer;
use async_nats::jetstream::{AckKind, Message};
use futures_util::StreamExt;
use futures_util::future::{Either, select};
use rayon::prelude::*;
use serde_json::json;
use warlog_pipeline::{Pipeline, Source};
use warlog_store::{PageToWrite, Store, WriteOutcome};

use super::queue::{self, PageMessage};
use super::run::to_write;
use crate::Outcome;
use crate::output::print_json;
use crate::resolving::resolve_pending;

/// How long an idle worker waits for pages before it looks again.
const WAIT: Duration = Duration::from_secs(2);

/// What `warlog worker` was asked.
pub struct Options<'a> {
    pub nats: &'a str,
    pub stream: &'a str,
    pub db: &'a Path,
    pub batch: usize,
    pub until_empty: bool,
    /// How long JetStream waits for a page's acknowledgement before it
    /// gives the page to another worker (when this worker creates the
    /// consumer).
    pub ack_wait: Duration,
    pub json: bool,
}

/// What a batch did in the store.
#[derive(Default)]
struct Written {
    stored: usize,
    already: usize,
    claims: usize,
    /// Pages the store refused (index in the batch, reason).
    refused: Vec<(usize, String)>,
}

/// What the worker did since it started.
#[derive(Default)]
struct Totals {
    batches: usize,
    stored: usize,
    already: usize,
    claims: usize,
    events: usize,
    tallies: usize,
    failed: Vec<(String, String)>,
}

/// The store, shared with the blocking threads that use it: the async side
/// never touches it (its PostgreSQL client blocks on a runtime of its own,
/// which tokio forbids on the runtime's thread).
type Shared = Arc<Mutex<Store>>;

fn lock(store: &Shared) -> anyhow::Result<MutexGuard<'_, Store>> {
    store.lock().map_err(|_| anyhow::anyhow!("a panic while writing left the store's connection unusable"))
}

pub fn worker(o: &Options) -> anyhow::Result<Outcome> {
    let store = super::open_store(o.db)?;
    let store: Shared = Arc::new(Mutex::new(store));
    let started = Instant::now();
    let totals = queue::runtime()?.block_on(work(Arc::clone(&store), o))?;
    report(&*lock(&store)?, &totals, started.elapsed(), o.json)
}

async fn work(store: Shared, o: &Options<'_>) -> anyhow::Result<Totals> {
    let q = queue::open(o.nats, o.stream).await?;
    let consumer = queue::consumer(&q.stream, o.ack_wait).await?;
    // Say "in progress" well before the consumer's own ack wait runs out.
    let progress_every = consumer.cached_info().config.ack_wait / 3;
    let pipeline = Arc::new(Pipeline::load());
    let mut t = Totals::default();
    while let Some(messages) = next_batch(&consumer, o.batch.max(1), o.until_empty).await? {
        let mut sources = Vec::with_capacity(messages.len());
        let mut delivered = Vec::with_capacity(messages.len());
        for m in messages {
            match PageMessage::decode(&m.payload) {
                Ok(source) => {
                    sources.push(source);
                    delivered.push(m);
                }
                Err(e) => {
                    let what = format!("message on {}", m.subject);
                    eprintln!("warlog worker: {what}: {e:#}; taken off the queue");
                    t.failed.push((what, format!("{e:#}")));
                    ack(&m, AckKind::Term).await?;
                }
            }
        }
        if sources.is_empty() {
            continue;
        }
        let origins: Vec<String> = sources.iter().map(|s| s.origin.clone()).collect();
        let job = tokio::task::spawn_blocking({
            let (store, pipeline) = (Arc::clone(&store), Arc::clone(&pipeline));
            move || process_and_write(&mut *lock(&store)?, &pipeline, sources)
        });
        // Not acknowledged: the batch's pages go back to the queue.
        let written = keep_alive(job, &delivered, progress_every).await??;
        // Committed: now the queue may forget the pages.
        for (i, m) in delivered.iter().enumerate() {
            match written.refused.iter().find(|(at, _)| *at == i) {
                Some((_, reason)) => {
                    eprintln!("warlog worker: {}: {reason}; taken off the queue", origins[i]);
                    t.failed.push((origins[i].clone(), reason.clone()));
                    ack(m, AckKind::Term).await?;
                }
                None => ack(m, AckKind::Ack).await?,
            }
        }
        q.client.flush().await.context("sending acknowledgements to NATS")?;

        let job = tokio::task::spawn_blocking({
            let store = Arc::clone(&store);
            move || lock(&store)?.with_resolver_lock(resolve_pending).context("resolving new claims into events")
        });
        let resolved = job.await.context("the resolver stopped (a panic?)")??;
        t.batches += 1;
        t.stored += written.stored;
        t.already += written.already;
        t.claims += written.claims;
        t.events += resolved.events_touched;
        t.tallies += resolved.tallies;
        if !o.json {
            eprintln!(
                "warlog worker: {} pages ({} new, {} already stored), {} claims, {} events updated",
                delivered.len(),
                written.stored,
                written.already,
                written.claims,
                resolved.events_touched
            );
        }
    }
    Ok(t)
}

/// The next pages: those ready now, else those that arrive within [`WAIT`];
/// `None` when `until_empty` and nothing is left for the workers.
async fn next_batch(consumer: &PullConsumer, n: usize, until_empty: bool) -> anyhow::Result<Option<Vec<Message>>> {
    let ready = consumer.fetch().max_messages(n).messages().await.context("fetching pages")?;
    let ready = collect(ready).await?;
    if !ready.is_empty() {
        return Ok(Some(ready));
    }
    if until_empty {
        let info = consumer.get_info().await.context("asking the stream what is left")?;
        if info.num_pending == 0 && info.num_ack_pending == 0 {
            return Ok(None);
        }
    }
    let arriving = consumer.batch().max_messages(n).expires(WAIT).messages().await.context("fetching pages")?;
    Ok(Some(collect(arriving).await?))
}

async fn collect<S, E>(mut batch: S) -> anyhow::Result<Vec<Message>>
where
    S: futures_util::Stream<Item = Result<Message, E>> + Unpin,
    E: std::fmt::Display,
{
    let mut out = Vec::new();
    while let Some(m) = batch.next().await {
        out.push(m.map_err(|e| anyhow::anyhow!("fetching pages: {e}"))?);
    }
    Ok(out)
}

async fn ack(m: &Message, kind: AckKind) -> anyhow::Result<()> {
    m.ack_with(kind).await.map_err(|e| anyhow::anyhow!("acknowledging a page: {e}"))
}

/// Waits for `job`, telling JetStream every `every` that its pages are
/// still being worked on.
async fn keep_alive<T>(job: tokio::task::JoinHandle<T>, messages: &[Message], every: Duration) -> anyhow::Result<T> {
    let every = every.max(Duration::from_millis(100));
    let progress = async {
        loop {
            tokio::time::sleep(every).await;
            for m in messages {
                // A lost progress note only risks a redelivery, which is harmless.
                let _ = m.ack_with(AckKind::Progress).await;
            }
        }
    };
    match select(job, std::pin::pin!(progress)).await {
        Either::Left((done, _)) => done.context("the pipeline stopped (a panic?)"),
        Either::Right(_) => unreachable!("progress notes never end"),
    }
}

/// Runs the pipeline on all cores and writes the pages in one transaction;
/// a page the store would refuse is set aside so the rest is written.
fn process_and_write(store: &mut Store, pipeline: &Pipeline, sources: Vec<Source>) -> anyhow::Result<Written> {
    let pages: Vec<PageToWrite> = sources.into_par_iter().map(|s| to_write(pipeline.process(s, None))).collect();
    let mut w = Written::default();
    let mut keep = Vec::with_capacity(pages.len());
    for (i, p) in pages.into_iter().enumerate() {
        match warlog_store::validate(&p.page) {
            Ok(()) => keep.push(p),
            Err(e) => w.refused.push((i, e.to_string())),
        }
    }
    for outcome in store.write_pages(&keep).context("writing pages to the store")? {
        match outcome {
            WriteOutcome::Stored { claim_ids } => {
                w.stored += 1;
                w.claims += claim_ids.len();
            }
            WriteOutcome::AlreadyStored => w.already += 1,
        }
    }
    Ok(w)
}

fn report(store: &Store, t: &Totals, took: Duration, json: bool) -> anyhow::Result<Outcome> {
    let counts = store.counts().context("counting stored records")?;
    let location = store.location();
    let pages = t.stored + t.already;
    let per_s = pages as f64 / took.as_secs_f64().max(1e-9);
    if json {
        let failed: Vec<_> = t.failed.iter().map(|(p, e)| json!({"path": p, "error": e})).collect();
        print_json(
            &json!({
                "documents": t.stored,
                "already_stored": t.already,
                "claims": t.claims,
                "events": t.events,
                "tallies": t.tallies,
                "failed": failed,
                "batches": t.batches,
                "seconds": took.as_secs_f64(),
                "store": {"documents": counts.documents, "claims": counts.claims, "events": counts.events},
            }),
            true,
        )?;
    } else {
        eprintln!(
            "{} new pages ({} already stored), {} claims, {} events updated, {} tallies; {} failed; \
             {pages} pages in {:.1} s ({per_s:.1} pages/s).\nstore {location}: {} pages, {} claims, {} events",
            t.stored,
            t.already,
            t.claims,
            t.events,
            t.tallies,
            t.failed.len(),
            took.as_secs_f64(),
            counts.documents,
            counts.claims,
            counts.events
        );
    }
    Ok(if t.failed.is_empty() { Outcome::Done } else { Outcome::Partial })
}
