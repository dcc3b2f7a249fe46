package dev.starling.loadgen.group;

/**
 * The start of a phase, as subscriber groups see it. Deliveries are attributed to phases by the {@code lg_p} tag the
 * publisher writes into each event, so groups need no clock agreement; this only switches group-local behaviour.
 *
 * @param phase phase number (0 is setup and warmup, not measured)
 * @param pauseSlow slow consumers stop reading from now on
 * @param toggle presence members start leaving and rejoining at the group's toggle rate
 */
public record PhaseStart(int phase, boolean pauseSlow, boolean toggle) {
}
