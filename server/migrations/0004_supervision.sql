-- supervision (督办): actions addressed to one unit each, and the unit's responses (evidence).
-- Times are epoch milliseconds; deadlines are 'YYYY-MM-DD' (Asia/Shanghai).

CREATE TABLE supervision_actions (
    id {{id}},
    kind TEXT NOT NULL,            -- notice | warning | listed | inspection | unannounced
    unit_id BIGINT NOT NULL REFERENCES units(id),
    campaign_id BIGINT REFERENCES campaigns(id),
    task_id BIGINT REFERENCES tasks(id),
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    deadline TEXT,                 -- rectification deadline (required for listed)
    findings TEXT,                 -- inspection / unannounced visit findings for this unit
    status TEXT NOT NULL,          -- open | closed
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL,
    closed_at BIGINT,
    closed_by BIGINT REFERENCES users(id),
    closed_by_name TEXT,
    close_note TEXT
);
CREATE INDEX supervision_actions_unit ON supervision_actions(unit_id, status);
CREATE INDEX supervision_actions_campaign ON supervision_actions(campaign_id);
CREATE INDEX supervision_actions_task_unit ON supervision_actions(task_id, unit_id);

CREATE TABLE supervision_responses (
    id {{id}},
    action_id BIGINT NOT NULL REFERENCES supervision_actions(id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id),
    created_by_name TEXT NOT NULL
);
CREATE INDEX supervision_responses_action ON supervision_responses(action_id);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('supervision.notice_after_days', '7', 'general', 'int', 0, 365, '逾期多少天后建议通报提醒', 0),
 ('supervision.warning_after_days', '21', 'general', 'int', 0, 365, '逾期多少天后建议约谈警示', 0),
 ('supervision.listed_after_days', '45', 'general', 'int', 0, 730, '逾期多少天后建议挂牌整治', 0),
 ('supervision.rectification_days', '30', 'general', 'int', 1, 365, '挂牌整治默认整改期限（天）', 0);
