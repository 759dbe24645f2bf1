-- sitrep store, PostgreSQL schema version 5: actors keyed by their event's
-- row. The old key (event_id, role) put each new actor at a random place of
-- its index (event ids are hashes); event rows are numbered in insert order,
-- so the new key appends. Actors whose event is gone are dropped.
ALTER TABLE actors ADD COLUMN event_row BIGINT;
UPDATE actors a SET event_row = e.id FROM events e WHERE e.event_id = a.event_id;
DELETE FROM actors WHERE event_row IS NULL;
ALTER TABLE actors ALTER COLUMN event_row SET NOT NULL;
ALTER TABLE actors DROP CONSTRAINT actors_pkey;
ALTER TABLE actors ADD PRIMARY KEY (event_row, role);
