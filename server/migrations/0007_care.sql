-- care teams (四位一体): the care persons of villages, schools and police stations, and each child's assigned
-- persons per seat (village | teacher | police). The fourth member, the guardian, is the child's own
-- children.guardian / guardian_sex and is never stored here. phone_enc is encrypted (Keyring context
-- care_persons.phone). Times are epoch milliseconds.

CREATE TABLE care_persons (
    id {{id}},
    name TEXT NOT NULL,
    sex TEXT NOT NULL,                 -- M | F
    seat TEXT NOT NULL,                -- village | teacher | police
    role TEXT NOT NULL,                -- 村干部 | 儿童主任 | 教师 | 民警
    unit_id BIGINT NOT NULL REFERENCES units(id),
    phone_enc TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL
);
CREATE INDEX care_persons_unit ON care_persons(unit_id, active);

CREATE TABLE care_assignments (
    id {{id}},
    child_id BIGINT NOT NULL REFERENCES children(id),
    seat TEXT NOT NULL,                -- village | teacher | police
    person_id BIGINT NOT NULL REFERENCES care_persons(id),
    assigned_at BIGINT NOT NULL,
    UNIQUE (child_id, seat)
);
CREATE INDEX care_assignments_person ON care_assignments(person_id);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('care.max_girls_per_person', '5', 'general', 'int', 1, 100, '关爱团队：每名责任人最多联系的女童数', 0),
 ('care.max_children_per_person', '20', 'general', 'int', 1, 1000, '关爱团队：每名责任人最多联系的儿童数', 0),
 ('care.require_woman', '1', 'general', 'int', 0, 1, '关爱团队：每个团队至少有一名女性（1 是，0 否）', 0);
