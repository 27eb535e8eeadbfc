package io.groupsync.testkit.emulator.openim;

/**
 * The open-im-server releases the emulator can play, for what differs between them on the routes groupsync calls
 * (read in open-im-server's tags v3.8.0–v3.8.3 and main):
 * <ul>
 *   <li>{@code /group/set_group_info_ex} exists from v3.8.1 ({@code internal/api/router.go}); before, only
 *       {@code /group/set_group_info}, and the gateway answers 404 to the other path;</li>
 *   <li>admin tokens: v3.8.0 and v3.8.1 look every token up in the token store, so a well-signed token the server
 *       never issued is 1507; from v3.8.2 an admin's token is taken on its signature alone
 *       ({@code internal/rpc/auth/auth.go parseToken}). No release demotes older admin tokens when a new one is
 *       issued ({@code CreateToken} only drops invalid ones); the five-minute grace and the 1507 after it are
 *       main's;</li>
 *   <li>the RPC limiter's answer: 500 "rpc request rate limit exceeded" in the releases, gRPC ResourceExhausted (8)
 *       on main.</li>
 * </ul>
 */
public enum OpenImVersion {
    V3_8_0, V3_8_1, V3_8_2, V3_8_3, MAIN;

    boolean hasSetGroupInfoEx() {
        return this != V3_8_0;
    }

    boolean checksAdminTokensInStore() {
        return this == V3_8_0 || this == V3_8_1 || this == MAIN;
    }

    boolean demotesOlderAdminTokens() {
        return this == MAIN;
    }

    /** The errCode of the RPC limiter's refusal. */
    int rpcLimiterCode() {
        return this == MAIN ? OpenImError.GRPC_RESOURCE_EXHAUSTED : OpenImError.SERVER_INTERNAL;
    }
}
