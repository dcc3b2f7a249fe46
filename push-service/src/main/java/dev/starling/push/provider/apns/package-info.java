/** APNs delivery over HTTP/2 with token authentication (Pushy), one client per instance. */
package dev.starling.push.provider.apns;
