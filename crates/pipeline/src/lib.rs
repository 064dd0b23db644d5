//! The ordered list of warlog's stages, in one place: one page in, a
//! [`Page`] with its segments, mentions and claims out.
//!
//! | stage | crate | does |
//! |---|---|---|
//! | [`Stage::Decode`] | ingest | bytes → text (done by the reader) |
//! | [`Stage::MainText`] | text | HTML → article text and blocks |
//! | [`Stage::Segments`] | text | body, entries, comments, embeds, boilerplate |
//! | [`Stage::Language`] | text | the page's language |
//! | [`Stage::Sentences`] | text | sentences of claim-yielding segments |
//! | [`Stage::Places`] | recognise | toponyms resolved to coordinates |
//! | [`Stage::Dates`] | recognise | dates resolved against the page date and the narrative |
//! | [`Stage::Figures`] | recognise | casualty figures and weapons |
//! | [`Stage::Actors`] | recognise | parties named in the text |
//! | [`Stage::Claims`] | extract | who says what happened |
//!
//! Resolving claims into events and storing pages happen after, over many
//! pages ([`warlog_resolve`], `warlog-store`). Every stage is pure and never
//! fails on content; a page that cannot be read fails in ingest.
//!
//! ```
//! use warlog_pipeline::{Pipeline, Source};
//! let pipeline = Pipeline::load();
//! let text = "Des tirs d'artillerie ont visé Stepanakert mardi 13 octobre 2020, selon le ministère arménien de la Défense.";
//! let page = pipeline.process(Source::text("example.txt", text), None);
//! let claim = &page.page.claims[0];
//! assert_eq!(claim.event_type.as_str(), "shelling");
//! assert_eq!(claim.source.to_string(), "ARM:government");
//! ```

mod adapt;
mod dates;

use std::time::{Duration, Instant};

use warlog_extract::{Extractor, Input, Sentence};
use warlog_model::{Date, Document, DocumentMeta, Format, Mention, MentionValue, Page, Segment, SegmentKind, Span};
use warlog_recognise::phrase::Word;
use warlog_recognise::places::Places;

pub use adapt::places;
use warlog_text::{BlockKind, Extracted};

/// The stages, in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    Decode,
    MainText,
    Segments,
    Language,
    Sentences,
    Places,
    Dates,
    Figures,
    Actors,
    Claims,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Decode,
        Stage::MainText,
        Stage::Segments,
        Stage::Language,
        Stage::Sentences,
        Stage::Places,
        Stage::Dates,
        Stage::Figures,
        Stage::Actors,
        Stage::Claims,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::MainText => "main_text",
            Stage::Segments => "segments",
            Stage::Language => "language",
            Stage::Sentences => "sentences",
            Stage::Places => "places",
            Stage::Dates => "dates",
            Stage::Figures => "figures",
            Stage::Actors => "actors",
            Stage::Claims => "claims",
        }
    }
}

/// Time spent per stage on one page (or summed over many).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timings(pub [Duration; Stage::ALL.len()]);

impl Timings {
    pub fn add(&mut self, stage: Stage, d: Duration) {
        self.0[stage as usize] += d;
    }
    pub fn get(&self, stage: Stage) -> Duration {
        self.0[stage as usize]
    }
    pub fn merge(&mut self, other: &Timings) {
        for (a, b) in self.0.iter_mut().zip(other.0.iter()) {
            *a += *b;
        }
    }
}

/// A page to process: decoded text and what is known about it.
#[derive(Clone, Debug)]
pub struct Source {
    pub origin: String,
    pub id: String,
    pub raw: Vec<u8>,
    pub text: String,
    pub format: Format,
    pub meta: DocumentMeta,
    /// The record's own id in a JSON Lines feed (`"id"`), when it has one.
    pub feed_id: Option<String>,
    /// Time the reader took (decode stage), when known.
    pub decode_time: Duration,
}

impl Source {
    /// A plain-text page from a string (examples, tests).
    pub fn text(origin: &str, text: &str) -> Source {
        Source {
            origin: origin.to_string(),
            id: warlog_ingest::doc_id(text.as_bytes()),
            raw: text.as_bytes().to_vec(),
            text: text.to_string(),
            format: Format::Text,
            meta: DocumentMeta::default(),
            feed_id: None,
            decode_time: Duration::ZERO,
        }
    }

    /// A page as the reader gave it.
    pub fn from_raw(page: warlog_ingest::RawPage, decode_time: Duration) -> Source {
        let id = page.doc_id();
        Source { id, ..Source::from_raw_unhashed(page, decode_time) }
    }

