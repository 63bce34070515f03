-- visits (走访): one row per visit to a child. visited_at is when the visit took place (epoch ms); method is
-- home | school | phone; urgent = 1 when the follow-up is urgent (the office is notified). version starts at 1
-- and grows with every edit: an edit names the version it was based on, so two offline edits of one visit are
-- detected instead of one silently overwriting the other. Times are epoch milliseconds.

CREATE TABLE visits (
    id {{id}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    visited_at BIGINT NOT NULL,
    visitor_person_id BIGINT REFERENCES care_persons(id),
    visitor_user_id BIGINT REFERENCES users(id),
    method TEXT NOT NULL,              -- home | school | phone
    findings TEXT NOT NULL,
    risks TEXT,
    follow_up TEXT,
    urgent INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    updated_by BIGINT REFERENCES users(id)
);
CREATE INDEX visits_child ON visits(child_id, visited_at);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('visits.interval_days.in_difficulty', '30', 'general', 'int', 1, 365, '走访周期：困境儿童（天）', 0),
 ('visits.interval_days.de_facto_orphan', '30', 'general', 'int', 1, 365, '走访周期：事实无人抚养儿童（天）', 0),
 ('visits.interval_days.left_behind', '90', 'general', 'int', 1, 365, '走访周期：留守儿童（天）', 0),
 ('visits.interval_days.default', '90', 'general', 'int', 1, 365, '走访周期：其他类别（天）', 0),
 ('visits.interval_days.high_risk', '30', 'general', 'int', 1, 365, '走访周期：高风险儿童（天）', 0),
 ('visits.due_soon_days', '7', 'general', 'int', 0, 90, '走访提醒：到期前提前提醒的天数', 0);
