package io.groupsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/** Where the vendors' rate limits are kept: in each process, or in Redis, shared by every instance of the group. */
public record RateLimitConfig(
        @Setting(byDefault = "local", doc = "local: each instance has the routes' whole limits, right for one "
                + "instance; redis: every instance of the consumer group shares one bucket per vendor account and "
                + "API, kept in Redis, so any number of instances stays within the vendor's limit.")
        Store store,
        @Setting(computed = "none", doc = "Redis for rate-limit.store redis (required then): redis://host:port or "
                + "rediss://host:port for TLS, optionally /database. The password goes in rate-limit.redis-password, "
                + "never in the URL.")
        Optional<String> redisUrl,
        @Setting(computed = "none", doc = "Redis's password (AUTH), if it asks for one. ${env:NAME} or "
                + "${file:/path}.")
        Optional<Secret> redisPassword,
        @Setting(byDefault = "250ms", positive = true, doc = "How long one Redis command may take before the "
                + "instance falls back to its local share of each limit (the limit ÷ the group's live instances).")
        Duration redisTimeout,
        @Setting(byDefault = "1s", positive = true, doc = "How often the consumer group's members are counted, for "
                + "the local share while Redis is away.")
        Duration membersRefresh) {

    /** Where the buckets are. */
    public enum Store { LOCAL, REDIS }

    public static RateLimitConfig defaults() {
        return ConfigLoader.defaults(RateLimitConfig.class, RateLimitConfig::complete);
    }

    public boolean shared() {
        return store == Store.REDIS;
    }

    static void complete(Section s) {
        Optional<String> url = s.get("redis-url");
        if (s.get("store") == Store.REDIS && url != null && url.isEmpty()) {
            s.problem("redis-url", "required when rate-limit.store is redis");
        }
        if (url != null) {
            url.flatMap(RateLimitConfig::urlProblem).ifPresent(p -> s.problem("redis-url", p));
        }
    }

    /** What is wrong with a Redis URL, in words that quote none of it (it may hold a password by mistake). */
    private static Optional<String> urlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("is not a URL");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            return Optional.of("must start with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            return Optional.of("names no host");
        }
        if (uri.getUserInfo() != null) {
            return Optional.of("must not hold a user or password; put the password in rate-limit.redis-password");
        }
        return Optional.empty();
    }
}
