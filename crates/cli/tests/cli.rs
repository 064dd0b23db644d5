//! End-to-end tests of the `warlog` binary: the command line that scripts
//! rely on (../shared/spec/CLI.md) — its `--json` shapes, its exit statuses
//! (0 all done, 1 some inputs failed, 2 usage error or nothing done), how it
//! reports bad inputs, and that the store only ever grows.
//!
//! Every test runs the real binary in its own temporary folder (so no
//! `warlog.db` lands in the repository) on the bundled `examples/` pages or
//! on pages it writes itself.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The bundled example pages.
fn examples() -> PathBuf {
    warlog_testkit::workspace_root().join("examples")
}

fn example(name: &str) -> PathBuf {
    examples().join(name)
}

/// `warlog ARGS` run in `dir`, with no store or data overlay from the
/// environment.
fn warlog_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warlog"))
        .args(args)
        .current_dir(dir)
        .env_remove("WARLOG_DB")
        .env_remove("WARLOG_DATA")
        .stdin(Stdio::null())
        .output()
        .expect("the warlog binary runs")
}

/// A temporary folder to run in, holding the store.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().expect("temporary folder") }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn db(&self) -> String {
        self.path().join("test.db").display().to_string()
    }

    /// `warlog ARGS` here.
    fn warlog(&self, args: &[&str]) -> Output {
        warlog_in(self.path(), args)
    }

    /// `warlog ARGS --db test.db`.
    fn with_db(&self, args: &[&str]) -> Output {
        let db = self.db();
        let mut all = args.to_vec();
        all.extend(["--db", &db]);
        self.warlog(&all)
    }

    /// `warlog run PATHS --db test.db --json`: the summary and the output.
    fn run(&self, paths: &[&Path], extra: &[&str]) -> (Value, Output) {
        let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        let mut args = vec!["run", "--json"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(extra);
        let out = self.with_db(&args);
        let summary = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("`warlog run --json` printed no JSON ({e}):\n{}", show(&out)));
        (summary, out)
    }

    /// `warlog events --json` on the store.
    fn events(&self) -> Vec<Value> {
        let out = self.with_db(&["events", "--json"]);
        assert_status(&out, 0);
        match json(&out) {
            Value::Array(events) => events,
            other => panic!("`events --json` is not an array: {other}"),
        }
    }
}

fn show(out: &Output) -> String {
    format!(
        "status: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[track_caller]
fn assert_status(out: &Output, code: i32) {
    assert_eq!(out.status.code(), Some(code), "expected exit status {code}\n{}", show(out));
}

#[track_caller]
fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is not one JSON value ({e})\n{}", show(out)))
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stderr).lines().map(str::to_string).collect()
}

#[track_caller]
fn has_keys(value: &Value, keys: &[&str], what: &str) {
    let object = value.as_object().unwrap_or_else(|| panic!("{what} is not an object: {value}"));
    for key in keys {
        assert!(object.contains_key(*key), "{what} lacks {key:?}: {value}");
    }
}

/// How many pages `examples/` holds: one per file, one per line of a feed.
fn example_pages() -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if name.ends_with(".jsonl") {
            n += std::fs::read_to_string(&path).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
        } else if name.ends_with(".warc") {
            // Response records are pages; the warcinfo record is not.
            n += std::fs::read_to_string(&path).unwrap().matches("WARC-Type: response").count();
        } else {
            n += 1;
        }
    }
    n
}

