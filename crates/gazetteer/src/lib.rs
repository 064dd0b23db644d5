//! The bundled GeoNames-derived gazetteer: its compact index format, builder and lookups.
