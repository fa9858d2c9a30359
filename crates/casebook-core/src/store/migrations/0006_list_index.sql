-- The case list at scale (issue 13): each case's session counts, last session date and next
-- appointment are answered from this index alone, without reading the notes themselves (about
-- 1.5 KB each). It replaces session_note_by_case, of which it is an extension.
DROP INDEX session_note_by_case;
CREATE INDEX session_note_by_case ON session_note (case_id, held_on, starts_at, id, kind, next_appointment);
