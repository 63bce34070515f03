-- Platform tables: policy values, the unit tree, users and role grants, sessions, the audit log.
-- Times are epoch milliseconds (BIGINT); booleans are 0/1 integers.

CREATE TABLE policies (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    kind TEXT NOT NULL,            -- 'security' (secadmin) or 'general' (sysadmin)
    value_type TEXT NOT NULL,      -- 'int' or 'text'
    min_value BIGINT,
    max_value BIGINT,
    label_zh TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by BIGINT
);

CREATE TABLE units (
    id {{id}},
    parent_id BIGINT REFERENCES units(id),
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);
CREATE INDEX units_kind ON units(kind);

CREATE TABLE unit_aliases (
    alias TEXT PRIMARY KEY,
    unit_id BIGINT NOT NULL REFERENCES units(id) ON DELETE CASCADE
);
CREATE INDEX unit_aliases_unit ON unit_aliases(unit_id);

CREATE TABLE users (
    id {{id}},
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    sex TEXT,                      -- 'F' | 'M' | NULL
    phone_enc TEXT,                -- XChaCha20-Poly1305 ciphertext (base64), never plain
    password_hash TEXT NOT NULL,
    must_change_password INTEGER NOT NULL DEFAULT 1,
    password_changed_at BIGINT,
    totp_secret_enc TEXT,          -- encrypted base32 secret once enrolled
    totp_pending_enc TEXT,         -- encrypted secret during enrolment
    totp_last_step BIGINT NOT NULL DEFAULT 0,  -- last accepted time step (no replay)
    active INTEGER NOT NULL DEFAULT 1,
    locked_until BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX users_unit ON users(unit_id);

CREATE TABLE grants (
    id {{id}},
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope TEXT NOT NULL,           -- own_unit | units | township
    created_at BIGINT NOT NULL,
    created_by BIGINT,
    UNIQUE (user_id, role)
);

CREATE TABLE grant_units (
    grant_id BIGINT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (grant_id, unit_id)
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,           -- public id (random), shown to secadmin
    token_hash TEXT NOT NULL UNIQUE, -- SHA-256 of the 256-bit random cookie token; the token itself is never stored
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,    -- absolute lifetime
    revoked_at BIGINT,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id {{id}},
    username TEXT NOT NULL,
    at BIGINT NOT NULL,
    ip TEXT
);
CREATE INDEX login_failures_user_at ON login_failures(username, at);

CREATE TABLE audit_log (
    id BIGINT PRIMARY KEY,         -- assigned in sequence by the appender (no gaps)
    at BIGINT NOT NULL,
    actor_user_id BIGINT,
    actor_username TEXT NOT NULL,
    action TEXT NOT NULL,          -- e.g. org.unit.create, auth.login.failed, children.child.read
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL,          -- canonical JSON; never a secret, a password or a plain ID number
    ip TEXT NOT NULL,
    request_id TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_user_id);
CREATE INDEX audit_log_action ON audit_log(action);

-- The chain's head, so that cutting rows off the end is detected too.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
