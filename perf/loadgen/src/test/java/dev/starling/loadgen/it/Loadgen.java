package dev.starling.loadgen.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.loadgen.Main;
import dev.starling.loadgen.report.Json;

/** Runs the loadgen command line in this JVM and reads back its JSON record. */
final class Loadgen {

    /** The exit code, the printed summary, the progress/errors and the JSON record's {@code results}. */
    record Run(int exit, String summary, String log, JsonNode record) {

        JsonNode results() {
            return record.get("results");
        }

        JsonNode phase(int index) {
            return results().get("phases").get(index);
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n" + summary + "\n" + log;
        }
    }

    private Loadgen() {
    }

    static Run run(Path dir, String... args) throws Exception {
        Path json = Files.createTempFile(dir, "loadgen-", ".json");
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        all.add(json.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        JsonNode record = Files.size(json) > 0 ? Json.MAPPER.readTree(json.toFile()) : null;
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), record);
    }
}
