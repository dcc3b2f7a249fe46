package dev.starling.loadgen.report;

import dev.starling.loadgen.RunConfig;

/** The JSON record of a run: what was asked, where, when, and what came out. */
public record RunReport(String tool, String scenario, RunConfig parameters, MachineInfo machine, String startedAt,
        String finishedAt, double elapsedSeconds, boolean ok, RunResults results) {
}
