//! Main text of HTML pages. (Being written.)

use crate::Extracted;

/// The article text, blocks and metadata of an HTML page.
pub fn extract(_html: &str, _url: Option<&str>) -> Extracted {
    Extracted::default()
}
