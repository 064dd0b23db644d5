//! The queue between `warlog enqueue` and `warlog worker` (feature `nats`):
//! a NATS JetStream stream of pages, one JSON message each
//! ([`PageMessage`]), kept as a work queue (a message is deleted once a
//! worker acknowledges it), read through ONE durable pull consumer that
//! every worker shares, so each page goes to one worker at a time.
//!
//! A worker acknowledges a page only after the batch holding it is
//! committed to the store; a worker that dies leaves its pages
//! unacknowledged, and JetStream hands them to another after the ack wait
//! (`warlog worker --ack-wait`, set when the first worker creates the
//! consumer; a busy worker says "in progress" three times per period, so
//! only a dead one lets it run out).
//! The store skips pages it already holds, so a page processed twice is
//! stored once. Both commands run async-nats on a current-thread tokio
//! runtime of their own ([`runtime`]): nothing else in warlog is async.

use std::time::Duration;

use anyhow::Context;
use async_nats::jetstream::{self, consumer, stream};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::{Deserialize, Serialize};
use warlog_model::{DocumentMeta, Format};
use warlog_pipeline::Source;

/// The durable consumer every worker shares.
pub const CONSUMER: &str = "warlog-worker";

/// Deliveries of one page before JetStream gives up on it: a page that
/// kills every worker that takes it does not go round for ever.
pub const MAX_DELIVER: i64 = 5;

/// The subject pages are published on.
pub fn subject(stream: &str) -> String {
    format!("{stream}.pages")
}

/// What the container said about a page (a JSON Lines record, a WARC header).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hints {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// One page on the queue, as `warlog enqueue` read and decoded it, so that a
/// worker processes exactly what `warlog run` would have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageMessage {
    /// Where the page came from (`path`, `path#L12`, `path#3`).
    pub origin: String,
    /// Hex SHA-256 of the raw bytes: the store's document id (and the
    /// message's `Nats-Msg-Id`, so JetStream drops a page enqueued twice
    /// within its duplicate window).
    pub id: String,
    pub format: Format,
    /// The decoded text (for HTML, the markup).
    pub text: String,
    /// The raw bytes, base64, when they are not the text's UTF-8 (another
    /// character set, repaired mojibake); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw_base64: Option<String>,
    #[serde(default)]
    pub hints: Hints,
}

impl PageMessage {
    pub fn new(source: &Source) -> PageMessage {
        let raw_base64 = (source.raw != source.text.as_bytes()).then(|| BASE64.encode(&source.raw));
        PageMessage {
            origin: source.origin.clone(),
            id: source.id.clone(),
            format: source.format,
            text: source.text.clone(),
            raw_base64,
            hints: Hints {
                id: source.feed_id.clone(),
                url: source.meta.url.clone(),
                title: source.meta.title.clone(),
                published: source.meta.published.map(|d| d.to_string()),
                outlet: source.meta.outlet.clone(),
                language: source.meta.language.clone(),
            },
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("a page message serializes")
    }

    /// The page to process; an error names what is wrong with the message.
    pub fn decode(bytes: &[u8]) -> anyhow::Result<Source> {
        let m: PageMessage = serde_json::from_slice(bytes).context("not a warlog page message")?;
        let raw = match &m.raw_base64 {
            Some(b) => BASE64.decode(b).with_context(|| format!("{}: raw_base64 is not base64", m.origin))?,
            None => m.text.clone().into_bytes(),
        };
        let id = warlog_ingest::doc_id(&raw);
        anyhow::ensure!(id == m.id, "{}: the bytes do not hash to the message's id {}", m.origin, m.id);
        let published = m
            .hints
            .published
            .as_deref()
            .map(|d| warlog_model::parse_iso_date(d).with_context(|| format!("{}: published {d:?}", m.origin)))
            .transpose()?;
        Ok(Source {
            origin: m.origin,
            id,
            raw,
            text: m.text,
            format: m.format,
            meta: DocumentMeta {
                url: m.hints.url,
                title: m.hints.title,
                published,
                outlet: m.hints.outlet,
                language: m.hints.language,
            },
            feed_id: m.hints.id,
            decode_time: Duration::ZERO,
        })
    }
}

/// The runtime `enqueue` and `worker` run on: one thread for the NATS
/// client; the pipeline runs on rayon's threads beside it.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().context("starting the NATS client's runtime")
}

