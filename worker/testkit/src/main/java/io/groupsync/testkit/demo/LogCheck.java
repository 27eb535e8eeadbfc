package io.groupsync.testkit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a run was quiet: a normal run logs no WARN or ERROR in the worker's log and no ERROR in the broker's (a
 * fresh broker warns once about its empty metadata log, which is what fresh means). Each line found is shown, as a
 * new user would read it as a failure. The worker's lines about failed vendor calls are left out: what the vendors
 * answered is in the summary's figures (throttled, dead letters), and an emulator may throttle a call at its edge.
 */
final class LogCheck {

    private static final int SHOWN = 10;

    private LogCheck() {
    }

    /** The number of such lines in the two logs; the first few are printed. */
    static int warnings(Path workerLog, Path brokerLog) {
        List<String> found = new ArrayList<>();
        lines(workerLog).stream().filter(l -> l.contains("level=WARN") || l.contains("level=ERROR"))
                .filter(l -> !l.contains("logger=i.g.metrics.VendorFailureLog"))
                .forEach(l -> found.add("worker: " + l));
        lines(brokerLog).stream().filter(l -> l.contains(" ERROR ")).forEach(l -> found.add("broker: " + l));
        found.stream().limit(SHOWN).forEach(l -> Demo.say("  log " + (l.length() > 300 ? l.substring(0, 300) + "…"
                : l)));
        return found.size();
    }

    private static List<String> lines(Path log) {
        try {
            return Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
