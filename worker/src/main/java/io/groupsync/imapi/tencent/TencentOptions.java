package io.groupsync.imapi.tencent;

/**
 * What a Tencent route adds to its credentials.
 *
 * @param maxMemberNum the most members the route's plan allows in a Work, Public or Meeting group (at most 6,000,
 *                     Tencent's paid maximum); a larger MaxMemberNum is refused per edit
 */
public record TencentOptions(int maxMemberNum) {

    public static final TencentOptions DEFAULTS = new TencentOptions(TencentLimits.PAID_MAX_MEMBERS);

    public TencentOptions {
        if (maxMemberNum < 1 || maxMemberNum > TencentLimits.PAID_MAX_MEMBERS) {
            throw new IllegalArgumentException("maxMemberNum must be within 1.." + TencentLimits.PAID_MAX_MEMBERS
                    + ": " + maxMemberNum);
        }
    }
}