/// The records of the bundled feed.
fn feed_records() -> Vec<Value> {
    std::fs::read_to_string(example("feed.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

// Value forms of ../shared/spec/EVENTS.md and GOLD.md.

const EVENT_TYPES: &[&str] = &[
    "armed_clash",
    "territory_taken",
    "shelling",
    "air_strike",
    "explosive",
    "attack_on_civilians",
    "capture_of_persons",
    "deployment",
    "recruitment",
    "weapons_supply",
    "alert",
    "ceasefire",
    "negotiation",
    "appeal",
    "accusation",
    "leadership_change",
    "casualty_tally",
    "protest",
    "riot",
];
const SEGMENT_KINDS: &[&str] = &["body", "entry", "comment", "social", "caption", "boilerplate"];
const ROLES: &[&str] = &[
    "government",
    "military",
    "police",
    "civilians",
    "armed_group",
    "mercenaries",
    "peacekeepers",
    "media",
    "ngo",
    "international",
];

fn is_iso_date(v: &Value) -> bool {
    v.as_str().is_some_and(|s| {
        let b = s.as_bytes();
        b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    })
}

#[track_caller]
fn check_date(date: &Value, precision: &Value, what: &str) {
    match precision.as_str() {
        Some("day") => assert!(is_iso_date(date), "{what}: a day date is YYYY-MM-DD: {date}"),
        Some("range" | "month") => {
            assert!(is_iso_date(&date["from"]) && is_iso_date(&date["to"]), "{what}: a range is {{from, to}}: {date}")
        }
        Some("unknown") => assert!(date.is_null(), "{what}: an unknown date is null: {date}"),
        _ => panic!("{what}: date_precision {precision}"),
    }
}

#[track_caller]
fn check_actor(v: &Value, what: &str) {
    if v.is_null() {
        return;
    }
    let s = v.as_str().unwrap_or_else(|| panic!("{what} is not a string: {v}"));
    let (country, role) = s.split_once(':').unwrap_or_else(|| panic!("{what} is not COUNTRY:role: {s}"));
    assert!(country.len() == 3 && country.bytes().all(|b| b.is_ascii_uppercase()), "{what}: {s}");
    assert!(ROLES.contains(&role), "{what}: unknown role in {s}");
}

#[track_caller]
fn check_count(v: &Value, what: &str) {
    assert!(
        v.is_null() || v.is_u64() || (v["min"].is_u64() && v["max"].is_u64()),
        "{what}: a count is null, a number or {{min, max}}: {v}"
    );
}

/// A claim in the shape of `warlog claims --json` (CLI.md, GOLD.md value forms).
#[track_caller]
fn check_claim(c: &Value) {
    has_keys(
        c,
        &[
            "start",
            "end",
            "type",
            "date",
            "date_precision",
            "place",
            "lat",
            "lon",
            "country",
            "place_precision",
            "actor1",
            "actor2",
            "killed",
            "wounded",
            "victims",
            "source",
            "stance",
            "segment",
            "acled",
        ],
        "a claim",
    );
    let (start, end) = (c["start"].as_u64().unwrap(), c["end"].as_u64().unwrap());
    assert!(start < end, "empty evidence span: {c}");
    assert!(EVENT_TYPES.contains(&c["type"].as_str().unwrap()), "unknown type: {c}");
    check_date(&c["date"], &c["date_precision"], "claim");
    if c["place"].is_null() {
        assert!(c["lat"].is_null() && c["lon"].is_null() && c["place_precision"].is_null(), "{c}");
    } else {
        let (lat, lon) = (c["lat"].as_f64().unwrap(), c["lon"].as_f64().unwrap());
        assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon), "{c}");
        let precision = c["place_precision"].as_str().unwrap();
        assert!(["exact", "near", "region", "country"].contains(&precision), "{c}");
    }
    check_actor(&c["actor1"], "actor1");
    check_actor(&c["actor2"], "actor2");
    check_count(&c["killed"], "killed");
    check_count(&c["wounded"], "wounded");
    if c["source"] != "outlet" {
        check_actor(&c["source"], "source");
    }
    assert!(["asserted", "denied", "hedged"].contains(&c["stance"].as_str().unwrap()), "{c}");
    assert!(SEGMENT_KINDS.contains(&c["segment"].as_str().unwrap()), "{c}");
    let acled = &c["acled"];
    assert!(acled.is_null() || (acled["event_type"].is_string() && acled["sub_event_type"].is_string()), "{c}");
}

/// `warlog text --all --json` of every example page: the texts that all
/// offsets point into.
fn example_texts(sandbox: &Sandbox) -> Vec<String> {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(examples()).unwrap() {
        let path = entry.unwrap().path();
        let out = sandbox.warlog(&["text", "--all", "--json", &path.display().to_string()]);
        assert_status(&out, 0);
        // Feeds and archives print one line per page.
        if path.extension().is_some_and(|e| e == "jsonl" || e == "warc") {
            for line in stdout(&out).lines() {
                let v: Value = serde_json::from_str(line).unwrap();
                texts.push(v["result"]["text"].as_str().unwrap().to_string());
            }
        } else {
            texts.push(json(&out)["text"].as_str().unwrap().to_string());
        }
    }
    texts
}

/// Writes a gzip member whose one stored block stops half-way.
fn truncated_gzip(payload: &[u8]) -> Vec<u8> {
    let len = u16::try_from(payload.len()).unwrap();
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1); // final block, stored
    out.extend(len.to_le_bytes());
    out.extend((!len).to_le_bytes());
    out.extend(&payload[..payload.len() / 2]);
    out
}

/// A page of our own, not among the examples.
const TARTAR: &str = "Tirs sur Tartar\n\nDes tirs d'artillerie ont visé Tartar mardi 13 octobre 2020, \
a affirmé le ministère azerbaïdjanais de la Défense.\n";

