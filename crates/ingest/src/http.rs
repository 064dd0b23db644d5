//! HTTP responses as WARC stores them: the status line and headers, then a
//! body that may still be chunked and gzip- or deflate-encoded. Crawlers
//! disagree on whether they decode bodies before storing them, so each
//! encoding is undone only when the bytes actually carry it.

use crate::error::IngestErrorKind;
use crate::gzip::read_bounded;

/// The parts of a response that decide what its body is.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Response<'a> {
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) transfer_encoding: Option<String>,
    pub(crate) content_encoding: Option<String>,
    pub(crate) body: &'a [u8],
}

/// Splits a stored response into head and body.
pub(crate) fn parse_response(block: &[u8]) -> Result<Response<'_>, String> {
    let (head_len, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("no end of HTTP headers".to_string()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let status = match (parts.next(), parts.next()) {
        (Some(version), Some(code)) if version.starts_with("HTTP/") => {
            code.parse::<u16>().map_err(|_| format!("bad status line {:?}", truncate(status_line)))?
        }
        _ => return Err(format!("bad status line {:?}", truncate(status_line))),
    };
    let mut response = Response {
        status,
        content_type: None,
        transfer_encoding: None,
        content_encoding: None,
        body: &block[body_start..],
    };
    for line in lines {
        let Some((name, value)) = line.split_once(':') else { continue };
        let value = Some(value.trim().to_string());
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => response.content_type = value,
            "transfer-encoding" => response.transfer_encoding = value,
            "content-encoding" => response.content_encoding = value,
            _ => {}
        }
    }
    Ok(response)
}

fn truncate(s: &str) -> &str {
    s.char_indices().nth(60).map_or(s, |(i, _)| &s[..i])
}

/// A `Content-Type` value as (lower-case media type, charset).
pub(crate) fn parse_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim().eq_ignore_ascii_case("charset").then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    });
    (mime, charset)
}

/// The body with transfer and content encodings undone.
pub(crate) fn decoded_body(response: &Response<'_>, limit: u64) -> Result<Vec<u8>, IngestErrorKind> {
    let mut body = response.body.to_vec();
    let chunked = response.transfer_encoding.as_deref().is_some_and(|t| t.to_ascii_lowercase().contains("chunked"));
    if chunked && looks_chunked(&body) {
        body = dechunk(&body).map_err(IngestErrorKind::BadHttp)?;
    }
    match response.content_encoding.as_deref().map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") if body.starts_with(crate::sniff::GZIP_MAGIC) => {
            let mut out = Vec::new();
            read_bounded(flate2::bufread::MultiGzDecoder::new(&body[..]), &mut out, limit, true)?;
            body = out;
        }
        Some("deflate") if body.first().is_some_and(|b| b & 0x0f == 8) => {
            let mut out = Vec::new();
            read_bounded(flate2::bufread::ZlibDecoder::new(&body[..]), &mut out, limit, true)?;
            body = out;
        }
        Some("gzip" | "x-gzip" | "deflate") => {} // stored decoded, header kept
        Some(other) => return Err(IngestErrorKind::BadHttp(format!("unsupported Content-Encoding {other}"))),
    }
    Ok(body)
}

/// True when the body starts with a hexadecimal chunk size line.
fn looks_chunked(body: &[u8]) -> bool {
    let line_end = memchr::memchr(b'\n', body).unwrap_or(body.len());
    let line = body[..line_end].strip_suffix(b"\r").unwrap_or(&body[..line_end]);
    let size = line.split(|&b| b == b';').next().unwrap_or(b"");
    !size.is_empty() && size.len() <= 16 && size.iter().all(u8::is_ascii_hexdigit)
}

/// Undoes `Transfer-Encoding: chunked`. A cut body is an error rather than a
/// silently shortened page.
fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body).ok_or("chunked body cut in a chunk header")?;
        let line = &body[..line_end];
        let size_text = line.split(|&b| b == b';').next().unwrap_or(b"");
        let size_text = std::str::from_utf8(size_text).map_err(|_| "bad chunk size")?.trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| format!("bad chunk size {size_text:?}"))?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Ok(out); // trailers, if any, are ignored
        }
        let chunk = body.get(..size).ok_or("chunked body cut inside a chunk")?;
        out.extend_from_slice(chunk);
        body = &body[size..];
        body = body.strip_prefix(b"\r\n").or_else(|| body.strip_prefix(b"\n")).unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibEncoder::new(bytes, flate2::Compression::default()).read_to_end(&mut out).unwrap();
        out
    }

    #[test]
    fn head_and_body() {
        let r =
            parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=ISO-8859-1\r\n\r\n<p>x</p>").unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"<p>x</p>");
        let (mime, charset) = parse_content_type(r.content_type.as_deref().unwrap());
        assert_eq!((mime.as_str(), charset.as_deref()), ("text/html", Some("ISO-8859-1")));
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nno end").is_err());
        assert!(parse_response(b"GET / HTTP/1.1\r\n\r\n").is_err());
    }

    #[test]
    fn chunked_body() {
        let r = Response {
            status: 200,
            content_type: None,
            transfer_encoding: Some("chunked".into()),
            content_encoding: None,
            body: b"6\r\nBakou \r\n6;ext=1\r\nErevan\r\n0\r\n\r\n",
        };
        assert_eq!(decoded_body(&r, 100).unwrap(), b"Bakou Erevan");
        let cut = Response { body: b"6\r\nBakou \r\n10\r\nErevan", ..r };
        assert!(matches!(decoded_body(&cut, 100), Err(IngestErrorKind::BadHttp(_))));
        // Stored already de-chunked: left as is.
        let plain = Response { body: b"<html>Bakou</html>", ..cut };
        assert_eq!(decoded_body(&plain, 100).unwrap(), b"<html>Bakou</html>");
    }

    #[test]
    fn content_encodings() {
        let gz = crate::gzip::tests::gzip(b"<p>Gandja</p>");
        let r = Response {
            status: 200,
            content_type: None,
            transfer_encoding: None,
            content_encoding: Some("gzip".into()),
            body: &gz,
        };
        assert_eq!(decoded_body(&r, 100).unwrap(), b"<p>Gandja</p>");
        let z = deflate(b"<p>Barda</p>");
        let r = Response { content_encoding: Some("deflate".into()), body: &z, ..r };
        assert_eq!(decoded_body(&r, 100).unwrap(), b"<p>Barda</p>");
        let r = Response { content_encoding: Some("gzip".into()), body: b"<p>stored decoded</p>", ..r };
        assert_eq!(decoded_body(&r, 100).unwrap(), b"<p>stored decoded</p>");
        let r = Response { content_encoding: Some("br".into()), ..r };
        assert_eq!(
            decoded_body(&r, 100).unwrap_err().to_string(),
            "bad HTTP payload (unsupported Content-Encoding br)"
        );
    }
}
