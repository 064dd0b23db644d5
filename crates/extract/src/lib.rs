//! Claims from segments and mentions: event type, arguments, source and stance.
