-- registry (性侵违法犯罪人员信息库, police only; issue 5 item 1).
--  * registry_records: one row per qualifying record of a person (a person with two decisions has two rows).
--    The name and the ID number are encrypted (Keyring contexts registry.name / registry.id_number);
--    name_index and id_index are their blind indexes (exact search, and the import's "same ID number, record
--    type and decision date = a correction" rule). minor_at_offence = 1 marks a record of an offence committed
--    as a minor: sealed (犯罪记录封存), it has no match keys and is never matched. control_status (列管):
--    none | under_control | ended, with the managing officer (a police user) and the next check-in due date.
--  * registry_match_keys: the keys screening matches on, only as keyed hashes (context registry.match_key) of
--    the key texts of screening_match.hpp — exact (the normalised ID number) and name_birth_sex (each name
--    variant with the birth date and sex). Rewritten on every create and correction; none for a sealed record.
--  * registry_checkins: check-ins of a person under control (the note encrypted, context registry_checkins.note).
-- Dates are 'YYYY-MM-DD'; times epoch milliseconds.

CREATE TABLE registry_records (
    id {{id}},
    name_enc TEXT NOT NULL,
    name_index TEXT NOT NULL,
    sex TEXT NOT NULL,                    -- M | F
    id_number_enc TEXT NOT NULL,
    id_index TEXT NOT NULL,
    birth_date TEXT NOT NULL,
    record_type TEXT NOT NULL,            -- a code of registry_rules.cpp
    decision_date TEXT NOT NULL,
    decision_authority TEXT NOT NULL,
    minor_at_offence INTEGER NOT NULL DEFAULT 0,
    release_date TEXT,
    control_status TEXT NOT NULL DEFAULT 'none',
    managing_officer_id BIGINT REFERENCES users(id),
    next_checkin_due TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_by BIGINT REFERENCES users(id),
    UNIQUE (id_index, record_type, decision_date)
);
CREATE INDEX registry_records_name ON registry_records(name_index);
CREATE INDEX registry_records_due ON registry_records(control_status, next_checkin_due);

CREATE TABLE registry_match_keys (
    record_id BIGINT NOT NULL REFERENCES registry_records(id),
    kind TEXT NOT NULL,                   -- exact | name_birth_sex
    key_index TEXT NOT NULL,
    PRIMARY KEY (record_id, key_index)
);
CREATE INDEX registry_match_keys_key ON registry_match_keys(key_index);

CREATE TABLE registry_checkins (
    id {{id}},
    record_id BIGINT NOT NULL REFERENCES registry_records(id),
    checkin_date TEXT NOT NULL,
    officer_id BIGINT NOT NULL REFERENCES users(id),
    note_enc TEXT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX registry_checkins_record ON registry_checkins(record_id, checkin_date);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('registry.optional_types_enabled', '0', 'general', 'int', 0, 1, '信息库：收录虐待、拐卖、暴力伤害记录（1 = 是）', 0),
 ('registry.checkin_interval_days', '30', 'general', 'int', 1, 365, '信息库：列管人员报到间隔（天）', 0),
 ('registry.checkin_due_soon_days', '7', 'general', 'int', 0, 90, '信息库：报到到期前提前提醒的天数', 0);
