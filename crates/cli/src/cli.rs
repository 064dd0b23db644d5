//! The command line: subcommands and their flags (../shared/spec/CLI.md is
//! the contract for names and `--json` shapes; options may be added, never
//! renamed).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const ABOUT: &str = "Turns news pages about armed conflicts into a sourced, mapped, queryable record of \
claims and events: who did what to whom, where, when, with what losses, and who says so.";

/// Shown by `--version`: the gazetteer's data is CC BY 4.0 and must be
/// attributed, in the words the gazetteer crate keeps with its data.
pub static LONG_VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "{}\n{}\nGeoNames licence: https://creativecommons.org/licenses/by/4.0/",
        env!("CARGO_PKG_VERSION"),
        warlog_gazetteer::ATTRIBUTION
    )
});

#[derive(Debug, Parser)]
#[command(name = "warlog", version, long_version = LONG_VERSION.as_str(), about = ABOUT, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The store file shared by the commands that use one.
#[derive(Debug, Args, Clone)]
pub struct DbArg {
    /// The store: a SQLite file, created when missing, or a PostgreSQL database
    /// (postgres://user@host/dbname; needs a build with --features pg).
    #[arg(long, value_name = "FILE|URL", default_value = "warlog.db", env = "WARLOG_DB")]
    pub db: PathBuf,
}

/// The page queue of `enqueue` and `worker`.
#[derive(Debug, Args, Clone)]
pub struct QueueArgs {
    /// The NATS server, with JetStream on (nats-server -js).
    #[arg(long, value_name = "URL", env = "WARLOG_NATS")]
    pub nats: String,
    /// The JetStream stream of pages (created when missing).
    #[arg(long, value_name = "NAME", default_value = "warlog", value_parser = stream_name)]
    pub stream: String,
}

/// A stream name JetStream accepts.
fn stream_name(s: &str) -> Result<String, String> {
    let ok = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'));
    if ok { Ok(s.to_string()) } else { Err("a stream name is letters, digits, '-' and '_'".into()) }
}

