-- Dispatch (issue 15): each order's run on an engine, every attempt and every state change,
-- the launch spec of cloud orders, the dispatcher's heartbeat, and NVML's energy counter.
ALTER TABLE gpu_metrics ADD COLUMN energy_mj DOUBLE;  -- cumulative NVML energy counter, mJ

-- One row per submission of an order to the engine (a retry is a new attempt).
CREATE TABLE job_attempts (
    order_id       VARCHAR NOT NULL,
    attempt        INTEGER NOT NULL,     -- 1, 2, ...
    engine         VARCHAR NOT NULL,     -- slurm
    engine_job_id  VARCHAR,              -- NULL until the engine answered the submit
    state          VARCHAR NOT NULL,     -- SUBMITTING SUBMITTED PENDING RUNNING COMPLETED FAILED CANCELLED REJECTED
    reason         VARCHAR,              -- why it is in this state (engine's words), or why retried
    requeues       INTEGER NOT NULL DEFAULT 0,  -- engine restarts of this job (preemption)
    created_at     TIMESTAMP NOT NULL,
    submitted_at   TIMESTAMP,
    visible_at     TIMESTAMP,            -- first seen in the engine's queue
    started_at     TIMESTAMP,
    ended_at       TIMESTAMP,
    nodes          VARCHAR,              -- Slurm's node list
    gpus           VARCHAR,              -- GPU indices per node while it ran, 'n1:0,1;n2:3'
    exit_code      INTEGER,
    measured_kwh   DOUBLE,               -- from the NVML energy counter over the run, if sampled
    PRIMARY KEY (order_id, attempt)
);

-- Every state change of every attempt, in order.
CREATE TABLE job_events (
    order_id  VARCHAR NOT NULL,
    attempt   INTEGER NOT NULL,
    ts        TIMESTAMP NOT NULL,
    state     VARCHAR NOT NULL,
    detail    VARCHAR
);

-- What the user's own tool runs for a cloud or marketplace order (gridwise never launches it).
CREATE TABLE launch_specs (
    order_id    VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,        -- skypilot
    spec        VARCHAR NOT NULL,        -- the YAML text
    validated   VARCHAR NOT NULL,        -- 'skypilot <version>' or why it was not checked
    created_at  TIMESTAMP NOT NULL
);

-- The dispatcher's heartbeat and counters (one row per dispatcher process).
CREATE TABLE dispatcher_runs (
    id            VARCHAR PRIMARY KEY,
    pid           INTEGER NOT NULL,
    started_at    TIMESTAMP NOT NULL,
    heartbeat_at  TIMESTAMP NOT NULL,
    ticks         BIGINT NOT NULL,
    submitted     BIGINT NOT NULL,
    retries       BIGINT NOT NULL,
    last_error    VARCHAR
);

-- How long quoting and deciding took (for the metrics' latency histograms).
CREATE TABLE latencies (
    ts       TIMESTAMP NOT NULL,
    kind     VARCHAR NOT NULL,          -- quote | decision
    seconds  DOUBLE NOT NULL,
    ref      VARCHAR                    -- the decision id, when there is one
);
