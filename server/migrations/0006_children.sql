-- children (重点儿童台账): one row per child. The ID number and the guardian's phone are encrypted
-- (Keyring, contexts children.id_number / children.guardian_phone); id_index is the blind index of the
-- normalised 18-character ID number, for exact lookups and duplicate detection without decrypting.
-- Times are epoch milliseconds; birth_date is 'YYYY-MM-DD'. A child is archived at 18, never deleted.

CREATE TABLE children (
    id {{id}},
    name TEXT NOT NULL,
    sex TEXT NOT NULL,                 -- M | F
    id_number_enc TEXT NOT NULL,
    id_index TEXT NOT NULL UNIQUE,
    birth_date TEXT NOT NULL,
    village_unit_id BIGINT NOT NULL REFERENCES units(id),
    school_unit_id BIGINT REFERENCES units(id),
    class_name TEXT,
    categories TEXT NOT NULL,          -- category codes joined by ','
    guardian TEXT,
    guardian_sex TEXT,                 -- M | F
    guardian_phone_enc TEXT,
    parents_workplace TEXT,
    carer TEXT,
    health_note TEXT,
    boarding INTEGER NOT NULL DEFAULT 0,
    risk_level TEXT NOT NULL DEFAULT 'low',   -- low | medium | high
    status TEXT NOT NULL DEFAULT 'active',    -- active | archived
    archived_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX children_village ON children(village_unit_id, status);
CREATE INDEX children_school ON children(school_unit_id);
CREATE INDEX children_name_birth ON children(name, birth_date);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('children.school_age_from', '6', 'general', 'int', 3, 18, '台账质量：应登记学校的最小年龄（周岁）', 0),
 ('children.school_age_to', '17', 'general', 'int', 3, 18, '台账质量：应登记学校的最大年龄（周岁）', 0);
