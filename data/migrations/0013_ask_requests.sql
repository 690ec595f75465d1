-- Each new `ask` is keyed by what makes it the same request (text, clock, dataset, choice
-- flags, LLM backend); an identical request within the dedupe window finds the first
-- thread (and its order) instead of ordering again.
CREATE TABLE ask_requests (
    key         VARCHAR NOT NULL,
    thread_id   VARCHAR NOT NULL PRIMARY KEY,
    created_at  TIMESTAMP NOT NULL
);
