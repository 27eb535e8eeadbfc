package io.groupsync.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The machine a figure was taken on: cores, JDK, and how busy it was, since this bench may share it. */
final class Machine {

    /** The 1-minute load average when read, or NaN where the OS does not say. */
    record Load(double oneMinute) {
    }

    /** Linux's USER_HZ, the unit of a thread's times in /proc, 100 on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

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

    /**
     * CPU seconds a running process's live threads have used, summed by what they do, read from
     * /proc/PID/task/TID/stat by the thread names the JVM and the clients give (cut to 15 characters by Linux):
     * the pipeline thread (Java's "main", which Linux knows as "java"), the producer's threads, the JIT's
     * compilers, the garbage collector and the VM thread that runs its safepoints, the HTTP client's threads, the
     * metrics server, and the rest. A thread that
     * ended (the JVM retires idle compiler threads) is in none of them: "ended threads" is what the process used
     * beyond its live threads. Empty where /proc does not say.
     */
    static Map<String, Double> threadCpuSeconds(ProcessHandle process) {
        Map<String, Double> byRole = new LinkedHashMap<>();
        for (String role : List.of("pipeline", "producer", "JIT", "GC and VM", "HTTP", "metrics", "other")) {
            byRole.put(role, 0.0);
        }
        double live = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // After the name: state is field 3 of the stat line, utime 14 and stime 15.
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
                byRole.merge(role(name), seconds, Double::sum);
                live += seconds;
            }
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
        byRole.put("ended threads", Math.max(0, cpuSeconds(process) - live));
        return byRole;
    }

    private static String role(String thread) {
        // The launcher runs main() on a thread of its own, which the JVM leaves with the process's name.
        if (thread.equals("java")) {
            return "pipeline";
        }
        if (thread.startsWith("groupsync-produ") || thread.startsWith("kafka-producer-")) {
            return "producer";
        }
        if (thread.startsWith("C1 CompilerThre") || thread.startsWith("C2 CompilerThre")) {
            return "JIT";
        }
        if (thread.startsWith("GC Thread") || thread.startsWith("G1 ") || thread.equals("VM Thread")) {
            return "GC and VM";
        }
        if (thread.startsWith("OkHttp")) {
            return "HTTP";
        }
        if (thread.startsWith("groupsync-metri")) {
            return "metrics";
        }
        return "other";
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
