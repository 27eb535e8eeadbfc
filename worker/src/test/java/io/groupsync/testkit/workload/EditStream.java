package io.groupsync.testkit.workload;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A realistic stream of group-profile edits for tests, the demo and benchmarks: many edits per group, names and
 * notifications rewritten, custom data set and deleted, everyone muted and unmuted. Seeded, so a failing run
 * can be repeated. Every value stays within every vendor's limits; tests that want bad input add it themselves.
 */
public final class EditStream {

    private static final String[] WORDS = {"team", "群聊", "ops", "family", "读书会", "launch", "night", "周末"};
    private static final String[] CUSTOM_KEYS = {"topic", "level", "owner", "tag", "region"};

    private final Random random;
    private final int groups;
    private final String groupPrefix;
    private long clockMillis = 1_700_000_000_000L;
    private int sequence;

    public EditStream(long seed, int groups, String groupPrefix) {
        this.random = new Random(seed);
        this.groups = groups;
        this.groupPrefix = groupPrefix;
    }

    /** A group id every vendor accepts (RongCloud allows only letters and digits). */
    public String groupId(int index) {
        return groupPrefix + index;
    }

    public List<GroupChange> next(int count) {
        List<GroupChange> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    public GroupChange next() {
        String group = groupId(random.nextInt(groups));
        GroupProfilePatch.Builder patch = GroupProfilePatch.newBuilder();
        int kinds = 1 + random.nextInt(2);
        for (int k = 0; k < kinds; k++) {
            switch (random.nextInt(4)) {
                case 0 -> patch.setName(words(2) + " " + (++sequence % 1000));
                case 1 -> patch.setNotification("notice " + words(3) + " #" + (++sequence));
                case 2 -> patch.setCustomData(customData());
                default -> patch.setMuteAll(random.nextBoolean());
            }
        }
        clockMillis += 1 + random.nextInt(5);
        return GroupChange.newBuilder()
                .setEventId("ev-" + groupPrefix + "-" + (++sequence))
                .setOccurredAt(Instant.ofEpochMilli(clockMillis))
                .setGroupId(group)
                .setOperator("admin")
                .setPatch(patch.build())
                .build();
    }

    private Map<String, String> customData() {
        Map<String, String> data = new HashMap<>();
        int keys = 1 + random.nextInt(2);
        for (int i = 0; i < keys; i++) {
            String key = CUSTOM_KEYS[random.nextInt(CUSTOM_KEYS.length)];
            data.put(key, random.nextInt(4) == 0 ? null : "v" + random.nextInt(100));
        }
        return data;
    }

    private String words(int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }
}