/// A connection to the server and the stream of pages.
pub struct Queue {
    pub client: async_nats::Client,
    pub js: jetstream::Context,
    pub stream: jetstream::stream::Stream,
}

/// Connects to the server and opens (creating when missing) the stream.
pub async fn open(url: &str, name: &str) -> anyhow::Result<Queue> {
    let client = async_nats::connect(url)
        .await
        .with_context(|| format!("cannot connect to NATS at {url}; check that nats-server runs there (with -js)"))?;
    let js = jetstream::new(client.clone());
    let config = stream::Config {
        name: name.to_string(),
        subjects: vec![subject(name)],
        retention: stream::RetentionPolicy::WorkQueue,
        storage: stream::StorageType::File,
        ..Default::default()
    };
    let stream = js.get_or_create_stream(config).await.with_context(|| {
        format!("opening the JetStream stream {name} at {url}; is JetStream enabled (nats-server -js)?")
    })?;
    Ok(Queue { client, js, stream })
}

/// The workers' shared consumer (created when missing, with `ack_wait`; an
/// existing one keeps its own).
pub async fn consumer(
    stream: &jetstream::stream::Stream,
    ack_wait: Duration,
) -> anyhow::Result<consumer::PullConsumer> {
    let config = consumer::pull::Config {
        durable_name: Some(CONSUMER.to_string()),
        ack_policy: consumer::AckPolicy::Explicit,
        ack_wait,
        max_deliver: MAX_DELIVER,
        ..Default::default()
    };
    stream.get_or_create_consumer(CONSUMER, config).await.context("opening the workers' consumer")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(raw: &[u8], text: &str) -> Source {
        Source {
            origin: "feed.jsonl#L2".into(),
            id: warlog_ingest::doc_id(raw),
            raw: raw.to_vec(),
            text: text.into(),
            format: Format::Html,
            meta: DocumentMeta {
                url: Some("https://example.org/a".into()),
                title: Some("Gəncə".into()),
                published: warlog_model::parse_iso_date("2020-10-11"),
                ..DocumentMeta::default()
            },
            feed_id: Some("a1".into()),
            decode_time: Duration::ZERO,
        }
    }

    fn same(a: &Source, b: &Source) {
        assert_eq!((&a.origin, &a.id, &a.raw, &a.text), (&b.origin, &b.id, &b.raw, &b.text));
        assert_eq!((a.format, &a.meta, &a.feed_id), (b.format, &b.meta, &b.feed_id));
    }

    #[test]
    fn a_page_crosses_the_queue_unchanged() {
        let utf8 = source("<p>Gəncə</p>".as_bytes(), "<p>Gəncə</p>");
        let m = PageMessage::new(&utf8);
        assert!(m.raw_base64.is_none(), "UTF-8 pages travel once, as text");
        same(&PageMessage::decode(&m.to_bytes()).unwrap(), &utf8);

        let latin1 = source(b"<p>Ganja \xe9t\xe9</p>", "<p>Ganja été</p>");
        let m = PageMessage::new(&latin1);
        assert!(m.raw_base64.is_some());
        same(&PageMessage::decode(&m.to_bytes()).unwrap(), &latin1);
    }

    #[test]
    fn a_tampered_or_foreign_message_is_refused() {
        let mut m = PageMessage::new(&source(b"abc", "abc"));
        m.text = "abd".into();
        let err = PageMessage::decode(&m.to_bytes()).unwrap_err();
        assert!(err.to_string().contains("do not hash"), "{err}");
        assert!(PageMessage::decode(b"{\"hello\": 1}").is_err());
    }
}
