package io.groupsync.versions;

import io.groupsync.model.Field;
import io.groupsync.model.PendingKey;
import io.groupsync.model.Version;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The keys and values of the versions topic, and of {@link AppliedVersions}. A key names the route, group, target
 * and field (and the custom-data key), each length-prefixed so that no id can run into the next; the value is a
 * format byte and the version with the time it was applied, 29 bytes.
 */
public final class VersionKeys {

    private static final byte FORMAT = 1;
    private static final int VALUE_BYTES = 1 + 8 + 4 + 8 + 8;

    private VersionKeys() {
    }

    /** The key of a scalar field. */
    public static String of(PendingKey key, Field field) {
        return prefix(key).append(field.wireName()).toString();
    }

    /** The key of one custom-data key, which merges, and so is versioned, on its own. */
    public static String ofCustom(PendingKey key, String customKey) {
        return prefix(key).append("customData:").append(customKey).toString();
    }

    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    public static String key(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public static byte[] value(AppliedVersions.Entry entry) {
        Version v = entry.version();
        return ByteBuffer.allocate(VALUE_BYTES).put(FORMAT).putLong(v.occurredAtMillis()).putInt(v.partition())
                .putLong(v.offset()).putLong(entry.appliedAtMillis()).array();
    }

    /** The entry a value holds; null for a tombstone; IllegalArgumentException for a format this does not know. */
    public static AppliedVersions.Entry entry(byte[] value) {
        if (value == null) {
            return null;
        }
        if (value.length != VALUE_BYTES || value[0] != FORMAT) {
            throw new IllegalArgumentException("not a version record of format " + FORMAT + " (" + value.length
                    + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(value, 1, VALUE_BYTES - 1);
        Version version = new Version(in.getLong(), in.getInt(), in.getLong());
        return new AppliedVersions.Entry(version, in.getLong());
    }

    private static StringBuilder prefix(PendingKey key) {
        StringBuilder out = new StringBuilder(64);
        part(out, key.route());
        part(out, key.groupId());
        part(out, key.target().memberId() == null ? "" : key.target().memberId());
        return out;
    }

    private static void part(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s);
    }
}
