-- The fleet (optional shared PostgreSQL): what this host still has to
-- publish, and what it last pushed. Works without the store: `ban --share`
-- writes here first and `fleet-push` empties it.
CREATE TABLE fleet_outbox (
    id          INTEGER PRIMARY KEY,
    uid         TEXT NOT NULL UNIQUE,       -- the decision's id in the fleet
    kind        TEXT NOT NULL CHECK (kind IN ('share', 'revoke')),
    network     TEXT NOT NULL,              -- validated IP or CIDR, bare host
    class       TEXT,                       -- the jail; NULL: every class (revoke)
    actor       TEXT NOT NULL,
    reason      TEXT,
    created_at  INTEGER NOT NULL,
    until       INTEGER,                    -- NULL: until revoked
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT
);

-- Named watermarks and times: `history_watermark` (last ban_history id the
-- store holds), `last_push`.
CREATE TABLE fleet_state (
    name        TEXT PRIMARY KEY NOT NULL,
    value       INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- Sources fetched once for the whole fleet (`source add --fleet-shared`).
CREATE TABLE fleet_shared_sources (
    source_id   INTEGER PRIMARY KEY REFERENCES blocklist_sources (id) ON DELETE CASCADE
);
