-- Migration 4: exports (issue 5). Owned by the `export` module, which holds the queries.

-- The case code that stands for a case in de-identified exports: random, created at the case's
-- first export and the same in every later one; never derived from the case's id.
CREATE TABLE case_code (
    case_id INTEGER PRIMARY KEY REFERENCES case_file(id),
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 9),
    created_at TEXT NOT NULL
) STRICT;
