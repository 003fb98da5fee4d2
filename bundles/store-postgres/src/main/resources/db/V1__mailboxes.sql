-- Callpost message store, version 1: mailboxes, PIN hashes, greetings, messages with their
-- envelopes, folders, heard state and audio. Applied once by SchemaMigrations; never edited after
-- release (a change is a new V<n>__ script).
--
-- Audio is bytea, not large objects: a message is at most a few MB (16 kB/s of 8 kHz PCM, a few
-- minutes), bytea rows are copied by pg_dump and replication like any other, are removed with
-- their row (large objects need lo_unlink or vacuumlo, else they leak), and are read and written
-- in the same transaction as the message's row without the large-object API. Audio sits in its own
-- tables so listing messages never reads it.

-- A mailbox; removed ones are kept (removed set) for the administrator, so a number may be
-- used again: one live mailbox per number.
CREATE TABLE mailbox (
    id                bigserial PRIMARY KEY,
    number            text NOT NULL,
    extension         text NOT NULL DEFAULT '',
    integration       text NOT NULL DEFAULT '',
    name              text NOT NULL DEFAULT '',
    message_waiting   boolean NOT NULL DEFAULT true,
    lamp_extension    text NOT NULL DEFAULT '',
    callout_number    text NOT NULL DEFAULT '',
    trust_extension   boolean NOT NULL DEFAULT false,
    active_greeting   text NOT NULL DEFAULT 'SYSTEM' CHECK (active_greeting IN ('PERSONAL', 'SYSTEM')),
    max_messages      integer NOT NULL DEFAULT 0 CHECK (max_messages >= 0),
    max_total_seconds integer NOT NULL DEFAULT 0 CHECK (max_total_seconds >= 0),
    created           timestamptz NOT NULL DEFAULT now(),
    removed           timestamptz
);
CREATE UNIQUE INDEX mailbox_live_number ON mailbox (number) WHERE removed IS NULL;

-- A mailbox's PIN as a salted PBKDF2 hash with its iteration count; never the PIN.
CREATE TABLE mailbox_pin (
    mailbox    bigint PRIMARY KEY REFERENCES mailbox (id) ON DELETE CASCADE,
    algorithm  text NOT NULL,
    iterations integer NOT NULL CHECK (iterations > 0),
    salt       bytea NOT NULL,
    hash       bytea NOT NULL
);

-- A recorded greeting (the system greeting is a prompt, never stored); recording names the
-- recording it came from, so each version has its own local copy.
CREATE TABLE greeting (
    mailbox   bigint NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    kind      text NOT NULL CHECK (kind IN ('PERSONAL', 'BUSY', 'NAME')),
    recording text NOT NULL,
    audio     bytea NOT NULL,
    recorded  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox, kind)
);

-- A message with its envelope, folder and heard state.
CREATE TABLE message (
    mailbox         bigint NOT NULL REFERENCES mailbox (id) ON DELETE CASCADE,
    id              text NOT NULL,
    folder          text NOT NULL CHECK (folder IN ('NEW', 'SAVED', 'DELETED')),
    heard           boolean NOT NULL DEFAULT false,
    calling_number  text NOT NULL DEFAULT '',
    calling_name    text NOT NULL DEFAULT '',
    called_number   text NOT NULL DEFAULT '',
    reason          text NOT NULL DEFAULT 'NONE',
    dnis            text NOT NULL DEFAULT '',
    received        timestamptz NOT NULL,
    urgent          boolean NOT NULL DEFAULT false,
    duration_millis bigint NOT NULL CHECK (duration_millis >= 0),
    filed           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (mailbox, id)
);

-- A message's audio: the WAV file as recorded, header included.
CREATE TABLE message_audio (
    mailbox bigint NOT NULL,
    id      text NOT NULL,
    audio   bytea NOT NULL,
    PRIMARY KEY (mailbox, id),
    FOREIGN KEY (mailbox, id) REFERENCES message (mailbox, id) ON DELETE CASCADE
);
