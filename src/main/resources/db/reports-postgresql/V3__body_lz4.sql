-- A report body is about 3 KB, and its served and validated chains repeat the same certificates, so
-- PostgreSQL compresses it before storing it (TOAST). lz4 does that about three times as fast as the
-- default pglz, which is most of what an insert costs the server. A PostgreSQL built without lz4 (or
-- older than 14) keeps pglz: only new rows are compressed with lz4, old ones stay readable either way.
DO $$
BEGIN
    ALTER TABLE reports ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'lz4 compression is not available (%); report bodies stay compressed with pglz', SQLERRM;
END
$$;
