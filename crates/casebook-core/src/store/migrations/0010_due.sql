-- What is due (issue 12): unsigned session notes are found through this partial index, which
-- holds only them, so the home screen and each case's count never read the signed notes (nearly
-- all of them, in a notebook of 100,000).
CREATE INDEX session_note_unsigned ON session_note (case_id, held_on) WHERE signed_at IS NULL;
