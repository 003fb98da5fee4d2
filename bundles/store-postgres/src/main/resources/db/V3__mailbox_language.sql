-- Callpost message store, version 3: a mailbox's language, the tag of the prompt pack its callers
-- and its subscriber hear ('de', 'fr'); NULL (every mailbox before this version) follows the
-- system's rule (answer mode, integration, the messaging language). Never edited after release.
ALTER TABLE mailbox ADD COLUMN language text;
