-- GPUs an on-prem order holds (one row per node), written once per order id, so a
-- retried confirm never reserves twice.
CREATE TABLE reservations (
    order_id  VARCHAR NOT NULL,
    node      VARCHAR NOT NULL,
    gpus      INTEGER[] NOT NULL,
    PRIMARY KEY (order_id, node)
);
