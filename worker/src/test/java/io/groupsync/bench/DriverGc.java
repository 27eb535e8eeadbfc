package io.groupsync.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The driver's own GC pauses: the emulators live in the driver, so a pause here holds calls that then arrive
 * together and look bunched to the emulator's sliding window. Reported beside the figures they could skew.
 */
final class DriverGc {

    private static long longestMillis;
    private static long totalMillis;
    private static boolean listening;

    private DriverGc() {
    }

    /** Starts counting (once per JVM) and forgets what was counted so far. */
    static synchronized void reset() {
        if (!listening) {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                            notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        // Concurrent work (G1's marking, ZGC's cycles) is no pause; ZGC reports its pauses apart.
                        String name = info.getGcName();
                        if (!name.contains("Concurrent") && !name.contains("Cycles")) {
                            pause(info.getGcInfo().getDuration());
                        }
                    }
                }, null, null);
            }
            listening = true;
        }
        longestMillis = 0;
        totalMillis = 0;
    }

    private static synchronized void pause(long millis) {
        longestMillis = Math.max(longestMillis, millis);
        totalMillis += millis;
    }

    static synchronized void report(Report report) {
        report.figure("driver longest GC pause ms", longestMillis);
        report.figure("driver GC pauses total ms", totalMillis);
    }
}
