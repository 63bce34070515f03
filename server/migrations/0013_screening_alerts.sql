-- screening alerts (持续监测; issue 5 item 5): a new or corrected registry record matched a person a unit
-- screened as employed (screening_persons.hired = 1). Written in the registry write's transaction.
--  * kind: hit (exact ID — the person's status became hit and a supervision action was opened to the unit)
--    | pending_review (name + birth date + sex — a review waits for the police).
--  * check_id: the monitoring check (purpose monitoring) the alert made; action_id: the supervision action
--    opened for a hit.
--  * status open | closed; closed by the police with an encrypted note (context screening_alerts.note).
-- No name, ID number or record content is stored here. Times are epoch milliseconds.

CREATE TABLE screening_alerts (
    id {{id}},
    person_id BIGINT NOT NULL REFERENCES screening_persons(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    record_id BIGINT NOT NULL REFERENCES registry_records(id),
    check_id BIGINT REFERENCES screening_checks(id),
    action_id BIGINT REFERENCES supervision_actions(id),
    kind TEXT NOT NULL,                   -- hit | pending_review
    status TEXT NOT NULL DEFAULT 'open',  -- open | closed
    created_at BIGINT NOT NULL,
    closed_by BIGINT REFERENCES users(id),
    closed_at BIGINT,
    close_note_enc TEXT
);
CREATE INDEX screening_alerts_status ON screening_alerts(status, created_at);
CREATE INDEX screening_alerts_person_record ON screening_alerts(person_id, record_id);