/// A folder with one good page and one bad input of each kind; returns the
/// bad inputs' names. Use with `--max-bytes 4096`.
fn bad_folder(dir: &Path) -> Vec<&'static str> {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("good.txt"), TARTAR).unwrap();
    std::fs::write(dir.join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0").unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let html = "<html><body><p>Frappe de drone sur Gandja, selon Bakou.</p></body></html>".repeat(4);
    std::fs::write(dir.join("cut.html.gz"), truncated_gzip(html.as_bytes())).unwrap();
    std::fs::write(dir.join("huge.txt"), "Bakou accuse Erevan de tirs sur Tartar. ".repeat(200)).unwrap();
    vec!["image.png", "empty.txt", "cut.html.gz", "huge.txt"]
}

// --- the binary itself ---------------------------------------------------

#[test]
fn help_lists_the_commands() {
    let sandbox = Sandbox::new();
    let out = sandbox.warlog(&["--help"]);
    assert_status(&out, 0);
    let help = stdout(&out);
    let commands = "run text segments places claims eval events event timeline tallies search export bench \
                    benchmark gazetteer";
    for command in commands.split_whitespace() {
        assert!(help.lines().any(|l| l.trim_start().starts_with(&format!("{command} "))), "--help lacks {command}");
    }
    for command in ["run", "claims", "events", "export"] {
        assert_status(&sandbox.warlog(&[command, "--help"]), 0);
    }
}

#[test]
fn version_carries_the_geonames_attribution() {
    let out = Sandbox::new().warlog(&["--version"]);
    assert_status(&out, 0);
    let version = stdout(&out);
    assert!(version.starts_with(&format!("warlog {}", env!("CARGO_PKG_VERSION"))), "{version}");
    assert!(version.contains("GeoNames"), "{version}");
    assert!(version.contains("CC BY 4.0"), "{version}");
}

// --- run and the store ---------------------------------------------------

#[test]
fn run_on_the_examples_then_query_events() {
    let sandbox = Sandbox::new();
    let (summary, out) = sandbox.run(&[&examples()], &[]);
    assert_status(&out, 0);
    has_keys(&summary, &["documents", "claims", "events", "failed"], "the run summary");
    let pages = example_pages();
    assert_eq!(summary["documents"], pages, "one document per example page: {summary}");
    assert!(summary["claims"].as_u64().unwrap() > 0, "{summary}");
    assert!(summary["events"].as_u64().unwrap() > 0, "{summary}");
    assert_eq!(summary["failed"], Value::Array(vec![]), "{summary}");

    let events = sandbox.events();
    assert!(!events.is_empty());
    let texts = example_texts(&sandbox);
    let mut ids = BTreeSet::new();
    for e in &events {
        has_keys(e, &["id", "type", "date", "place", "lat", "lon", "sources", "contested", "claims"], "an event");
        assert!(ids.insert(e["id"].as_i64().expect("integer id")), "duplicate event id: {e}");
        assert!(EVENT_TYPES.contains(&e["type"].as_str().unwrap()), "{e}");
        check_date(&e["date"], &e["date_precision"], "event");
        assert!(e["sources"].as_u64().unwrap() >= 1, "{e}");
        assert!(e["contested"].is_boolean(), "{e}");
        let claims = e["claims"].as_array().unwrap();
        assert!(!claims.is_empty(), "an event without claims: {e}");
        for c in claims {
            check_claim(c);
            // The span invariant: evidence is the byte range of its page's text.
            let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
            let evidence = c["evidence"].as_str().unwrap();
            assert!(
                texts.iter().any(|t| t.get(start..end) == Some(evidence)),
                "evidence {evidence:?} is not at {start}..{end} of any example page's text"
            );
        }
    }

    // A text file's offsets are offsets into the file itself.
    let txt = example("fr-frappes-gandja.txt");
    let bytes = std::fs::read(&txt).unwrap();
    let from_txt: Vec<&Value> = events
        .iter()
        .flat_map(|e| e["claims"].as_array().unwrap())
        .filter(|c| c["page"].as_str().is_some_and(|p| p.ends_with("fr-frappes-gandja.txt")))
        .collect();
    assert!(!from_txt.is_empty(), "no stored claim from {}", txt.display());
    for c in from_txt {
        let (start, end) = (c["start"].as_u64().unwrap() as usize, c["end"].as_u64().unwrap() as usize);
        assert_eq!(&bytes[start..end], c["evidence"].as_str().unwrap().as_bytes());
    }
}

#[test]
fn rerunning_the_same_pages_stores_nothing_new() {
    let sandbox = Sandbox::new();
    let (first, out) = sandbox.run(&[&examples()], &[]);
    assert_status(&out, 0);
    let events = sandbox.events();

    let (second, out) = sandbox.run(&[&examples()], &[]);
    assert_status(&out, 0);
    assert_eq!(second["documents"], 0, "{second}");
    assert_eq!(second["already_stored"], first["documents"], "{second}");
    assert_eq!(second["claims"], 0, "{second}");
    assert_eq!(second["events"], 0, "{second}");
    assert_eq!(second["store"], first["store"], "store counts changed on a re-run");
    assert_eq!(sandbox.events(), events, "a re-run changed the stored events");
}

