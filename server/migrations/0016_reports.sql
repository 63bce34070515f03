-- reports (强制报告; issue 6 part 1): a mandated unit's report of suspected harm to a minor, sent at once to the
-- police station serving the unit's township.
--  * reports: one row per report. receipt_code is the reporting unit's random receipt (12 characters, base32);
--    unit_id the reporting unit, unit_category its kind for the figures (village | school | kindergarten |
--    training | medical | welfare | hotel | state_organ | other), station_id the police station it went to.
--    trigger_code is the situation of 2020 意见 第4条 (1–9). late = 1 when reported_at − discovered_at exceeded the
--    policy reports.late_report_hours at submission. Encrypted (Keyring, context reports.<column>): the
--    narrative, the child (JSON), the suspect and the reporter's identity (JSON: user id, username, name, phone,
--    unit) — the reporter's user id is kept nowhere in clear. status received → accepted → handling (an
--    administrative or criminal matter is open) | concluded (transferred, or closed with reasons).
--    feedback_at is the first feedback to the reporting unit; filed_at/filed_department the unit's 备案 with its
--    supervising department. A later case (modules/cases) refers to reports.id.
--  * report_attachments: files of a report, encrypted at rest (context report_attachments.content); capped in
--    size and number by policy (attachment_count is raised by a conditional UPDATE in the inserting transaction).
--  * report_events: the report's timeline (created, accepted, outcome, feedback, filed, escalated), notes
--    encrypted (context report_events.note).
--  * report_escalations: one supervision action per (report, overdue step: accept | feedback | outcome).
-- Overdue steps are computed when read, from the clock and the policies below. Times are epoch milliseconds.

CREATE TABLE reports (
    id {{id}},
    receipt_code TEXT NOT NULL UNIQUE,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    unit_category TEXT NOT NULL,
    station_id BIGINT REFERENCES units(id),
    trigger_code INTEGER NOT NULL,
    discovered_at BIGINT NOT NULL,
    reported_at BIGINT NOT NULL,
    late INTEGER NOT NULL DEFAULT 0,
    narrative_enc TEXT NOT NULL,
    child_enc TEXT NOT NULL,
    suspect_enc TEXT,
    reporter_enc TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'received',
    accepted_at BIGINT,
    accepted_by BIGINT REFERENCES users(id),
    outcome TEXT,
    outcome_at BIGINT,
    feedback_at BIGINT,
    filed_at BIGINT,
    filed_department TEXT,
    attachment_count INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX reports_unit ON reports(unit_id, reported_at);
CREATE INDEX reports_station ON reports(station_id, status);
CREATE INDEX reports_reported ON reports(reported_at);

CREATE TABLE report_attachments (
    id {{id}},
    report_id BIGINT NOT NULL REFERENCES reports(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content_enc TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX report_attachments_report ON report_attachments(report_id);

CREATE TABLE report_events (
    id {{id}},
    report_id BIGINT NOT NULL REFERENCES reports(id),
    kind TEXT NOT NULL,
    detail TEXT,
    note_enc TEXT,
    at BIGINT NOT NULL,
    by_user BIGINT REFERENCES users(id)
);
CREATE INDEX report_events_report ON report_events(report_id, at);

CREATE TABLE report_escalations (
    report_id BIGINT NOT NULL REFERENCES reports(id),
    step TEXT NOT NULL,
    action_id BIGINT NOT NULL REFERENCES supervision_actions(id),
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    PRIMARY KEY (report_id, step)
);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('reports.late_report_hours', '24', 'general', 'int', 0, 720, '强制报告：发现后超过此时限（小时）报告即为迟报', 0),
 ('reports.accept_hours', '24', 'general', 'int', 0, 720, '强制报告：公安机关受理时限（小时）', 0),
 ('reports.feedback_days', '3', 'general', 'int', 0, 90, '强制报告：受理后向报告单位反馈时限（天）', 0),
 ('reports.outcome_days', '30', 'general', 'int', 0, 365, '强制报告：受理后作出处理结论时限（天）', 0),
 ('reports.attachment_max_mb', '10', 'general', 'int', 1, 20, '强制报告：附件大小上限（MB）', 0),
 ('reports.attachments_per_report', '5', 'general', 'int', 1, 20, '强制报告：每份报告附件数量上限', 0),
 ('reports.small_count_threshold', '5', 'general', 'int', 1, 100, '强制报告统计：小于此数的计数显示为“<N”（公安除外）', 0);
