package io.groupsync.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings table, read off the records' {@link Setting} components in the order of the example file: what
 * {@code groupsync config --describe} prints and the README shows.
 */
public final class Settings {

    /** Every setting, in the order of the example file. */
    public static final List<SettingInfo> ALL = all();

    private static final String ROUTES = "routes[].";
    private static final String ROUTE_ENV = EnvOverrides.PREFIX + "ROUTES_<ROUTE>_";

    private Settings() {
    }

    /** The first setting of that name (a route setting several vendors have: the first vendor's). */
    public static SettingInfo named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + name));
    }

    /** A Markdown table of every setting, for the README and {@code groupsync config --describe}. */
    public static String markdownTable() {
        StringBuilder table = new StringBuilder("| setting | vendors | type | default | environment | doc |\n")
                .append("|---|---|---|---|---|---|\n");
        for (SettingInfo s : ALL) {
            String vendors = String.join(", ", s.vendors().stream().sorted().map(VendorKind::configName).toList());
            table.append("| ").append(String.join(" | ", cell(s.name()), cell(vendors), cell(s.typeName()),
                    cell(s.defaultText()), cell(s.envVar()), cell(s.doc()))).append(" |\n");
        }
        return table.toString();
    }

    private static List<SettingInfo> all() {
        List<SettingInfo> all = new ArrayList<>();
        describe(WorkerConfig.class, "", EnvOverrides.PREFIX, Set.of(), all);
        describe(RouteConfig.Common.class, ROUTES, ROUTE_ENV, EnumSet.allOf(VendorKind.class), all);
        for (VendorKind vendor : VendorKind.values()) {
            describe(RouteConfig.type(vendor), ROUTES, ROUTE_ENV, Set.of(vendor), all);
        }
        String limitDoc = Section.component(RouteConfig.Common.class, "limits").getAnnotation(Setting.class).doc();
        for (VendorKind vendor : VendorKind.values()) {
            for (Map.Entry<String, Integer> api : vendor.defaultLimits().entrySet()) {
                all.add(new SettingInfo(ROUTES + "limits." + api.getKey(), Set.of(vendor), "int",
                        String.valueOf(api.getValue()), ROUTE_ENV + "LIMITS_" + EnvOverrides.token(api.getKey()),
                        limitDoc.formatted(vendor.configName(), api.getKey())));
            }
        }
        return List.copyOf(all);
    }

    /** One row per setting of the record, a section's record in its place; the limits map has a row per API. */
    private static void describe(Class<?> type, String prefix, String envPrefix, Set<VendorKind> vendors,
                                 List<SettingInfo> rows) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = Section.key(component);
            Setting setting = component.getAnnotation(Setting.class);
            Class<?> valueType = Section.valueType(component);
            if (valueType.isRecord()) {
                describe(valueType, prefix + key + ".", envPrefix + EnvOverrides.token(key) + "_", vendors, rows);
            } else if (setting != null && !key.equals("limits")) {
                boolean scalar = valueType != Map.class && valueType != List.class;
                rows.add(new SettingInfo(prefix + key, vendors, ValueTypes.name(valueType),
                        setting.computed().isEmpty() ? setting.byDefault() : setting.computed(),
                        scalar && setting.fromEnv() ? envPrefix + EnvOverrides.token(key) : "-", setting.doc()));
            }
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
