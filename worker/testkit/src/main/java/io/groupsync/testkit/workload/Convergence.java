package io.groupsync.testkit.workload;

import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.util.List;

/**
 * Compares what a vendor emulator holds with the fold of the events, as that vendor's mapping says it should hold
 * it: the verdict of every convergence check. Each list is every difference, empty when they agree.
 */
public final class Convergence {

    public static final TencentView TENCENT = new TencentView();
    public static final OpenImView OPENIM = new OpenImView();
    public static final RongCloudView RONGCLOUD = new RongCloudView();

    private Convergence() {
    }

    public static List<String> tencent(GroupFold fold, TencentEmulator emulator) {
        return TENCENT.differences(fold, emulator, System.currentTimeMillis());
    }

    public static List<String> openIm(GroupFold fold, OpenImEmulator emulator) {
        return OPENIM.differences(fold, emulator, System.currentTimeMillis());
    }

    public static List<String> rongCloud(GroupFold fold, RongCloudEmulator emulator) {
        return RONGCLOUD.differences(fold, emulator, System.currentTimeMillis());
    }
}
