// The PostgreSQL schema as numbered migrations, recorded in schema_version; the same tables as the SQLite file's
// (../migrations.ts), written in PostgreSQL's types. Migration i brings the version from i to i + 1; a released
// migration never changes.

export const PG_MIGRATIONS: readonly string[] = [
  /* 0 → 1: the SQLite schema at its version 4 */ `
  CREATE TABLE elections (
    id              TEXT PRIMARY KEY,
    fingerprint     TEXT NOT NULL,
    definition      TEXT NOT NULL,
    board_secret    TEXT NOT NULL,        -- '' when the key is held in a key file (election/board-key.ts)
    state           TEXT NOT NULL,
    election_key    TEXT,
    qualified       TEXT,
    register_frozen INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL
  );

  CREATE TABLE events (
    election_id TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    body        TEXT NOT NULL,
    leaf_hash   BYTEA NOT NULL,
    PRIMARY KEY (election_id, seq)
  );
  CREATE INDEX events_by_type ON events (election_id, type, seq);

  CREATE TABLE tree_heads (
    election_id TEXT NOT NULL,
    tree_size   INTEGER NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (election_id, tree_size)
  );

  CREATE TABLE voters (
    election_id TEXT NOT NULL,
    voter_id    TEXT NOT NULL,
    district    TEXT NOT NULL,
    credential  TEXT,
    login_hash  TEXT,
    paper       INTEGER NOT NULL DEFAULT 0,
    ord         BIGSERIAL,                -- import order (SQLite's rowid)
    PRIMARY KEY (election_id, voter_id)
  );
  CREATE UNIQUE INDEX voters_by_credential ON voters (election_id, credential) WHERE credential IS NOT NULL;

  CREATE TABLE ballots (
    election_id   TEXT NOT NULL,
    hash          TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    credential    TEXT NOT NULL,
    district      TEXT NOT NULL,
    cast_at       BIGINT NOT NULL,
    superseded_by TEXT,
    PRIMARY KEY (election_id, hash)
  );
  CREATE INDEX ballots_by_credential ON ballots (election_id, credential, seq);

  CREATE TABLE ciphertexts (
    election_id TEXT NOT NULL,
    alpha       TEXT NOT NULL,
    PRIMARY KEY (election_id, alpha)
  );

  CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    election_id TEXT NOT NULL,
    voter_id    TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
  );
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);

  CREATE TABLE verifications (
    election_id TEXT NOT NULL,
    ballot_hash TEXT NOT NULL,
    fetches     INTEGER NOT NULL,
    PRIMARY KEY (election_id, ballot_hash)
  );

  CREATE TABLE trustees (
    election_id TEXT NOT NULL,
    trustee     INTEGER NOT NULL,
    name        TEXT NOT NULL,
    token_hash  TEXT,
    public_key  TEXT,
    PRIMARY KEY (election_id, trustee)
  );

  CREATE TABLE verification_seals (
    election_id TEXT NOT NULL,
    ballot_hash TEXT NOT NULL,
    access_hash TEXT NOT NULL,
    nonce       TEXT,
    sealed      TEXT,
    expires_at  BIGINT NOT NULL,
    PRIMARY KEY (election_id, ballot_hash)
  );
  CREATE INDEX verification_seals_by_expiry ON verification_seals (expires_at);

  CREATE TABLE commission_statements (
    election_id TEXT NOT NULL,
    kind        TEXT NOT NULL,
    statement   TEXT NOT NULL,
    detail      TEXT,
    signatures  TEXT NOT NULL,
    PRIMARY KEY (election_id, kind)
  );

  CREATE TABLE cosignatures (
    election_id TEXT NOT NULL,
    tree_size   INTEGER NOT NULL,
    witness     TEXT NOT NULL,
    signature   TEXT NOT NULL,
    PRIMARY KEY (election_id, tree_size, witness)
  );
  `,
  /* 1 → 2: rate limits that every server counts against (a voter's logins and ballots, wherever they land) */ `
  CREATE TABLE rate_buckets (
    key    TEXT PRIMARY KEY,
    tokens DOUBLE PRECISION NOT NULL,
    at     BIGINT NOT NULL                -- ms since the epoch of the last take (server clock)
  );
  `,
  /* 2 → 3: the commission's console (the SQLite file's version 5) */ `
  CREATE TABLE members (
    member            SERIAL PRIMARY KEY,
    name              TEXT NOT NULL,
    invite_hash       TEXT NOT NULL UNIQUE,
    invited_at        TEXT NOT NULL,
    invite_expires_at BIGINT NOT NULL,
    public_key        TEXT UNIQUE,
    enrolled_at       TEXT,
    disabled_at       TEXT
  );

  CREATE TABLE member_challenges (
    challenge_hash TEXT PRIMARY KEY,
    expires_at     BIGINT NOT NULL
  );

  CREATE TABLE member_sessions (
    token_hash TEXT PRIMARY KEY,
    member     INTEGER NOT NULL,
    expires_at BIGINT NOT NULL,
    idle_until BIGINT NOT NULL
  );

  CREATE TABLE commission_actions (
    id          BIGSERIAL PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    member      INTEGER,
    member_name TEXT,
    method      TEXT NOT NULL,
    route       TEXT NOT NULL,
    election_id TEXT,
    status      INTEGER
  );
  CREATE INDEX commission_actions_by_election ON commission_actions (election_id, id);
  `,
];
