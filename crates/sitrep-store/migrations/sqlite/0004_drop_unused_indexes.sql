-- sitrep store, schema version 4: drop indexes no query uses since
-- event_countries (version 2) serves country filters; fewer indexes make
-- ingest write fewer pages.
DROP INDEX events_source_date;
DROP INDEX events_target_date;
DROP INDEX events_location_date;
DROP INDEX actors_code;
