-- The practice's details for the letterhead of referral letters (issue 11): the practice's name,
-- the therapist's registration number (HPCSA or other) and how a doctor reaches the practice.
ALTER TABLE settings ADD COLUMN practice_name TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN registration_number TEXT NOT NULL DEFAULT '';
ALTER TABLE settings ADD COLUMN practice_contact TEXT NOT NULL DEFAULT '';
