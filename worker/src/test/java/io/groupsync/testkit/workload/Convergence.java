package io.groupsync.testkit.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupsync.testkit.emulator.openim.OpenImEmulator;
import io.groupsync.testkit.emulator.rongcloud.RongCloudEmulator;
import io.groupsync.testkit.emulator.tencent.GroupState;
import io.groupsync.testkit.emulator.tencent.TencentEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Compares what a vendor emulator holds with the fold of the events: the verdict of every convergence check. Each
 * vendor is compared on the canonical fields it offers, under its own names.
 */
public final class Convergence {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The same for OpenIM: the group-wide mute is its status, custom data a JSON object in {@code ex}. */
    public static List<String> openIm(GroupFold fold, OpenImEmulator emulator) {
        List<String> differences = new ArrayList<>();
        fold.groups().forEach((group, want) -> {
            var held = emulator.group(group);
            if (held.isEmpty()) {
                differences.add(group + ": missing at the vendor");
                return;
            }
            var have = held.get();
            compare(differences, group, "name", want.name, have.groupName());
            compare(differences, group, "introduction", want.introduction, have.introduction());
            compare(differences, group, "notification", want.notification, have.notification());
            compare(differences, group, "faceUrl", want.faceUrl, have.faceURL());
            compare(differences, group, "muteAll", want.muteAll, want.muteAll == null ? null : have.muted());
            JsonNode ex = ex(have.ex());
            for (String key : want.customKeysTouched) {
                JsonNode value = ex.get(key);
                compare(differences, group, "customData." + key, want.customData.get(key),
                        value == null ? null : value.asText());
            }
        });
        return differences;
    }

    /** The same for RongCloud, which has no group-wide mute and keeps custom data under {@code ext_} keys. */
    public static List<String> rongCloud(GroupFold fold, RongCloudEmulator emulator) {
        List<String> differences = new ArrayList<>();
        fold.groups().forEach((group, want) -> {
            var have = emulator.group(group);
            if (have == null) {
                differences.add(group + ": missing at the vendor");
                return;
            }
            compare(differences, group, "name", want.name, have.groupProfile().name());
            compare(differences, group, "introduction", want.introduction, have.groupProfile().introduction());
            compare(differences, group, "notification", want.notification, have.groupProfile().announcement());
            compare(differences, group, "faceUrl", want.faceUrl, have.groupProfile().portraitUrl());
            for (String key : want.customKeysTouched) {
                String extKey = key.startsWith("ext_") ? key : "ext_" + key;
                compare(differences, group, "customData." + key, want.customData.get(key),
                        have.groupExtProfile().get(extKey));
            }
        });
        return differences;
    }

    private static JsonNode ex(String ex) {
        if (ex == null || ex.isEmpty()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(ex);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the worker left an ex that is not JSON: " + ex, e);
        }
    }

    private static void compare(List<String> differences, String group, String field, Object want, Object have) {
        if (want != null || field.startsWith("customData.")) {
            if (!Objects.equals(want, have)) {
                differences.add(group + "." + field + ": want " + abbreviate(want) + ", vendor has "
                        + abbreviate(have));
            }
        }
    }

    /** A 1 MB value in a failure message would bury the rest of it. */
    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 200 ? text : text.substring(0, 200) + "… (" + text.length() + " characters)";
    }
}
