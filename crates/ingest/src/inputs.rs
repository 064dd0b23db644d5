//! The walk over all inputs: paths (files, folders, `-`) to a stream of
//! pages and per-input errors. Each path is opened only when the previous
//! one is done, and JSON Lines and WARC files are streamed record by record.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::iter::FusedIterator;
use std::path::{Path, PathBuf};

use warlog_model::Format;

use crate::IngestOptions;
use crate::error::{IngestError, IngestErrorKind};
use crate::gzip::{gunzip_reader, read_bounded};
use crate::jsonl::JsonLines;
use crate::page::{PageHints, RawPage, page_from_bytes};
use crate::sniff::{GZIP_MAGIC, Kind, binary_magic, content_start, is_binary_content, kind_from_name, looks_like_html};
use crate::walk::list_dir;
use crate::warc::Warc;

type Source = Box<dyn BufRead + Send>;
type Records = Box<dyn Iterator<Item = Result<RawPage, IngestError>> + Send>;

/// How much of an input of unknown kind is read to recognise it.
const SNIFF_BYTES: u64 = 8 * 1024;
const READ_BUFFER: usize = 64 * 1024;

/// Pages (or per-input errors) from a list of paths, in order: folders
/// recursively in sorted order, `-` for stdin. See the crate documentation.
pub struct Inputs {
    options: IngestOptions,
    /// Still to open, the next one last.
    pending: Vec<Pending>,
    /// The JSON Lines or WARC file being read.
    current: Option<Records>,
    stdin: Option<Box<dyn Read + Send>>,
}

enum Pending {
    Path(PathBuf),
    Stdin,
    Failed(IngestError),
}

/// What opening one path gave.
enum Opened {
    One(Result<RawPage, IngestError>),
    Records(Records),
    Folder(Vec<Pending>),
}

impl Inputs {
    /// Inputs from `paths`; `-` means stdin.
    pub fn new<I, P>(paths: I, options: IngestOptions) -> Inputs
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let mut pending: Vec<Pending> = paths
            .into_iter()
            .map(
                |p| if p.as_ref() == Path::new("-") { Pending::Stdin } else { Pending::Path(p.as_ref().to_path_buf()) },
            )
            .collect();
        pending.reverse();
        Inputs { options, pending, current: None, stdin: None }
    }

    /// Reads `-` from `reader` instead of the process's stdin.
    pub fn with_stdin(mut self, reader: impl Read + Send + 'static) -> Inputs {
        self.stdin = Some(Box::new(reader));
        self
    }

    fn open_stdin(&mut self) -> Opened {
        let reader: Box<dyn Read + Send> = self.stdin.take().unwrap_or_else(|| Box::new(io::stdin()));
        let source: Source = Box::new(BufReader::with_capacity(READ_BUFFER, reader));
        self.open_sniffed("-".to_string(), source, false, true, None)
    }

    fn open_path(&self, path: PathBuf) -> Opened {
        let origin = path.display().to_string();
        let fail = |kind| Opened::One(Err(IngestError::new(origin.clone(), kind)));
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) => return fail(IngestErrorKind::from_read(e, false, 0)),
        };
        if meta.is_dir() {
            return match list_dir(&path) {
                Ok(entries) => Opened::Folder(
                    entries
                        .into_iter()
                        .rev()
                        .map(|e| match e {
                            Ok(path) => Pending::Path(path),
                            Err((path, e)) => Pending::Failed(IngestError::new(
                                path.display().to_string(),
                                IngestErrorKind::from_read(e, false, 0),
                            )),
                        })
                        .collect(),
                ),
                Err(e) => fail(IngestErrorKind::from_read(e, false, 0)),
            };
        }
        // Pipes and devices named on the command line are read as streams of unknown size.
        let size = meta.is_file().then_some(meta.len());
        if size == Some(0) {
            return fail(IngestErrorKind::EmptyFile);
        }
        let file = match File::open(&path) {
            Ok(file) => file,
            Err(e) => return fail(IngestErrorKind::from_read(e, false, 0)),
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let (kind, gzip) = kind_from_name(&name);
        let buffered = BufReader::with_capacity(READ_BUFFER, file);
        let source: Source = if gzip { Box::new(gunzip_reader(buffered)) } else { Box::new(buffered) };
        let max = self.options.max_bytes;
        match kind {
            Kind::Text | Kind::Html => {
                let format = if kind == Kind::Html { Format::Html } else { Format::Text };
                if let (false, Some(size)) = (gzip, size)
                    && size > max
                {
                    return fail(IngestErrorKind::TooLarge { size, limit: max });
                }
                let mut bytes = Vec::new();
                if let Err(kind) = read_bounded(source, &mut bytes, max, gzip) {
                    return fail(kind);
                }
                Opened::One(page_from_bytes(origin, bytes, format, None, PageHints::default()))
            }
            Kind::JsonLines => Opened::Records(Box::new(JsonLines::new(source, origin, max, gzip))),
            Kind::Warc => Opened::Records(Box::new(Warc::new(source, origin, max, gzip))),
            Kind::Unknown => self.open_sniffed(origin, source, gzip, false, size.filter(|_| !gzip)),
        }
    }

    /// Recognises an input by its first bytes: gzip (stdin only, which has
    /// no name to say so), WARC, binary, JSON Lines, else one HTML or text page.
    fn open_sniffed(
        &self,
        origin: String,
        mut source: Source,
        gzip: bool,
        allow_gzip: bool,
        size: Option<u64>,
    ) -> Opened {
        let fail = |kind| Opened::One(Err(IngestError::new(origin.clone(), kind)));
        let max = self.options.max_bytes;
        let mut head = Vec::new();
        if let Err(e) = (&mut source).take(SNIFF_BYTES).read_to_end(&mut head) {
            return fail(IngestErrorKind::from_read(e, gzip, head.len() as u64));
        }
        if head.is_empty() {
            return fail(IngestErrorKind::EmptyFile);
        }
        if allow_gzip && head.starts_with(GZIP_MAGIC) {
            let whole: Source = Box::new(gunzip_reader(Cursor::new(head).chain(source)));
            return self.open_sniffed(origin, whole, true, false, None);
        }
        if head.starts_with(b"WARC/") {
            return Opened::Records(Box::new(Warc::new(Cursor::new(head).chain(source), origin, max, gzip)));
        }
        if let Some(name) = binary_magic(&head) {
            return fail(IngestErrorKind::BinaryFile(name));
        }
        if is_binary_content(&head) && !crate::sniff::has_utf16_bom(&head) {
            return fail(IngestErrorKind::BinaryContent);
        }
        if content_start(&head).starts_with(b"{") {
            let lines = JsonLines::new(Cursor::new(head).chain(source), origin, max, gzip).sniffed();
            return Opened::Records(Box::new(lines));
        }
        if let Some(size) = size.filter(|&s| s > max) {
            return fail(IngestErrorKind::TooLarge { size, limit: max });
        }
        if let Err(kind) = read_bounded(source, &mut head, max, gzip) {
            return fail(kind);
        }
        let format = if looks_like_html(&head) { Format::Html } else { Format::Text };
        Opened::One(page_from_bytes(origin, head, format, None, PageHints::default()))
    }
}

