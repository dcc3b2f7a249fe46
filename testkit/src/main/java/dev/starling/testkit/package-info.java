/**
 * Test utilities shared by the test suites of every module: a raw WebSocket client for exact-frame tests
 * ({@link dev.starling.testkit.WsClient}), a local webhook endpoint that verifies signatures
 * ({@link dev.starling.testkit.WebhookReceiver}), ready-made signed client frames ({@link dev.starling.testkit.Signing})
 * and hand-signed HTTP API requests ({@link dev.starling.testkit.SignedHttp}). Not shipped in any service.
 */
package dev.starling.testkit;
