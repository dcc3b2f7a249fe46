package dev.starling.gateway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.frame.PresenceMember;

/** Every transition {@link ClusterState} derives from the update stream, and its queries. */
class ClusterStateTest {

    private static final String APP = "app";
    private static final String SELF = "node-a";
    private static final String OTHER = "node-b";
    private static final int MAX_MEMBERS = 3;

    private final ClusterState state = new ClusterState(SELF, appId -> MAX_MEMBERS);

    // ---- presence ---------------------------------------------------------------------------------------------

    @Test
    void firstSocketOfAPresenceChannelAddsTheMemberAndOccupiesIt() {
        Transition t = state.apply(join("presence-a", "s1", OTHER, "u1", "{\"name\":\"Ann\"}"));

        assertThat(t.accepted()).isTrue();
        assertThat(t.memberAdded()).isEqualTo(new PresenceMember("u1", "{\"name\":\"Ann\"}"));
        assertThat(t.occupied()).isTrue();
        assertThat(t.vacated()).isFalse();
        assertThat(t.memberRemoved()).isNull();
        assertThat(t.subscriptionCount()).isEqualTo(1);
        assertThat(state.channel(APP, "presence-a")).isEqualTo(new ClusterState.ChannelInfo(true, 1, 1));
    }

    @Test
    void secondSocketOfTheSameUserAddsNoMember() {
        state.apply(join("presence-a", "s1", SELF, "u1", null));
        Transition t = state.apply(join("presence-a", "s2", OTHER, "u1", null));

        assertThat(t.accepted()).isTrue();
        assertThat(t.memberAdded()).isNull();
        assertThat(t.occupied()).isFalse();
        assertThat(t.subscriptionCount()).isEqualTo(2);
        assertThat(state.channel(APP, "presence-a")).isEqualTo(new ClusterState.ChannelInfo(true, 2, 1));
    }

    @Test
    void onlyTheLastSocketOfAUserRemovesTheMemberAndTheLastOfTheChannelVacatesIt() {
        state.apply(join("presence-a", "s1", SELF, "u1", null));
        state.apply(join("presence-a", "s2", OTHER, "u1", null));
        state.apply(join("presence-a", "s3", OTHER, "u2", null));

        Transition first = state.apply(leave("presence-a", "s1", SELF));
        assertThat(first.accepted()).isTrue();
        assertThat(first.memberRemoved()).isNull();
        assertThat(first.vacated()).isFalse();

        Transition lastOfU1 = state.apply(leave("presence-a", "s2", OTHER));
        assertThat(lastOfU1.memberRemoved()).isEqualTo("u1");
        assertThat(lastOfU1.vacated()).isFalse();
        assertThat(lastOfU1.subscriptionCount()).isEqualTo(1);

        Transition last = state.apply(leave("presence-a", "s3", OTHER));
        assertThat(last.memberRemoved()).isEqualTo("u2");
        assertThat(last.vacated()).isTrue();
        assertThat(last.subscriptionCount()).isZero();
        assertThat(state.channel(APP, "presence-a")).isEqualTo(new ClusterState.ChannelInfo(false, 0, 0));
        assertThat(state.occupiedChannels(APP, "")).isEmpty();
    }

    @Test
    void theMemberLimitRefusesANewUserButNotAnotherSocketOfAMember() {
        for (int i = 1; i <= MAX_MEMBERS; i++) {
            assertThat(state.apply(join("presence-full", "s" + i, OTHER, "u" + i, null)).accepted()).isTrue();
        }

        Transition refused = state.apply(join("presence-full", "s9", SELF, "u9", null));
        assertThat(refused.accepted()).isFalse();
        assertThat(refused.memberAdded()).isNull();
        assertThat(refused.members()).isNull();
        assertThat(refused.occupied()).isFalse();
        assertThat(state.userIds(APP, "presence-full")).containsExactly("u1", "u2", "u3");

        Transition again = state.apply(join("presence-full", "s10", SELF, "u2", null));
        assertThat(again.accepted()).isTrue();
        assertThat(again.memberAdded()).isNull();
        assertThat(state.channel(APP, "presence-full")).isEqualTo(new ClusterState.ChannelInfo(true, 4, 3));

        // the refused socket was never a member: its leave is ignored
        assertThat(state.apply(leave("presence-full", "s9", SELF)).accepted()).isFalse();
        assertThat(state.channel(APP, "presence-full").subscriptionCount()).isEqualTo(4);
    }

