//! End-to-end reading: the seed pages keep their bytes, the benchmark pages
//! all decode, and every kind of bad input gives one error line while the
//! inputs around it are still read.

use std::io::Write;
use std::path::Path;

use warlog_ingest::{IngestOptions, Inputs, RawPage};
use warlog_model::Format;

fn read_all(paths: &[&Path], options: IngestOptions) -> (Vec<RawPage>, Vec<String>) {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for item in Inputs::new(paths, options) {
        match item {
            Ok(page) => pages.push(page),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (pages, errors)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn warc_response(uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n").into_bytes();
    block.extend_from_slice(body);
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-10-28T10:00:00Z\r\n\
         Content-Type: application/http;msgtype=response\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(&block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn seeds_decode_to_their_own_bytes() {
    let seeds: Vec<_> = warlog_testkit::seeds().into_iter().filter(|(name, _)| name.ends_with(".txt")).collect();
    if seeds.is_empty() {
        return;
    }
    for (name, path) in seeds {
        let bytes = std::fs::read(&path).unwrap();
        let (pages, errors) = read_all(&[&path], IngestOptions::default());
        assert!(errors.is_empty(), "{errors:?}");
        let page = &pages[0];
        assert_eq!((page.format, page.encoding), (Format::Text, "UTF-8"), "{name}");
        assert_eq!(page.raw, bytes, "{name}: raw bytes kept");
        if name.starts_with("000_") {
            // "Ã" + newline: an "à" that lost its second byte. Repaired in
            // place, same length, every other byte unchanged.
            assert!(page.repaired, "{name}");
            assert_eq!(page.text.len(), bytes.len(), "{name}");
            let diff: Vec<usize> = (0..bytes.len()).filter(|&i| page.text.as_bytes()[i] != bytes[i]).collect();
            assert_eq!(diff.len(), 1, "{name}: {diff:?}");
            assert_eq!(&bytes[diff[0] - 1..diff[0] + 2], "Ã\n".as_bytes());
            assert_eq!(&page.text.as_bytes()[diff[0] - 1..diff[0] + 2], "à\n".as_bytes());
        } else {
            assert!(!page.repaired, "{name}");
            assert_eq!(page.text.as_bytes(), &bytes[..], "{name}: decoded text is the file");
        }
    }
}

#[test]
fn benchmark_pages_all_decode() {
    let Some(dir) = warlog_testkit::shared("benchmarks/article-extraction/html") else { return };
    let (pages, errors) = read_all(&[&dir], IngestOptions::default());
    assert!(errors.is_empty(), "{errors:?}");
    assert!(pages.len() >= 100, "{}", pages.len());
    assert!(pages.iter().all(|p| p.format == Format::Html && p.text.len() > 1000));
    let mut origins: Vec<_> = pages.iter().map(|p| p.origin.clone()).collect();
    let walked = origins.clone();
    origins.sort();
    assert_eq!(walked, origins, "sorted walk");
}

#[test]
fn bad_inputs_each_give_one_error_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let w = |name: &str, bytes: &[u8]| std::fs::write(d.join(name), bytes).unwrap();
    w("01_good.txt", "Frappe à Gandja.\n".as_bytes());
    w("02_image.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    w("03_report.pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
    w("04_empty.txt", b"");
    w("05_blank.html", b"  \n\t\r\n");
    w("06_nul.txt", b"abc\0\0\0\x01\x02def");
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let noise: Vec<u8> = (0..3000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8 | 0x80
        })
        .collect();
    w("07_undecodable.txt", &noise);
    w("08_big.html", &vec![b'a'; 5000]);
    let whole = gzip(&"<p>Barda</p>".repeat(2000).into_bytes());
    w("09_cut.html.gz", &whole[..whole.len() / 2]);
    let mut warc = warc_response("https://x.test/1", "text/html; charset=utf-8", "<p>Tərtər</p>".as_bytes());
    warc.extend(warc_response("https://x.test/2", "text/html", &[b'a'; 1000]));
    w("10_cut.warc", &warc[..warc.len() - 600]);
    w("11_last_good.md", b"# Erevan\n");

    let missing = d.join("no_such_file.txt");
    let (pages, errors) = read_all(&[d, &missing], IngestOptions { max_bytes: 4096 });

    let names: Vec<_> =
        pages.iter().map(|p| Path::new(&p.origin).file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["01_good.txt", "10_cut.warc#1", "11_last_good.md"]);
    assert_eq!(pages[1].text, "<p>Tərtər</p>");
    let at = |i: usize| errors[i].strip_prefix(&format!("{}/", d.display())).unwrap_or(&errors[i]).to_string();
    assert_eq!(at(0), "02_image.png: binary file (PNG image), not a text or HTML page");
    assert_eq!(at(1), "03_report.pdf.txt: binary file (PDF document), not a text or HTML page");
    assert_eq!(at(2), "04_empty.txt: empty file");
    assert_eq!(at(3), "05_blank.html: empty file");
    assert_eq!(at(4), "06_nul.txt: binary content (NUL bytes or control characters), not a text or HTML page");
    assert!(at(5).starts_with("07_undecodable.txt: undecodable: "), "{}", at(5));
    assert_eq!(at(6), "08_big.html: too large (5000 bytes > limit 4096; use --max-bytes)");
    assert!(at(7).starts_with("09_cut.html.gz: truncated gzip stream after "), "{}", at(7));
    assert_eq!(at(8), "10_cut.warc: WARC record 2 truncated (Content-Length 1044, got 448)");
    assert!(errors[9].ends_with("no_such_file.txt: no such file or folder"), "{}", errors[9]);
    assert_eq!(errors.len(), 10);
    assert!(errors.iter().all(|e| !e.contains('\n')), "one line each");
}

#[test]
fn hundred_megabyte_page_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.html");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(100 * 1024 * 1024).unwrap(); // sparse: no 100 MB written
    let (pages, errors) = read_all(&[&path], IngestOptions::default());
    assert!(pages.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].ends_with("huge.html: too large (104857600 bytes > limit 20971520; use --max-bytes)"));
}

#[test]
fn gzip_bomb_stops_at_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.html.gz");
    std::fs::write(&path, gzip(&vec![b' '; 8 << 20])).unwrap();
    let (_, errors) = read_all(&[&path], IngestOptions { max_bytes: 1 << 20 });
    assert!(errors[0].ends_with("bomb.html.gz: too large (more than 1048576 bytes; use --max-bytes)"), "{errors:?}");
}

#[test]
fn deep_nesting_is_read_as_is() {
    // Parsing it is the HTML extractor's job; reading it must simply work.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.html");
    let page = format!("<html><body>{}Gandja{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    std::fs::write(&path, &page).unwrap();
    let (pages, errors) = read_all(&[&path], IngestOptions::default());
    assert!(errors.is_empty());
    assert_eq!(pages[0].text, page);
}

#[test]
fn json_lines_and_warc_files_stream_their_records() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines = "{\"id\": \"a\", \"published\": \"2020-10-27\", \"text\": \"Barda\"}\n{oops\n{\"id\": \"c\", \"html\": \"<p>Tartar</p>\"}\n";
    std::fs::write(d.join("a.jsonl.gz"), gzip(lines.as_bytes())).unwrap();
    let mut members = gzip(&warc_response("https://x.test/1", "text/plain", b"Shusha"));
    members.extend(gzip(&warc_response("https://x.test/2", "image/jpeg", b"\xff\xd8\xff\xe0")));
    members.extend(gzip(&warc_response("https://x.test/3", "text/html; charset=windows-1252", b"<p>d\xe9j\xe0</p>")));
    std::fs::write(d.join("b.warc.gz"), &members).unwrap();
    std::fs::write(d.join("c.warc.gz"), &members[..members.len() - 30]).unwrap();
    std::fs::write(d.join("d.warc.gz"), &members[..members.len() - 4]).unwrap();
    std::fs::write(d.join(".hidden.txt"), "skipped").unwrap();

    let (pages, errors) = read_all(&[d], IngestOptions::default());
    let origins: Vec<_> = pages.iter().map(|p| p.origin.rsplit('/').next().unwrap().to_string()).collect();
    assert_eq!(
        origins,
        ["a.jsonl.gz#L1", "a.jsonl.gz#L3", "b.warc.gz#1", "b.warc.gz#3", "c.warc.gz#1", "d.warc.gz#1", "d.warc.gz#3"]
    );
    assert_eq!(pages[0].hints.published, warlog_model::Date::new(2020, 10, 27).ok());
    assert_eq!(pages[1].hints.id.as_deref(), Some("c"));
    assert_eq!(pages[3].text, "<p>déjà</p>");
    assert_eq!(pages[3].hints.url.as_deref(), Some("https://x.test/3"));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors[0].ends_with("a.jsonl.gz#L2: bad JSON (key must be a string at line 1 column 2)"), "{errors:?}");
    assert!(errors[1].ends_with("c.warc.gz: WARC record 3 truncated (Content-Length 77, got 49)"), "{errors:?}");
    // Only the gzip trailer is missing: the last record is whole, the stream is still reported.
    assert!(errors[2].ends_with("d.warc.gz: truncated gzip stream after 699 bytes"), "{errors:?}");
}