#[test]
fn bad_inputs_are_reported_one_line_each_and_the_rest_is_stored() {
    let sandbox = Sandbox::new();
    let folder = sandbox.path().join("pages");
    let bad = bad_folder(&folder);
    let (summary, out) = sandbox.run(&[&folder], &["--max-bytes", "4096"]);
    assert_status(&out, 1);
    assert_eq!(summary["documents"], 1, "the good page is stored: {summary}");

    let lines = stderr_lines(&out);
    assert_eq!(lines.len(), bad.len(), "one stderr line per bad input:\n{}", show(&out));
    for name in &bad {
        let naming: Vec<&String> = lines.iter().filter(|l| l.contains(name)).collect();
        assert_eq!(naming.len(), 1, "{name} is named on exactly one line:\n{}", show(&out));
    }
    assert!(lines.iter().all(|l| !l.contains("good.txt")), "{}", show(&out));
    let huge = lines.iter().find(|l| l.contains("huge.txt")).unwrap();
    assert!(huge.contains("--max-bytes"), "the message says what to do: {huge}");

    let failed = summary["failed"].as_array().unwrap();
    assert_eq!(failed.len(), bad.len(), "{summary}");
    for f in failed {
        has_keys(f, &["path", "error"], "a failure");
        let path = f["path"].as_str().unwrap();
        assert!(bad.iter().any(|name| path.ends_with(name)), "{f}");
    }

    // Without --json: the same lines, then the summary.
    let other = Sandbox::new();
    let out = other.with_db(&["run", &folder.display().to_string(), "--max-bytes", "4096"]);
    assert_status(&out, 1);
    let lines = stderr_lines(&out);
    for name in &bad {
        assert_eq!(lines.iter().filter(|l| l.contains(name)).count(), 1, "{name}:\n{}", show(&out));
    }
}

#[test]
fn nothing_stored_earlier_is_lost_when_a_later_run_fails_in_part() {
    let sandbox = Sandbox::new();
    let (first, out) = sandbox.run(&[&examples()], &[]);
    assert_status(&out, 0);
    let claim_ids = |events: &[Value]| -> BTreeSet<i64> {
        events.iter().flat_map(|e| e["claims"].as_array().unwrap()).map(|c| c["id"].as_i64().unwrap()).collect()
    };
    let before = claim_ids(&sandbox.events());

    let folder = sandbox.path().join("pages");
    bad_folder(&folder);
    let (second, out) = sandbox.run(&[&folder], &["--max-bytes", "4096"]);
    assert_status(&out, 1);
    assert_eq!(second["documents"], 1, "{second}");
    let docs = |s: &Value| s["store"]["documents"].as_u64().unwrap();
    assert_eq!(docs(&second), docs(&first) + 1, "the store keeps the first run's pages: {second}");
    assert!(second["store"]["claims"].as_u64() >= first["store"]["claims"].as_u64(), "{second}");
    let after = claim_ids(&sandbox.events());
    assert!(before.is_subset(&after), "claims of the first run went missing: {:?}", before.difference(&after));
}

// --- commands on one page ------------------------------------------------

#[test]
fn text_prints_the_main_text_and_its_metadata() {
    let sandbox = Sandbox::new();
    let html = example("en-kherson-report.html").display().to_string();
    let out = sandbox.warlog(&["text", "--json", &html]);
    assert_status(&out, 0);
    let v = json(&out);
    has_keys(&v, &["title", "published", "language", "text"], "`text --json`");
    assert_eq!(v["language"], "en");
    assert!(is_iso_date(&v["published"]), "{v}");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("Kherson"), "{text}");
    assert!(!text.contains("<p"), "the main text is not markup: {text}");

    // Plain output is the same text; --all adds reader comments after it.
    let plain = stdout(&sandbox.warlog(&["text", &html]));
    assert_eq!(plain.trim_end(), text.trim_end());
    let all = json(&sandbox.warlog(&["text", "--all", "--json", &html]));
    assert!(all["text"].as_str().unwrap().starts_with(text));

    // A .txt page's text is its bytes.
    let txt = example("fr-frappes-gandja.txt");
    let v = json(&sandbox.warlog(&["text", "--all", "--json", &txt.display().to_string()]));
    assert_eq!(v["text"].as_str().unwrap(), std::fs::read_to_string(&txt).unwrap());
    assert_eq!(v["language"], "fr");
}

