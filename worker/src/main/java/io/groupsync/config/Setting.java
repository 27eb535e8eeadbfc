package io.groupsync.config;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * One scalar setting, Kafka {@code ConfigDef} style: its full name, type, default, the rule its value must meet and
 * its doc, declared once as a constant in {@link Settings} or {@link RouteSettings}. Instances are immutable; the
 * builder methods return copies.
 */
public final class Setting<T> implements SettingInfo {

    static final String ROUTE_PREFIX = "routes[].";
    private static final String REQUIRED = "required";

    private final String name;
    private final ValueType<T> type;
    private final Set<VendorKind> vendors;
    private final T defaultValue;
    private final String defaultText;
    private final Check<T> check;
    private final String doc;
    private final boolean envOverridable;

    private Setting(String name, ValueType<T> type, Set<VendorKind> vendors, T defaultValue, String defaultText,
                    Check<T> check, String doc, boolean envOverridable) {
        this.name = name;
        this.type = type;
        this.vendors = vendors;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.check = check;
        this.doc = doc;
        this.envOverridable = envOverridable;
    }

    /** A required setting outside {@code routes}; give it a default with {@link #defaultValue}. */
    static <T> Setting<T> define(String name, ValueType<T> type) {
        return new Setting<>(name, type, Set.of(), null, REQUIRED, Check.none(), "", true);
    }

    /** A required setting of the routes of the given vendors, named {@code routes[].key}. */
    static <T> Setting<T> route(String key, ValueType<T> type, VendorKind first, VendorKind... rest) {
        return new Setting<>(ROUTE_PREFIX + key, type, Set.copyOf(EnumSet.of(first, rest)), null, REQUIRED,
                Check.none(), "", true);
    }

    Setting<T> defaultValue(T value) {
        return new Setting<>(name, type, vendors, value, type.formatValue(value), check, doc, envOverridable);
    }

    /** No fixed default: the reader computes one (from another setting, the host, …) as the text says. */
    Setting<T> computedDefault(String text) {
        return new Setting<>(name, type, vendors, null, text, check, doc, envOverridable);
    }

    Setting<T> check(Check<T> rule) {
        return new Setting<>(name, type, vendors, defaultValue, defaultText, rule, doc, envOverridable);
    }

    Setting<T> doc(String text) {
        return new Setting<>(name, type, vendors, defaultValue, defaultText, check, text, envOverridable);
    }

    /** For a route's name: it is what route overrides are keyed by, so it cannot be overridden itself. */
    Setting<T> notFromEnv() {
        return new Setting<>(name, type, vendors, defaultValue, defaultText, check, doc, false);
    }

    ValueType<T> type() {
        return type;
    }

    /** The fixed default, or null when the setting is required or its default is computed. */
    T defaultOrNull() {
        return defaultValue;
    }

    boolean isRequired() {
        return defaultText.equals(REQUIRED);
    }

    boolean isEnvOverridable() {
        return envOverridable;
    }

    Optional<String> problem(T value) {
        return check.problem(value);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<VendorKind> vendors() {
        return vendors;
    }

    @Override
    public String typeName() {
        return type.name();
    }

    @Override
    public String defaultText() {
        return defaultText;
    }

    @Override
    public String envVar() {
        if (!envOverridable) {
            return "-";
        }
        if (name.startsWith(ROUTE_PREFIX)) {
            return "GROUPSYNC_ROUTES_<ROUTE>_" + EnvOverrides.token(name.substring(ROUTE_PREFIX.length()));
        }
        return "GROUPSYNC_" + EnvOverrides.token(name);
    }

    @Override
    public String doc() {
        return doc;
    }
}
