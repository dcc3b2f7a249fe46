/**
 * The push services, one {@link dev.starling.push.delivery.PushProvider} each, speaking the providers' real
 * protocols: Web Push (RFC 8030 requests, RFC 8291 aes128gcm payloads, RFC 8292 VAPID), FCM HTTP v1 with OAuth2
 * access tokens from a service account, and APNs over HTTP/2 with token authentication (Pushy). Every endpoint is
 * configurable so tests run against local servers that check what the real ones check.
 */
package dev.starling.push.provider;
