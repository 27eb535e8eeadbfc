package io.groupsync.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A set of field changes to one target. Absent fields are unchanged. Merging a later patch into this one applies
 * the merge rules of docs/design.md: a later value wins field by field; custom data merges key by key, where a null
 * value deletes the key (an empty value is normalised to null on the way in, since every vendor treats both as
 * deletion). Mutable, and owned by one thread: the pipeline's.
 */
public final class Patch {

    private final EnumMap<Field, Object> values = new EnumMap<>(Field.class);
    private final Map<String, String> customData = new LinkedHashMap<>();

    public static Patch empty() {
        return new Patch();
    }

    /** Sets a scalar field; {@code value} must not be null (absence is expressed by not setting it). */
    public Patch set(Field field, Object value) {
        if (field.isKeyed()) {
            throw new IllegalArgumentException(field + " merges by key: use putCustom");
        }
        values.put(field, Objects.requireNonNull(value, field.wireName()));
        return this;
    }

    /** Sets one custom-data key; a null or empty value deletes it. */
    public Patch putCustom(String key, String value) {
        customData.put(Objects.requireNonNull(key, "custom data key"), value == null || value.isEmpty() ? null : value);
        return this;
    }

    /** Applies {@code later} on top of this patch. */
    public Patch merge(Patch later) {
        values.putAll(later.values);
        later.customData.forEach((k, v) -> {
            // Re-insert so that iteration order follows the latest edit, which keeps requests stable to read.
            customData.remove(k);
            customData.put(k, v);
        });
        return this;
    }

    public Patch copy() {
        return new Patch().merge(this);
    }

    public boolean has(Field field) {
        // A patch is for one target kind, so its custom data is that kind's keyed field.
        return field.isKeyed() ? !customData.isEmpty() : values.containsKey(field);
    }

    public <T> T get(Field field, Class<T> type) {
        return type.cast(values.get(field));
    }

    /** Custom data keys in this patch with their new values; a null value deletes the key. */
    public Map<String, String> customData() {
        return Collections.unmodifiableMap(customData);
    }

    /** The scalar fields set, plus the custom-data field of {@code kind} when any key is set. */
    public Set<Field> fields(TargetKind kind) {
        Set<Field> out = EnumSet.noneOf(Field.class);
        out.addAll(values.keySet());
        if (!customData.isEmpty()) {
            out.add(kind == TargetKind.GROUP ? Field.CUSTOM_DATA : Field.MEMBER_CUSTOM_DATA);
        }
        return out;
    }

    public boolean isEmpty() {
        return values.isEmpty() && customData.isEmpty();
    }

    /** Removes a field (or all custom data), e.g. because the vendor of a route does not offer it. */
    public Patch without(Field field) {
        if (field.isKeyed()) {
            customData.clear();
        } else {
            values.remove(field);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Patch p && values.equals(p.values) && customData.equals(p.customData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values, customData);
    }

    @Override
    public String toString() {
        return "Patch" + values + (customData.isEmpty() ? "" : " customData=" + customData);
    }
}
