-- Hold and re-check (issue 13): a deferred on-prem job waiting in Slurm re-decides its start
-- once per hour of the decision's clock, on the forecast made then. One row per re-check;
-- a move or release is written as 'pending' before Slurm is asked and completed after, so a
-- dispatcher killed in between finds the intent and reconciles it with what Slurm reports.
CREATE TABLE job_rechecks (
    id            VARCHAR PRIMARY KEY,  -- 'rc-' + random hex
    order_id      VARCHAR NOT NULL,
    attempt       INTEGER NOT NULL,
    ts            TIMESTAMP NOT NULL,   -- wall time of the re-check (UTC)
    clock         TIMESTAMP NOT NULL,   -- the decision clock that wall time maps to
    made_at       TIMESTAMP,            -- the clock the forecast was made at (NULL: none made)
    series        VARCHAR NOT NULL,     -- 'carbon_intensity:lca', 'carbon_intensity:direct', 'energy_price'
    zone          VARCHAR NOT NULL,     -- carbon zone or price market
    model         VARCHAR,              -- the forecast model used (its label is in detail)
    old_start     TIMESTAMP NOT NULL,   -- the start before the re-check (decision clock)
    new_start     TIMESTAMP NOT NULL,   -- the start after it (decision clock)
    old_value     DOUBLE,               -- the forecast's mean over the old start's hours
    new_value     DOUBLE,               -- ... over the new start's hours
    unit          VARCHAR NOT NULL,     -- gCO2/kWh or USD/MWh
    action        VARCHAR NOT NULL,     -- keep | move | release
    outcome       VARCHAR NOT NULL,     -- pending | kept | moved | released | no_forecast | refused | started | not_applied
    engine_begin  TIMESTAMP,            -- the wall begin time asked of Slurm (moves)
    why           VARCHAR NOT NULL,     -- the rule's reason, or why nothing could be decided
    detail        VARCHAR               -- the forecast's label; Slurm's words when it refused
);