#[test]
fn unknown_names_are_recognised_by_content() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a_page"), "<!DOCTYPE html><html><p>x</p></html>").unwrap();
    std::fs::write(d.join("b_notes"), "Bakou, 27 octobre.").unwrap();
    std::fs::write(d.join("c_dump"), warc_response("https://x.test/", "text/plain", b"Agdam")).unwrap();
    std::fs::write(d.join("d_records"), "{\"text\": \"Fuzuli\"}\n").unwrap();
    std::fs::write(d.join("e_meta.json"), "{\n  \"a\": 1\n}\n").unwrap();
    let (pages, errors) = read_all(&[d], IngestOptions::default());
    let got: Vec<_> = pages.iter().map(|p| (p.format, p.text.as_str())).collect();
    assert_eq!(
        got,
        [
            (Format::Html, "<!DOCTYPE html><html><p>x</p></html>"),
            (Format::Text, "Bakou, 27 octobre."),
            (Format::Text, "Agdam"),
            (Format::Text, "Fuzuli"),
        ]
    );
    assert_eq!(errors.len(), 1);
    assert!(errors[0].contains("e_meta.json: not JSON Lines (line 1: bad JSON"), "{errors:?}");
}

#[test]
fn latin1_html_with_meta_charset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.htm");
    std::fs::write(
        &path,
        b"<html><head><meta charset=iso-8859-1></head><body><p>Arm\xe9e de d\xe9fense</p></body></html>",
    )
    .unwrap();
    let (pages, _) = read_all(&[&path], IngestOptions::default());
    assert!(pages[0].text.contains("Armée de défense"));
    assert_eq!(pages[0].encoding, "windows-1252");
}
