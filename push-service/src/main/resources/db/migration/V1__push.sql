-- push-service schema. Devices and their interests (the registry), publishes and the per-device delivery queue,
-- dead letters, VAPID keys, and the webhook jobs handed over by the gateways.

CREATE TABLE push_vapid_key (
    instance_id  text PRIMARY KEY,
    public_key   text NOT NULL,   -- base64url, uncompressed P-256 point
    private_key  text NOT NULL,   -- base64url, 32-byte scalar
    created_at   timestamptz NOT NULL
);

CREATE TABLE push_device (
    id           text PRIMARY KEY,              -- web-…, fcm-…, apns-…
    instance_id  text NOT NULL,
    platform     text NOT NULL,                 -- web, fcm, apns
    token        text NOT NULL,
    user_id      text,
    metadata     text NOT NULL DEFAULT '{}',    -- JSON object
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT push_device_token_unique UNIQUE (instance_id, platform, token)
);
CREATE INDEX push_device_user ON push_device (instance_id, user_id) WHERE user_id IS NOT NULL;

CREATE TABLE push_device_interest (
    device_id    text NOT NULL REFERENCES push_device (id) ON DELETE CASCADE,
    interest     text NOT NULL,
    instance_id  text NOT NULL,
    PRIMARY KEY (device_id, interest)
);
CREATE INDEX push_device_interest_lookup ON push_device_interest (instance_id, interest);

-- An accepted publish. 'expanded' turns true once its deliveries (one per target device) are queued, in the same
-- transaction, so a crash in between expands it again rather than losing or doubling it.
CREATE TABLE push_publish (
    publish_id   text PRIMARY KEY,
    instance_id  text NOT NULL,
    interests    text[],
    users        text[],
    request      text NOT NULL,                 -- the Beams publish body, verbatim
    accepted_at  timestamptz NOT NULL,
    expanded     boolean NOT NULL DEFAULT false,
    expanded_at  timestamptz
);
CREATE INDEX push_publish_pending ON push_publish (accepted_at) WHERE NOT expanded;
CREATE INDEX push_publish_expanded ON push_publish (expanded_at) WHERE expanded;

-- One device's copy of a publish, waiting, leased by a process that is sending it, or waiting to be retried.
CREATE TABLE push_delivery (
    id             bigserial PRIMARY KEY,
    publish_id     text NOT NULL REFERENCES push_publish (publish_id) ON DELETE CASCADE,
    device_id      text NOT NULL REFERENCES push_device (id) ON DELETE CASCADE,
    instance_id    text NOT NULL,
    platform       text NOT NULL,
    accepted_at    timestamptz NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until    timestamptz,
    last_error     text,
    CONSTRAINT push_delivery_once UNIQUE (publish_id, device_id)
);
CREATE INDEX push_delivery_due ON push_delivery (instance_id, platform, next_attempt_at);

CREATE TABLE push_dead_letter (
    id           bigserial PRIMARY KEY,
    publish_id   text NOT NULL,
    instance_id  text NOT NULL,
    device_id    text NOT NULL,
    platform     text NOT NULL,
    token        text NOT NULL,
    request      text NOT NULL,
    accepted_at  timestamptz NOT NULL,
    attempts     integer NOT NULL,
    reason       text NOT NULL,
    dead_at      timestamptz NOT NULL
);
CREATE INDEX push_dead_letter_instance ON push_dead_letter (instance_id, id);

-- Webhook jobs from the {prefix}webhooks topic. state: pending, delivered, cancelled, dead.
CREATE TABLE webhook_job (
    id             text PRIMARY KEY,
    app_id         text NOT NULL,
    url            text NOT NULL,
    headers        text NOT NULL,               -- JSON object of strings, in the order received
    body           text NOT NULL,
    debounce_key   text,
    created_at     timestamptz NOT NULL,
    not_before     timestamptz NOT NULL,
    state          text NOT NULL,
    attempts       integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    lease_until    timestamptz,
    last_error     text,
    finished_at    timestamptz
);
CREATE INDEX webhook_job_due ON webhook_job (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_job_finished ON webhook_job (finished_at) WHERE state <> 'pending';