impl Iterator for Inputs {
    type Item = Result<RawPage, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.current {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let opened = match self.pending.pop()? {
                Pending::Failed(e) => return Some(Err(e)),
                Pending::Stdin => self.open_stdin(),
                Pending::Path(path) => self.open_path(path),
            };
            match opened {
                Opened::One(item) => return Some(item),
                Opened::Records(records) => self.current = Some(records),
                Opened::Folder(entries) => self.pending.extend(entries),
            }
        }
    }
}

impl FusedIterator for Inputs {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_is_recognised_by_content() {
        let run = |input: &'static [u8]| -> Vec<Result<RawPage, String>> {
            Inputs::new(["-"], IngestOptions::default())
                .with_stdin(input)
                .map(|r| r.map_err(|e| e.to_string()))
                .collect()
        };
        let page = run(b"Bakou accuse Erevan.")[0].clone().unwrap();
        assert_eq!((page.origin.as_str(), page.format), ("-", Format::Text));
        assert_eq!(run(b"<!doctype html><p>x</p>")[0].as_ref().unwrap().format, Format::Html);
        let lines = run(b"{\"id\": \"a\", \"text\": \"Barda\"}\n{\"id\": \"b\", \"html\": \"<p>Tartar</p>\"}\n");
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].as_ref().unwrap().origin, "-#L2");
        assert_eq!(run(b"")[0].as_ref().unwrap_err(), "-: empty file");
        assert_eq!(
            run(b"\x7fELF\x02\x01")[0].as_ref().unwrap_err(),
            "-: binary file (ELF executable), not a text or HTML page"
        );
    }

    #[test]
    fn gzipped_stdin() {
        let gz: &'static [u8] = Box::leak(crate::gzip::tests::gzip(b"<html><p>Gandja</p></html>").into_boxed_slice());
        let out: Vec<_> = Inputs::new(["-"], IngestOptions::default()).with_stdin(gz).collect();
        assert_eq!(out[0].as_ref().unwrap().text, "<html><p>Gandja</p></html>");
    }

    #[test]
    fn oversized_stdin() {
        let out: Vec<_> =
            Inputs::new(["-"], IngestOptions { max_bytes: 10 }).with_stdin(&b"0123456789ABCDEF"[..]).collect();
        assert_eq!(out[0].as_ref().unwrap_err().to_string(), "-: too large (more than 10 bytes; use --max-bytes)");
    }
}