#[test]
fn segments_cover_the_page_in_order() {
    let sandbox = Sandbox::new();
    for name in ["en-kherson-report.html", "fr-direct-sahel.html", "fr-frappes-gandja.txt"] {
        let path = example(name).display().to_string();
        let text = json(&sandbox.warlog(&["text", "--all", "--json", &path]))["text"].as_str().unwrap().to_string();
        let out = sandbox.warlog(&["segments", "--json", &path]);
        assert_status(&out, 0);
        let segments = json(&out);
        let segments = segments.as_array().unwrap();
        assert!(!segments.is_empty(), "{name}");
        let mut last_end = 0;
        for s in segments {
            has_keys(s, &["kind", "start", "end", "heading", "date"], "a segment");
            assert!(SEGMENT_KINDS.contains(&s["kind"].as_str().unwrap()), "{s}");
            let (start, end) = (s["start"].as_u64().unwrap() as usize, s["end"].as_u64().unwrap() as usize);
            assert!(last_end <= start && start < end && end <= text.len(), "{name}: {s}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{name}: {s}");
            assert!(s["date"].is_null() || is_iso_date(&s["date"]), "{s}");
            last_end = end;
        }
    }
    // The example pages show each kind the segmenter tells apart.
    let kinds = |name: &str| -> BTreeSet<String> {
        let v = json(&sandbox.warlog(&["segments", "--json", &example(name).display().to_string()]));
        v.as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap().to_string()).collect()
    };
    let kherson = kinds("en-kherson-report.html");
    for kind in ["body", "caption", "social", "comment"] {
        assert!(kherson.contains(kind), "no {kind} segment in the Kherson page: {kherson:?}");
    }
    assert!(kinds("fr-direct-sahel.html").contains("entry"), "live-blog entries");
}

#[test]
fn places_are_resolved_with_their_spans() {
    let sandbox = Sandbox::new();
    let txt = example("fr-frappes-gandja.txt");
    let text = std::fs::read_to_string(&txt).unwrap();
    let out = sandbox.warlog(&["places", "--json", &txt.display().to_string()]);
    assert_status(&out, 0);
    let places = json(&out);
    let places = places.as_array().unwrap();
    assert!(!places.is_empty());
    for p in places {
        has_keys(p, &["start", "end", "text", "name", "geonameid", "lat", "lon", "country", "precision"], "a place");
        let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], p["text"].as_str().unwrap(), "{p}");
        assert!(p["geonameid"].is_null() || p["geonameid"].is_u64(), "{p}");
        assert!(["exact", "near", "region", "country"].contains(&p["precision"].as_str().unwrap()), "{p}");
    }
    let gandja = places.iter().find(|p| p["text"] == "Gandja").expect("Gandja is found");
    assert_eq!(gandja["country"], "AZE");
    assert!((gandja["lat"].as_f64().unwrap() - 40.68).abs() < 0.1, "{gandja}");
    assert!((gandja["lon"].as_f64().unwrap() - 46.36).abs() < 0.1, "{gandja}");
}

#[test]
fn claims_follow_the_contract() {
    let sandbox = Sandbox::new();
    for name in ["fr-frappes-gandja.txt", "en-kherson-report.html", "fr-direct-sahel.html"] {
        let path = example(name).display().to_string();
        let text = json(&sandbox.warlog(&["text", "--all", "--json", &path]))["text"].as_str().unwrap().to_string();
        let out = sandbox.warlog(&["claims", "--json", &path]);
        assert_status(&out, 0);
        let claims = json(&out);
        let claims = claims.as_array().unwrap();
        assert!(!claims.is_empty(), "no claim in {name}");
        for c in claims {
            check_claim(c);
            let end = c["end"].as_u64().unwrap() as usize;
            assert!(end <= text.len() && text.is_char_boundary(end), "{name}: {c}");
        }
    }

    // The Ganja strike: four civilians killed, asserted by Azerbaijan's ministry.
    let txt = example("fr-frappes-gandja.txt").display().to_string();
    let claims = json(&sandbox.warlog(&["claims", "--json", &txt]));
    let strike = claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["killed"] == 4)
        .unwrap_or_else(|| panic!("no claim with 4 killed: {claims}"));
    assert_eq!(strike["type"], "shelling");
    assert_eq!(strike["date"], "2020-10-11");
    assert_eq!(strike["source"], "AZE:government");
    assert_eq!(strike["stance"], "asserted");
    assert_eq!(strike["acled"]["event_type"], "Explosions/Remote violence");
}

