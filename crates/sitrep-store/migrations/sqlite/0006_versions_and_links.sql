-- sitrep store, schema version 6: article versions across document ids and
-- near-duplicate links (issue 4).
--
-- documents.version_key: source and headline without update markers
-- (sitrep-stories' `version_key`, "source\x1fheadline"), NULL without a
-- headline; an "(UPDATE)" arriving under another id finds its article here.
-- body_start / is_update: what the version rules need from the stored text
-- (the body's shingles, which version is the newer).
ALTER TABLE documents ADD COLUMN version_key TEXT;
ALTER TABLE documents ADD COLUMN body_start INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN is_update INTEGER NOT NULL DEFAULT 0;
CREATE INDEX documents_version_key ON documents(version_key);

-- The id a version arrived with (another file name for an update) and why
-- it was taken for a version of this document.
ALTER TABLE document_versions ADD COLUMN arrived_as TEXT;
ALTER TABLE document_versions ADD COLUMN why TEXT;
CREATE INDEX document_versions_arrived_as ON document_versions(arrived_as);

-- MinHash LSH bands of each document's current body: candidates for
-- versions and near-duplicates are the documents sharing a (band, hash).
-- 42 rows per document, so no foreign key and no doc_id index (each would
-- cost 42 more B-tree operations per ingested document): the store writes
-- them, and a new version deletes its predecessor's by their keys.
CREATE TABLE document_bands (
    band    INTEGER NOT NULL,
    hash    INTEGER NOT NULL,
    doc_id  TEXT NOT NULL,
    PRIMARY KEY (band, hash, doc_id)
) WITHOUT ROWID;

-- Links between documents: `duplicate` (a near-duplicate, e.g. a wire copy
-- in another outlet) or `version` (other_id arrived as a version of doc_id).
CREATE TABLE document_links (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    other_id    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    similarity  REAL NOT NULL,
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (doc_id, other_id, kind)
);
CREATE INDEX document_links_other ON document_links(other_id);
