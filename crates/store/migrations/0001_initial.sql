-- Schema version 1: documents and what the pipeline found in them, events, tallies.
-- A released migration is never edited: add 0002_*.sql instead (see src/sqlite/migrate.rs).
-- Dates are ISO 'YYYY-MM-DD' text (they sort); spans are byte offsets into documents.text.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    num         INTEGER PRIMARY KEY,  -- stable row number: the full-text index points here
    id          TEXT NOT NULL UNIQUE, -- hex SHA-256 of the raw bytes
    origin      TEXT NOT NULL,
    format      TEXT NOT NULL,
    url         TEXT,
    title       TEXT,
    published   TEXT,
    outlet      TEXT,
    language    TEXT,
    text        TEXT NOT NULL,
    raw         BLOB,                 -- NULL when the raw bytes are the text's UTF-8 (plain-text input)
    fingerprint INTEGER,              -- 64-bit near-duplicate fingerprint, as given by the caller
    diagnostics TEXT NOT NULL DEFAULT '[]',
    ingested_at INTEGER NOT NULL      -- unix seconds
);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE segments (
    doc_id  TEXT NOT NULL REFERENCES documents (id),
    seq     INTEGER NOT NULL,
    kind    TEXT NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    heading TEXT,
    date    TEXT,
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    seq    INTEGER NOT NULL,
    kind   TEXT NOT NULL,
    start  INTEGER NOT NULL,
    "end"  INTEGER NOT NULL,
    value  TEXT NOT NULL,             -- MentionValue as JSON
    PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

-- AUTOINCREMENT: claim ids only grow, so "claims after id N" is a safe resume point.
CREATE TABLE claims (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id          TEXT NOT NULL REFERENCES documents (id),
    seq             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    date_from       TEXT,
    date_to         TEXT,
    date_precision  TEXT NOT NULL,
    place           TEXT,
    geonameid       INTEGER,
    lat             REAL,
    lon             REAL,
    country         TEXT,
    place_precision TEXT,
    actor1          TEXT,
    actor2          TEXT,
    killed          INTEGER,          -- lowest figure; *_max set for a range
    killed_max      INTEGER,
    wounded         INTEGER,
    wounded_max     INTEGER,
    victims         TEXT,
    source          TEXT NOT NULL,
    stance          TEXT NOT NULL,
    segment         TEXT NOT NULL,
    evidence_start  INTEGER NOT NULL,
    evidence_end    INTEGER NOT NULL,
    claim           TEXT NOT NULL,    -- the whole Claim as JSON: the columns above are for queries
    UNIQUE (doc_id, seq)
);
CREATE INDEX claims_type_date ON claims (type, date_from);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    type            TEXT NOT NULL,
    date_from       TEXT,
    date_to         TEXT,
    date_precision  TEXT NOT NULL,
    place           TEXT,
    geonameid       INTEGER,
    lat             REAL,
    lon             REAL,
    country         TEXT,
    place_precision TEXT,
    actor1          TEXT,
    actor2          TEXT,
    sources         INTEGER NOT NULL,
    contested       INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX events_date ON events (date_from, date_to);
-- The order queries return: by date, undated last, then id.
CREATE INDEX events_order ON events (date_from IS NULL, date_from);
CREATE INDEX events_type ON events (type, date_from);

-- Bounding boxes of located events (points: min = max). R*Tree stores 32-bit floats rounded
-- outwards, so it is a prefilter; exact bounds are checked on events.lat/lon.
CREATE VIRTUAL TABLE events_geo USING rtree (id, min_lat, max_lat, min_lon, max_lon);

-- A claim belongs to at most one event.
CREATE TABLE event_claims (
    claim_id INTEGER PRIMARY KEY REFERENCES claims (id),
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX event_claims_event ON event_claims (event_id);

CREATE TABLE tallies (
    id             INTEGER PRIMARY KEY,
    party          TEXT NOT NULL,
    as_of          TEXT,
    figure         INTEGER NOT NULL,  -- lowest figure, for sorting
    figure_json    TEXT NOT NULL,     -- the Count as JSON
    category       TEXT NOT NULL,
    subject        TEXT NOT NULL DEFAULT '',
    doc_id         TEXT NOT NULL REFERENCES documents (id),
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    UNIQUE (doc_id, evidence_start, evidence_end, party, category, subject)
);
CREATE INDEX tallies_party ON tallies (party, as_of);

-- Full text over an any_ascii-folded copy of title and text (unicode61 does not fold 'ə'):
-- contentless, rowid = documents.num; snippets are cut from documents.text.
CREATE VIRTUAL TABLE documents_fts USING fts5 (title, text, content = '', tokenize = 'unicode61 remove_diacritics 2');
