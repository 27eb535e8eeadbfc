package io.groupsync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a figure was taken on: cores, JDK, and how busy it was, since this bench may share it. */
final class Machine {

    /** The 1-minute load average when read, or NaN where the OS does not say. */
    record Load(double oneMinute) {
    }

    private Machine() {
    }

    static Load load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new Load(Double.parseDouble(parts[0]));
        } catch (IOException | RuntimeException e) {
            return new Load(Double.NaN);
        }
    }

    static Map<String, Object> describe(Load before, Load after) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.put("loadBefore", before.oneMinute());
        out.put("loadAfter", after == null ? null : after.oneMinute());
        return out;
    }

    /** CPU time this process (the driver: broker client, emulators, producers, readers) has used so far. */
    static double cpuSeconds(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }

    /** Resident set size and its peak (VmRSS, VmHWM) in MiB, or NaN where /proc does not say. */
    static double[] rssMiB(long pid) {
        double rss = Double.NaN;
        double peak = Double.NaN;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process has gone, or this is not Linux: the figure stays unmeasured.
        }
        return new double[] {rss, peak};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