#[test]
fn claims_read_stdin_and_take_the_page_date() {
    let sandbox = Sandbox::new();
    let txt = example("fr-frappes-gandja.txt");
    let from_file = json(&sandbox.warlog(&["claims", "--json", &txt.display().to_string()]));

    let mut child = Command::new(env!("CARGO_BIN_EXE_warlog"))
        .args(["claims", "--json", "-"])
        .current_dir(sandbox.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&std::fs::read(&txt).unwrap()).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert_status(&out, 0);
    assert_eq!(json(&out), from_file, "stdin and the file give the same claims");

    // An undated page: --published anchors "mardi".
    let undated = sandbox.path().join("undated.txt");
    std::fs::write(&undated, "Des tirs d'artillerie ont visé Tartar mardi, a affirmé Bakou.\n").unwrap();
    let out = sandbox.warlog(&["claims", "--json", "--published", "2020-10-14", &undated.display().to_string()]);
    assert_status(&out, 0);
    let claims = json(&out);
    assert!(claims.as_array().unwrap().iter().any(|c| c["date"] == "2020-10-13"), "{claims}");

    let out = sandbox.warlog(&["claims", "--published", "mardi", &undated.display().to_string()]);
    assert_status(&out, 2);
}

#[test]
fn a_manifest_gives_undated_pages_their_date() {
    let sandbox = Sandbox::new();
    let pages = sandbox.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("a.txt"), "Des tirs d'artillerie ont visé Tartar mardi, a affirmé Bakou.\n").unwrap();
    std::fs::write(pages.join("b.txt"), "Shelling hit Kherson on Tuesday, the regional governor said.\n").unwrap();
    let manifest = sandbox.path().join("docs.jsonl");
    std::fs::write(
        &manifest,
        "{\"doc\": \"a.txt\", \"published\": \"2020-10-14\", \"outlet\": \"Le Quotidien\"}\n\
         {\"doc\": \"b.txt\", \"published\": \"2022-11-24\", \"language\": \"en\"}\n",
    )
    .unwrap();
    let (summary, out) = sandbox.run(&[&pages], &["--manifest", &manifest.display().to_string()]);
    assert_status(&out, 0);
    assert_eq!(summary["documents"], 2, "{summary}");
    let events = json(&sandbox.with_db(&["events", "--json"]));
    let dates: BTreeSet<String> =
        events.as_array().unwrap().iter().filter_map(|e| e["date"].as_str().map(str::to_string)).collect();
    assert!(dates.contains("2020-10-13"), "\"mardi\" before 2020-10-14: {events}");
    assert!(dates.contains("2022-11-22"), "\"Tuesday\" before 2022-11-24: {events}");

    // The same for one page, and a bad manifest is a usage error naming its line.
    let a = pages.join("a.txt").display().to_string();
    let claims = json(&sandbox.warlog(&["claims", "--json", "--manifest", &manifest.display().to_string(), &a]));
    assert!(claims.as_array().unwrap().iter().any(|c| c["date"] == "2020-10-13"), "{claims}");
    std::fs::write(&manifest, "{\"doc\": \"a.txt\"}\n{\"published\": \"2020-10-14\"}\n").unwrap();
    let out = sandbox.warlog(&["claims", "--manifest", &manifest.display().to_string(), &a]);
    assert_status(&out, 2);
    assert!(show(&out).contains("docs.jsonl#L2"), "{}", show(&out));
}

// --- JSON Lines feeds ----------------------------------------------------

#[test]
fn a_feed_prints_one_line_per_page() {
    let sandbox = Sandbox::new();
    let feed = example("feed.jsonl").display().to_string();
    let records = feed_records();
    assert!(records.len() > 1);
    for command in ["text", "segments", "places", "claims"] {
        // With or without --json: a feed always prints JSON Lines.
        for json_flag in [true, false] {
            let mut args = vec![command, feed.as_str()];
            if json_flag {
                args.push("--json");
            }
            let out = sandbox.warlog(&args);
            assert_status(&out, 0);
            let lines: Vec<Value> = stdout(&out)
                .lines()
                .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{command}: not a JSON line ({e}): {l}")))
                .collect();
            assert_eq!(lines.len(), records.len(), "`{command}` prints one line per page");
            for line in &lines {
                let keys: BTreeSet<&str> = line.as_object().unwrap().keys().map(String::as_str).collect();
                assert_eq!(keys, BTreeSet::from(["id", "result"]), "{command}: {line}");
                let result = &line["result"];
                match command {
                    "text" => has_keys(result, &["title", "published", "language", "text"], "text result"),
                    _ => assert!(result.is_array(), "{command}: {line}"),
                }
                if command == "claims" {
                    result.as_array().unwrap().iter().for_each(check_claim);
                }
            }
        }
    }
    // Each result is that page's own: the titles come back in order.
    let out = sandbox.warlog(&["text", &feed]);
    for (line, record) in stdout(&out).lines().zip(&records) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert!(v["result"]["text"].as_str().unwrap().starts_with(record["title"].as_str().unwrap()), "{v}");
        assert_eq!(v["result"]["published"], record["published"], "{v}");
    }
}

