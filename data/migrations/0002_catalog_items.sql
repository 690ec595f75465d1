-- What each cluster agent offered in a Beckn transaction, so select/init/confirm work
-- after a restart (a resumed graph talks to fresh agent objects).
CREATE TABLE catalog_items (
    transaction_id  VARCHAR NOT NULL,
    item_id         VARCHAR NOT NULL,
    provider        VARCHAR NOT NULL,
    record          JSON NOT NULL,
    PRIMARY KEY (transaction_id, item_id)
);