/// Options of commands that read pages.
#[derive(Debug, Args, Clone)]
pub struct ReadArgs {
    /// Largest page accepted, in bytes (after decompression).
    #[arg(long, value_name = "BYTES", default_value_t = warlog_ingest::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
    /// What you know of the pages: JSON Lines, one line per page, `doc` (its file name) and any
    /// of `url`, `published` (YYYY-MM-DD), `title`, `outlet`, `language`, as a gold set's
    /// docs.jsonl; these fields win over what the page says.
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest, extract, resolve and store every page under the paths.
    Run {
        /// Files or folders (read recursively); `-` for stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        db: DbArg,
        #[command(flatten)]
        read: ReadArgs,
        /// Pages processed and written per batch (one transaction each).
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Print a JSON summary.
        #[arg(long)]
        json: bool,
    },
    /// Print a page's main text (HTML: the article, without boilerplate).
    Text {
        /// A file, or `-` for stdin.
        file: PathBuf,
        /// Also print reader comments, after the main text.
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print a page cut into segments (body, entry, comment, social, caption, boilerplate).
    Segments {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the places named in a page, resolved to coordinates.
    Places {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Print the claims of a page.
    Claims {
        file: PathBuf,
        /// The page's date, when the page does not say it (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        published: Option<String>,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Score extraction against a gold set (../shared/spec/GOLD.md).
    Eval {
        /// Folder with docs.jsonl and gold.jsonl.
        gold_dir: PathBuf,
        /// Where the documents are (default: GOLD_DIR/docs).
        #[arg(long, value_name = "DIR")]
        docs: Option<PathBuf>,
        #[arg(long)]
        json: bool,
        /// Also list misses, spurious claims and wrong attributes.
        #[arg(long)]
        details: bool,
        /// Also score how claims are clustered into events, against this
        /// cluster gold (e.g. testdata/events/seed-clusters.json).
        #[arg(long, value_name = "FILE")]
        events: Option<PathBuf>,
    },
    /// Query stored events.
    Events {
        #[command(flatten)]
        filter: EventFilter,
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        json: bool,
    },
    /// Show one event with its claims, each with source, stance and evidence.
    Event {
        id: i64,
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        json: bool,
    },
    /// A day-by-day view of stored events.
    Timeline {
        #[command(flatten)]
        filter: EventFilter,
        #[command(flatten)]
        db: DbArg,
    },
    /// Cumulative counts (casualty tallies) by counting party.
    Tallies {
        /// Only this party (e.g. ART:government, or ART).
        #[arg(long)]
        party: Option<String>,
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over stored pages (accent-insensitive).
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        #[command(flatten)]
        db: DbArg,
        #[arg(long)]
        json: bool,
    },
    /// Export stored events.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (default: stdout).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: EventFilter,
        #[command(flatten)]
        db: DbArg,
    },
    /// Throughput and memory of each stage on a corpus.
    Bench {
        /// Pages to run on (default: the bundled examples, replicated).
        paths: Vec<PathBuf>,
        /// Pages in the default corpus.
        #[arg(long, default_value_t = 10_000)]
        pages: usize,
        /// Keep the store on disk at this path (default: a temporary file).
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
        /// Instead of pages: store N synthetic claims (and N/10 first) and
        /// time resolving them into events through the store.
        #[arg(long, value_name = "N")]
        resolve_claims: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Score warlog on one of the shared benchmarks (development check).
    Benchmark {
        #[arg(value_enum)]
        name: BenchmarkName,
        /// The benchmark's folder (e.g. ../shared/benchmarks/article-extraction).
        dir: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Serve the HTTP API and the web page (map, timeline, claims) over the store.
    Serve {
        /// Address to listen on; a loopback address keeps the server to this machine.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        #[command(flatten)]
        db: DbArg,
    },
    /// Publish pages to a NATS JetStream stream for `warlog worker`s (needs --features nats).
    Enqueue {
        /// Files or folders (read recursively); `-` for stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        queue: QueueArgs,
        #[command(flatten)]
        read: ReadArgs,
        #[arg(long)]
        json: bool,
    },
    /// Process pages from a NATS JetStream stream into the store (needs --features nats).
    Worker {
        #[command(flatten)]
        queue: QueueArgs,
        #[command(flatten)]
        db: DbArg,
        /// Pages per batch: processed together, written in one transaction, acknowledged, then
        /// resolved.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Exit once no page is left for the workers (default: wait for more).
        #[arg(long)]
        until_empty: bool,
        /// Seconds a page may go unacknowledged before it goes to another worker: how long
        /// a dead worker's pages wait (set by the worker that creates the stream's consumer).
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        ack_wait: u64,
        /// Print a JSON summary at exit.
        #[arg(long)]
        json: bool,
    },
    /// The bundled gazetteer.
    Gazetteer {
        #[command(subcommand)]
        command: GazetteerCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Build the compact index from GeoNames files and the supplement.
    Build {
        /// Folder with cities500.txt, admin1CodesASCII.txt, admin2Codes.txt.
        source: PathBuf,
        /// Output folder (the repository's data/gazetteer).
        out: PathBuf,
    },
    /// Look a name up.
    Lookup { name: String },
}

#[derive(Debug, Args, Clone, Default)]
pub struct EventFilter {
    /// Events on or after this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Events near this place (a name the gazetteer knows).
    #[arg(long, value_name = "PLACE")]
    pub near: Option<String>,
    /// Radius for --near, in km.
    #[arg(long, value_name = "KM", default_value_t = 25.0)]
    pub within: f64,
    /// Events inside a box: min_lat,min_lon,max_lat,max_lon.
    #[arg(long, value_name = "BOX", value_delimiter = ',', num_args = 1..=4, allow_negative_numbers = true)]
    pub bbox: Option<Vec<f64>>,
    /// Event type (shelling, air_strike, armed_clash, ...).
    #[arg(long = "type", value_name = "TYPE")]
    pub event_type: Option<String>,
    /// Actor code or country (AZE:military, AZE).
    #[arg(long)]
    pub actor: Option<String>,
    /// Source code or country.
    #[arg(long)]
    pub source: Option<String>,
    /// Only contested events.
    #[arg(long)]
    pub contested: bool,
    /// Words that the evidence or the page must contain.
    #[arg(long)]
    pub text: Option<String>,
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    #[value(name = "acled-csv")]
    AcledCsv,
    Geojson,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum BenchmarkName {
    /// Main-text extraction (4-token shingle F1).
    ArticleExtraction,
    /// Toponym recognition and resolution (GeoWebNews, LGL).
    Geoparsing,
    /// Sub-event type, place, fatalities and actors from ACLED notes.
    Acled,
    /// Event types of CASE 2021 task 2 snippets.
    Case2021,
    /// Where an event happened (Halterman's event-location sentences).
    EventLocation,
}
