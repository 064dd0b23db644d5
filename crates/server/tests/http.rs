//! Every HTTP test, in one binary: a real server on an ephemeral loopback
//! port, over a temporary store filled by running the pipeline and the
//! resolver on the bundled examples (plus one hostile page of our own), and
//! a small HTTP/1.1 client on `std::net`.
//!
//! Covers the page and its assets (types, security headers, no inline
//! script, no HTML sinks in app.js), every API route, the filters, the
//! error mapping (400, 404, 405, 403) and untrusted text staying JSON text.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;
use warlog_ingest::{IngestOptions, Inputs};
use warlog_pipeline::{Pipeline, Source};
use warlog_server::Server;
use warlog_server::assets::ASSETS;
use warlog_store::{PageToWrite, Store};

/// A page of our own whose text carries markup that must never run.
const HOSTILE: &str = "Frappe sur Stepanakert\n\n\
Des tirs d'artillerie ont visé Stepanakert mardi 13 octobre 2020 <script>alert(1)</script>, selon le ministère arménien de la Défense.\n\n\
<img src=x onerror=alert(2)> Des tirs d'artillerie ont visé Martakert mardi 13 octobre 2020, selon le ministère arménien de la Défense.\n";

struct Fixture {
    addr: SocketAddr,
    hostile_doc: String,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("warlog.db");
        let mut store = Store::open(&db).unwrap();
        let pipeline = Pipeline::load();
        let examples = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut sources: Vec<Source> =
            Inputs::new([examples], IngestOptions { max_bytes: warlog_ingest::DEFAULT_MAX_BYTES })
                .map(|raw| Source::from_raw(raw.expect("the examples read"), Duration::ZERO))
                .collect();
        assert!(sources.len() >= 4, "the examples are missing");
        let hostile = Source::text("hostile.txt", HOSTILE);
        let hostile_doc = hostile.id.clone();
        sources.push(hostile);
        let pages: Vec<PageToWrite> = sources
            .into_iter()
            .map(|s| {
                let p = pipeline.process(s, None);
                let main = p.page.doc.text.get(..p.main_end).unwrap_or(&p.page.doc.text);
                let fingerprint = warlog_resolve::simhash(main);
                PageToWrite::new(p.page, Some(fingerprint))
            })
            .collect();
        store.write_pages(&pages).unwrap();
        warlog_resolve::stored::resolve_pending(&mut store).unwrap();
        drop(store);
        let server = Server::bind("127.0.0.1:0".parse().unwrap(), &db).unwrap();
        let addr = server.local_addr();
        std::thread::spawn(move || server.run_until(std::future::pending()).unwrap());
        Fixture { addr, hostile_doc, _dir: dir }
    })
}

// ------------------------------------------------------------ client

struct Response {
    status: u16,
    headers: HashMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> &str {
        self.headers.get(name).map(String::as_str).unwrap_or_else(|| panic!("no {name} header: {:?}", self.headers))
    }

    fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    fn json(&self) -> Value {
        assert_eq!(self.header("content-type"), "application/json", "status {}", self.status);
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// An error answer: its status, its code, and the shape of the body.
    fn error(&self) -> (u16, String) {
        let v = self.json();
        let code = v["error"]["code"].as_str().unwrap_or_else(|| panic!("not an error body: {v}"));
        assert!(v["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{v}");
        (self.status, code.to_string())
    }
}

fn request(method: &str, path: &str, host: Option<&str>) -> Response {
    let addr = fixture().addr;
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let host = host.map(str::to_string).unwrap_or_else(|| addr.to_string());
    write!(stream, "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a header block");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").unwrap();
        let size = usize::from_str_radix(std::str::from_utf8(&raw[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&raw[line_end + 2..line_end + 2 + size]);
        raw = &raw[line_end + 4 + size..];
    }
}

fn get(path: &str) -> Response {
    request("GET", path, None)
}

fn get_json(path: &str) -> Value {
    let r = get(path);
    assert_eq!(r.status, 200, "{path}: {}", r.text());
    r.json()
}

fn events(query: &str) -> Vec<Value> {
    get_json(&format!("/api/events?{query}")).as_array().unwrap().clone()
}

fn assert_secure_headers(r: &Response) {
    let csp = r.header("content-security-policy");
    for part in ["default-src 'none'", "script-src 'self'", "img-src 'self' data:", "object-src 'none'"] {
        assert!(csp.contains(part), "{csp}");
    }
    assert!(!csp.contains("unsafe"), "{csp}");
    assert_eq!(r.header("x-content-type-options"), "nosniff");
}

// ------------------------------------------------------------ the page

#[test]
fn the_page_loads_with_a_strict_policy_and_no_inline_script() {
    let r = get("/");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    assert_secure_headers(&r);
    let html = r.text().to_ascii_lowercase();
    let scripts: Vec<&str> = html.split("<script").skip(1).collect();
    assert!(scripts.len() >= 3, "leaflet, topojson and app.js");
    for s in scripts {
        let tag = &s[..s.find('>').unwrap()];
        assert!(tag.contains("src=\"/"), "every script is a file of this server: <script{tag}>");
        assert!(s[s.find('>').unwrap() + 1..].trim_start().starts_with("</script>"), "an inline script");
    }
    assert!(!html.contains("<style"), "inline style");
    assert!(!html.contains(" style="), "inline style");
    assert!(!html.contains("javascript:"));
    for attr in [" onclick=", " onload=", " onerror=", " onsubmit=", " onchange="] {
        assert!(!html.contains(attr), "{attr}");
    }
    for needed in ["id=\"map\"", "id=\"timeline\"", "id=\"panel\"", "id=\"filters\"", "id=\"document\""] {
        assert!(html.contains(needed), "{needed}");
    }
}

#[test]
fn every_asset_is_served_with_its_type() {
    for asset in ASSETS {
        let r = get(asset.path);
        assert_eq!(r.status, 200, "{}", asset.path);
        assert_eq!(r.header("content-type"), asset.content_type, "{}", asset.path);
        assert_eq!(r.body, asset.body, "{}", asset.path);
        assert_secure_headers(&r);
    }
    let js = get("/vendor/leaflet.js");
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert!(js.text().contains("1.9.4"), "Leaflet 1.9.4");
    let css = get("/vendor/leaflet.css");
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    let world = get("/vendor/countries-50m.json").json();
    assert_eq!(world["type"], "Topology");
    assert!(world["objects"]["countries"]["geometries"].as_array().unwrap().len() > 200);
    assert!(get("/vendor/").status == 404 && get("/vendor/../Cargo.toml").status == 404);
}

#[test]
fn the_script_never_writes_markup() {
    let js = ASSETS.iter().find(|a| a.path == "/app.js").unwrap();
    let js = std::str::from_utf8(js.body).unwrap();
    for sink in [".innerHTML", ".outerHTML", "insertAdjacentHTML(", "document.write(", "eval(", "new Function("] {
        assert!(!js.contains(sink), "app.js uses {sink}: render untrusted text with text nodes");
    }
    assert!(js.contains("createTextNode"), "text goes in as text nodes");
    assert!(js.contains("TextEncoder") && js.contains("TextDecoder"), "offsets are bytes, cut as bytes");
}

// ------------------------------------------------------------ the API

#[test]
fn health_counts_the_store() {
    let v = get_json("/api/health");
    assert_eq!(v["status"], "ok");
    assert!(v["store"]["documents"].as_u64().unwrap() >= 5, "{v}");
    assert!(v["store"]["events"].as_u64().unwrap() > 0, "{v}");
    let r = get("/api/health");
    assert_eq!(r.header("cache-control"), "no-store");
    assert_secure_headers(&r);
    let types = get_json("/api/types");
    assert!(types.as_array().unwrap().iter().any(|t| t == "shelling"), "{types}");
}

#[test]
fn events_have_the_shape_of_the_command_line() {
    let all = events("");
    assert!(all.len() >= 5, "{}", all.len());
    for e in &all {
        for key in ["id", "type", "date", "place", "lat", "lon", "sources", "contested", "claims", "figures"] {
            assert!(e.get(key).is_some(), "{key} missing in {e}");
        }
        assert!(!e["claims"].as_array().unwrap().is_empty(), "{e}");
    }
    assert!(all.iter().any(|e| e["contested"] == true), "the examples have a contested event");
    assert!(all.iter().any(|e| e["lat"].is_f64()), "some events are on the map");
}

#[test]
fn filters_narrow_the_events() {
    let all = events("");
    let shelling = events("type=shelling");
    assert!(!shelling.is_empty() && shelling.len() < all.len());
    assert!(shelling.iter().all(|e| e["type"] == "shelling"));

    let contested = events("contested=true");
    assert!(!contested.is_empty() && contested.iter().all(|e| e["contested"] == true));
    let plain = events("contested=false");
    assert_eq!(contested.len() + plain.len(), all.len());

    let october = events("since=2020-10-01&until=2020-10-31");
    assert!(!october.is_empty() && october.len() < all.len());
    for e in &october {
        let first = match &e["date"] {
            Value::String(d) => d.clone(),
            other => other["from"].as_str().unwrap().to_string(),
        };
        assert!(first.as_str() <= "2020-10-31", "{e}");
    }

    let near = events("near=Kherson&within=50");
    assert!(!near.is_empty());
    assert!(near.iter().all(|e| (e["lat"].as_f64().unwrap() - 46.6).abs() < 1.0), "near Kherson");
    let boxed = events("bbox=46,32,47,33");
    assert!(boxed.iter().all(|e| {
        let (lat, lon) = (e["lat"].as_f64().unwrap(), e["lon"].as_f64().unwrap());
        (46.0..=47.0).contains(&lat) && (32.0..=33.0).contains(&lon)
    }));

    let ganja = events("text=gandja");
    assert!(!ganja.is_empty() && ganja.len() < all.len(), "full text, accent-insensitive");

    let page = events("limit=2&offset=1");
    assert_eq!(page.len(), 2);
    assert_eq!(page[0]["id"], all[1]["id"]);
    assert_eq!(events("since=&type=&contested=").len(), all.len(), "empty form fields are no filter");
}

#[test]
fn an_event_leads_to_its_sentences_in_their_pages() {
    let all = events("");
    for summary in all.iter().take(8) {
        let id = summary["id"].as_i64().unwrap();
        let event = get_json(&format!("/api/events/{id}"));
        assert_eq!(event["id"], id);
        for claim in event["claims"].as_array().unwrap() {
            let doc = claim["doc"].as_str().unwrap();
            let (start, end) = (claim["start"].as_u64().unwrap() as usize, claim["end"].as_u64().unwrap() as usize);
            let page = get_json(&format!("/api/documents/{doc}"));
            let text = page["text"].as_str().unwrap();
            assert_eq!(text.get(start..end), claim["evidence"].as_str(), "evidence = text[start..end] in bytes");
            assert!(!page["segments"].as_array().unwrap().is_empty());
            assert!(page["claims"].as_array().unwrap().iter().any(|c| c["id"] == claim["id"]));
        }
    }
}

#[test]
fn tallies_and_search() {
    let tallies = get_json("/api/tallies");
    for t in tallies.as_array().unwrap() {
        for key in ["party", "as_of", "figure", "category", "doc"] {
            assert!(t.get(key).is_some(), "{t}");
        }
    }
    let hits = get_json("/api/search?q=gandja");
    let hits = hits.as_array().unwrap();
    assert!(!hits.is_empty());
    let text = get_json(&format!("/api/documents/{}", hits[0]["doc"].as_str().unwrap()));
    let (start, end) = (hits[0]["start"].as_u64().unwrap() as usize, hits[0]["end"].as_u64().unwrap() as usize);
    assert!(text["text"].as_str().unwrap().is_char_boundary(start) && end > start);
}

#[test]
fn errors_are_mapped_to_codes_and_statuses() {
    let cases: &[(&str, &str, u16, &str)] = &[
        ("GET", "/api/events?type=bombing", 400, "invalid_filter"),
        ("GET", "/api/events?since=yesterday", 400, "invalid_filter"),
        ("GET", "/api/events?since=2020-11-01&until=2020-10-01", 400, "invalid_filter"),
        ("GET", "/api/events?bbox=46,32,47", 400, "invalid_filter"),
        ("GET", "/api/events?near=Qwxyzzy", 400, "invalid_filter"),
        ("GET", "/api/events?limit=many", 400, "invalid_parameter"),
        ("GET", "/api/events?limit=1000000", 400, "invalid_parameter"),
        ("GET", "/api/events?contested=maybe", 400, "invalid_parameter"),
        ("GET", "/api/events?colour=red", 400, "invalid_parameter"),
        ("GET", "/api/search", 400, "invalid_parameter"),
        ("GET", "/api/events/abc", 400, "invalid_event_id"),
        ("GET", "/api/events/0", 400, "invalid_event_id"),
        ("GET", "/api/events/999999", 404, "event_not_found"),
        ("GET", "/api/documents/0000", 404, "document_not_found"),
        ("GET", "/api/nothing", 404, "route_not_found"),
        ("GET", "/index.php", 404, "route_not_found"),
        ("POST", "/api/events", 405, "method_not_allowed"),
        ("DELETE", "/api/events/1", 405, "method_not_allowed"),
    ];
    for &(method, path, status, code) in cases {
        let r = request(method, path, None);
        assert_eq!(r.error(), (status, code.to_string()), "{method} {path}");
        assert_secure_headers(&r);
    }
}

#[test]
fn other_hosts_are_refused_on_loopback() {
    let r = request("GET", "/api/health", Some("attacker.example:8080"));
    assert_eq!(r.error(), (403, "host_not_allowed".to_string()));
    assert_secure_headers(&r);
    assert_eq!(request("GET", "/api/health", Some("localhost:8080")).status, 200);
}

// ------------------------------------------------------------ untrusted text

#[test]
fn page_text_with_markup_comes_back_as_json_text() {
    let f = fixture();
    let r = get(&format!("/api/documents/{}", f.hostile_doc));
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "application/json");
    assert_secure_headers(&r);
    let doc = r.json();
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("<script>alert(1)</script>") && text.contains("<img src=x onerror=alert(2)>"));
    assert_eq!(text, HOSTILE, "stored and returned as it was, as a JSON string");

    // Its claims carry the markup as plain evidence text too.
    let claims = doc["claims"].as_array().unwrap();
    assert!(!claims.is_empty(), "the hostile page yields claims");
    let ids: Vec<&Value> = claims.iter().map(|c| &c["id"]).collect();
    let event = events("")
        .into_iter()
        .find(|e| e["claims"].as_array().unwrap().iter().any(|c| ids.contains(&&c["id"])))
        .expect("an event holds the hostile claims");
    let evidence: Vec<&str> =
        event["claims"].as_array().unwrap().iter().filter_map(|c| c["evidence"].as_str()).collect();
    assert!(evidence.iter().any(|e| e.contains('<')), "{evidence:?}");

    // Nothing of it is in the page, which only ever loads data through the API.
    assert!(!get("/").text().contains("alert("));
}

// ------------------------------------------------------------ in a browser

/// A headless Chromium: `$WARLOG_CHROMIUM`, else `chromium` or
/// `chromium-browser` on the PATH. `None` skips the browser test, unless
/// `WARLOG_REQUIRE_BROWSER=1` (as in `.ci/run`), where a missing browser
/// fails it.
fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("WARLOG_CHROMIUM").map(PathBuf::from).or_else(|| {
        let path = std::env::var_os("PATH")?;
        std::env::split_paths(&path)
            .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("WARLOG_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "WARLOG_REQUIRE_BROWSER=1 but no chromium (apt-get install chromium, or set WARLOG_CHROMIUM)"
        );
        eprintln!("no chromium: the browser test is skipped");
    }
    found
}

/// The page at `fragment` (`#event=…&claim=…`), run by a headless Chromium
/// until its requests settle, as the DOM it ends with.
fn rendered(browser: &std::path::Path, fragment: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("http://{}/{fragment}", fixture().addr);
    // Flags keep Chromium off the network (this machine has none) and out of
    // the sandbox (tests may run as root).
    let out = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&url)
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "chromium failed on {url}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("a UTF-8 DOM")
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The page as a reader meets it: the map and the timeline drawn from the
/// API, an event's claims, and a claim opening its page with the sentence
/// highlighted — where page text full of markup stays text.
#[test]
fn in_a_browser_a_claim_opens_its_sentence_and_page_text_stays_inert() {
    let Some(browser) = chromium() else { return };
    let f = fixture();
    let all = events("");
    let (event, claim) = all
        .iter()
        .find_map(|e| {
            let c = e["claims"].as_array()?.iter().find(|c| c["doc"] == f.hostile_doc.as_str())?;
            Some((e, c))
        })
        .expect("an event holds a claim of the hostile page");
    let dom = rendered(&browser, &format!("#event={}&claim={}", event["id"], claim["id"]));

    // The map has a marker per placed event, the timeline a line per event.
    let placed = all.iter().filter(|e| e["lat"].is_number()).count();
    assert!(placed > 0);
    assert!(count(&dom, "leaflet-interactive") >= placed, "markers: {placed} placed events");
    assert_eq!(count(&dom, "class=\"event-line"), all.len(), "one timeline line per event");
    assert!(dom.contains(&format!("{} events", all.len())), "the status line counts the events");

    // The document dialog is open on the claim's page, its evidence marked.
    assert!(dom.contains("<dialog id=\"document\" open"), "the claim's page is open");
    let evidence = claim["evidence"].as_str().unwrap();
    let marked: String = dom
        .split("<mark class=\"evidence")
        .skip(1)
        .filter_map(|rest| Some(rest.split_once('>')?.1.split_once("</mark>")?.0.to_string()))
        .collect();
    let escaped = evidence.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    assert_eq!(marked, escaped, "the highlighted text is the claim's evidence");

    // The page's markup is shown as text: escaped in the DOM, never an
    // element, never run (the only scripts are the page's own three).
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the script tag is shown as text");
    assert!(dom.contains("&lt;img src=x onerror=alert(2)&gt;"), "the img tag is shown as text");
    assert_eq!(count(&dom, "<script"), 3, "no script element from the page");
    assert!(!dom.contains("<img src=\"x\""), "no img element from the page");
}

// ------------------------------------------------------------ starting

#[test]
fn serving_needs_a_store_and_a_free_port() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let err = Server::bind("127.0.0.1:0".parse().unwrap(), &missing).err().expect("no store, no server");
    assert!(err.to_string().contains("warlog run"), "says how to make one: {err}");
    assert!(!missing.exists(), "serving never creates a store");

    let busy = fixture().addr;
    let db = dir.path().join("w.db");
    drop(Store::open(&db).unwrap());
    let err = Server::bind(busy, &db).err().expect("the port is taken");
    assert!(matches!(err, warlog_server::ServeError::Bind { .. }), "{err}");
}
