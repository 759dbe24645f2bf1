-- sitrep store, SQLite schema version 1.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    version       INTEGER NOT NULL,
    title         TEXT,
    source        TEXT,
    url           TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);

CREATE TABLE document_versions (
    doc_id        TEXT NOT NULL,
    version       INTEGER NOT NULL,
    title         TEXT,
    source        TEXT,
    url           TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
    event_count   INTEGER NOT NULL,
    PRIMARY KEY (doc_id, version)
);

CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,
    doc_id          TEXT NOT NULL REFERENCES documents(id),
    doc_version     INTEGER NOT NULL,
    category        TEXT NOT NULL,
    mode            TEXT,
    cameo           TEXT NOT NULL,
    intensity       REAL NOT NULL,
    rule            TEXT NOT NULL,
    source_code     TEXT,
    source_text     TEXT,
    target_code     TEXT,
    target_text     TEXT,
    date            TEXT,
    date_end        TEXT,
    date_key        TEXT NOT NULL,
    date_precision  TEXT NOT NULL,
    location_code   TEXT,
    place           TEXT,
    lat             REAL,
    lon             REAL,
    country         TEXT NOT NULL,
    sentence        TEXT NOT NULL,
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    record          TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_date ON events(date_key, event_id);
CREATE INDEX events_category_date ON events(category, date_key);
CREATE INDEX events_source_date ON events(source_code, date_key);
CREATE INDEX events_target_date ON events(target_code, date_key);
CREATE INDEX events_location_date ON events(location_code, date_key);
CREATE INDEX events_intensity ON events(intensity, event_id);
CREATE INDEX events_latlon ON events(lat, lon);

CREATE TABLE actors (
    event_id  TEXT NOT NULL,
    doc_id    TEXT NOT NULL,
    role      TEXT NOT NULL,
    code      TEXT NOT NULL,
    sector    TEXT,
    text      TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    PRIMARY KEY (event_id, role)
);
CREATE INDEX actors_doc ON actors(doc_id);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE places (
    doc_id     TEXT NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    lat        REAL NOT NULL,
    lon        REAL NOT NULL,
    geonameid  INTEGER NOT NULL,
    country    TEXT NOT NULL,
    feature    TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);

-- Full text over sentences; rowid = events.id.
CREATE VIRTUAL TABLE events_fts USING fts5(sentence, tokenize = 'porter unicode61');
