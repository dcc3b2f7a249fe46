/**
 * The device registry: devices, their interests and users ({@link dev.starling.push.device.DeviceRegistry}, Hibernate
 * Reactive over PostgreSQL), and what a device token must be before it is stored
 * ({@link dev.starling.push.device.DeviceTokens}): a Web Push subscription only to an allowed push service
 * ({@link dev.starling.push.device.EndpointAllowlist}, checked again before every delivery), a well-formed FCM
 * registration token, a hex APNs token.
 */
package dev.starling.push.device;
