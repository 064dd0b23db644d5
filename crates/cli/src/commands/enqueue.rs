//! `warlog enqueue`: read every page under the paths, as `warlog run` does,
//! and publish each to the JetStream stream (see [`super::queue`]) for
//! `warlog worker`s to process. Publishing is pipelined: up to [`WINDOW`]
//! pages wait for the server's acknowledgement at a time.

use std::collections::VecDeque;
use std::path::PathBuf;

use anyhow::Context;
use async_nats::jetstream::context::PublishAckFuture;
use serde_json::json;

use super::Reader;
use super::queue::{self, PageMessage};
use crate::Outcome;
use crate::output::print_json;
use crate::progress;

/// Pages published and not yet acknowledged by the server.
const WINDOW: usize = 256;

#[derive(Default)]
struct Sent {
    enqueued: usize,
    /// Dropped by JetStream: the same page (same id) was published within
    /// the stream's duplicate window (2 minutes by default).
    duplicates: usize,
    failed: Vec<(String, String)>,
}

impl Sent {
    async fn settle(&mut self, origin: String, ack: PublishAckFuture) {
        match ack.await {
            Ok(a) if a.duplicate => self.duplicates += 1,
            Ok(_) => self.enqueued += 1,
            Err(e) => self.failed.push((origin, format!("not acknowledged by the stream: {e}"))),
        }
    }
}

pub fn enqueue(paths: &[PathBuf], nats: &str, stream: &str, reader: &Reader, json: bool) -> anyhow::Result<Outcome> {
    queue::runtime()?.block_on(publish(paths, nats, stream, reader, json))
}

async fn publish(paths: &[PathBuf], nats: &str, name: &str, reader: &Reader, json: bool) -> anyhow::Result<Outcome> {
    let queue::Queue { client, js, .. } = queue::open(nats, name).await?;
    let max_payload = client.server_info().max_payload;
    let subject = queue::subject(name);
    let bar = progress::pages("enqueuing");
    let mut sent = Sent::default();
    let mut pending: VecDeque<(String, PublishAckFuture)> = VecDeque::new();
    for item in reader.pages(paths) {
        let source = match item {
            Ok(source) => source,
            Err(e) => {
                bar.suspend(|| eprintln!("warlog: {e}"));
                sent.failed.push((e.origin.clone(), e.kind.to_string()));
                continue;
            }
        };
        let payload = PageMessage::new(&source).to_bytes();
        if payload.len() > max_payload {
            let e = format!(
                "{} bytes as a message, more than the NATS server accepts (max_payload {max_payload}); \
                 raise max_payload in nats-server's configuration",
                payload.len()
            );
            bar.suspend(|| eprintln!("warlog: {}: {e}", source.origin));
            sent.failed.push((source.origin, e));
            continue;
        }
        let mut headers = async_nats::HeaderMap::new();
        headers.insert(async_nats::header::NATS_MESSAGE_ID, source.id.as_str());
        let ack = js
            .publish_with_headers(subject.clone(), headers, payload.into())
            .await
            .with_context(|| format!("publishing {} to {subject} at {nats}", source.origin))?;
        pending.push_back((source.origin, ack));
        bar.inc(1);
        if pending.len() >= WINDOW
            && let Some((origin, ack)) = pending.pop_front()
        {
            sent.settle(origin, ack).await;
        }
    }
    while let Some((origin, ack)) = pending.pop_front() {
        sent.settle(origin, ack).await;
    }
    bar.finish_and_clear();
    if json {
        let failed: Vec<_> = sent.failed.iter().map(|(p, e)| json!({"path": p, "error": e})).collect();
        print_json(
            &json!({"enqueued": sent.enqueued, "duplicates": sent.duplicates, "failed": failed, "stream": name}),
            true,
        )?;
    } else {
        eprintln!(
            "{} pages enqueued to stream {name} at {nats} ({} dropped by the stream as enqueued in the last \
             minutes); {} failed.",
            sent.enqueued,
            sent.duplicates,
            sent.failed.len()
        );
    }
    match (sent.enqueued + sent.duplicates, sent.failed.len()) {
        (0, 0) => anyhow::bail!("no page found under the given paths"),
        (0, _) => anyhow::bail!("no page could be enqueued ({} failed)", sent.failed.len()),
        (_, 0) => Ok(Outcome::Done),
        _ => Ok(Outcome::Partial),
    }
}
