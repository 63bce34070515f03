-- Old sessions and login failures are pruned as logins happen; these indexes keep that cheap.
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX login_failures_at ON login_failures(at);
