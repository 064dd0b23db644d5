//! JSON Lines: one line per event, in the `warlog events --json` shape
//! (`warlog_model::wire::event_json`), claims and evidence included.

use std::io::{self, Write};

use warlog_model::{Event, wire};

/// Writes one JSON object per line; returns the number of lines.
pub fn jsonl(events: &[Event], mut out: impl Write) -> io::Result<usize> {
    for event in events {
        serde_json::to_writer(&mut out, &wire::event_json(event))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(events.len())
}
