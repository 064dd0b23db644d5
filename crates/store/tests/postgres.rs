//! What only a shared PostgreSQL store must guarantee, beyond the suite
//! every backend passes (`--features pg` and `WARLOG_TEST_PG_URL`, see
//! `tests/suite.rs`): concurrent writers store each page once and hand out
//! claim ids in commit order (so a resolver reading `claims_after` never
//! skips one), resolver passes exclude each other, the schema is migrated
//! once and refused when foreign or newer, and long pages are searchable
//! to their end.
#![cfg(feature = "pg")]

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use common::pg::Schema;
use common::{ClaimSpec, page};
use warlog_model::EventType;
use warlog_store::{PageToWrite, Store, StoreError, WriteOutcome};

/// A page with two claims; `n` makes it unique.
fn numbered(n: usize) -> PageToWrite {
    let text = format!("Page {n}. Tir sur Gəncə. Combats à Tartar.");
    let specs = [
        ClaimSpec::new("Tir sur Gəncə.", EventType::Shelling),
        ClaimSpec::new("Combats à Tartar.", EventType::ArmedClash),
    ];
    page(&format!("p{n}.txt"), "AFP", "2020-10-05", &text, &specs)
}

#[test]
fn concurrent_writers_store_each_page_once_and_ids_follow_commits() {
    let Some(schema) = Schema::new() else { return };
    let url = Arc::new(schema.url());
    const WRITERS: usize = 3;
    const BATCHES: usize = 20;
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    // A reader that advances like the resolver: every id it has not seen
    // must be above the highest it has seen.
    let reader = {
        let (url, done) = (Arc::clone(&url), Arc::clone(&done));
        std::thread::spawn(move || {
            let store = Store::open_url(&url).unwrap();
            let mut seen = BTreeSet::new();
            let mut through = 0;
            loop {
                let last_round = done.load(std::sync::atomic::Ordering::SeqCst);
                for c in store.claims_after(through, usize::MAX).unwrap() {
                    assert!(seen.insert(c.id), "claim {} read twice", c.id);
                    through = through.max(c.id);
                }
                if last_round {
                    return seen;
                }
            }
        })
    };
    let writers: Vec<_> = (0..WRITERS)
        .map(|w| {
            let url = Arc::clone(&url);
            std::thread::spawn(move || {
                let mut store = Store::open_url(&url).unwrap();
                for b in 0..BATCHES {
                    // Pages 0..4 of every batch number are written by every writer.
                    let mut batch: Vec<PageToWrite> = (0..4).map(|i| numbered(b * 100 + i)).collect();
                    batch.extend((0..4).map(|i| numbered(10_000 * (w + 1) + b * 10 + i)));
                    store.write_pages(&batch).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = reader.join().unwrap();
    let store = schema.open();
    let counts = store.counts().unwrap();
    let pages = (BATCHES * 4 + WRITERS * BATCHES * 4) as u64;
    assert_eq!(counts.documents, pages, "each page once");
    assert_eq!(counts.claims, 2 * pages);
    let all: BTreeSet<i64> = store.claims_after(0, usize::MAX).unwrap().iter().map(|c| c.id).collect();
    assert_eq!(seen, all, "a reader advancing by claim id skipped claims committed late");
}

#[test]
fn resolver_passes_exclude_each_other() {
    let Some(schema) = Schema::new() else { return };
    let (mut a, mut b) = (schema.open(), schema.open());
    let barrier = Arc::new(Barrier::new(2));
    let other = {
        let barrier = Arc::clone(&barrier);
        std::thread::spawn(move || {
            barrier.wait();
            // `a` holds the lock by now: this waits for it.
            let t0 = Instant::now();
            b.with_resolver_lock(|_| Ok::<_, StoreError>(())).unwrap();
            t0.elapsed()
        })
    };
    a.with_resolver_lock(|_| {
        barrier.wait();
        std::thread::sleep(Duration::from_millis(300));
        Ok::<_, StoreError>(())
    })
    .unwrap();
    let waited = other.join().unwrap();
    assert!(waited >= Duration::from_millis(200), "the second pass did not wait: {waited:?}");
    // Released: taking it again does not block.
    a.with_resolver_lock(|_| Ok::<_, StoreError>(())).unwrap();
}

#[test]
fn the_schema_is_migrated_once_and_a_newer_one_refused() {
    let Some(schema) = Schema::new() else { return };
    let url = Arc::new(schema.url());
    let openers: Vec<_> = (0..4)
        .map(|_| {
            let url = Arc::clone(&url);
            std::thread::spawn(move || drop(Store::open_url(&url).unwrap()))
        })
        .collect();
    for o in openers {
        o.join().unwrap();
    }
    let mut client = schema.client();
    let versions: Vec<i32> =
        client.query("SELECT version FROM warlog_migrations", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    assert_eq!(versions, [1], "one row per version, however many opened it together");
    client.execute("INSERT INTO warlog_migrations (version, name) VALUES (99, 'future')", &[]).unwrap();
    let err = Store::open_url(&url).err().unwrap();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
}

#[test]
fn another_programs_tables_are_refused_and_passwords_never_shown() {
    let Some(schema) = Schema::new() else { return };
    schema.client().batch_execute("CREATE TABLE theirs (x integer)").unwrap();
    let err = Store::open_url(&schema.url()).err().unwrap();
    assert!(matches!(err, StoreError::Unsuitable { .. }), "{err}");
    assert!(
        schema
            .client()
            .query("SELECT 1 FROM pg_tables WHERE tablename = 'documents' AND schemaname = $1", &[&schema.name])
            .unwrap()
            .is_empty(),
        "nothing was created"
    );

    let err = Store::open_url("postgres://warlog:s3cret@127.0.0.1:1/nowhere").err().unwrap();
    assert!(matches!(err, StoreError::CannotConnect { .. }), "{err}");
    assert!(!err.to_string().contains("s3cret"), "{err}");
}

#[test]
fn long_pages_are_searchable_to_their_end() {
    let Some(schema) = Schema::new() else { return };
    let mut store = schema.open();
    // 30,000 words, "de" 2,500 times (PostgreSQL keeps 256 positions per word
    // and vector), a phrase at the very end and one across the first cut of
    // the text into parts (every 1,000 words).
    let mut text = String::from("Début. ");
    for i in 0..2500 {
        text.push_str(&format!("mot{i} de la ville et du front pour les forces qui tirent "));
    }
    text.push_str("Frappe à Gəncə, tirs de missiles.");
    let words: Vec<&str> = text.split(' ').collect();
    let straddling = words[995..1005].join(" ");
    let p = page("long.txt", "AFP", "2020-10-05", &text, &[]);
    store.write_pages(&[p]).unwrap();
    for q in ["\"tirs de missiles\"", "gence", &format!("\"{straddling}\""), "\"debut mot0 de la\"", "mot2499"] {
        assert_eq!(store.search(q, 5).unwrap().len(), 1, "{q}");
    }
    assert!(store.search("\"missiles de tirs\"", 5).unwrap().is_empty());
}

#[test]
fn a_nul_in_a_title_does_not_fail_the_batch() {
    let Some(schema) = Schema::new() else { return };
    let mut store = schema.open();
    let mut p = numbered(1);
    p.page.doc.meta.title = Some("Titre\0cassé".into());
    let out = store.write_pages(&[p.clone()]).unwrap();
    assert!(matches!(out[0], WriteOutcome::Stored { .. }));
    let (doc, _) = store.document(&p.page.doc.id).unwrap().unwrap();
    assert_eq!(doc.meta.title.as_deref(), Some("Titre\u{FFFD}cassé"));
    assert_eq!(doc.text, p.page.doc.text, "the text is kept byte for byte");
}
