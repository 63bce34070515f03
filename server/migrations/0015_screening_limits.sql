-- screening (从业查询; issue 5 item 6): purpose and abuse limits.
--  * policy screening.max_checks_per_unit_per_day: the most persons a unit may check in one Asia/Shanghai
--    calendar day (a sheet's rows count one each); a request over it is refused whole (429 rate_limited).
--  * policies screening.anomaly_window_days, screening.anomaly_ratio, screening.anomaly_slack: a unit whose
--    checks in the window exceed ratio × its hired staff + slack raises an anomaly for the auditor;
--    screening.max_checks_per_person: one person (same ID blind index) checked more often than this in the
--    window raises one too.
--  * screening_anomalies: one row per (unit, kind, Shanghai day) an anomaly was raised, so that the audit
--    entry screening.anomaly is written once per unit, kind and day. Counts only: no name, no ID number.

CREATE TABLE screening_anomalies (
    unit_id BIGINT NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL,
    day TEXT NOT NULL,
    checks BIGINT NOT NULL,
    threshold BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (unit_id, kind, day)
);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('screening.max_checks_per_unit_per_day', '500', 'general', 'int', 1, 100000, '从业查询：每个单位每日最多查询人数', 0),
 ('screening.anomaly_window_days', '30', 'general', 'int', 1, 366, '从业查询：异常监测时间窗（天）', 0),
 ('screening.anomaly_ratio', '3', 'general', 'int', 1, 100, '从业查询：查询人次超过在职人数的倍数即为异常', 0),
 ('screening.anomaly_slack', '20', 'general', 'int', 0, 10000, '从业查询：异常监测的额外容许人次', 0),
 ('screening.max_checks_per_person', '5', 'general', 'int', 1, 1000, '从业查询：同一人在时间窗内最多被查询次数', 0);
