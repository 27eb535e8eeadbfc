package io.groupsync.config;

import java.util.Set;

/** A setting holding a map or a list rather than one value: Kafka pass-through properties, the route list. */
public record NestedSetting(String name, String typeName, String defaultText, String doc) implements SettingInfo {

    @Override
    public Set<VendorKind> vendors() {
        return Set.of();
    }

    @Override
    public String envVar() {
        return "-";
    }
}
