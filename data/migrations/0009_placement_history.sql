-- Pods a cluster has placed (or was seeded with from a trace): the prior of online
-- placement policies (fgd-online, fgd-reserve). One row per placed pod; gpu_spec is the
-- '|'-joined list of allowed GPU models, '' for any model.
CREATE TABLE placement_history (
    cluster     VARCHAR NOT NULL,
    placed_at   TIMESTAMP NOT NULL,
    cpu_milli   INTEGER NOT NULL,
    memory_mib  BIGINT NOT NULL,
    num_gpu     INTEGER NOT NULL,
    gpu_milli   INTEGER NOT NULL,
    gpu_spec    VARCHAR NOT NULL,
    source      VARCHAR NOT NULL
);
