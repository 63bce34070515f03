-- cases (案件; issue 6 item 3): a police matter about a minor victim, handled by a police station.
--  * cases: one row per case. station_id is the handling police station (the linked report's, else the opening
--    officer's unit). crime_type is a code of cases_rules.hpp (the eight crime types of the plan, or other);
--    stage the current stage (accepted → filed → investigating → prosecuting → judged, or not_filed | withdrawn),
--    each dated in case_stages. Encrypted (Keyring, context cases.<column>): the victim's identity (JSON: name,
--    sex, birth date, age, ID number), the narrative (简要案情) and the suspect's identity (JSON: name, ID
--    number). Kept in clear because scope and the review (倒查) need them: the victim's village and ledger child
--    id, and whether the suspect works with minors, his employer unit and hire date, his relation to the victim.
--    registry_record_id is the registry record created from the case on a conviction.
--  * case_reports: the mandatory reports the case was opened from or linked to (a report belongs to one case).
--  * case_stages: the dated stages; the judgment's court and verdict; no free text about the victim.
--  * case_evidence: one-stop evidence collection (一站式取证): that it happened, when, where, who attended —
--    never what was said.
--  * case_support_items: victim support (legal aid by a 司法所, psychological, medical, financial, school
--    return), each assigned to a unit and tracked to closure; the closing note is encrypted.
--  * case_review_actions: the supervision action raised from a failed review check (one per case and check key).
-- Times are epoch milliseconds; dates YYYY-MM-DD (Asia/Shanghai).

CREATE TABLE cases (
    id {{id}},
    station_id BIGINT NOT NULL REFERENCES units(id),
    crime_type TEXT NOT NULL,
    stage TEXT NOT NULL DEFAULT 'accepted',
    accepted_on TEXT NOT NULL,
    victim_enc TEXT NOT NULL,
    victim_village_id BIGINT REFERENCES units(id),
    victim_child_id BIGINT,
    narrative_enc TEXT,
    suspect_enc TEXT NOT NULL,
    suspect_relation TEXT NOT NULL,
    suspect_works_with_minors INTEGER NOT NULL DEFAULT 0,
    suspect_employer_unit_id BIGINT REFERENCES units(id),
    suspect_hired_on TEXT,
    registry_record_id BIGINT,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_station ON cases(station_id, stage);

CREATE TABLE case_reports (
    report_id BIGINT PRIMARY KEY REFERENCES reports(id),
    case_id BIGINT NOT NULL REFERENCES cases(id),
    linked_at BIGINT NOT NULL,
    linked_by BIGINT REFERENCES users(id)
);
CREATE INDEX case_reports_case ON case_reports(case_id);

CREATE TABLE case_stages (
    id {{id}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    stage TEXT NOT NULL,
    stage_date TEXT NOT NULL,
    convicted INTEGER,
    court TEXT,
    recorded_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES users(id)
);
CREATE INDEX case_stages_case ON case_stages(case_id, id);

CREATE TABLE case_evidence (
    id {{id}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    held_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    attendees TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES users(id)
);
CREATE INDEX case_evidence_case ON case_evidence(case_id);

CREATE TABLE case_support_items (
    id {{id}},
    case_id BIGINT NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    status TEXT NOT NULL DEFAULT 'open',
    opened_at BIGINT NOT NULL,
    opened_by BIGINT REFERENCES users(id),
    closed_at BIGINT,
    closed_by BIGINT REFERENCES users(id),
    close_note_enc TEXT
);
CREATE INDEX case_support_items_case ON case_support_items(case_id);
CREATE INDEX case_support_items_unit ON case_support_items(unit_id, status);

CREATE TABLE case_review_actions (
    case_id BIGINT NOT NULL REFERENCES cases(id),
    check_key TEXT NOT NULL,
    action_id BIGINT NOT NULL REFERENCES supervision_actions(id),
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    PRIMARY KEY (case_id, check_key)
);