#[test]
fn a_feed_line_carries_the_records_id() {
    let sandbox = Sandbox::new();
    let out = sandbox.warlog(&["claims", &example("feed.jsonl").display().to_string()]);
    assert_status(&out, 0);
    let ids: Vec<Value> =
        stdout(&out).lines().map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].clone()).collect();
    let expected: Vec<Value> = feed_records().iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, expected);
}

// --- queries and exports -------------------------------------------------

#[test]
fn event_filters_narrow_the_list() {
    let sandbox = Sandbox::new();
    assert_status(&sandbox.run(&[&examples()], &[]).1, 0);
    let all = sandbox.events();
    let query = |args: &[&str]| -> Vec<Value> {
        let mut full = vec!["events", "--json"];
        full.extend(args);
        let out = sandbox.with_db(&full);
        assert_status(&out, 0);
        json(&out).as_array().unwrap().clone()
    };

    let shelling = query(&["--type", "shelling"]);
    assert!(!shelling.is_empty() && shelling.len() < all.len());
    assert!(shelling.iter().all(|e| e["type"] == "shelling"));

    let october = query(&["--since", "2020-10-01", "--until", "2020-10-31"]);
    assert!(!october.is_empty());
    for e in &october {
        let (from, to) = match &e["date"] {
            Value::String(d) => (d.clone(), d.clone()),
            d => (d["from"].as_str().unwrap().to_string(), d["to"].as_str().unwrap().to_string()),
        };
        assert!(to.as_str() >= "2020-10-01" && from.as_str() <= "2020-10-31", "{e}");
    }

    let near = query(&["--near", "Kherson", "--within", "50"]);
    assert!(!near.is_empty());
    for e in &near {
        let (lat, lon) = (e["lat"].as_f64().unwrap(), e["lon"].as_f64().unwrap());
        assert!(km(lat, lon, 46.64, 32.61) <= 51.0, "{e}");
    }

    let contested = query(&["--contested"]);
    assert!(contested.iter().all(|e| e["contested"] == true));

    assert_status(&sandbox.with_db(&["events", "--type", "not_a_type"]), 2);
    assert_status(&sandbox.with_db(&["events", "--since", "yesterday"]), 2);
}

#[test]
fn a_bounding_box_keeps_the_events_inside_it() {
    let sandbox = Sandbox::new();
    assert_status(&sandbox.run(&[&examples()], &[]).1, 0);
    // Around Kherson: min_lat min_lon max_lat max_lon.
    let out = sandbox.with_db(&["events", "--json", "--bbox", "46", "32", "47", "33"]);
    assert_status(&out, 0);
    let inside = json(&out);
    assert!(!inside.as_array().unwrap().is_empty(), "{inside}");
    for e in inside.as_array().unwrap() {
        let (lat, lon) = (e["lat"].as_f64().unwrap(), e["lon"].as_f64().unwrap());
        assert!((46.0..=47.0).contains(&lat) && (32.0..=33.0).contains(&lon), "{e}");
    }
}

#[test]
fn a_bounding_box_is_written_as_its_help_says() {
    let sandbox = Sandbox::new();
    assert_status(&sandbox.run(&[&examples()], &[]).1, 0);
    let spaced = sandbox.with_db(&["events", "--json", "--bbox", "46", "32", "47", "33"]);
    let commas = sandbox.with_db(&["events", "--json", "--bbox", "46,32,47,33"]);
    assert_status(&commas, 0);
    assert_eq!(json(&commas), json(&spaced));
}

/// Great-circle distance in km.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let (dp, dl) = ((lat2 - lat1).to_radians(), (lon2 - lon1).to_radians());
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

#[test]
fn the_other_store_commands_answer() {
    let sandbox = Sandbox::new();
    assert_status(&sandbox.run(&[&examples()], &[]).1, 0);
    let events = sandbox.events();
    let id = events[0]["id"].as_i64().unwrap().to_string();

    let out = sandbox.with_db(&["event", &id, "--json"]);
    assert_status(&out, 0);
    assert_eq!(json(&out), events[0], "`event ID --json` is that event as `events --json` lists it");
    let out = sandbox.with_db(&["event", &id]);
    assert_status(&out, 0);
    assert!(stdout(&out).contains(&format!("#{id}")), "{}", show(&out));
    assert_status(&sandbox.with_db(&["event", "999999"]), 2);

    let out = sandbox.with_db(&["timeline"]);
    assert_status(&out, 0);
    assert!(stdout(&out).contains("2020-10-11"), "{}", show(&out));

    let out = sandbox.with_db(&["tallies", "--json"]);
    assert_status(&out, 0);
    assert!(json(&out).is_array());

    let out = sandbox.with_db(&["search", "--json", "Kherson"]);
    assert_status(&out, 0);
    let hits = json(&out);
    assert!(!hits.as_array().unwrap().is_empty(), "{hits}");
    has_keys(&hits[0], &["doc", "origin", "url", "title", "snippet"], "a search hit");
    // Accent-insensitive: "azerbaidjanais" finds "azerbaïdjanais".
    let out = sandbox.with_db(&["search", "--json", "azerbaidjanais"]);
    assert!(!json(&out).as_array().unwrap().is_empty(), "{}", show(&out));
}

