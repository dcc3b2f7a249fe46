/**
 * Authentication: the server API's bearer secret key and the admin token ({@link dev.starling.push.auth.SecretKeys}),
 * and the Beams auth tokens that tie a device to a user ({@link dev.starling.push.auth.BeamsToken}). Everything is
 * compared in constant time; a token's claims are read only after its signature checked out.
 */
package dev.starling.push.auth;
