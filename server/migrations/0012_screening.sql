-- screening (从业查询; issue 5 item 2): units in close contact with minors check their staff against the
-- offender registry's match keys.
--  * screening_persons: a unit's screened staff, one row per unit and ID number as typed (normalised when
--    valid). Name and ID number encrypted (Keyring contexts screening.name / screening.id_number); id_index is
--    the blind index of the normalised ID (of the trimmed text when it is invalid). hired: 1 employed, 0 applying.
--    The written consent on file is confirmed by a user at a time (consent_at, consent_by) on every check.
--    last_status / last_checked_at: what the employer sees.
--  * screening_checks: every check of a person, with the status the employer was told
--    (clear | pending_review | hit | invalid_id) and the purpose (pre_hire | employed).
--  * screening_check_matches: the registry records a check matched — for the police only, never shown to
--    the unit.
--  * screening_reviews: a pending_review check waiting for the police: status open | confirmed | cleared;
--    confirmed makes the check (and the person) hit, cleared makes them clear. The note is encrypted
--    (context screening_reviews.note).
-- Times are epoch milliseconds.

CREATE TABLE screening_persons (
    id {{id}},
    unit_id BIGINT NOT NULL REFERENCES units(id),
    name_enc TEXT NOT NULL,
    id_number_enc TEXT NOT NULL,
    id_index TEXT NOT NULL,
    position TEXT NOT NULL DEFAULT '',
    hired INTEGER NOT NULL DEFAULT 0,
    consent_at BIGINT NOT NULL,
    consent_by BIGINT REFERENCES users(id),
    last_status TEXT NOT NULL,
    last_checked_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (unit_id, id_index)
);
CREATE INDEX screening_persons_id ON screening_persons(id_index);

CREATE TABLE screening_checks (
    id {{id}},
    person_id BIGINT NOT NULL REFERENCES screening_persons(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    status TEXT NOT NULL,                 -- clear | pending_review | hit | invalid_id
    purpose TEXT NOT NULL,                -- pre_hire | employed
    checked_at BIGINT NOT NULL,
    checked_by BIGINT REFERENCES users(id)
);
CREATE INDEX screening_checks_person ON screening_checks(person_id, checked_at);

CREATE TABLE screening_check_matches (
    check_id BIGINT NOT NULL REFERENCES screening_checks(id),
    record_id BIGINT NOT NULL REFERENCES registry_records(id),
    kind TEXT NOT NULL,                   -- exact | name_birth_sex
    PRIMARY KEY (check_id, record_id)
);

CREATE TABLE screening_reviews (
    id {{id}},
    check_id BIGINT NOT NULL UNIQUE REFERENCES screening_checks(id),
    status TEXT NOT NULL DEFAULT 'open',  -- open | confirmed | cleared
    officer_id BIGINT REFERENCES users(id),
    note_enc TEXT,
    decided_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX screening_reviews_status ON screening_reviews(status, created_at);
