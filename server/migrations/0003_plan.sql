-- plan: campaigns with phases, the task tree with responsible units, progress reports with attachments.
-- Times are epoch milliseconds (BIGINT); calendar dates (periods, deadlines) are 'YYYY-MM-DD' text in
-- Asia/Shanghai, which sorts and compares as text; booleans are 0/1 integers.

CREATE TABLE campaigns (
    id {{id}},
    name TEXT NOT NULL,
    doc_number TEXT,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    source_text TEXT,              -- the plan document's text as imported
    created_at BIGINT NOT NULL,
    created_by BIGINT,
    updated_at BIGINT NOT NULL
);

CREATE TABLE campaign_phases (
    id {{id}},
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    UNIQUE (campaign_id, name)
);

CREATE TABLE tasks (
    id {{id}},
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES tasks(id),
    number TEXT NOT NULL,          -- the plan's label path, e.g. 四/（二）/1
    seq INTEGER NOT NULL,          -- document order
    depth INTEGER NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    deadline_text TEXT,
    deadline_date TEXT,
    report_interval_days INTEGER,  -- NULL: policy plan.report_interval_days
    lead_unit_id BIGINT REFERENCES units(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (campaign_id, number)
);
CREATE INDEX tasks_campaign ON tasks(campaign_id, seq);

CREATE TABLE task_units (
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    seq INTEGER NOT NULL,          -- as listed in the plan, lead first
    is_lead INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, unit_id)
);
CREATE INDEX task_units_unit ON task_units(unit_id);

CREATE TABLE task_phases (
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    phase_id BIGINT NOT NULL REFERENCES campaign_phases(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, phase_id)
);

CREATE TABLE progress_reports (
    id {{id}},
    task_id BIGINT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    unit_id BIGINT NOT NULL REFERENCES units(id),
    content TEXT NOT NULL,
    completed INTEGER NOT NULL DEFAULT 0,
    reported_at BIGINT NOT NULL,
    reported_by BIGINT REFERENCES users(id),
    reported_by_name TEXT NOT NULL -- the reporter's display name at the time
);
CREATE INDEX progress_reports_task_unit ON progress_reports(task_id, unit_id, reported_at);
CREATE INDEX progress_reports_unit ON progress_reports(unit_id);

CREATE TABLE progress_attachments (
    id {{id}},
    report_id BIGINT NOT NULL REFERENCES progress_reports(id) ON DELETE CASCADE,
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content_base64 TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX progress_attachments_report ON progress_attachments(report_id);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('plan.attachment_max_mb', '10', 'general', 'int', 1, 20, '进展附件大小上限（MB）', 0),
 ('plan.report_interval_days', '30', 'general', 'int', 1, 366, '任务进展默认报送周期（天）', 0),
 ('plan.due_soon_days', '7', 'general', 'int', 0, 90, '任务即将到期提醒提前天数', 0);
