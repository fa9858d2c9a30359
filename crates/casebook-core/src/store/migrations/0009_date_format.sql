-- How the window writes dates (in lists and in date fields alike); existing notebooks keep the
-- look they had, "12 Oct 2026".
ALTER TABLE settings ADD COLUMN date_format TEXT NOT NULL DEFAULT 'day_month_year'
    CHECK (date_format IN ('system', 'day_month_year', 'iso', 'dmy_numeric', 'mdy_numeric'));
