-- sitrep store, schema version 6: article versions across document ids and
-- near-duplicate links (issue 4). See the SQLite migration for the why.
ALTER TABLE documents ADD COLUMN version_key TEXT;
ALTER TABLE documents ADD COLUMN body_start BIGINT NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN is_update INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_version_key ON documents(version_key);

ALTER TABLE document_versions ADD COLUMN arrived_as TEXT;
ALTER TABLE document_versions ADD COLUMN why TEXT;
CREATE INDEX document_versions_arrived_as ON document_versions(arrived_as);

CREATE TABLE document_bands (
    band    INTEGER NOT NULL,
    hash    BIGINT NOT NULL,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (band, hash, doc_id)
);

CREATE TABLE document_links (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    other_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    similarity  DOUBLE PRECISION NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (doc_id, other_id, kind)
);
CREATE INDEX document_links_other ON document_links(other_id);
