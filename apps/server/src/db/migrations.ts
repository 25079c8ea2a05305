// The schema of the server's one SQLite file, as numbered migrations: migration i brings user_version from i to
// i + 1. A migration, once released, never changes; later changes are new migrations appended to the list.

export const MIGRATIONS: readonly string[] = [
  /* 0 → 1: everything an election needs */ `
  CREATE TABLE elections (
    id            TEXT PRIMARY KEY,
    fingerprint   TEXT NOT NULL,
    definition    TEXT NOT NULL,          -- canonical JSON, as in board event 0
    board_secret  TEXT NOT NULL,          -- the tree-head signing key (scalar hex); never leaves this file
    state         TEXT NOT NULL,
    election_key  TEXT,                   -- the joint key (point hex) once the ceremony is finished
    qualified     TEXT,                   -- JSON array of the qualified dealers
    register_frozen INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
  );

  -- The board. body is the event's canonical JSON: exactly the bytes under its Merkle leaf.
  CREATE TABLE events (
    election_id TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    type        TEXT NOT NULL,
    body        TEXT NOT NULL,
    leaf_hash   BLOB NOT NULL,
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
    credential  TEXT,                     -- public key hex, once issued
    login_hash  TEXT,                     -- sha256 hex of the normalised login code
    paper       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (election_id, voter_id)
  );
  CREATE UNIQUE INDEX voters_by_credential ON voters (election_id, credential) WHERE credential IS NOT NULL;

  CREATE TABLE ballots (
    election_id   TEXT NOT NULL,
    hash          TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    credential    TEXT NOT NULL,
    district      TEXT NOT NULL,
    cast_at       INTEGER NOT NULL,       -- ms since the epoch (server clock)
    superseded_by TEXT,
    PRIMARY KEY (election_id, hash)
  );
  CREATE INDEX ballots_by_credential ON ballots (election_id, credential, seq);

  -- Every accepted ciphertext's alpha: the UNIQUE key is what turns away replayed and copied ballots.
  CREATE TABLE ciphertexts (
    election_id TEXT NOT NULL,
    alpha       TEXT NOT NULL,
    PRIMARY KEY (election_id, alpha)
  ) WITHOUT ROWID;

  CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,         -- sha256 of the bearer token: a copy of the file opens no session
    election_id TEXT NOT NULL,
    voter_id    TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
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
    token_hash  TEXT,                     -- the one-time enrollment token's sha256; cleared once used
    public_key  TEXT,                     -- the trustee's own key, once enrolled
    PRIMARY KEY (election_id, trustee)
  );
  `,
  /* 1 → 2: the second device's sealed seeds (spec §3.6.6) */ `
  -- Uploaded by the voter's device, opened only by the verification key in the voter's QR code (never here).
  -- nonce and sealed are set to NULL after the last allowed fetch; the row goes when the window ends.
  CREATE TABLE verification_seals (
    election_id TEXT NOT NULL,
    ballot_hash TEXT NOT NULL,
    access_hash TEXT NOT NULL,            -- sha256 of the access token: a copy of the file fetches nothing
    nonce       TEXT,
    sealed      TEXT,
    expires_at  INTEGER NOT NULL,         -- the end of the ballot's check window (ms since the epoch)
    PRIMARY KEY (election_id, ballot_hash)
  );
  CREATE INDEX verification_seals_by_expiry ON verification_seals (expires_at);
  `,
  /* 2 → 3: commission statements being signed (spec §4.4): the decision, a staged paper-voter list */ `
  CREATE TABLE commission_statements (
    election_id TEXT NOT NULL,
    kind        TEXT NOT NULL,            -- 'decision' or 'paper-voters'
    statement   TEXT NOT NULL,            -- canonical JSON of what the members sign
    detail      TEXT,                     -- server-side data that goes with it (the paper voters' ids), never published
    signatures  TEXT NOT NULL,            -- JSON array of { member, signature } collected so far
    PRIMARY KEY (election_id, kind)
  );
  `,
  /* 3 → 4: witnesses' co-signatures of signed tree heads (spec §5.9) */ `
  -- One per witness and head; the server keeps only co-signatures that verify for a head it signed itself.
  CREATE TABLE cosignatures (
    election_id TEXT NOT NULL,
    tree_size   INTEGER NOT NULL,
    witness     TEXT NOT NULL,
    signature   TEXT NOT NULL,            -- canonical JSON of { commitment, response }
    PRIMARY KEY (election_id, tree_size, witness)
  );
  `,
  /* 4 → 5: the commission's console: members with their own keys, sign-in challenges, sessions, the actions log */ `
  CREATE TABLE members (
    member            INTEGER PRIMARY KEY,
    name              TEXT NOT NULL,
    invite_hash       TEXT NOT NULL UNIQUE,   -- sha256 of the one-time invitation token: a copy of the file enrolls nobody
    invited_at        TEXT NOT NULL,
    invite_expires_at INTEGER NOT NULL,       -- ms since the epoch
    public_key        TEXT UNIQUE,            -- the member's signing key (point hex), once enrolled
    enrolled_at       TEXT,
    disabled_at       TEXT                    -- set by the operator: no sign-in, no session, no enrollment after it
  );

  CREATE TABLE member_challenges (
    challenge_hash TEXT PRIMARY KEY,          -- sha256 of a sign-in challenge; deleted as it is answered
    expires_at     INTEGER NOT NULL
  );

  CREATE TABLE member_sessions (
    token_hash TEXT PRIMARY KEY,              -- sha256 of the session cookie: a copy of the file signs nobody in
    member     INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,              -- absolute end (ms since the epoch)
    idle_until INTEGER NOT NULL               -- slid by each request, never past expires_at
  );

  CREATE TABLE commission_actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,                -- 'member' or 'admin-token'
    member      INTEGER,
    member_name TEXT,
    method      TEXT NOT NULL,
    route       TEXT NOT NULL,                -- the endpoint's pattern, never the raw path
    election_id TEXT,
    status      INTEGER                       -- NULL until the request has been answered
  );
  CREATE INDEX commission_actions_by_election ON commission_actions (election_id, id);
  `,
];
