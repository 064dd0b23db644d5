//! warlog's data model: the types every stage of the pipeline reads and writes.
//!
//! A page becomes a [`Document`] (its decoded text is what every offset points
//! into), cut into [`Segment`]s; recognisers find [`Mention`]s (places, actors,
//! dates, numbers, weapons); the extractor turns them into [`Claim`]s — who
//! says what happened — and the resolver groups claims into [`Event`]s and
//! [`Tally`] series.
//!
//! Every extracted thing carries a [`Span`]: a byte range into
//! [`Document::text`], so that a claim can always be shown highlighted in the
//! page it came from.
//!
//! ```
//! use warlog_model::{Actor, Role, Span};
//! let actor: Actor = "AZE:military".parse().unwrap();
//! assert_eq!(actor.role, Role::Military);
//! let text = "Bakou affirme";
//! assert_eq!(Span::new(0, 5).slice(text), "Bakou");
//! ```

mod actor;
mod claim;
mod country;
mod date;
mod document;
mod event;
mod mention;
mod page;
mod place;
mod quantity;
mod segment;
mod span;
pub mod wire;

pub use actor::{Actor, ActorParseError, Role};
pub use claim::{AcledType, Claim, EventType, Source, Stance};
pub use country::{alpha2_to_alpha3, alpha3_to_alpha2, country_name};
pub use date::{DatePrecision, EventDate, parse_iso_date};
pub use document::{DocId, Document, DocumentMeta, Format};
pub use event::{Event, EventClaim, SourceFigures, Tally};
pub use mention::{Mention, MentionKind, MentionValue, PlaceRole};
pub use page::Page;
pub use place::{Place, PlacePrecision, haversine_km};
pub use quantity::{Count, Victims};
pub use segment::{Segment, SegmentKind};
pub use span::Span;

/// Civil (calendar) date used everywhere in warlog.
pub type Date = jiff::civil::Date;
