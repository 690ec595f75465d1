-- gridwise schema v1. Applied in order by gridwise.store; never edit an applied migration,
-- add a new numbered file instead.

CREATE TABLE data_sources (
    name        VARCHAR PRIMARY KEY,  -- e.g. 'catalog/lambda.csv'
    sha256      VARCHAR NOT NULL,
    rows        BIGINT  NOT NULL,
    licence     VARCHAR NOT NULL,
    loaded_at   TIMESTAMP NOT NULL
);

CREATE TABLE accelerators (
    name              VARCHAR PRIMARY KEY,
    vendor            VARCHAR NOT NULL,
    variant           VARCHAR,
    memory_gb         DOUBLE NOT NULL,
    power_w           DOUBLE,
    peak_tflops_bf16  DOUBLE,
    consumer          BOOLEAN NOT NULL,
    source            VARCHAR NOT NULL
);

CREATE TABLE accelerator_aliases (
    alias  VARCHAR PRIMARY KEY,   -- normalised: lower-case letters and digits only
    name   VARCHAR NOT NULL
);

CREATE TABLE providers (
    id      VARCHAR PRIMARY KEY,  -- aws, gcp, azure, lambda, nebius, vast, hyperbolic, lium, onprem
    name    VARCHAR NOT NULL,
    kind    VARCHAR NOT NULL,     -- cloud | onprem | tpu | marketplace | decentralised
    source  VARCHAR NOT NULL
);

CREATE TABLE regions (
    provider      VARCHAR NOT NULL,
    region        VARCHAR NOT NULL,
    country       VARCHAR,
    area          VARCHAR,
    subarea       VARCHAR,
    carbon_zone   VARCHAR,
    zone_proxy    BOOLEAN NOT NULL,
    price_market  VARCHAR,
    market_proxy  BOOLEAN NOT NULL,
    PRIMARY KEY (provider, region)
);

CREATE TABLE clusters (
    id                   VARCHAR PRIMARY KEY,  -- '<provider>:<region>' or an on-prem name
    provider             VARCHAR NOT NULL,
    kind                 VARCHAR NOT NULL,
    region               VARCHAR NOT NULL,
    carbon_zone          VARCHAR,
    price_market         VARCHAR,
    country              VARCHAR,
    area                 VARCHAR,
    pue                  DOUBLE NOT NULL,
    capex_usd_per_gpu_h  DOUBLE,
    note                 VARCHAR
);

CREATE TABLE nodes (
    name             VARCHAR PRIMARY KEY,
    cluster          VARCHAR NOT NULL,
    gpu_model        VARCHAR,          -- as in the inventory (e.g. V100M32, G2)
    accelerator      VARCHAR,          -- canonical accelerator name, NULL if undisclosed
    gpu_count        INTEGER NOT NULL,
    cpu_milli        INTEGER NOT NULL,
    memory_mib       BIGINT  NOT NULL,
    gpu_free_milli   INTEGER[] NOT NULL,
    cpu_free_milli   INTEGER NOT NULL,
    memory_free_mib  BIGINT  NOT NULL
);

CREATE TABLE instance_prices (
    provider                VARCHAR NOT NULL,
    kind                    VARCHAR NOT NULL,
    region                  VARCHAR NOT NULL,
    zone                    VARCHAR,
    instance_type           VARCHAR,
    accelerator_raw         VARCHAR NOT NULL,  -- as the catalog spells it
    accelerator             VARCHAR,           -- canonical, NULL if not in accelerators
    accelerator_count       DOUBLE NOT NULL,   -- GPUs (or chips for TPU slices); <1 = partitioned
    vcpus                   DOUBLE,
    memory_gib              DOUBLE,
    gpu_memory_gb           DOUBLE,
    price_usd_per_h         DOUBLE,            -- NULL = no on-demand price / unavailable
    spot_price_usd_per_h    DOUBLE,            -- NULL = no spot offer
    source_file             VARCHAR NOT NULL,
    note                    VARCHAR
);

CREATE TABLE carbon_intensity (
    ts                    TIMESTAMP NOT NULL,   -- interval start, UTC
    zone                  VARCHAR NOT NULL,
    gco2_per_kwh          DOUBLE NOT NULL,      -- life-cycle (LCA) intensity
    gco2_direct_per_kwh   DOUBLE,               -- direct (combustion) intensity, where given
    kind                  VARCHAR NOT NULL,     -- actual | forecast
    estimated             BOOLEAN,
    source                VARCHAR NOT NULL
);

CREATE TABLE energy_price (
    ts                 TIMESTAMP NOT NULL,      -- hour start, UTC
    zone               VARCHAR NOT NULL,        -- price market id
    price              DOUBLE NOT NULL,         -- local currency per MWh, as published
    currency           VARCHAR NOT NULL,
    price_usd_per_mwh  DOUBLE NOT NULL,         -- at the fixed rate in fx_rates
    source             VARCHAR NOT NULL
);

CREATE TABLE fx_rates (
    currency      VARCHAR PRIMARY KEY,
    usd_per_unit  DOUBLE NOT NULL,
    as_of         DATE NOT NULL,
    source        VARCHAR NOT NULL
);

CREATE TABLE gpu_metrics (
    ts            TIMESTAMP NOT NULL,
    node          VARCHAR NOT NULL,
    gpu           INTEGER NOT NULL,
    util          DOUBLE,
    mem_used_mib  DOUBLE,
    power_w       DOUBLE,
    temp_c        DOUBLE,
    source        VARCHAR NOT NULL   -- nvml | trace | manual
);

CREATE TABLE jobs (
    id          VARCHAR PRIMARY KEY,
    created_at  TIMESTAMP NOT NULL,
    spec        JSON NOT NULL,
    status      VARCHAR NOT NULL
);

CREATE TABLE decisions (
    id            VARCHAR PRIMARY KEY,
    created_at    TIMESTAMP NOT NULL,
    clock         TIMESTAMP NOT NULL,
    request_text  VARCHAR,
    job_id        VARCHAR,
    chosen        VARCHAR,
    record        JSON NOT NULL
);

CREATE TABLE quotes (
    decision_id  VARCHAR NOT NULL,
    idx          INTEGER NOT NULL,
    cluster      VARCHAR NOT NULL,
    accelerator  VARCHAR NOT NULL,
    count        INTEGER NOT NULL,
    start        TIMESTAMP NOT NULL,
    finish       TIMESTAMP NOT NULL,
    cost_usd     DOUBLE NOT NULL,
    kg_co2e      DOUBLE NOT NULL,
    record       JSON NOT NULL,
    PRIMARY KEY (decision_id, idx)
);

CREATE TABLE orders (
    id              VARCHAR PRIMARY KEY,
    transaction_id  VARCHAR NOT NULL UNIQUE,
    decision_id     VARCHAR NOT NULL,
    status          VARCHAR NOT NULL,
    start           TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    record          JSON NOT NULL
);

CREATE TABLE eval_runs (
    id          VARCHAR PRIMARY KEY,
    kind        VARCHAR NOT NULL,
    started_at  TIMESTAMP NOT NULL,
    params      JSON NOT NULL,
    results     JSON NOT NULL,
    versions    JSON
);
