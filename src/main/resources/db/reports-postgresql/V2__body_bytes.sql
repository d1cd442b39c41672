-- A report's JSON as its UTF-8 bytes, as in the embedded database.
ALTER TABLE reports ALTER COLUMN body TYPE BYTEA USING convert_to(body, 'UTF8');
