package io.groupsync.config;

import java.util.Map;

/** Config texts shared by the tests. */
final class Configs {

    private Configs() {
    }

    static final String TENCENT_KEY = "tencent-secret-Zq81";
    static final String RONG_SECRET = "rong-secret-Pw55";
    static final String OPENIM_SECRET = "openim-secret-Kx07";

    /** What the full config's placeholders need. */
    static final Map<String, String> ENV = Map.of(
            "TENCENT_SECRET_KEY", TENCENT_KEY, "RONG_SECRET", RONG_SECRET, "OPENIM_SECRET", OPENIM_SECRET);

    /** Every setting given, none at its default. */
    static final String FULL = """
            kafka:
              bootstrap-servers: "broker-1:9092, broker-2:9093"
              group-id: sync-a
              instance-id: worker-7
              consumer: { max.poll.records: 200, fetch.min.bytes: 1 }
              producer: { linger.ms: 5 }
            topics:
              input: in.changes
              results: out.results
              dead-letters: out.dead
            pipeline:
              commit-interval: 250ms
              max-pending-keys: 1_000
              resume-pending-keys: 600
              max-pending-records: 5000
              max-pending-bytes: 64_000_000
              settle-timeout: PT10S
              offset-metadata-max-bytes: 300
              backlog-hold: 5s
            dispatch:
              max-in-flight-per-route: 8
              max-attempts: 3
              initial-backoff: 1s
              max-backoff: 2m
            http:
              connect-timeout: 2s
              call-timeout: 4s
            shutdown:
              timeout: 45s
            metrics:
              port: 0
            routes:
              - name: tencent-cn
                vendor: tencent
                endpoint: https://console.tim.qq.com/
                sdk-app-id: 1400000001
                identifier: administrator
                secret-key: ${env:TENCENT_SECRET_KEY}
                usersig-ttl: 12h
                limits: { modify_group_base_info: 150, forbid_send_msg: 20 }
              - name: openim-main
                vendor: openim
                endpoint: http://127.0.0.1:10002
                admin-user-id: root
                secret: ${env:OPENIM_SECRET}
              - name: rong
                vendor: rongcloud
                endpoint: https://api.rong-api.com
                app-key: uwd1c0sxdlx2
                app-secret: ${env:RONG_SECRET}
                limits: { group/member/set: 50 }
            """;

    /** The least a config can say: brokers and one route. */
    static String minimal() {
        return withRoute("""
                  - name: openim-main
                    vendor: openim
                    endpoint: http://127.0.0.1:10002
                    secret: ${env:OPENIM_SECRET}
                """);
    }

    /** A valid top half (brokers) followed by the given route list entries. */
    static String withRoute(String routes) {
        return """
                kafka:
                  bootstrap-servers: 127.0.0.1:9092
                routes:
                """ + routes;
    }

    /** The minimal config with more top-level YAML before it. */
    static String minimalWith(String yaml) {
        return yaml + "\n" + minimal();
    }
}
