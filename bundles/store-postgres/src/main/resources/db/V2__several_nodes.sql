-- Callpost message store, version 2: several call servers (nodes) on one database.
--
-- Every change to a mailbox, its PIN, its greetings or its messages notifies the channel
-- callpost_mailbox in the same transaction (PostgreSQL delivers it at commit, and only then), with
-- the payload "<application_name>|<mailbox number>|<table> <operation>". Each node names itself in
-- its connections' application_name ("callpost <node>"), so it leaves its own changes alone and
-- refreshes its view of a mailbox another node changed. A trigger, not the store's code, so that
-- nothing that changes these tables (callpost:store-migrate, an administrator's SQL) is missed.
-- Identical notifications in one transaction are delivered once (a purge of many messages is one).

CREATE FUNCTION callpost_mailbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_number text;
    row_mailbox bigint;
BEGIN
    IF TG_TABLE_NAME = 'mailbox' THEN
        IF TG_OP = 'DELETE' THEN
            changed_number := OLD.number;
        ELSE
            changed_number := NEW.number;
        END IF;
    ELSE
        IF TG_OP = 'DELETE' THEN
            row_mailbox := OLD.mailbox;
        ELSE
            row_mailbox := NEW.mailbox;
        END IF;
        SELECT number INTO changed_number FROM mailbox WHERE id = row_mailbox;
    END IF;
    IF changed_number IS NOT NULL THEN
        PERFORM pg_notify('callpost_mailbox', current_setting('application_name') || '|' || changed_number || '|'
                || TG_TABLE_NAME || ' ' || lower(TG_OP));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER mailbox_changed AFTER INSERT OR UPDATE OR DELETE ON mailbox
    FOR EACH ROW EXECUTE FUNCTION callpost_mailbox_changed();
CREATE TRIGGER mailbox_pin_changed AFTER INSERT OR UPDATE OR DELETE ON mailbox_pin
    FOR EACH ROW EXECUTE FUNCTION callpost_mailbox_changed();
CREATE TRIGGER greeting_changed AFTER INSERT OR UPDATE OR DELETE ON greeting
    FOR EACH ROW EXECUTE FUNCTION callpost_mailbox_changed();
CREATE TRIGGER message_changed AFTER INSERT OR UPDATE OR DELETE ON message
    FOR EACH ROW EXECUTE FUNCTION callpost_mailbox_changed();

-- A message-waiting lamp ("[integration/]extension", as the MWI keys it): the node that sets it,
-- until its lease ends (renewed by that node while it runs; another node takes an expired lease),
-- and what the PBX last confirmed, so a node taking the lease over knows the lamp's state.
CREATE TABLE lamp (
    lamp         text PRIMARY KEY,
    node         text NOT NULL,
    lease_until  timestamptz NOT NULL,
    confirmed_on boolean,
    confirmed_at timestamptz
);

-- A mailbox's message notification callouts as a job one node at a time takes (SELECT ... FOR
-- UPDATE SKIP LOCKED): due is when it may be taken, taken_by and taken_until the node holding it
-- (calling, or about to) and until when, so a node that dies mid-call lets another take it later.
CREATE TABLE callout_job (
    mailbox      text PRIMARY KEY,
    number       text NOT NULL,
    due          timestamptz NOT NULL,
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL CHECK (max_attempts > 0),
    taken_by     text,
    taken_until  timestamptz,
    last_outcome text NOT NULL DEFAULT '',
    created      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX callout_job_due ON callout_job (due);

-- A mailbox's wrong PINs within the lockout window (the times, oldest first, by the checking node's
-- clock), where the last came from, and its lockout: shared, so every node counts the same guesses.
-- Changed in a transaction holding the row (SELECT ... FOR UPDATE); no row: nothing counted.
CREATE TABLE pin_failure (
    mailbox      text PRIMARY KEY,
    times        timestamptz[] NOT NULL,
    last_from    text NOT NULL DEFAULT '',
    last_failure timestamptz,
    locked_until timestamptz
);
