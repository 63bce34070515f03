-- plan: a cap on the number of files attached to one progress report (each file is already capped by
-- plan.attachment_max_mb), so that one unit's account cannot fill the database.
INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('plan.attachments_per_report', '10', 'general', 'int', 1, 50, '每份进展报告附件数量上限', 0);
