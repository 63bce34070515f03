-- screening (从业查询): every check counts the unit's checks since a moment (the daily limit, the anomaly window)
-- and its hired staff (the anomaly threshold). Without these covering indexes each count read whole tables, and
-- single checks slowed as a unit's history grew.
CREATE INDEX screening_checks_unit ON screening_checks(unit_id, checked_at, purpose);
CREATE INDEX screening_persons_unit_hired ON screening_persons(unit_id, hired);
