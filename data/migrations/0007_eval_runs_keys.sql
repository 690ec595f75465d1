-- Batch evaluation runs (issue 14): one row per scenario x policy x reserved x seed, keyed by
-- a hash of them (`id`), written in one statement when the run has finished, so a killed batch
-- leaves only complete rows and resumes where it stopped.
ALTER TABLE eval_runs ADD COLUMN scenario VARCHAR;
ALTER TABLE eval_runs ADD COLUMN policy VARCHAR;
ALTER TABLE eval_runs ADD COLUMN reserved INTEGER;
ALTER TABLE eval_runs ADD COLUMN seed INTEGER;
ALTER TABLE eval_runs ADD COLUMN finished_at TIMESTAMP;
ALTER TABLE eval_runs ADD COLUMN wall_s DOUBLE;
