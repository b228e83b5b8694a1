-- bangui fleet schema, version 1. Never edit this file once released: add
-- V2__… instead (bangui refuses a store whose applied migration differs).

-- One row per host: registered by its first push.
CREATE TABLE fleet_hosts (
    host_id           text PRIMARY KEY,
    version           text NOT NULL,
    first_seen        timestamptz NOT NULL DEFAULT now(),
    last_seen         timestamptz NOT NULL DEFAULT now(),
    last_push         timestamptz,
    pending_outbox    bigint NOT NULL DEFAULT 0,
    history_watermark bigint NOT NULL DEFAULT 0
);

-- Shared bans. A decision is active while revoked_at IS NULL and until is
-- NULL or in the future.
CREATE TABLE fleet_decisions (
    id          bigserial PRIMARY KEY,
    uid         text NOT NULL,
    network     cidr NOT NULL,
    class       text NOT NULL,              -- the jail name on the origin host
    origin_host text NOT NULL,
    actor       text NOT NULL,
    reason      text,
    created_at  timestamptz NOT NULL,
    until       timestamptz,
    revoked_at  timestamptz,
    revoked_by  text
);
CREATE UNIQUE INDEX fleet_decisions_uid ON fleet_decisions (uid);
-- The active set of a class, read as a stream by every host's import.
CREATE INDEX fleet_decisions_active ON fleet_decisions (class, network) WHERE revoked_at IS NULL;
-- The next expiry: part of the change check, so expired decisions leave.
CREATE INDEX fleet_decisions_expiry ON fleet_decisions (until) WHERE revoked_at IS NULL AND until IS NOT NULL;
-- Revocation by network.
CREATE INDEX fleet_decisions_network ON fleet_decisions (network) WHERE revoked_at IS NULL;

-- The change counter per class: an idle import reads one row of it.
CREATE SEQUENCE fleet_change_seq;
CREATE TABLE fleet_classes (
    class       text PRIMARY KEY,
    version     bigint NOT NULL
);

-- Every host's ban history, pushed with a watermark per host.
CREATE TABLE fleet_history (
    host_id     text NOT NULL,
    local_id    bigint NOT NULL,            -- the row id in the host's database
    jail        text NOT NULL,
    ip          inet NOT NULL,
    timeofban   bigint NOT NULL,
    bantime     bigint,
    bancount    bigint NOT NULL,
    origin      text NOT NULL,
    source      text,
    PRIMARY KEY (host_id, local_id)
);
CREATE INDEX fleet_history_time ON fleet_history (timeofban);
CREATE INDEX fleet_history_ip_time ON fleet_history (ip, timeofban);

-- Feeds fetched once for the fleet (`--fleet-shared`), keyed by URL.
CREATE TABLE fleet_feeds (
    id            bigserial PRIMARY KEY,
    url           text NOT NULL UNIQUE,
    version       bigint NOT NULL DEFAULT 0,
    fetched_at    timestamptz,
    fetched_by    text,
    etag          text,
    last_modified text,
    entries       bigint NOT NULL DEFAULT 0
);
CREATE TABLE fleet_feed_entries (
    feed_id     bigint NOT NULL REFERENCES fleet_feeds (id) ON DELETE CASCADE,
    entry       text NOT NULL               -- an IP, CIDR or `a - b` range
);
CREATE INDEX fleet_feed_entries_feed ON fleet_feed_entries (feed_id);
