-- sitrep store, schema version 7: the publication time's sort key (issue 13).
--
-- documents.published_key: `Published::sort_key` in its text form, the
-- publication time in UTC (`YYYY-MM-DD` for a date alone,
-- `YYYY-MM-DDTHH:MM:SS` with a time; a time without offset is UTC). It
-- sorts as text in time order, so which stored version is newer is decided
-- by comparing keys, not by parsing `published` back.
ALTER TABLE documents ADD COLUMN published_key TEXT;
-- Rows written before: `published` is `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`
-- or that with `±HH:MM`, which SQLite's strftime moves to UTC.
UPDATE documents SET published_key = CASE
    WHEN length(published) IN (10, 19) THEN published
    ELSE strftime('%Y-%m-%dT%H:%M:%S', published)
END
WHERE published IS NOT NULL;
