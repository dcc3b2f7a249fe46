/**
 * What a node does with what the cluster delivers: channel messages go to local subscribers (one encoded frame for
 * all of them), state updates are applied to the {@link dev.starling.gateway.cluster.ClusterState} replica and the
 * resulting transitions are turned into member events, subscription counts, watchlist events and — on the node
 * that caused them — webhooks.
 */
package dev.starling.gateway.fanout;
