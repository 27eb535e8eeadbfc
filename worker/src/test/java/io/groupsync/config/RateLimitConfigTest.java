package io.groupsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitConfigTest {

    private static Map<String, String> withEnv(String name, String value) {
        Map<String, String> env = new java.util.HashMap<>(Configs.ENV);
        env.put(name, value);
        return env;
    }

    @Test
    void localIsTheDefault() {
        RateLimitConfig config = WorkerConfig.parse(Configs.minimal(), Configs.ENV).rateLimit();
        assertThat(config.shared()).isFalse();
        assertThat(config).isEqualTo(RateLimitConfig.defaults());
    }

    @Test
    void redisTakesItsUrlFromTheFileAndItsPasswordFromTheEnvironment() {
        RateLimitConfig config = WorkerConfig.parse(Configs.minimal() + """
                rate-limit:
                  store: redis
                  redis-url: redis://redis:6379/2
                  redis-password: ${env:REDIS_PASSWORD}
                """, withEnv("REDIS_PASSWORD", "pw-Qz4")).rateLimit();
        assertThat(config.shared()).isTrue();
        assertThat(config.redisUrl()).contains("redis://redis:6379/2");
        assertThat(config.redisPassword().orElseThrow().reveal()).isEqualTo("pw-Qz4");
    }

    @Test
    void redisWithoutAUrlIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.minimal() + "rate-limit: { store: redis }\n", Configs.ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .startsWith("rate-limit.redis-url: required when rate-limit.store is redis"));
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.minimal() + """
                rate-limit:
                  store: redis
                  redis-url: redis://:hunter2-Xy@redis:6379
                """, Configs.ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .startsWith("rate-limit.redis-url: must not hold a user or password")
                        .doesNotContain("hunter2"));
    }

    @Test
    void aUrlOfAnotherSchemeIsRefused() {
        assertThatThrownBy(() -> WorkerConfig.parse(Configs.minimal() + """
                rate-limit: { store: redis, redis-url: "http://redis:6379" }
                """, Configs.ENV))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage())
                        .startsWith("rate-limit.redis-url: must start with redis:// or rediss://"));
    }
}
