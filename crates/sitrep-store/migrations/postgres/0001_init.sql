-- sitrep store, PostgreSQL schema version 1.
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    version       BIGINT NOT NULL,
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
    version       BIGINT NOT NULL,
    title         TEXT,
    source        TEXT,
    url           TEXT,
    published     TEXT,
    text          TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    ingested_at   TEXT NOT NULL,
    event_count   BIGINT NOT NULL,
    PRIMARY KEY (doc_id, version)
);

CREATE TABLE events (
    id              BIGSERIAL PRIMARY KEY,
    event_id        TEXT NOT NULL UNIQUE,
    doc_id          TEXT NOT NULL REFERENCES documents(id),
    doc_version     BIGINT NOT NULL,
    category        TEXT NOT NULL,
    mode            TEXT,
    cameo           TEXT NOT NULL,
    intensity       DOUBLE PRECISION NOT NULL,
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
    lat             DOUBLE PRECISION,
    lon             DOUBLE PRECISION,
    country         TEXT NOT NULL,
    sentence        TEXT NOT NULL,
    span_start      BIGINT NOT NULL,
    span_end        BIGINT NOT NULL,
    record          TEXT NOT NULL,
    tsv             tsvector GENERATED ALWAYS AS (to_tsvector('english', sentence)) STORED
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_date ON events(date_key, event_id);
CREATE INDEX events_category_date ON events(category, date_key);
CREATE INDEX events_source_date ON events(source_code, date_key);
CREATE INDEX events_target_date ON events(target_code, date_key);
CREATE INDEX events_location_date ON events(location_code, date_key);
CREATE INDEX events_intensity ON events(intensity, event_id);
CREATE INDEX events_latlon ON events(lat, lon);
CREATE INDEX events_tsv ON events USING GIN (tsv);

CREATE TABLE actors (
    event_id   TEXT NOT NULL,
    doc_id     TEXT NOT NULL,
    role       TEXT NOT NULL,
    code       TEXT NOT NULL,
    sector     TEXT,
    text       TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end   BIGINT NOT NULL,
    PRIMARY KEY (event_id, role)
);
CREATE INDEX actors_doc ON actors(doc_id);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE places (
    doc_id     TEXT NOT NULL,
    start      BIGINT NOT NULL,
    "end"      BIGINT NOT NULL,
    text       TEXT NOT NULL,
    lat        DOUBLE PRECISION NOT NULL,
    lon        DOUBLE PRECISION NOT NULL,
    geonameid  BIGINT NOT NULL,
    country    TEXT NOT NULL,
    feature    TEXT NOT NULL,
    PRIMARY KEY (doc_id, start, "end")
);
