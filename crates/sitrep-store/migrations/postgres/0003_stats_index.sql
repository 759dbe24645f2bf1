-- sitrep store, schema version 3: a covering index in GROUP BY order for
-- /api/stats (day × category × country), so counting reads the index only.
CREATE INDEX events_stats ON events(date_key, category, country);
