-- Carbon forecasts published by a provider (Electricity Maps `forecast` written by
-- `gridwise data fetch`), kept apart from the actual series: quotes use one when it was made
-- before the clock and covers the hours after it (labelled), never as history.
CREATE TABLE published_forecast (
    ts            TIMESTAMP NOT NULL,   -- hour start, UTC
    zone          VARCHAR NOT NULL,
    gco2_per_kwh  DOUBLE NOT NULL,      -- life-cycle intensity, as published
    made_at       TIMESTAMP NOT NULL,   -- when the provider made it (updatedAt)
    source        VARCHAR NOT NULL
);
