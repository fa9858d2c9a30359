-- Backups (issue 10): where they go, how many are kept, when the window warns, and the last one
-- that was verified. One row. The folder is set only by the shell after the native folder
-- dialog; the page never sends it.
CREATE TABLE backup_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    folder TEXT CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 4096),
    keep INTEGER NOT NULL DEFAULT 10 CHECK (keep BETWEEN 1 AND 100),
    warn_after_days INTEGER NOT NULL DEFAULT 7 CHECK (warn_after_days BETWEEN 1 AND 90),
    last_verified_at TEXT,
    last_file TEXT,
    last_bytes INTEGER CHECK (last_bytes IS NULL OR last_bytes >= 0),
    last_folder TEXT
) STRICT;
INSERT INTO backup_settings (id) VALUES (1);
