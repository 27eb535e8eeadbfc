package io.groupsync.config;

import java.util.Set;

/**
 * What the settings table says about one setting: enough to print {@code groupsync config --describe} or a README
 * table. Route settings are named {@code routes[].key} and list the vendors whose routes have them.
 */
public sealed interface SettingInfo permits Setting, NestedSetting {

    /** Full name with dots between levels, e.g. {@code pipeline.commit-interval} or {@code routes[].secret-key}. */
    String name();

    /** The vendors whose routes have this setting; empty for settings outside {@code routes}. */
    Set<VendorKind> vendors();

    /** {@code string}, {@code int}, {@code duration}, {@code secret}, {@code map}, … */
    String typeName();

    /** The default as an operator would write it, a rule for computed defaults, or {@code required}. */
    String defaultText();

    /** The environment variable that overrides it, or {@code -} when none can. */
    String envVar();

    String doc();

    /** The key within its section: the last segment of the name. */
    default String key() {
        return name().substring(name().lastIndexOf('.') + 1);
    }

    /** The section holding it: the name without its last segment, empty at the top level. */
    default String section() {
        int dot = name().lastIndexOf('.');
        return dot < 0 ? "" : name().substring(0, dot);
    }
}
