/** Web Push delivery (RFC 8030/8291/8292) to the subscription endpoints the allowlist permits. */
package dev.starling.push.provider.webpush;
