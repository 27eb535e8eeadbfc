package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The oracle: what a vendor should hold for each group after the events, applied one by one in order. Only fields
 * some event set are known; a test compares those with the emulator's state.
 */
public final class GroupFold {

    /** The folded profile of one group, in canonical terms; null fields were never set. */
    public static final class Profile {
        public String name;
        public String introduction;
        public String notification;
        public String faceUrl;
        public Boolean muteAll;
        public final Map<String, String> customData = new TreeMap<>();
        /** Custom keys some event touched, so a deleted key is checked absent rather than ignored. */
        public final java.util.Set<String> customKeysTouched = new java.util.TreeSet<>();
    }

    private final Map<String, Profile> groups = new LinkedHashMap<>();

    public void apply(GroupChange event) {
        if (!(event.getPatch() instanceof GroupProfilePatch patch)) {
            return;
        }
        Profile profile = groups.computeIfAbsent(event.getGroupId(), g -> new Profile());
        if (patch.getName() != null) {
            profile.name = patch.getName();
        }
        if (patch.getIntroduction() != null) {
            profile.introduction = patch.getIntroduction();
        }
        if (patch.getNotification() != null) {
            profile.notification = patch.getNotification();
        }
        if (patch.getFaceUrl() != null) {
            profile.faceUrl = patch.getFaceUrl();
        }
        if (patch.getMuteAll() != null) {
            profile.muteAll = patch.getMuteAll();
        }
        if (patch.getCustomData() != null) {
            patch.getCustomData().forEach((k, v) -> {
                profile.customKeysTouched.add(k);
                if (v == null || v.isEmpty()) {
                    profile.customData.remove(k);
                } else {
                    profile.customData.put(k, v);
                }
            });
        }
    }

    public Map<String, Profile> groups() {
        return new HashMap<>(groups);
    }
}
