-- sitrep store, SQLite schema version 5: actors keyed by their event's row.
-- The old key (event_id, role) put each new actor at a random place of its
-- index (event ids are hashes), so a large store rewrote two random index
-- pages per stored event. Event rows are numbered in insert order: the new
-- key only appends. Actors whose event is gone are not carried over.
CREATE TABLE actors_v5 (
    event_row  INTEGER NOT NULL,
    role       TEXT NOT NULL,
    event_id   TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    code       TEXT NOT NULL,
    sector     TEXT,
    text       TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (event_row, role)
) WITHOUT ROWID;
INSERT INTO actors_v5 (event_row, role, event_id, doc_id, code, sector, text, span_start, span_end)
SELECT e.id, a.role, a.event_id, a.doc_id, a.code, a.sector, a.text, a.span_start, a.span_end
FROM actors a JOIN events e ON e.event_id = a.event_id;
DROP TABLE actors;
ALTER TABLE actors_v5 RENAME TO actors;
CREATE INDEX actors_doc ON actors(doc_id);
