package dev.starling.gateway.cluster;

import java.util.List;

import dev.starling.protocol.cluster.StateUpdate;
import dev.starling.protocol.frame.PresenceMember;

/**
 * What applying one {@link StateUpdate} changed. Every node computes the same transition for the same update.
 *
 * @param update           the update applied
 * @param accepted         false when the update was refused (a presence join over the member limit) or ignored
 *                         (stale or duplicate)
 * @param memberAdded      the member whose first socket joined, or {@code null}
 * @param memberRemoved    the user id whose last socket left, or {@code null}
 * @param occupied         the channel went from no subscriber to one
 * @param vacated          the channel went from one subscriber to none
 * @param subscriptionCount the channel's subscription count after the update, or -1 when it did not change
 * @param members          for a presence join published by this node: the members after the join (the joiner
 *                         included), for its {@code subscription_succeeded}; otherwise {@code null}
 * @param userOnline       the user's first signed-in socket appeared
 * @param userOffline      the user's last signed-in socket went away
 */
public record Transition(
        StateUpdate update,
        boolean accepted,
        PresenceMember memberAdded,
        String memberRemoved,
        boolean occupied,
        boolean vacated,
        long subscriptionCount,
        List<PresenceMember> members,
        boolean userOnline,
        boolean userOffline) {

    static Transition ignored(StateUpdate update) {
        return new Transition(update, false, null, null, false, false, -1, null, false, false);
    }
}
