/**
 * The HTTP APIs, thin resources over the services: the Beams server API ({@code publish_api}, {@code user_api}),
 * the device API the client SDKs call ({@code device_api}), the SDKs' reporting endpoint and the admin API for dead
 * letters. Errors are answered by {@link dev.starling.push.error.ApiExceptionMapper}.
 */
package dev.starling.push.api;
