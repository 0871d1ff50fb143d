-- 001 (PostgreSQL): node-wide key/value facts (for example the office code the data folder belongs to).
-- Services add their own tables in later migrations.
CREATE TABLE node_meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
);

-- The PostgreSQL dialect of the schema (docs/architecture.md "PostgreSQL"): each migration here
-- has the number and name of the SQLite one in the folder above and makes the same tables.
-- The functions below give PostgreSQL the SQLite functions the services' SQL uses, with the
-- same results for the values the node stores, and the trigger function that refuses changes
-- to append-only tables (SQLite's RAISE(ABORT)).
CREATE FUNCTION ipex_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%', TG_ARGV[0];
END $$;

-- A JSON value as SQLite's json_extract and json_each give it: a string unquoted, NULL for null,
-- anything else as JSON text.
CREATE FUNCTION ipex_json_value(v jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(v) WHEN 'string' THEN v #>> '{}' WHEN 'null' THEN NULL ELSE v::text END
$$;

CREATE FUNCTION json_extract(doc text, path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT ipex_json_value(jsonb_path_query_first(doc::jsonb, path::jsonpath))
$$;

CREATE FUNCTION json_each(doc text, path text DEFAULT '$') RETURNS TABLE (key text, value text) LANGUAGE sql IMMUTABLE AS $$
  WITH target AS (SELECT jsonb_path_query_first(doc::jsonb, path::jsonpath) AS j)
  SELECT (a.i - 1)::text, ipex_json_value(a.v)
    FROM target, jsonb_array_elements(CASE WHEN jsonb_typeof(target.j) = 'array' THEN target.j ELSE '[]'::jsonb END) WITH ORDINALITY AS a(v, i)
  UNION ALL
  SELECT o.k, ipex_json_value(o.v)
    FROM target, jsonb_each(CASE WHEN jsonb_typeof(target.j) = 'object' THEN target.j ELSE '{}'::jsonb END) AS o(k, v)
$$;

CREATE FUNCTION json_valid(doc text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  PERFORM doc::jsonb;
  RETURN doc IS NOT NULL;
EXCEPTION WHEN others THEN
  RETURN false;
END $$;

CREATE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT strpos(haystack, needle)
$$;

-- NFKC and lower case, as the deposit service's ipex_fold does in JavaScript for SQLite.
CREATE FUNCTION ipex_fold(value text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(normalize(value, NFKC))
$$;
