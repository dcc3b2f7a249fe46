-- Channel history written by history-service from the Kafka events topic. One row per channel message, keyed by its
-- position: stream_id = "<topic id>.<partition>", serial = the Kafka offset. Inserts are idempotent on that key.
CREATE TABLE channel_messages (
    stream_id       text        NOT NULL,
    serial          bigint      NOT NULL,
    app_id          text        NOT NULL,
    channel         text        NOT NULL,
    message_id      text        NOT NULL,
    event           text        NOT NULL,
    data            text,
    user_id         text,
    published_at_ms bigint      NOT NULL,
    written_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream_id, serial)
);

-- History queries (one channel of one stream, by serial range, either direction), oldest/newest serial, and
-- retention by count (oldest rows of a channel first).
CREATE INDEX channel_messages_by_channel ON channel_messages (app_id, channel, stream_id, serial);

-- Retention by age, per app.
CREATE INDEX channel_messages_by_age ON channel_messages (app_id, published_at_ms);

-- One row per channel and stream that has history: its exact row count (kept in the same transactions that insert
-- and delete rows), so retention by count visits only the channels that exceed their limit.
CREATE TABLE history_channels (
    app_id          text        NOT NULL,
    channel         text        NOT NULL,
    stream_id       text        NOT NULL,
    row_count       bigint      NOT NULL,
    newest_serial   bigint      NOT NULL,
    last_written_at timestamptz NOT NULL,
    PRIMARY KEY (app_id, channel, stream_id)
);

CREATE INDEX history_channels_by_count ON history_channels (row_count);

-- Per stream (= partition of the events topic): every record with an offset <= written_through has been written
-- (or skipped as undecodable). Updated in the transaction that writes the rows.
CREATE TABLE stream_progress (
    stream_id       text        PRIMARY KEY,
    topic           text        NOT NULL,
    partition_id    integer     NOT NULL,
    written_through bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);
