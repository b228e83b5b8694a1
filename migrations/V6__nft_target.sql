-- Blocklist sources that load straight into bangui's nftables table instead
-- of a jail: target 'nft' (jail is then ''), the hook(s) its rules attach
-- to and what they do with a listed address. Their entries are what the
-- kernel's sets hold.
ALTER TABLE blocklist_sources ADD COLUMN target TEXT NOT NULL DEFAULT 'jail';   -- jail or nft
ALTER TABLE blocklist_sources ADD COLUMN nft_hook TEXT NOT NULL DEFAULT 'input'; -- input, forward, both
ALTER TABLE blocklist_sources ADD COLUMN nft_action TEXT NOT NULL DEFAULT 'drop'; -- drop or reject
