/** FCM HTTP v1 delivery with OAuth2 access tokens minted from the instance's service account. */
package dev.starling.push.provider.fcm;
