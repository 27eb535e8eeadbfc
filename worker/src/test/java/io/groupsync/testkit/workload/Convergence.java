package io.groupsync.testkit.workload;

import io.groupsync.testkit.emulator.tencent.GroupState;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/** Compares what a vendor emulator holds with the fold of the events: the verdict of every convergence check. */
public final class Convergence {

    private Convergence() {
    }

    /** Every difference between the Tencent emulator's groups and the fold; empty when they agree. */
    public static List<String> tencent(GroupFold fold, TencentEmulator emulator) {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, GroupFold.Profile> entry : fold.groups().entrySet()) {
            String group = entry.getKey();
            GroupFold.Profile want = entry.getValue();
            GroupState have;
            try {
                have = emulator.group(group);
            } catch (NoSuchElementException e) {
                differences.add(group + ": missing at the vendor");
                continue;
            }
            compare(differences, group, "name", want.name, have.name());
            compare(differences, group, "introduction", want.introduction, have.introduction());
            compare(differences, group, "notification", want.notification, have.notification());
            compare(differences, group, "faceUrl", want.faceUrl, have.faceUrl());
            if (want.muteAll != null) {
                compare(differences, group, "muteAll", want.muteAll ? "On" : "Off", have.muteAllMember());
            }
            for (String key : want.customKeysTouched) {
                compare(differences, group, "customData." + key, want.customData.get(key),
                        have.appDefinedData().get(key));
            }
        }
        return differences;
    }

    private static void compare(List<String> differences, String group, String field, Object want, Object have) {
        if (want != null || field.startsWith("customData.")) {
            if (!Objects.equals(want, have)) {
                differences.add(group + "." + field + ": want " + want + ", vendor has " + have);
            }
        }
    }
}
