-- Bans with their own duration (`ban --for/--until`): bangui's expiry of a
-- ban, which the expire-bans job enforces. One row per (jail, target); a ban
-- renewed without a duration deletes its row.
CREATE TABLE ban_expiry (
    jail          TEXT NOT NULL,
    target        TEXT NOT NULL,   -- normalised IP or CIDR (host = bare IP)
    expires_at    INTEGER NOT NULL,
    set_at        INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    PRIMARY KEY (jail, target)
) WITHOUT ROWID;
CREATE INDEX ban_expiry_due ON ban_expiry (expires_at);