    @Test
    void theMemberLimitIsReadPerApp() {
        ClusterState perApp = new ClusterState(SELF, appId -> appId.equals("small") ? 1 : 100);
        perApp.apply(new StateUpdate.PresenceJoined("small", "presence-x", "s1", OTHER, "u1", null));
        assertThat(perApp.apply(new StateUpdate.PresenceJoined("small", "presence-x", "s2", OTHER, "u2", null)).accepted())
                .isFalse();
        perApp.apply(new StateUpdate.PresenceJoined("big", "presence-x", "s1", OTHER, "u1", null));
        assertThat(perApp.apply(new StateUpdate.PresenceJoined("big", "presence-x", "s2", OTHER, "u2", null)).accepted())
                .isTrue();
    }

    @Test
    void aDuplicateJoinChangesNothing() {
        state.apply(join("presence-a", "s1", OTHER, "u1", null));
        Transition duplicate = state.apply(join("presence-a", "s1", OTHER, "u1", null));

        assertThat(duplicate.memberAdded()).isNull();
        assertThat(duplicate.occupied()).isFalse();
        assertThat(state.channel(APP, "presence-a")).isEqualTo(new ClusterState.ChannelInfo(true, 1, 1));

        Transition leave = state.apply(leave("presence-a", "s1", OTHER));
        assertThat(leave.memberRemoved()).isEqualTo("u1");
        assertThat(leave.vacated()).isTrue();
    }

    @Test
    void anUnknownLeaveIsIgnored() {
        assertThat(state.apply(leave("presence-nobody", "s1", OTHER)).accepted()).isFalse(); // unknown app & channel
        state.apply(join("presence-a", "s1", OTHER, "u1", null));

        Transition unknown = state.apply(leave("presence-a", "s2", OTHER));
        assertThat(unknown.accepted()).isFalse();
        assertThat(unknown.memberRemoved()).isNull();
        assertThat(unknown.vacated()).isFalse();
        Transition twice = state.apply(leave("presence-a", "s1", OTHER));
        assertThat(twice.vacated()).isTrue();
        assertThat(state.apply(leave("presence-a", "s1", OTHER)).accepted()).isFalse();
        assertThat(state.channel(APP, "presence-a").occupied()).isFalse();
    }

    @Test
    void theMembersSnapshotIsGivenOnlyForJoinsOfThisNodeAndIncludesTheJoiner() {
        Transition remote = state.apply(join("presence-a", "s1", OTHER, "u1", "{\"a\":1}"));
        assertThat(remote.members()).isNull();

        Transition local = state.apply(join("presence-a", "s2", SELF, "u2", "{\"b\":2}"));
        assertThat(local.members()).containsExactly(new PresenceMember("u1", "{\"a\":1}"), new PresenceMember("u2", "{\"b\":2}"));

        Transition localSecondSocket = state.apply(join("presence-a", "s3", SELF, "u1", "{\"ignored\":true}"));
        assertThat(localSecondSocket.memberAdded()).isNull();
        assertThat(localSecondSocket.members()).containsExactly(new PresenceMember("u1", "{\"a\":1}"),
                new PresenceMember("u2", "{\"b\":2}"));

        assertThat(state.apply(leave("presence-a", "s3", SELF)).members()).isNull();
    }

    @Test
    void subscriptionCountsAreIgnoredOnPresenceChannels() {
        Transition t = state.apply(count("presence-a", OTHER, 5, 1));
        assertThat(t.accepted()).isFalse();
        assertThat(state.channel(APP, "presence-a").occupied()).isFalse();
    }

    // ---- subscription counts ----------------------------------------------------------------------------------

    @Test
    void countsOfSeveralNodesSumAndOccupyOnZeroToOne() {
        Transition first = state.apply(count("public-a", SELF, 1, 1));
        assertThat(first.accepted()).isTrue();
        assertThat(first.occupied()).isTrue();
        assertThat(first.subscriptionCount()).isEqualTo(1);

        Transition second = state.apply(count("public-a", OTHER, 3, 1));
        assertThat(second.occupied()).isFalse();
        assertThat(second.subscriptionCount()).isEqualTo(4);

        Transition up = state.apply(count("public-a", SELF, 2, 2));
        assertThat(up.subscriptionCount()).isEqualTo(5);
        assertThat(state.channel(APP, "public-a")).isEqualTo(new ClusterState.ChannelInfo(true, 5, 0));
    }

