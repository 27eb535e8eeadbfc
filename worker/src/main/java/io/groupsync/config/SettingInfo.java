package io.groupsync.config;

import java.util.Set;

/**
 * What the settings table says about one setting: enough to print {@code groupsync config --describe} or a README
 * table. Route settings are named {@code routes[].key} and list the vendors whose routes have them.
 *
 * @param name        full name with dots between levels, e.g. {@code pipeline.commit-interval}
 * @param vendors     the vendors whose routes have this setting; empty for settings outside {@code routes}
 * @param typeName    {@code string}, {@code int}, {@code duration}, {@code secret}, {@code map}, …
 * @param defaultText the default as an operator would write it, a rule for computed defaults, or {@code required}
 * @param envVar      the environment variable that overrides it, or {@code -} when none can
 */
public record SettingInfo(String name, Set<VendorKind> vendors, String typeName, String defaultText, String envVar,
                          String doc) {

    /** The key within its section: the last segment of the name. */
    public String key() {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
