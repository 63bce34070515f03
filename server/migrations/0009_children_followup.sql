-- children, follow-up of visits and care teams (issue 4 items 4–7):
--  * visits: suspected_harm = 1 when what was found describes harm to the child (the console then offers to start
--    a mandatory report); an urgent follow-up stays on the office's to-do until an office user acknowledges it
--    (urgent_ack_at / urgent_ack_by / urgent_ack_note).
--  * visit_photos: photos taken on a visit, encrypted at rest (Keyring context visit_photos.content), capped in
--    size and number by policy.
--  * care_persons.user_id: the console account of a care person, when he has one — his to-do then lists the due
--    visits of the children on his teams.
--  * police_coverage: which villages a police station covers. A station with no row covers every village of its
--    township (the default of the plan); once rows exist for a station, it covers exactly those villages.
-- Times are epoch milliseconds.

ALTER TABLE visits ADD COLUMN suspected_harm INTEGER NOT NULL DEFAULT 0;
ALTER TABLE visits ADD COLUMN urgent_ack_at BIGINT;
ALTER TABLE visits ADD COLUMN urgent_ack_by BIGINT REFERENCES users(id);
ALTER TABLE visits ADD COLUMN urgent_ack_note TEXT;
CREATE INDEX visits_urgent_open ON visits(urgent, urgent_ack_at);

CREATE TABLE visit_photos (
    id {{id}},
    visit_id BIGINT NOT NULL REFERENCES visits(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,        -- image/jpeg | image/png | image/webp
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,              -- of the plain bytes
    content_enc TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users(id)
);
CREATE INDEX visit_photos_visit ON visit_photos(visit_id);

ALTER TABLE care_persons ADD COLUMN user_id BIGINT REFERENCES users(id);
CREATE INDEX care_persons_user ON care_persons(user_id);

CREATE TABLE police_coverage (
    station_id BIGINT NOT NULL REFERENCES units(id),
    village_id BIGINT NOT NULL REFERENCES units(id),
    PRIMARY KEY (station_id, village_id)
);

INSERT INTO policies (key, value, kind, value_type, min_value, max_value, label_zh, updated_at) VALUES
 ('visits.photo_max_mb', '5', 'general', 'int', 1, 20, '走访照片大小上限（MB）', 0),
 ('visits.photos_per_visit', '6', 'general', 'int', 1, 20, '每次走访照片数量上限', 0),
 ('children.archive_interval_hours', '24', 'general', 'int', 1, 168, '满18周岁自动归档的检查间隔（小时）', 0),
 ('todo.visits_max_items', '50', 'general', 'int', 10, 500, '待办中列出的走访条数上限', 0);
