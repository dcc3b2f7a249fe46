package dev.starling.loadgen.group;

/**
 * The start of a phase, as subscriber groups see it. Deliveries are attributed to phases by the {@code lg_p} tag the
 * publisher writes into each event, so groups need no clock agreement; this only switches group-local behaviour.
 *
 * @param phase phase number (0 is setup and warmup, not measured)
 * @param stallSlow slow consumers subscribe now and never read again (until {@code resumeSlow})
 * @param resumeSlow slow consumers read again: what the server buffered for them, then its close frame
 * @param toggle presence members start leaving and rejoining at the group's toggle rate
 */
public record PhaseStart(int phase, boolean stallSlow, boolean resumeSlow, boolean toggle) {

    public static PhaseStart plain(int phase) {
        return new PhaseStart(phase, false, false, false);
    }
}
