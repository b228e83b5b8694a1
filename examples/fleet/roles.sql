-- Roles for a bangui fleet store. Run as the database owner AFTER the
-- first `bangui fleet init` (which the owner runs: it creates the tables):
--
--   psql -d bangui -f roles.sql
--
-- Every host logs in with its own role, named like its fleet.host_id. The
-- group role bangui_host may read the shared tables and write only what a
-- host writes; row-level security makes sure a host inserts only its own
-- history, decisions and host row (host_id = the login role).

CREATE ROLE bangui_host NOLOGIN;

GRANT USAGE ON SCHEMA public TO bangui_host;
GRANT SELECT ON bangui_fleet_migrations, fleet_hosts, fleet_decisions, fleet_classes,
    fleet_history, fleet_feeds, fleet_feed_entries TO bangui_host;
GRANT INSERT, UPDATE ON fleet_hosts TO bangui_host;
GRANT INSERT ON fleet_decisions, fleet_history TO bangui_host;
-- Revoking a shared decision marks it; nothing else of a decision changes.
GRANT UPDATE (revoked_at, revoked_by) ON fleet_decisions TO bangui_host;
GRANT INSERT, UPDATE ON fleet_classes, fleet_feeds TO bangui_host;
GRANT INSERT, DELETE ON fleet_feed_entries TO bangui_host;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO bangui_host;

ALTER TABLE fleet_hosts ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON fleet_hosts FOR SELECT TO bangui_host USING (true);
CREATE POLICY own_insert ON fleet_hosts FOR INSERT TO bangui_host
    WITH CHECK (host_id = current_user);
CREATE POLICY own_update ON fleet_hosts FOR UPDATE TO bangui_host
    USING (host_id = current_user) WITH CHECK (host_id = current_user);

ALTER TABLE fleet_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON fleet_history FOR SELECT TO bangui_host USING (true);
CREATE POLICY own_rows ON fleet_history FOR INSERT TO bangui_host
    WITH CHECK (host_id = current_user);

ALTER TABLE fleet_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON fleet_decisions FOR SELECT TO bangui_host USING (true);
CREATE POLICY own_rows ON fleet_decisions FOR INSERT TO bangui_host
    WITH CHECK (origin_host = current_user);
CREATE POLICY revoke ON fleet_decisions FOR UPDATE TO bangui_host
    USING (true) WITH CHECK (revoked_by = current_user);

-- One login role per host (repeat for each; use a real password, or
-- certificate authentication in pg_hba.conf):
CREATE ROLE web1 LOGIN PASSWORD 'change-me' IN ROLE bangui_host;