    /// [`Source::from_raw`] without the document id (left empty): for
    /// commands that print no id and store nothing (`warlog text`), as
    /// hashing a 200 KB page costs a tenth of reading its main text. The
    /// store refuses a document without an id.
    pub fn from_raw_unhashed(page: warlog_ingest::RawPage, decode_time: Duration) -> Source {
        Source {
            origin: page.origin.clone(),
            id: String::new(),
            meta: page.meta(),
            feed_id: page.hints.id.clone(),
            raw: page.raw,
            text: page.text,
            format: page.format,
            decode_time,
        }
    }
}

/// A processed page, with the stage timings and the main text's end.
#[derive(Clone, Debug)]
pub struct Processed {
    pub page: Page,
    /// `page.doc.text[..main_end]` is the main text (`warlog text`).
    pub main_end: usize,
    pub timings: Timings,
}

/// The loaded resources (gazetteer, lexicons) and the stages.
pub struct Pipeline {
    places: &'static Places,
    extractor: Extractor,
}

/// Languages with a full set of word lists; other pages are read with the
/// closest one (English).
fn supported(lang: &str) -> &str {
    if warlog_lexicon::table(lang, "event_triggers").is_some() { lang } else { "en" }
}

impl Pipeline {
    /// Loads the gazetteer and the word lists (once per process).
    pub fn load() -> Pipeline {
        Pipeline { places: adapt::places(), extractor: Extractor::new() }
    }

    /// The main text and blocks of a page (HTML extraction or plain text).
    pub fn main_text(&self, source: &Source) -> Extracted {
        match source.format {
            Format::Html => warlog_text::html::extract(&source.text, source.meta.url.as_deref()),
            Format::Text => {
                let mut x = warlog_text::plain::extract(&source.text);
                x.meta = warlog_text::meta::from_plain(&source.text);
                x
            }
        }
    }

    /// The main-text stages only (main text, language): the document that
    /// [`Pipeline::process`] would give, without segments, mentions or
    /// claims — what `warlog text` prints, at a fraction of the cost (on
    /// news pages the other stages take about four fifths of the time).
    pub fn read(&self, source: Source, published: Option<Date>) -> Processed {
        let mut t = Timings::default();
        t.add(Stage::Decode, source.decode_time);
        let clock = Instant::now();
        let x = self.main_text(&source);
        t.add(Stage::MainText, clock.elapsed());
        let clock = Instant::now();
        // What the reader knew (a feed's fields, a WARC URL, a manifest) wins.
        let mut meta = source.meta.clone().or(x.meta.clone());
        if published.is_some() {
            meta.published = published;
        }
        if meta.language.is_none() {
            let sample_end = x.main_end.min(x.text.len());
            meta.language = warlog_text::lang::detect(x.text.get(..sample_end).unwrap_or(&x.text)).map(str::to_string);
        }
        t.add(Stage::Language, clock.elapsed());
        let doc = Document { id: source.id, origin: source.origin, format: source.format, meta, text: x.text };
        Processed {
            page: Page {
                doc,
                raw: source.raw,
                segments: Vec::new(),
                mentions: Vec::new(),
                claims: Vec::new(),
                diagnostics: Vec::new(),
            },
            main_end: x.main_end,
            timings: t,
        }
    }

