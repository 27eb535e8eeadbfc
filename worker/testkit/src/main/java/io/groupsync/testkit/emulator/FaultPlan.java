package io.groupsync.testkit.emulator;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Which calls an emulator spoils, set by a test: forced faults for the next calls first, then random faults
 * with the configured shares. Seeded, so a failing run can be repeated.
 */
public final class FaultPlan {

    private final Map<Fault, Double> shares = new EnumMap<>(Fault.class);
    private final ArrayDeque<Fault> forced = new ArrayDeque<>();
    private Random random = new Random(42);
    private int injected;

    /** Spoils this share (0..1) of calls with {@code fault}; the shares of all faults add up to at most 1. */
    public synchronized FaultPlan share(Fault fault, double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be within 0..1: " + share);
        }
        shares.put(fault, share);
        double total = shares.values().stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault shares add up to " + total + " > 1");
        }
        return this;
    }

    /** The next {@code times} calls get {@code fault}, before any random fault. */
    public synchronized FaultPlan forceNext(Fault fault, int times) {
        for (int i = 0; i < times; i++) {
            forced.addLast(fault);
        }
        return this;
    }

    public synchronized FaultPlan seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /** Back to serving every call. */
    public synchronized void clear() {
        shares.clear();
        forced.clear();
    }

    /** Calls spoiled so far, forced or drawn. */
    public synchronized int injected() {
        return injected;
    }

    synchronized Optional<Fault> next() {
        if (!forced.isEmpty()) {
            injected++;
            return Optional.of(forced.pollFirst());
        }
        double roll = random.nextDouble();
        double upTo = 0;
        for (Map.Entry<Fault, Double> entry : shares.entrySet()) {
            upTo += entry.getValue();
            if (roll < upTo) {
                injected++;
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }
}
