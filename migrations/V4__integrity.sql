-- Integrity, version 4.
-- Write-ahead for blocklist batches: a row is recorded `pending` before its
-- ban or unban goes to fail2ban and confirmed after; a run killed in between
-- leaves it pending, and the next run of the source (or `source rm` /
-- `disable`) reconciles it against fail2ban's real list.
ALTER TABLE blocklist_entries ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
CREATE INDEX blocklist_entries_pending ON blocklist_entries (source_id) WHERE pending <> 0;
-- An import's log row is written when it starts (`running`) with the pid
-- that runs it; one whose process is gone shows as `interrupted`.
ALTER TABLE blocklist_imports ADD COLUMN pid INTEGER;
