-- Default policy values (DOMAIN.md: numbers are policy). Changed in the console, each change audited.
INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('session.idle_minutes', '30', 'security', 'int', 5, 480, '会话空闲超时（分钟）', 0),
 ('session.absolute_hours', '12', 'security', 'int', 1, 72, '会话最长有效期（小时）', 0),
 ('login.max_failures', '5', 'security', 'int', 3, 20, '登录失败锁定阈值（次）', 0),
 ('login.failure_window_minutes', '15', 'security', 'int', 1, 1440, '登录失败计数窗口（分钟）', 0),
 ('login.lockout_minutes', '15', 'security', 'int', 1, 1440, '账户锁定时长（分钟）', 0),
 ('password.min_length', '10', 'security', 'int', 8, 64, '密码最短长度', 0),
 ('totp.required_roles', 'sysadmin,secadmin,auditor,police', 'security', 'text', NULL, NULL, '必须启用两步验证的角色', 0),
 ('audit.retention_months', '6', 'general', 'int', 6, 120, '审计日志保存期限（月）', 0);