#[test]
fn exports_are_parseable() {
    let sandbox = Sandbox::new();
    assert_status(&sandbox.run(&[&examples()], &[]).1, 0);
    let events = sandbox.events();

    let out = sandbox.with_db(&["export", "--format", "geojson"]);
    assert_status(&out, 0);
    let geo = json(&out);
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), events.len());
    for f in features {
        assert_eq!(f["type"], "Feature");
        let g = &f["geometry"];
        if !g.is_null() {
            assert_eq!(g["type"], "Point");
            let (lon, lat) = (g["coordinates"][0].as_f64().unwrap(), g["coordinates"][1].as_f64().unwrap());
            assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat), "{f}");
        }
        assert!(f["properties"].is_object());
    }

    let out = sandbox.with_db(&["export", "--format", "jsonl"]);
    assert_status(&out, 0);
    let lines: Vec<Value> = stdout(&out).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), events.len());
    for l in &lines {
        has_keys(l, &["id", "type", "date", "claims"], "an exported event");
    }

    let csv_path = sandbox.path().join("events.csv");
    let out = sandbox.with_db(&["export", "--format", "acled-csv", "--out", &csv_path.display().to_string()]);
    assert_status(&out, 0);
    assert!(String::from_utf8_lossy(&out.stderr).contains("events written to"), "{}", show(&out));
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    for column in ["event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude", "fatalities"] {
        assert!(header.iter().any(|h| h == column), "no {column} column: {header:?}");
    }
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a well-formed CSV row")).collect();
    assert!(!rows.is_empty() && rows.len() <= events.len());
    let event_type = header.iter().position(|h| h == "event_type").unwrap();
    assert!(rows.iter().all(|r| r.len() == header.len() && !r[event_type].is_empty()));

    // Filters apply to exports too.
    let out = sandbox.with_db(&["export", "--format", "jsonl", "--type", "shelling"]);
    assert!(stdout(&out).lines().all(|l| serde_json::from_str::<Value>(l).unwrap()["type"] == "shelling"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let sandbox = Sandbox::new();
    assert_status(&sandbox.run(&[&examples()], &[]).1, 0);
    let db = sandbox.db();
    let mut child = Command::new(env!("CARGO_BIN_EXE_warlog"))
        .args(["export", "--format", "jsonl", "--db", &db])
        .current_dir(sandbox.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_status(&out, 0);
}

// --- exit statuses -------------------------------------------------------

#[test]
fn usage_errors_and_nothing_done_exit_with_2() {
    let sandbox = Sandbox::new();
    let out = sandbox.warlog(&["run", "--no-such-flag", "examples"]);
    assert_status(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"), "{}", show(&out));
    assert_status(&sandbox.warlog(&["no-such-command"]), 2);
    assert_status(&sandbox.warlog(&[]), 2);
    assert_status(&sandbox.warlog(&["export", "--format", "xml"]), 2);

    // Nothing could be done.
    let only_bad = sandbox.path().join("only-bad");
    std::fs::create_dir_all(&only_bad).unwrap();
    std::fs::write(only_bad.join("image.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let out = sandbox.with_db(&["run", &only_bad.display().to_string()]);
    assert_status(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("image.png"), "{}", show(&out));

    let empty = sandbox.path().join("empty-folder");
    std::fs::create_dir_all(&empty).unwrap();
    assert_status(&sandbox.with_db(&["run", &empty.display().to_string()]), 2);
    assert_status(&sandbox.with_db(&["run", "no/such/path"]), 2);
    assert_status(&sandbox.warlog(&["claims", "no-such-page.txt"]), 2);
    assert_status(&sandbox.warlog(&["text", &only_bad.join("image.png").display().to_string()]), 2);

    // Query commands on a store that does not exist say how to make one.
    let out = sandbox.warlog(&["events", "--db", "missing.db"]);
    assert_status(&out, 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("warlog run"), "{}", show(&out));
    assert!(!sandbox.path().join("missing.db").exists(), "a query does not create a store");
}
