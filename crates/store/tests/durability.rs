//! Durability, on disk and on PostgreSQL (`--features pg`, see
//! `tests/suite.rs`): a second connection (another process in real use)
//! sees committed batches while the writer goes on, and a writer killed
//! with SIGKILL loses nothing it committed and leaves no half page.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{ClaimSpec, page};
use warlog_model::EventType;
use warlog_store::{PageToWrite, Store};

const PAGES_PER_BATCH: usize = 8;
const CLAIMS_PER_PAGE: usize = 3;

fn batch(n: usize) -> Vec<PageToWrite> {
    (0..PAGES_PER_BATCH)
        .map(|i| {
            let text = format!("Lot {n}, page {i}. Tir sur Gəncə. Combats à Tartar. Frappe de drone.");
            let specs = [
                ClaimSpec::new("Tir sur Gəncə.", EventType::Shelling),
                ClaimSpec::new("Combats à Tartar.", EventType::ArmedClash),
                ClaimSpec::new("Frappe de drone.", EventType::AirStrike),
            ];
            page(&format!("b{n}-p{i}.txt"), "AFP", "2020-10-05", &text, &specs)
        })
        .collect()
}

/// Where a test's store lives: a file, or a URL; `Store::open` takes both.
fn sqlite_target() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warlog.db");
    (dir, path)
}

#[test]
fn a_reader_sees_committed_batches_while_the_writer_goes_on() {
    let (_dir, path) = sqlite_target();
    reader_sees_committed_batches(&path);
}

#[test]
fn a_killed_writer_loses_no_committed_batch_and_leaves_no_half_page() {
    let (_dir, path) = sqlite_target();
    killed_writer_loses_nothing(&path);
}

#[cfg(feature = "pg")]
mod postgres {
    #[test]
    fn a_reader_sees_committed_batches_while_the_writer_goes_on() {
        let Some(schema) = crate::common::pg::Schema::new() else { return };
        super::reader_sees_committed_batches(std::path::Path::new(&schema.url()));
    }

    #[test]
    fn a_killed_writer_loses_no_committed_batch_and_leaves_no_half_page() {
        let Some(schema) = crate::common::pg::Schema::new() else { return };
        super::killed_writer_loses_nothing(std::path::Path::new(&schema.url()));
    }
}

fn reader_sees_committed_batches(path: &Path) {
    let path = path.to_path_buf();
    let mut writer = Store::open(&path).unwrap();
    let reader = Store::open(&path).unwrap();
    assert_eq!(reader.counts().unwrap().documents, 0);
    writer.write_pages(&batch(0)).unwrap();
    assert_eq!(reader.counts().unwrap().documents, PAGES_PER_BATCH as u64);
    let in_thread = std::thread::spawn(move || {
        let reader = Store::open(&path).unwrap();
        for n in 1..5 {
            writer.write_pages(&batch(n)).unwrap();
            // A reader on another thread, with its own connection.
            let seen = reader.counts().unwrap().documents;
            assert_eq!(seen, ((n + 1) * PAGES_PER_BATCH) as u64);
        }
    });
    in_thread.join().unwrap();
    assert_eq!(reader.search("gence", 100).unwrap().len(), 5 * PAGES_PER_BATCH);
}

/// Child half of the kill test: writes batches forever into the database
/// named by the variable, printing after each commit. Does nothing in a
/// normal test run.
#[test]
fn child_writer_for_the_kill_test() {
    let Some(path) = std::env::var_os("WARLOG_STORE_KILL_CHILD") else { return };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    for n in 0.. {
        store.write_pages(&batch(n)).unwrap();
        println!("committed {n}");
    }
}

fn killed_writer_loses_nothing(path: &Path) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child_writer_for_the_kill_test", "--nocapture", "--test-threads=1"])
        .env("WARLOG_STORE_KILL_CHILD", path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut committed = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        if let Some(n) = line.unwrap().strip_prefix("committed ") {
            committed = n.trim().parse::<usize>().unwrap() + 1;
            if committed >= 5 {
                break;
            }
        }
    }
    child.kill().unwrap(); // SIGKILL, most likely in the middle of the next batch
    child.wait().unwrap();
    assert!(committed >= 5, "the child never committed: did it start?");

    let store = Store::open(path).unwrap();
    let counts = store.counts().unwrap();
    let docs = counts.documents as usize;
    eprintln!("killed after {committed} commits reported; {docs} documents kept");
    assert!(docs >= committed * PAGES_PER_BATCH, "lost committed batches: {docs} documents");
    assert_eq!(docs % PAGES_PER_BATCH, 0, "half a batch was kept: {docs} documents");
    assert_eq!(counts.claims as usize, docs * CLAIMS_PER_PAGE, "a page without all its claims");
    for n in 0..committed {
        for p in batch(n) {
            let stored = store.document_claims(&p.page.doc.id).unwrap();
            assert_eq!(stored.len(), CLAIMS_PER_PAGE);
        }
    }
}
