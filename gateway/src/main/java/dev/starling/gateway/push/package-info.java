/**
 * Channel publishes that push: a publish whose body carries {@code "extras":{"push":{…}}} (a Beams publish body)
 * for an app with a {@code push} setting is also handed to push-service, to the interest of each of its channels —
 * through the Kafka {@code push} topic in cluster mode, through push-service's HTTP API on a single node.
 */
package dev.starling.gateway.push;
