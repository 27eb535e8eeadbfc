package io.groupsync.config;

import static io.groupsync.config.ValueType.DURATION;
import static io.groupsync.config.ValueType.HTTP_URL;
import static io.groupsync.config.ValueType.INT;
import static io.groupsync.config.ValueType.LONG;
import static io.groupsync.config.ValueType.SECRET;
import static io.groupsync.config.ValueType.TEXT;
import static io.groupsync.config.VendorKind.OPENIM;
import static io.groupsync.config.VendorKind.RONGCLOUD;
import static io.groupsync.config.VendorKind.TENCENT;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every setting of a route, as constants named {@code routes[].key}, each listing the vendors whose routes have it.
 * Rate limits are one setting per vendor API, generated from {@link VendorKind#defaultLimits()}.
 */
public final class RouteSettings {

    private RouteSettings() {
    }

    /** Below 2 a token bucket cannot both hold one token and refill one per second within the limit. */
    static final int MIN_LIMIT = 2;

    public static final Setting<String> NAME = Setting.route("name", TEXT, TENCENT, OPENIM, RONGCLOUD)
            .check(Check.matches(Pattern.compile("[a-z0-9_-]{1,64}"), "must be 1-64 of a-z, 0-9, _ and -"))
            .notFromEnv()
            .doc("Unique name of the route, used in results, metrics, logs and its environment overrides.");
    public static final Setting<String> VENDOR = Setting.route("vendor", TEXT, TENCENT, OPENIM, RONGCLOUD)
            .check(Check.oneOf(List.of(TENCENT.configName(), OPENIM.configName(), RONGCLOUD.configName())))
            .doc("tencent, openim or rongcloud; decides which of the settings below the route takes.");

    // ---- tencent
    public static final Setting<URI> TENCENT_ENDPOINT = Setting.route("endpoint", HTTP_URL, TENCENT)
            .computedDefault("from region")
            .doc("Base URL of the Tencent Cloud Chat REST API. Give this or region, not both.");
    public static final Setting<String> TENCENT_REGION = Setting.route("region", TEXT, TENCENT)
            .computedDefault("none")
            .check(Check.oneOf(List.copyOf(Regions.TENCENT.keySet())))
            .doc("Picks the endpoint from Tencent's domains: " + String.join(" | ", Regions.TENCENT.keySet()) + ".");
    public static final Setting<Long> TENCENT_SDK_APP_ID = Setting.route("sdk-app-id", LONG, TENCENT)
            .check(Check.atLeast(1))
            .doc("The app's SDKAppID.");
    public static final Setting<String> TENCENT_IDENTIFIER = Setting.route("identifier", TEXT, TENCENT)
            .doc("The app administrator account that calls are signed for.");
    public static final Setting<Secret> TENCENT_SECRET_KEY = Setting.route("secret-key", SECRET, TENCENT)
            .doc("The app's secret key, which signs UserSigs. ${env:NAME} or ${file:/path}.");
    public static final Setting<Duration> TENCENT_USERSIG_TTL = Setting.route("usersig-ttl", DURATION, TENCENT)
            .defaultValue(Duration.ofHours(24)).check(Check.atLeast(Duration.ofMinutes(10)))
            .doc("Validity of each generated UserSig; a new one is made before the old expires.");

    // ---- openim
    public static final Setting<URI> OPENIM_ENDPOINT = Setting.route("endpoint", HTTP_URL, OPENIM)
            .doc("Base URL of the OpenIM server API (its default port is 10002).");
    public static final Setting<String> OPENIM_ADMIN_USER_ID = Setting.route("admin-user-id", TEXT, OPENIM)
            .defaultValue("imAdmin")
            .doc("The administrator user ID the admin token is requested for.");
    public static final Setting<Secret> OPENIM_SECRET = Setting.route("secret", SECRET, OPENIM)
            .doc("The server's secret, traded for an admin token. ${env:NAME} or ${file:/path}.");

    // ---- rongcloud
    public static final Setting<URI> RONGCLOUD_ENDPOINT = Setting.route("endpoint", HTTP_URL, RONGCLOUD)
            .computedDefault("from region")
            .doc("Base URL of the RongCloud server API. Give this or region, not both.");
    public static final Setting<String> RONGCLOUD_REGION = Setting.route("region", TEXT, RONGCLOUD)
            .computedDefault("none")
            .check(Check.oneOf(List.copyOf(Regions.RONGCLOUD.keySet())))
            .doc("Picks the endpoint and its api-b. backup from RongCloud's domains: "
                    + String.join(" | ", Regions.RONGCLOUD.keySet()) + ".");
    public static final Setting<URI> RONGCLOUD_BACKUP_ENDPOINT =
            Setting.route("backup-endpoint", HTTP_URL, RONGCLOUD)
                    .computedDefault("the api-b. twin of a known primary, else none")
                    .doc("Where calls fail over when the endpoint cannot be reached.");
    public static final Setting<String> RONGCLOUD_APP_KEY = Setting.route("app-key", TEXT, RONGCLOUD)
            .doc("The app's App Key (not secret: it is sent with every request).");
    public static final Setting<Secret> RONGCLOUD_APP_SECRET = Setting.route("app-secret", SECRET, RONGCLOUD)
            .doc("The app's App Secret, which signs requests. ${env:NAME} or ${file:/path}.");

    /** {@code routes[].limits.<api>} for every API of every vendor, in vendor order. */
    public static final List<Setting<Integer>> LIMITS = limits();

    public static final List<SettingInfo> ALL = all();

    /** The rate-limit setting of one API of one vendor. */
    static Setting<Integer> limit(VendorKind vendor, String api) {
        return LIMITS.stream()
                .filter(s -> s.vendors().contains(vendor) && s.key().equals(api))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(vendor + " has no API " + api));
    }

    private static List<Setting<Integer>> limits() {
        List<Setting<Integer>> limits = new ArrayList<>();
        for (VendorKind vendor : VendorKind.values()) {
            for (Map.Entry<String, Integer> api : vendor.defaultLimits().entrySet()) {
                limits.add(Setting.route("limits." + api.getKey(), INT, vendor)
                        .defaultValue(api.getValue()).check(Check.atLeast(MIN_LIMIT))
                        .doc("Calls per second allowed to " + vendor.configName() + "'s " + api.getKey()
                                + " on this route, at least " + MIN_LIMIT + "."));
            }
        }
        return List.copyOf(limits);
    }

    private static List<SettingInfo> all() {
        List<SettingInfo> all = new ArrayList<>(List.of(NAME, VENDOR,
                TENCENT_ENDPOINT, TENCENT_REGION, TENCENT_SDK_APP_ID, TENCENT_IDENTIFIER, TENCENT_SECRET_KEY,
                TENCENT_USERSIG_TTL,
                OPENIM_ENDPOINT, OPENIM_ADMIN_USER_ID, OPENIM_SECRET,
                RONGCLOUD_ENDPOINT, RONGCLOUD_REGION, RONGCLOUD_BACKUP_ENDPOINT, RONGCLOUD_APP_KEY,
                RONGCLOUD_APP_SECRET));
        all.addAll(LIMITS);
        return List.copyOf(all);
    }
}
