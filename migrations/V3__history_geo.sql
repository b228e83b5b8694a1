-- History and geo, version 3: a covering index for per-IP aggregation over a
-- time window (stats --by country|asn|ip, recidive, geo refresh) so those
-- read the index alone instead of a million table rows. It also serves
-- every lookup the old single-column index served.
CREATE INDEX ban_history_ip_time ON ban_history (ip, timeofban);
DROP INDEX ban_history_ip;
-- Origin filters and stats --by origin.
CREATE INDEX ban_history_origin_time ON ban_history (origin, timeofban);
-- geo refresh selects entries answered by an older database build.
CREATE INDEX geo_cache_build ON geo_cache (db_build_epoch);
