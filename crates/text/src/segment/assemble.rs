//! Labels to segments: consecutive blocks with the same label merge, except
//! across live-blog entries and where a new comment or post starts.

use warlog_model::Segment;

use super::Page;

pub(crate) fn segments(page: &Page<'_>) -> Vec<Segment> {
    let text = &page.x.text;
    let mut out: Vec<Segment> = Vec::new();
    let mut prev = None;
    for (line, label) in page.lines.iter().zip(&page.labels) {
        let joins =
            prev.is_some_and(|p: &super::Label| p.kind == label.kind && p.entry == label.entry && !label.starts_unit);
        match out.last_mut() {
            Some(last) if joins => last.span.end = line.span.end,
            _ => {
                let mut seg = Segment::new(label.kind, line.span);
                if let Some(entry) = label.entry.and_then(|e| page.entries.get(e)) {
                    seg.heading = entry.heading.map(|h| h.slice(text).to_string());
                    seg.date = entry.date;
                }
                out.push(seg);
            }
        }
        prev = Some(label);
    }
    out
}