    /// Runs every stage on one page. `published` overrides the page's date
    /// (as `warlog claims --published` and gold sets do).
    pub fn process(&self, source: Source, published: Option<Date>) -> Processed {
        let mut t = Timings::default();
        t.add(Stage::Decode, source.decode_time);
        let mut clock = Instant::now();
        let mut lap = |t: &mut Timings, stage: Stage| {
            let now = Instant::now();
            t.add(stage, now - clock);
            clock = now;
        };

        let extracted = self.main_text(&source);
        lap(&mut t, Stage::MainText);

        // What the reader knew (a feed's fields, a WARC URL, a manifest) wins.
        let mut meta = source.meta.clone().or(extracted.meta.clone());
        if published.is_some() {
            meta.published = published;
        }
        let mut x = extracted;
        x.meta.published = meta.published;
        let mut segments = warlog_text::segment::segment(&x);
        lap(&mut t, Stage::Segments);

        if meta.language.is_none() {
            let sample_end = x.main_end.min(x.text.len());
            meta.language = warlog_text::lang::detect(x.text.get(..sample_end).unwrap_or(&x.text)).map(str::to_string);
        }
        let lang = supported(meta.language.as_deref().unwrap_or("en")).to_string();
        lap(&mut t, Stage::Language);

        let sentences = sentences(&x, &segments, &lang);
        // Cut once, read by the dates, casualty and weapon recognisers.
        let words: Vec<Vec<Word>> =
            sentences.iter().map(|s| warlog_recognise::phrase::words(&x.text, s.span)).collect();
        lap(&mut t, Stage::Sentences);

        let regions: Vec<Span> = segments.iter().filter(|s| s.kind.yields_claims()).map(|s| s.span).collect();
        let place_hits = adapt::find_places(self.places, &x.text, &regions, &lang);
        lap(&mut t, Stage::Places);

        let date_hits = dates::resolve_all(&x.text, &mut segments, &sentences, &words, &lang, meta.published);
        lap(&mut t, Stage::Dates);

        let (casualties, weapons) = adapt::figures(&x.text, &sentences, &words, &lang);
        lap(&mut t, Stage::Figures);

        let sentence_actors = adapt::actors(self.extractor.actor_lexicon(), &x.text, &sentences, &words, &lang);
        lap(&mut t, Stage::Actors);

        let input = Input {
            text: &x.text,
            lang: &lang,
            published: meta.published,
            segments: &segments,
            sentences: &sentences,
            places: &place_hits,
            dates: &date_hits,
            casualties: &casualties,
            weapons: &weapons,
            words: Some(&words),
            actors: Some(&sentence_actors),
        };
        let claims = self.extractor.extract(&input);
        lap(&mut t, Stage::Claims);

        let mut mentions: Vec<Mention> = Vec::new();
        mentions.extend(
            place_hits
                .iter()
                .map(|p| Mention { span: p.span, value: MentionValue::Place { place: p.place.clone(), role: p.role } }),
        );
        mentions.extend(date_hits.iter().map(|d| Mention { span: d.span, value: MentionValue::Date { date: d.date } }));
        mentions.extend(
            casualties
                .iter()
                .filter_map(|c| c.count.map(|count| Mention { span: c.span, value: MentionValue::Number { count } })),
        );
        mentions.extend(weapons.iter().map(|w| Mention {
            span: w.span,
            value: MentionValue::Weapon { name: w.name.clone(), mode: w.class.mode().map(str::to_string) },
        }));
        mentions.extend(adapt::actor_mentions(&sentence_actors));
        mentions.sort_by_key(|m| (m.span.start, m.span.end));

        let doc = Document { id: source.id, origin: source.origin, format: source.format, meta, text: x.text };
        Processed {
            page: Page { doc, raw: source.raw, segments, mentions, claims, diagnostics: Vec::new() },
            main_end: x.main_end,
            timings: t,
        }
    }
}

/// Sentences of the claim-yielding segments, block by block, each marked
/// when it is a headline and when its block is in another language than
/// the page (an embedded tweet).
fn sentences(x: &Extracted, segments: &[Segment], page_lang: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, block) in x.blocks.iter().enumerate() {
        let Some(si) = segments.iter().position(|s| s.span.contains(block.span)) else { continue };
        let segment = &segments[si];
        if !segment.kind.yields_claims() {
            continue;
        }
        let block_text = block.span.slice(&x.text);
        let lang = match segment.kind {
            SegmentKind::Social | SegmentKind::Caption => warlog_text::lang::detect(block_text)
                .filter(|l| *l != page_lang && warlog_lexicon::table(l, "event_triggers").is_some()),
            _ => None,
        };
        let spans = warlog_text::sentence::split(&x.text, block.span);
        let headline_block = matches!(block.kind, BlockKind::Title | BlockKind::Heading) || is_headline(block_text);
        for span in spans {
            out.push(Sentence { span, segment: si, block: bi, heading: headline_block, lang });
        }
    }
    out
}

/// A line that announces rather than tells: short, with no closing
/// punctuation ("Vingt civils tués par un tir de missile, selon Bakou").
fn is_headline(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or('.');
    (2..=25).contains(&words) && !matches!(last, '.' | '!' | '?' | '»' | '"' | '”' | '…' | ':' | ';' | ',')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        let mut s = Source::text(name, text);
        if name.ends_with(".html") {
            s.format = Format::Html;
        }
        s
    }

    #[test]
    fn read_gives_the_document_process_gives() {
        let pipeline = Pipeline::load();
        let pages = [
            ("fr-frappes-gandja.txt", include_str!("../../../examples/fr-frappes-gandja.txt")),
            ("en-kherson-report.html", include_str!("../../../examples/en-kherson-report.html")),
            ("fr-direct-sahel.html", include_str!("../../../examples/fr-direct-sahel.html")),
        ];
        for (name, text) in pages {
            for published in [None, Some(Date::constant(2020, 10, 12))] {
                let read = pipeline.read(source(name, text), published);
                let full = pipeline.process(source(name, text), published);
                assert_eq!(read.page.doc, full.page.doc, "{name}");
                assert_eq!(read.main_end, full.main_end, "{name}");
            }
        }
    }
}
