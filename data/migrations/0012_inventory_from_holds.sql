-- GPU holds carry their time window: the free GPUs of a node at a time are its capacity
-- minus the holds whose window covers that time (a hold ends when its job ends, or when
-- it is released). `nodes.gpu_free_milli` is the capacity only; a reload never touches
-- reservations, so holds survive it.
ALTER TABLE reservations ADD COLUMN start TIMESTAMP;
ALTER TABLE reservations ADD COLUMN finish TIMESTAMP;
ALTER TABLE reservations ADD COLUMN released_at TIMESTAMP;
UPDATE reservations SET start = CAST(json_extract_string(o.record, '$.start') AS TIMESTAMP),
                        finish = CAST(json_extract_string(o.record, '$.finish') AS TIMESTAMP)
FROM orders o WHERE o.id = reservations.order_id;

-- The fleet's pod history (classes and counts), FGD's target workload on-prem.
CREATE TABLE placement_workload (
    cpu_milli   INTEGER NOT NULL,
    memory_mib  BIGINT  NOT NULL,
    num_gpu     INTEGER NOT NULL,
    gpu_milli   INTEGER NOT NULL,
    gpu_spec    VARCHAR NOT NULL,   -- '|'-separated GPU models, '' = any
    pods        BIGINT  NOT NULL,
    source      VARCHAR NOT NULL
);
