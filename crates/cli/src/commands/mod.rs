//! One module per command; `run` dispatches.

mod bench;
mod benchmark;
#[cfg(feature = "nats")]
mod enqueue;
mod eval;
mod gazetteer;
mod page;
mod query;
#[cfg(feature = "nats")]
mod queue;
mod run;
mod serve;
#[cfg(feature = "nats")]
mod worker;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use warlog_ingest::{IngestError, IngestOptions, Inputs, Manifest};
use warlog_pipeline::Source;

use crate::Outcome;
use crate::cli::{Cli, Command, GazetteerCommand, ReadArgs};

/// How a `--db` appears in messages: a path as it is, a URL without its
/// password.
pub(crate) fn shown_db(db: &Path) -> String {
    let text = db.display().to_string();
    if warlog_store::is_url(&text) { warlog_store::redacted_url(&text) } else { text }
}

/// Opens the store `--db` names, the error naming it.
pub(crate) fn open_store(db: &Path) -> anyhow::Result<warlog_store::Store> {
    warlog_store::Store::open(db).with_context(|| format!("opening the store {}", shown_db(db)))
}

pub fn run(args: Cli) -> anyhow::Result<Outcome> {
    match args.command {
        Command::Run { paths, db, read, batch, json } => run::run(&paths, &db.db, &Reader::new(&read)?, batch, json),
        Command::Text { file, all, json, read } => page::text(&file, all, json, &Reader::new(&read)?),
        Command::Segments { file, json, read } => page::segments(&file, json, &Reader::new(&read)?),
        Command::Places { file, json, read } => page::places(&file, json, &Reader::new(&read)?),
        Command::Claims { file, published, json, read } => {
            page::claims(&file, published.as_deref(), json, &Reader::new(&read)?)
        }
        Command::Eval { gold_dir, docs, json, details, events } => {
            eval::eval(&gold_dir, docs.as_deref(), json, details, events.as_deref())
        }
        Command::Events { filter, db, json } => query::events(&filter, &db.db, json),
        Command::Event { id, db, json } => query::event(id, &db.db, json),
        Command::Timeline { filter, db } => query::timeline(&filter, &db.db),
        Command::Tallies { party, db, json } => query::tallies(party.as_deref(), &db.db, json),
        Command::Search { query, limit, db, json } => query::search(&query, limit, &db.db, json),
        Command::Export { format, out, filter, db } => query::export(format, out.as_deref(), &filter, &db.db),
        Command::Bench { paths, db, resolve_claims: Some(n), json, .. } => {
            if !paths.is_empty() {
                anyhow::bail!("--resolve-claims generates its own claims: give no paths");
            }
            bench::bench_resolve(n, db.as_deref(), json)
        }
        Command::Bench { paths, pages, db, resolve_claims: None, json } => {
            bench::bench(&paths, pages, db.as_deref(), json)
        }
        Command::Benchmark { name, dir, json } => benchmark::benchmark(name, &dir, json),
        Command::Serve { addr, db } => serve::serve(addr, &db.db),
        #[cfg(feature = "nats")]
        Command::Enqueue { paths, queue, read, json } => {
            enqueue::enqueue(&paths, &queue.nats, &queue.stream, &Reader::new(&read)?, json)
        }
        #[cfg(feature = "nats")]
        Command::Worker { queue, db, batch, until_empty, ack_wait, json } => worker::worker(&worker::Options {
            nats: &queue.nats,
            stream: &queue.stream,
            db: &db.db,
            batch,
            until_empty,
            ack_wait: std::time::Duration::from_secs(ack_wait.max(1)),
            json,
        }),
        #[cfg(not(feature = "nats"))]
        Command::Enqueue { .. } | Command::Worker { .. } => anyhow::bail!(
            "this warlog was built without the NATS queue; rebuild it with `--features nats` \
             (cargo install --locked --path crates/cli --features pg,nats)"
        ),
        Command::Gazetteer { command } => match command {
            GazetteerCommand::Build { source, out } => gazetteer::build(&source, &out),
            GazetteerCommand::Lookup { name } => gazetteer::lookup(&name),
        },
    }
}

/// Pages under `paths`, each read and decoded, or an error for that input.
pub fn read_pages(paths: &[PathBuf], max_bytes: u64) -> impl Iterator<Item = Result<Source, IngestError>> {
    read_pages_hashed(paths, max_bytes, true)
}

/// [`read_pages`], without document ids unless `hashed` (see
/// [`Source::from_raw_unhashed`]).
pub fn read_pages_hashed(
    paths: &[PathBuf],
    max_bytes: u64,
    hashed: bool,
) -> impl Iterator<Item = Result<Source, IngestError>> {
    let mut inputs = Inputs::new(paths.iter(), IngestOptions { max_bytes });
    std::iter::from_fn(move || {
        let start = Instant::now();
        let item = inputs.next()?;
        Some(item.map(|raw| {
            if hashed {
                Source::from_raw(raw, start.elapsed())
            } else {
                Source::from_raw_unhashed(raw, start.elapsed())
            }
        }))
    })
}

/// How the commands that read pages read them (`--max-bytes`, `--manifest`).
pub struct Reader {
    max_bytes: u64,
    manifest: Option<Manifest>,
}

impl Reader {
    pub fn new(read: &ReadArgs) -> anyhow::Result<Reader> {
        let manifest = match &read.manifest {
            Some(path) => Some(Manifest::read(path).context("reading the --manifest")?),
            None => None,
        };
        Ok(Reader { max_bytes: read.max_bytes, manifest })
    }

    /// [`read_pages`], each page given the fields of its manifest line.
    pub fn pages<'a>(&'a self, paths: &'a [PathBuf]) -> impl Iterator<Item = Result<Source, IngestError>> + 'a {
        self.pages_hashed(paths, true)
    }

    /// [`Reader::pages`], without document ids unless `hashed` (as
    /// [`read_pages_hashed`]).
    pub fn pages_hashed<'a>(
        &'a self,
        paths: &'a [PathBuf],
        hashed: bool,
    ) -> impl Iterator<Item = Result<Source, IngestError>> + 'a {
        read_pages_hashed(paths, self.max_bytes, hashed).map(|item| {
            item.map(|mut source| {
                if let Some(m) = &self.manifest {
                    source.meta = m.apply(&source.origin, std::mem::take(&mut source.meta));
                }
                source
            })
        })
    }
}

/// A `YYYY-MM-DD` argument.
pub fn parse_date(s: &str) -> anyhow::Result<warlog_model::Date> {
    warlog_model::parse_iso_date(s).with_context(|| format!("not a date (expected YYYY-MM-DD): {s:?}"))
}

/// Is this input a JSON Lines feed (one result line per page)?
pub fn is_feed(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".warc")
}
