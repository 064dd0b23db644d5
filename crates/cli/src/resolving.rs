//! Glue between the store and the resolver, for `run` and `bench`: it lives
//! in `warlog_resolve::stored` (behind its `store` feature) so that the
//! server's tests fill their store the same way; its end-to-end tests stay
//! here, beside the commands that run it.

#[cfg(test)]
use warlog_resolve::stored::Resolved;
pub use warlog_resolve::stored::resolve_pending;

#[cfg(test)]
mod tests;
