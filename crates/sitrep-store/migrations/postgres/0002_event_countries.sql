-- sitrep store, PostgreSQL schema version 2: fast country (+ date) queries.
-- One row per distinct country code an event has as source, target or
-- location, ordered by (code, date_key, event_id).
CREATE TABLE event_countries (
    code      TEXT NOT NULL,
    date_key  TEXT NOT NULL,
    event_id  TEXT NOT NULL,
    id        BIGINT NOT NULL,
    doc_id    TEXT NOT NULL,
    PRIMARY KEY (code, date_key, event_id)
);
CREATE INDEX event_countries_doc ON event_countries(doc_id);

INSERT INTO event_countries (code, date_key, event_id, id, doc_id)
SELECT code, date_key, event_id, id, doc_id FROM (
    SELECT source_code AS code, date_key, event_id, id, doc_id FROM events WHERE source_code IS NOT NULL
    UNION
    SELECT target_code, date_key, event_id, id, doc_id FROM events WHERE target_code IS NOT NULL
    UNION
    SELECT location_code, date_key, event_id, id, doc_id FROM events WHERE location_code IS NOT NULL
) AS codes;

DROP INDEX events_category_date;
CREATE INDEX events_category_date ON events(category, date_key, event_id);
