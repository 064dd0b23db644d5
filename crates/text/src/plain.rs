//! Plain-text pages: every non-blank line is a block.

use warlog_model::Span;

use crate::{Block, BlockKind, Extracted};

/// Blocks of a plain text: one per non-blank line.
pub fn extract(text: &str) -> Extracted {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed_start = line.len() - line.trim_start().len();
        let content = line.trim();
        if !content.is_empty() {
            let start = offset + trimmed_start;
            blocks.push(Block { span: Span::new(start, start + content.len()), kind: BlockKind::Paragraph });
        }
        offset += line.len();
    }
    Extracted { text: text.to_string(), main_end: text.len(), blocks, meta: Default::default() }
}
