-- Interruptible plans (issue 13): an interruptible quote's run hours, grouped into segments of
-- consecutive hours, are followed on Slurm: the job starts at the first segment's begin, is
-- suspended (`scontrol suspend`) at each segment's end and resumed at the next one's begin.
-- One row per segment of each attempt. The dispatcher reads the job's state back from Slurm
-- every pass and records here what it found or did, so one killed between passes catches up.
CREATE TABLE job_segments (
    order_id     VARCHAR NOT NULL,
    attempt      INTEGER NOT NULL,
    segment      INTEGER NOT NULL,    -- 1, 2, ... in the plan's order
    segments     INTEGER NOT NULL,    -- how many the plan has
    begin_clock  TIMESTAMP NOT NULL,  -- the segment's first hour (decision clock)
    end_clock    TIMESTAMP NOT NULL,  -- the hour after its last (exclusive)
    begin_wall   TIMESTAMP NOT NULL,  -- the same two on the wall clock (UTC)
    end_wall     TIMESTAMP NOT NULL,
    state        VARCHAR NOT NULL,    -- planned running done skipped overrun refused unused
    ran_from     TIMESTAMP,           -- wall time the job was first seen running in it
    ran_to       TIMESTAMP,           -- wall time it was suspended (or ended) after it
    detail       VARCHAR,             -- why skipped, overrun or refused (Slurm's words)
    PRIMARY KEY (order_id, attempt, segment)
);
