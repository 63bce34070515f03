-- screening (从业查询; issue 5 items 3 and 4): the official channel and the annual re-check.
--  * screening_official_checks: the result of the national query (全国性侵违法犯罪信息查询) made through the
--    county education bureau or the police, recorded beside Hulei's own check: channel (教育局 | 公安机关),
--    query_date ('YYYY-MM-DD', not in the future), reference (the reference number of the answer), outcome
--    (未发现 | 发现记录), who recorded it and when (epoch milliseconds).
--  * policy screening.recheck_due_month_day: the day ('MM-DD') by which each year's re-check of hired staff is
--    due; a person last checked in an earlier year is due until then and overdue after it.

CREATE TABLE screening_official_checks (
    id {{id}},
    person_id BIGINT NOT NULL REFERENCES screening_persons(id),
    unit_id BIGINT NOT NULL REFERENCES units(id),
    channel TEXT NOT NULL,
    query_date TEXT NOT NULL,
    reference TEXT NOT NULL,
    outcome TEXT NOT NULL,
    recorded_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES users(id)
);
CREATE INDEX screening_official_checks_person ON screening_official_checks(person_id, query_date);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('screening.recheck_due_month_day', '03-31', 'general', 'month_day', NULL, NULL, '从业查询：每年复查截止日（月-日）', 0);
