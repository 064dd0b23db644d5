-- PostgreSQL schema version 1: the tables of the SQLite schema (../0001_initial.sql) in
-- PostgreSQL's types, plus the full-text table. A released migration is never edited: add
-- 0002_*.sql and its line in src/postgres/migrate.rs. The table warlog_migrations (made by the
-- migrator, not here) records which versions ran.
--
-- Dates are ISO 'YYYY-MM-DD' text in the "C" collation (they sort and compare as in SQLite,
-- whatever the database's locale). Spans are byte offsets into documents.text, which is kept as
-- its UTF-8 bytes (bytea), so SQL cuts evidence at the same bytes as Rust.

CREATE TABLE meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);

-- Sequences, not identity columns: the backend takes a batch's ids up front, in page order.
-- Ids only grow, so "claims after id N" is a safe resume point.
CREATE SEQUENCE document_nums;
CREATE SEQUENCE claim_ids;
CREATE SEQUENCE event_ids;

CREATE TABLE documents (
    num         bigint PRIMARY KEY DEFAULT nextval('document_nums'),
    id          text NOT NULL UNIQUE,  -- hex SHA-256 of the raw bytes
    origin      text NOT NULL,
    format      text NOT NULL,
    url         text,
    title       text,
    published   text COLLATE "C",
    outlet      text,
    language    text,
    text        bytea NOT NULL,        -- the text's UTF-8
    raw         bytea,                 -- NULL when the raw bytes are the text's UTF-8
    fingerprint bigint,                -- 64-bit near-duplicate fingerprint (its bits)
    diagnostics text NOT NULL DEFAULT '[]',
    ingested_at bigint NOT NULL        -- unix seconds
);
ALTER SEQUENCE document_nums OWNED BY documents.num;
CREATE INDEX documents_published ON documents (published);

-- Full text over the any_ascii-folded words of each page, as SQLite indexes them: part 0 is the
-- title, parts 1.. the text in runs of at most 1,000 words overlapping by 32, so that
-- PostgreSQL's limits (256 positions per word and vector, positions up to 16,383) never cut a
-- phrase. 'simple' configuration: no stemming, no stop words.
CREATE TABLE document_terms (
    doc_num bigint NOT NULL REFERENCES documents (num),
    part    integer NOT NULL,
    terms   tsvector NOT NULL,
    PRIMARY KEY (doc_num, part)
);
CREATE INDEX document_terms_terms ON document_terms USING gin (terms);

CREATE TABLE segments (
    doc_id  text NOT NULL REFERENCES documents (id),
    seq     bigint NOT NULL,
    kind    text NOT NULL,
    start   bigint NOT NULL,
    "end"   bigint NOT NULL,
    heading text,
    date    text COLLATE "C",
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE mentions (
    doc_id text NOT NULL REFERENCES documents (id),
    seq    bigint NOT NULL,
    kind   text NOT NULL,
    start  bigint NOT NULL,
    "end"  bigint NOT NULL,
    value  text NOT NULL,              -- MentionValue as JSON
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE claims (
    id              bigint PRIMARY KEY DEFAULT nextval('claim_ids'),
    doc_id          text NOT NULL REFERENCES documents (id),
    seq             bigint NOT NULL,
    type            text NOT NULL,
    date_from       text COLLATE "C",
    date_to         text COLLATE "C",
    date_precision  text NOT NULL,
    place           text,
    geonameid       bigint,
    lat             double precision,
    lon             double precision,
    country         text,
    place_precision text,
    actor1          text,
    actor2          text,
    killed          bigint,            -- lowest figure; *_max set for a range
    killed_max      bigint,
    wounded         bigint,
    wounded_max     bigint,
    victims         text,
    source          text NOT NULL,
    stance          text NOT NULL,
    segment         text NOT NULL,
    evidence_start  bigint NOT NULL,
    evidence_end    bigint NOT NULL,
    claim           text NOT NULL,     -- the whole Claim as JSON: the columns above are for queries
    UNIQUE (doc_id, seq)
);
ALTER SEQUENCE claim_ids OWNED BY claims.id;
CREATE INDEX claims_type_date ON claims (type, date_from);

CREATE TABLE events (
    id              bigint PRIMARY KEY DEFAULT nextval('event_ids'),
    type            text NOT NULL,
    date_from       text COLLATE "C",
    date_to         text COLLATE "C",
    date_precision  text NOT NULL,
    place           text,
    geonameid       bigint,
    lat             double precision,
    lon             double precision,
    country         text,
    place_precision text,
    actor1          text,
    actor2          text,
    sources         bigint NOT NULL,
    contested       boolean NOT NULL,
    updated_at      bigint NOT NULL
);
ALTER SEQUENCE event_ids OWNED BY events.id;
CREATE INDEX events_date ON events (date_from, date_to);
-- The order queries return: by date, undated last, then id.
CREATE INDEX events_order ON events ((date_from IS NULL), date_from, id);
CREATE INDEX events_type ON events (type, date_from);
-- Boxes and circles: a plain index on the coordinates (PostGIS is not needed).
CREATE INDEX events_position ON events (lat, lon) WHERE lat IS NOT NULL;

-- A claim belongs to at most one event.
CREATE TABLE event_claims (
    claim_id bigint PRIMARY KEY REFERENCES claims (id),
    event_id bigint NOT NULL REFERENCES events (id) ON DELETE CASCADE
);
CREATE INDEX event_claims_event ON event_claims (event_id);

CREATE TABLE tallies (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    party          text COLLATE "C" NOT NULL,
    as_of          text COLLATE "C",
    figure         bigint NOT NULL,    -- lowest figure, for sorting
    figure_json    text NOT NULL,      -- the Count as JSON
    category       text NOT NULL,
    subject        text NOT NULL DEFAULT '',
    doc_id         text NOT NULL REFERENCES documents (id),
    evidence_start bigint NOT NULL,
    evidence_end   bigint NOT NULL,
    UNIQUE (doc_id, evidence_start, evidence_end, party, category, subject)
);
CREATE INDEX tallies_party ON tallies (party, as_of);

-- Great-circle distance in km, as warlog_model::haversine_km computes it (NULL when a
-- coordinate is).
CREATE FUNCTION warlog_km(lat1 double precision, lon1 double precision, lat2 double precision,
                          lon2 double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT 2 * 6371.0088 * asin(least(1.0, sqrt(
        power(sin((radians(lat2) - radians(lat1)) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))))
$$;
