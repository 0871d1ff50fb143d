-- 001: node-wide key/value facts (for example the office code the data folder belongs to).
-- Services add their own tables in later migrations.
CREATE TABLE node_meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;
