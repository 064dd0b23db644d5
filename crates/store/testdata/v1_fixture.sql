-- A database as the first release (schema version 1) wrote it: one page, one claim, one event,
-- one tally, the resolver's progress. Loaded after migrations/0001 by sqlite/migrate.rs's tests;
-- the current code must still read it. Never edit: add a v2 fixture when the schema changes.
INSERT INTO documents (num, id, origin, format, url, title, published, outlet, language, text, raw, fingerprint, diagnostics, ingested_at)
VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'seeds/ganja.txt', 'text', 'https://example.org/ganja', 'Gəncə bombardée', '2020-10-12', 'Example',
        'fr', 'Gəncə a été bombardée dimanche, selon Bakou. Plus de 600 soldats tués depuis le 27 septembre.', CAST('Gəncə a été bombardée dimanche, selon Bakou. Plus de 600 soldats tués depuis le 27 septembre.' AS BLOB), 42, '[]', 1602500000);
INSERT INTO documents_fts (rowid, title, text) VALUES (1, 'gence bombardee', 'gence a ete bombardee dimanche, selon bakou. plus de 600 soldats tues depuis le 27 septembre.');
INSERT INTO segments (doc_id, seq, kind, start, "end", heading, date) VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 'body', 0, 99, NULL, NULL);
INSERT INTO mentions (doc_id, seq, kind, start, "end", value)
VALUES ('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 'place', 0, 7, '{"kind": "place", "place": {"name": "Gəncə", "geonameid": 587084, "lat": 40.6828, "lon": 46.3606, "country": "AZE", "precision": "exact"}, "role": "location"}');
INSERT INTO claims (id, doc_id, seq, type, date_from, date_to, date_precision, place, geonameid, lat, lon, country,
                    place_precision, actor1, actor2, killed, killed_max, wounded, wounded_max, victims, source, stance,
                    segment, evidence_start, evidence_end, claim)
VALUES (1, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 0, 'shelling', '2020-10-11', '2020-10-11', 'day', 'Gəncə', 587084, 40.6828, 46.3606, 'AZE', 'exact',
        'ARM:military', 'AZE:civilians', 1, NULL, NULL, NULL, 'civilians', 'AZE:government', 'asserted', 'body', 0, 35,
        '{"event_type": "shelling", "date": "2020-10-11", "place": {"name": "Gəncə", "geonameid": 587084, "lat": 40.6828, "lon": 46.3606, "country": "AZE", "precision": "exact"}, "actor1": "ARM:military", "actor2": "AZE:civilians", "killed": 1, "wounded": null, "victims": "civilians", "weapons": [], "mode": null, "source": "AZE:government", "source_span": null, "stance": "asserted", "evidence": {"start": 0, "end": 35}, "also_evidence": [], "trigger": {"start": 13, "end": 26}, "segment": "body", "taken_by": null, "lost_by": null, "during_ceasefire": false, "violated": false, "as_of": null, "denied_by": []}');
INSERT INTO events (id, type, date_from, date_to, date_precision, place, geonameid, lat, lon, country, place_precision,
                    actor1, actor2, sources, contested, updated_at)
VALUES (1, 'shelling', '2020-10-11', '2020-10-11', 'day', 'Gəncə', 587084, 40.6828, 46.3606, 'AZE', 'exact',
        'ARM:military', 'AZE:civilians', 1, 0, 1602500000);
INSERT INTO events_geo (id, min_lat, max_lat, min_lon, max_lon) VALUES (1, 40.6828, 40.6828, 46.3606, 46.3606);
INSERT INTO event_claims (claim_id, event_id) VALUES (1, 1);
INSERT INTO tallies (party, as_of, figure, figure_json, category, subject, doc_id, evidence_start, evidence_end)
VALUES ('AZE:government', '2020-10-12', 600, '600', 'killed', 'ARM:military', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 50, 99);
INSERT INTO meta (key, value) VALUES ('resolved_through', '1');
