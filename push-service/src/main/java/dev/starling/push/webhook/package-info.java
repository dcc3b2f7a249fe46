/**
 * Durable webhooks (cluster mode): the gateways sign webhook bodies and hand them to the {@code {prefix}webhooks}
 * topic as jobs (with cancels for debounced ones); push-service stores them before committing the offsets
 * ({@link dev.starling.push.webhook.WebhookStore}) and delivers them at or after their {@code not_before}, retrying
 * for {@code retry-for} ({@link dev.starling.push.webhook.WebhookEngine}). push-service holds no app secret: it
 * sends the gateway's headers and body verbatim.
 */
package dev.starling.push.webhook;
