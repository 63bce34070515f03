-- screening (从业查询): each screened person's match keys as blind indexes — the same keyed hashes as
-- registry_match_keys (kind exact | name_birth_sex) — written at every check, so that continuous monitoring finds
-- the employed staff a new or corrected registry record matches by index, instead of decrypting and re-keying
-- every employed person on every registry write. Persons screened before this migration (keyed = 0) are keyed
-- by the monitor the next time it runs.
CREATE TABLE screening_person_keys (
    person_id BIGINT NOT NULL REFERENCES screening_persons(id),
    kind TEXT NOT NULL,
    key_index TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, key_index)
);
CREATE INDEX screening_person_keys_index ON screening_person_keys(key_index);
ALTER TABLE screening_persons ADD COLUMN keyed INTEGER NOT NULL DEFAULT 0;
