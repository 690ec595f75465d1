-- The operator console (issue 16): who asked for each decision, which decision a
-- follow-up re-ranked, and Chainlit's chat history (users, threads, steps, elements,
-- feedback) kept in the project's own store instead of a separate database.
CREATE TABLE console_decisions (
    decision_id  VARCHAR PRIMARY KEY,
    user_id      VARCHAR NOT NULL,     -- the operator's login
    team         VARCHAR,
    thread_id    VARCHAR,              -- the graph's (and the chat's) conversation thread
    parent_id    VARCHAR,              -- the decision a follow-up re-ranked
    change       VARCHAR,              -- what the follow-up changed, e.g. 'exclude lium'
    created_at   TIMESTAMP NOT NULL
);

CREATE TABLE console_users (
    id          VARCHAR PRIMARY KEY,
    identifier  VARCHAR NOT NULL UNIQUE,
    created_at  VARCHAR NOT NULL,
    metadata    JSON NOT NULL
);

CREATE TABLE console_threads (
    id               VARCHAR PRIMARY KEY,
    user_identifier  VARCHAR,
    created_at       VARCHAR NOT NULL,
    record           JSON NOT NULL        -- name, tags, metadata, user id
);

CREATE TABLE console_steps (
    id          VARCHAR PRIMARY KEY,
    thread_id   VARCHAR NOT NULL,
    created_at  VARCHAR,
    record      JSON NOT NULL             -- the Chainlit StepDict
);

CREATE TABLE console_elements (
    id         VARCHAR PRIMARY KEY,
    thread_id  VARCHAR,
    for_id     VARCHAR,
    record     JSON NOT NULL              -- the Chainlit ElementDict (content inline)
);

CREATE TABLE console_feedback (
    id       VARCHAR PRIMARY KEY,
    for_id   VARCHAR NOT NULL,
    value    INTEGER NOT NULL,
    comment  VARCHAR
);