    @Test
    void queriesWithTheLocalCountReplaceThisNodesShareOnlyAndListLocalChannels() {
        state.apply(count("public-a", SELF, 1, 1));
        state.apply(count("public-a", OTHER, 3, 1));
        // This node now holds 2 (its update is still on its way) and has a channel the replica has not heard of.
        assertThat(state.channel(APP, "public-a", 2)).isEqualTo(new ClusterState.ChannelInfo(true, 5, 0));
        assertThat(state.channel(APP, "public-new", 1)).isEqualTo(new ClusterState.ChannelInfo(true, 1, 0));
        assertThat(state.channel(APP, "public-gone", 0)).isEqualTo(new ClusterState.ChannelInfo(false, 0, 0));
        state.apply(count("public-only-self", SELF, 1, 2));
        assertThat(state.channel(APP, "public-only-self", 0)).isEqualTo(new ClusterState.ChannelInfo(false, 0, 0));

        java.util.Map<String, Integer> local = java.util.Map.of("public-a", 2, "public-new", 1);
        assertThat(state.occupiedChannels(APP, "public-", name -> local.getOrDefault(name, 0), local.keySet()))
                .containsExactly("public-a", "public-new");
    }

    @Test
    void aNodeGoingToZeroIsRemovedAndTheLastOneVacates() {
        state.apply(count("public-a", SELF, 2, 1));
        state.apply(count("public-a", OTHER, 1, 1));

        Transition selfGone = state.apply(count("public-a", SELF, 0, 2));
        assertThat(selfGone.vacated()).isFalse();
        assertThat(selfGone.subscriptionCount()).isEqualTo(1);

        Transition otherGone = state.apply(count("public-a", OTHER, 0, 2));
        assertThat(otherGone.vacated()).isTrue();
        assertThat(otherGone.subscriptionCount()).isZero();
        assertThat(state.channel(APP, "public-a")).isEqualTo(new ClusterState.ChannelInfo(false, 0, 0));

        Transition back = state.apply(count("public-a", OTHER, 1, 3));
        assertThat(back.occupied()).isTrue();
    }

    @Test
    void aStaleOrRepeatedCountIsIgnored() {
        state.apply(count("public-a", OTHER, 1, 5));
        state.apply(count("public-a", OTHER, 4, 7));

        Transition stale = state.apply(count("public-a", OTHER, 2, 6));
        assertThat(stale.accepted()).isFalse();
        Transition repeated = state.apply(count("public-a", OTHER, 9, 7));
        assertThat(repeated.accepted()).isFalse();
        assertThat(state.channel(APP, "public-a").subscriptionCount()).isEqualTo(4);
    }

    @Test
    void aCountThatDoesNotChangeTheTotalIsNoTransition() {
        state.apply(count("public-a", SELF, 2, 1));
        Transition same = state.apply(count("public-a", SELF, 2, 2));
        assertThat(same.accepted()).isFalse();
        assertThat(same.subscriptionCount()).isEqualTo(-1);
        assertThat(state.apply(count("public-never", SELF, 0, 3)).accepted()).isFalse();
        assertThat(state.occupiedChannels(APP, "")).containsExactly("public-a");
    }

    // ---- users ------------------------------------------------------------------------------------------------

    @Test
    void aUserIsOnlineFromTheFirstSocketAnywhereToTheLast() {
        Transition first = state.apply(new StateUpdate.UserSignedIn(APP, "u1", "s1", SELF));
        assertThat(first.accepted()).isTrue();
        assertThat(first.userOnline()).isTrue();
        assertThat(state.isOnline(APP, "u1")).isTrue();

        Transition second = state.apply(new StateUpdate.UserSignedIn(APP, "u1", "s2", OTHER));
        assertThat(second.accepted()).isTrue();
        assertThat(second.userOnline()).isFalse();

        Transition duplicate = state.apply(new StateUpdate.UserSignedIn(APP, "u1", "s2", OTHER));
        assertThat(duplicate.accepted()).isFalse();
        assertThat(duplicate.userOnline()).isFalse();

        Transition firstOut = state.apply(new StateUpdate.UserSignedOut(APP, "u1", "s1", SELF));
        assertThat(firstOut.accepted()).isTrue();
        assertThat(firstOut.userOffline()).isFalse();
        assertThat(state.isOnline(APP, "u1")).isTrue();

        Transition lastOut = state.apply(new StateUpdate.UserSignedOut(APP, "u1", "s2", OTHER));
        assertThat(lastOut.userOffline()).isTrue();
        assertThat(state.isOnline(APP, "u1")).isFalse();

        Transition unknown = state.apply(new StateUpdate.UserSignedOut(APP, "u1", "s2", OTHER));
        assertThat(unknown.accepted()).isFalse();
        assertThat(unknown.userOffline()).isFalse();
        assertThat(state.apply(new StateUpdate.UserSignedOut("other-app", "u1", "s1", SELF)).accepted()).isFalse();
    }

