//! The ordered list of stages: one page in, a document with segments, mentions and claims out.
