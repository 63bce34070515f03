-- visits: a phone retries a save whose answer it lost, so a create and a photo upload may arrive twice.
--  * visits.client_id: the id the phone gave the visit (1–64 of [A-Za-z0-9_-]); a second create with the same id
--    answers the stored visit instead of recording it again. Unique over all visits (NULLs do not collide).
--  * visit_photos.client_id: the same for a photo, unique within its visit.
--  * visits.photo_count: the photos of the visit, raised by a conditional UPDATE (photo_count < the policy
--    visits.photos_per_visit) in the transaction that inserts the photo, so two concurrent uploads cannot pass
--    the cap together. Backfilled from visit_photos.

ALTER TABLE visits ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX visits_client_id ON visits(client_id);
ALTER TABLE visit_photos ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX visit_photos_client_id ON visit_photos(visit_id, client_id);
ALTER TABLE visits ADD COLUMN photo_count INTEGER NOT NULL DEFAULT 0;
UPDATE visits SET photo_count = (SELECT count(*) FROM visit_photos p WHERE p.visit_id = visits.id);