    @Test
    void usersAreKeptPerApp() {
        state.apply(new StateUpdate.UserSignedIn(APP, "u1", "s1", SELF));
        assertThat(state.isOnline("other-app", "u1")).isFalse();
        assertThat(state.isOnline(APP, "u2")).isFalse();
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    @Test
    void occupiedChannelsAreSortedAndFilteredByPrefix() {
        state.apply(count("public-b", SELF, 1, 1));
        state.apply(count("public-a", SELF, 1, 2));
        state.apply(count("private-c", SELF, 1, 3));
        state.apply(join("presence-d", "s1", OTHER, "u1", null));
        state.apply(count("public-gone", SELF, 1, 4));
        state.apply(count("public-gone", SELF, 0, 5));

        assertThat(state.occupiedChannels(APP, "")).containsExactly("presence-d", "private-c", "public-a", "public-b");
        assertThat(state.occupiedChannels(APP, "public-")).containsExactly("public-a", "public-b");
        assertThat(state.occupiedChannels(APP, "presence-")).containsExactly("presence-d");
        assertThat(state.occupiedChannels(APP, "nothing-")).isEmpty();
        assertThat(state.occupiedChannels("unknown-app", "")).isEmpty();
    }

    @Test
    void userIdsAreInJoinOrderAndARejoiningUserGoesLast() {
        state.apply(join("presence-a", "s1", OTHER, "carol", null));
        state.apply(join("presence-a", "s2", OTHER, "alice", null));
        state.apply(join("presence-a", "s3", OTHER, "bob", null));
        assertThat(state.userIds(APP, "presence-a")).containsExactly("carol", "alice", "bob");

        state.apply(leave("presence-a", "s1", OTHER));
        state.apply(join("presence-a", "s4", OTHER, "carol", null));
        assertThat(state.userIds(APP, "presence-a")).containsExactly("alice", "bob", "carol");
        assertThat(state.userIds(APP, "presence-none")).isEmpty();
        assertThat(state.userIds("unknown-app", "presence-a")).isEmpty();
    }

    @Test
    void channelInfoOfAnUnknownChannelIsVacant() {
        assertThat(state.channel(APP, "public-none")).isEqualTo(new ClusterState.ChannelInfo(false, 0, 0));
        assertThat(state.channel("unknown-app", "public-none")).isEqualTo(new ClusterState.ChannelInfo(false, 0, 0));
    }

    // ---- property: random streams keep the invariants ---------------------------------------------------------

    @Test
    void randomUpdateStreamsKeepTheInvariants() {
        for (long seed = 1; seed <= 50; seed++) {
            checkRandomStream(seed);
        }
    }

    /**
     * Applies 2 000 random joins, leaves (known and unknown sockets) and counts to a few channels and checks, after
     * each update, the transition and the state against a simple model.
     */
    private static void checkRandomStream(long seed) {
        Random random = new Random(seed);
        ClusterState state = new ClusterState(SELF, appId -> MAX_MEMBERS);
        List<String> presenceChannels = List.of("presence-p1", "presence-p2");
        List<String> countChannels = List.of("public-c1", "private-c2");
        List<String> nodes = List.of(SELF, OTHER, "node-c");
        // model: presence channel -> socket -> user; count channel -> node -> (count, sequence)
        Map<String, Map<String, String>> sockets = new HashMap<>();
        Map<String, Map<String, long[]>> counts = new HashMap<>();
        Map<String, Integer> memberBalance = new HashMap<>();
        long nextSequence = 1;
        int nextSocket = 1;

        for (int step = 0; step < 2_000; step++) {
            String where = "seed " + seed + " step " + step;
            int action = random.nextInt(10);
            if (action < 4) {
                String channel = pick(random, presenceChannels);
                Map<String, String> members = sockets.computeIfAbsent(channel, c -> new LinkedHashMap<>());
                boolean reuse = !members.isEmpty() && random.nextInt(5) == 0;
                String socket = reuse ? pick(random, new ArrayList<>(members.keySet())) : "s" + nextSocket++;
                String user = "u" + random.nextInt(5);
                Transition t = state.apply(join(channel, socket, pick(random, nodes), user, null));
                if (!reuse) {
                    Set<String> users = new HashSet<>(members.values());
                    boolean full = !users.contains(user) && users.size() >= MAX_MEMBERS;
                    assertThat(t.accepted()).as(where).isEqualTo(!full);
                    if (!full) {
                        assertThat(t.memberAdded() != null).as(where).isEqualTo(!users.contains(user));
                        assertThat(t.occupied()).as(where).isEqualTo(members.isEmpty());
                        members.put(socket, user);
                    }
                } else {
                    assertThat(t.memberAdded()).as(where).isNull();
                    assertThat(t.occupied()).as(where).isFalse();
                }
                if (t.memberAdded() != null) {
                    memberBalance.merge(channel, 1, Integer::sum);
                }
            } else if (action < 7) {
                String channel = pick(random, presenceChannels);
                Map<String, String> members = sockets.computeIfAbsent(channel, c -> new LinkedHashMap<>());
                boolean known = !members.isEmpty() && random.nextInt(6) != 0;
                String socket = known ? pick(random, new ArrayList<>(members.keySet())) : "s" + nextSocket++;
                Transition t = state.apply(leave(channel, socket, pick(random, nodes)));
                assertThat(t.accepted()).as(where).isEqualTo(known);
                if (known) {
                    String user = members.remove(socket);
                    boolean lastOfUser = !members.containsValue(user);
                    assertThat(t.memberRemoved()).as(where).isEqualTo(lastOfUser ? user : null);
                    assertThat(t.vacated()).as(where).isEqualTo(members.isEmpty());
                }
                if (t.memberRemoved() != null) {
                    memberBalance.merge(channel, -1, Integer::sum);
                }
            } else {
                String channel = pick(random, countChannels);
                String node = pick(random, nodes);
                Map<String, long[]> byNode = counts.computeIfAbsent(channel, c -> new HashMap<>());
                long totalBefore = byNode.values().stream().mapToLong(c -> c[0]).sum();
                boolean stale = byNode.containsKey(node) && random.nextInt(6) == 0;
                int count = random.nextInt(4);
                long sequence = stale ? byNode.get(node)[1] - random.nextInt(2) : nextSequence++;
                Transition t = state.apply(new StateUpdate.SubscriptionCount(APP, channel, node, count, sequence));
                if (stale) {
                    assertThat(t.accepted()).as(where).isFalse();
                } else {
                    if (count == 0) {
                        byNode.remove(node);
                    } else {
                        byNode.put(node, new long[] {count, sequence});
                    }
                    long totalAfter = byNode.values().stream().mapToLong(c -> c[0]).sum();
                    assertThat(t.accepted()).as(where).isEqualTo(totalAfter != totalBefore);
                    assertThat(t.occupied()).as(where).isEqualTo(totalBefore == 0 && totalAfter > 0);
                    assertThat(t.vacated()).as(where).isEqualTo(totalBefore > 0 && totalAfter == 0);
                }
            }

            for (String channel : presenceChannels) {
                Map<String, String> members = sockets.getOrDefault(channel, Map.of());
                ClusterState.ChannelInfo info = state.channel(APP, channel);
                Set<String> users = new HashSet<>(members.values());
                assertThat(info.subscriptionCount()).as(where).isEqualTo(members.size());
                assertThat(info.userCount()).as(where).isEqualTo(users.size());
                assertThat(info.occupied()).as(where).isEqualTo(!members.isEmpty());
                assertThat(memberBalance.getOrDefault(channel, 0)).as(where).isEqualTo(users.size());
                assertThat(new HashSet<>(state.userIds(APP, channel))).as(where).isEqualTo(users);
            }
            for (String channel : countChannels) {
                long total = counts.getOrDefault(channel, Map.of()).values().stream().mapToLong(c -> c[0]).sum();
                ClusterState.ChannelInfo info = state.channel(APP, channel);
                assertThat(info.subscriptionCount()).as(where).isEqualTo(total);
                assertThat(info.occupied()).as(where).isEqualTo(total > 0);
                assertThat(info.userCount()).as(where).isZero();
            }
            List<String> occupied = new ArrayList<>();
            for (String channel : List.of("presence-p1", "presence-p2", "private-c2", "public-c1")) {
                if (state.channel(APP, channel).occupied()) {
                    occupied.add(channel);
                }
            }
            assertThat(state.occupiedChannels(APP, "")).as(where).isEqualTo(occupied);
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static StateUpdate.PresenceJoined join(String channel, String socket, String node, String user, String info) {
        return new StateUpdate.PresenceJoined(APP, channel, socket, node, user, info);
    }

    private static StateUpdate.PresenceLeft leave(String channel, String socket, String node) {
        return new StateUpdate.PresenceLeft(APP, channel, socket, node);
    }

    private static StateUpdate.SubscriptionCount count(String channel, String node, int count, long sequence) {
        return new StateUpdate.SubscriptionCount(APP, channel, node, count, sequence);
    }
}
