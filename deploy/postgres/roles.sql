-- The two roles of a hosted set-up: the dashboard reads as qinglian_reader, `python -m dashboard.publish`
-- writes as qinglian_writer. Run once per database as a superuser (or the cloud's admin role, which must
-- be a member of qinglian_writer for ALTER DEFAULT PRIVILEGES below: GRANT qinglian_writer TO <admin>):
--   psql "postgresql://postgres@HOST:5432/qinglian" -f deploy/postgres/roles.sql
-- Running it again changes nothing. No passwords here: set them afterwards with psql's
-- `\password qinglian_reader` / `\password qinglian_writer`, or in the cloud console.

-- Roles are shared by every database of the server: create them only if they are missing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qinglian_writer') THEN
        CREATE ROLE qinglian_writer LOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'qinglian_reader') THEN
        CREATE ROLE qinglian_reader LOGIN;
    END IF;
END
$$;

-- The writer creates a schema per published version (qinglian_v1, qinglian_v2, …) and owns it, so it
-- can drop the old ones; the database's name is only known here, hence the dynamic statement.
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO qinglian_writer', current_database());
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO qinglian_reader', current_database());
END
$$;

-- Before PostgreSQL 15 everyone could create tables in `public`: the reader must not (PostgreSQL 15's default).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- The list of versions, the current one and the change record. The schema belongs to the role running
-- this file (the admin), not to the writer: in PostgreSQL a schema's owner may drop any table in it, and
-- the writer must never be able to drop the change record. The writer may create its own tables there
-- (versions, current: it creates them on first publish if they are missing).
CREATE SCHEMA IF NOT EXISTS qinglian_meta;
ALTER SCHEMA qinglian_meta OWNER TO CURRENT_USER;
GRANT USAGE, CREATE ON SCHEMA qinglian_meta TO qinglian_writer;
GRANT USAGE ON SCHEMA qinglian_meta TO qinglian_reader;

-- The change record (who published, corrected, withdrew or rolled back what, and when; every old value):
-- owned by the admin, so the writer can add rows and read them but not change or delete one (no UPDATE,
-- DELETE or TRUNCATE is granted, and only an owner may drop or alter a table). A publish inserts its
-- record in the transaction that switches the version. The columns are storing/versions.py's RECORD_SQL.
CREATE TABLE IF NOT EXISTS qinglian_meta.changes (version INTEGER PRIMARY KEY, time TEXT NOT NULL,
    editor TEXT NOT NULL, action TEXT NOT NULL, source TEXT NOT NULL, added INTEGER NOT NULL,
    corrected INTEGER NOT NULL, withdrawn INTEGER NOT NULL, rolled_back_to INTEGER, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS qinglian_meta.revisions (version INTEGER NOT NULL, fact_id TEXT NOT NULL,
    action TEXT NOT NULL, field TEXT NOT NULL, old_value TEXT NOT NULL, new_value TEXT NOT NULL, reason TEXT NOT NULL);
ALTER TABLE qinglian_meta.changes OWNER TO CURRENT_USER;  -- a writer that created them before this ran
ALTER TABLE qinglian_meta.revisions OWNER TO CURRENT_USER;
REVOKE ALL ON qinglian_meta.changes, qinglian_meta.revisions FROM PUBLIC, qinglian_writer, qinglian_reader;
GRANT SELECT, INSERT ON qinglian_meta.changes, qinglian_meta.revisions TO qinglian_writer;
GRANT SELECT ON qinglian_meta.changes, qinglian_meta.revisions TO qinglian_reader;

-- What the writer publishes later is readable by the reader from the start: the switch to a new
-- version must not wait for a GRANT.
ALTER DEFAULT PRIVILEGES FOR ROLE qinglian_writer GRANT USAGE ON SCHEMAS TO qinglian_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE qinglian_writer GRANT SELECT ON TABLES TO qinglian_reader;

-- What was published before this file ran (perhaps by another role): hand it to the writer, which
-- must own a version to drop it, and let the reader read it (the change record stays the admin's).
DO $$
DECLARE
    found record;
BEGIN
    FOR found IN SELECT nspname FROM pg_namespace WHERE nspname ~ '^qinglian_v[0-9]+$' LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO qinglian_writer', found.nspname);
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO qinglian_reader', found.nspname);
    END LOOP;
    FOR found IN SELECT schemaname, tablename FROM pg_tables
                 WHERE (schemaname = 'qinglian_meta' AND tablename NOT IN ('changes', 'revisions'))
                    OR schemaname ~ '^qinglian_v[0-9]+$' LOOP
        EXECUTE format('ALTER TABLE %I.%I OWNER TO qinglian_writer', found.schemaname, found.tablename);
        EXECUTE format('GRANT SELECT ON %I.%I TO qinglian_reader', found.schemaname, found.tablename);
    END LOOP;
END
$$;

-- The reader only reads: its grants are SELECT and USAGE alone (a session may switch the read-only
-- default off, the missing privileges stay missing). The defaults make a mistake fail early, and a
-- runaway query cannot hold a connection of the pool for long.
ALTER ROLE qinglian_reader SET default_transaction_read_only = on;
ALTER ROLE qinglian_reader SET statement_timeout = '5s';
