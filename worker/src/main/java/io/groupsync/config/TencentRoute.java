package io.groupsync.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A Tencent Cloud Chat app.
 *
 * @param region the region the endpoint was picked from, if it was
 */
public record TencentRoute(
        String name,
        @Setting(computed = "from region",
                doc = "Base URL of the Tencent Cloud Chat REST API. Give this or region, not both.")
        URI endpoint,
        @Setting(computed = "none", doc = "Picks the endpoint from Tencent's domains: china | singapore | seoul | "
                + "tokyo | frankfurt | silicon-valley | jakarta.")
        Optional<Region> region,
        @Setting(min = "1", doc = "The app's SDKAppID.")
        long sdkAppId,
        @Setting(doc = "The app administrator account that calls are signed for.")
        String identifier,
        @Setting(doc = "The app's secret key, which signs UserSigs. ${env:NAME} or ${file:/path}.")
        Secret secretKey,
        @Setting(byDefault = "24h", min = "10m",
                doc = "Validity of each generated UserSig; a new one is made before the old expires.")
        Duration usersigTtl,
        @Setting(byDefault = "6000", min = "1", max = "6000", doc = "The most members the app's plan allows in a "
                + "Work, Public or Meeting group (6000, Tencent's most, needs paid add-ons); a larger maxMemberNum "
                + "is refused per edit. Community groups allow 100000; AVChatRoom ignores the field.")
        int maxMemberNum,
        Map<String, Integer> limits) implements RouteConfig {

    /** Tencent Cloud Chat's REST domains. */
    public enum Region implements RouteConfig.Region {
        CHINA("https://console.tim.qq.com"),
        SINGAPORE("https://adminapisgp.im.qcloud.com"),
        SEOUL("https://adminapikr.im.qcloud.com"),
        TOKYO("https://adminapijpn.im.qcloud.com"),
        FRANKFURT("https://adminapiger.im.qcloud.com"),
        SILICON_VALLEY("https://adminapiusa.im.qcloud.com"),
        JAKARTA("https://adminapiidn.im.qcloud.com");

        private final URI endpoint;

        Region(String endpoint) {
            this.endpoint = URI.create(endpoint);
        }

        @Override
        public URI endpoint() {
            return endpoint;
        }
    }

    public TencentRoute {
        limits = Map.copyOf(limits);
    }

    @Override
    public VendorKind vendor() {
        return VendorKind.TENCENT;
    }
}
