package io.groupsync.testkit.emulator.tencent;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Tencent emulator holds for one group member, named as get_group_info's {@code MemberList} names it.
 * Immutable.
 *
 * @param role                 {@code Owner}, {@code Admin} or {@code Member}
 * @param shutUpUntil          {@code ShutUpUntil}: the end of the mute in epoch seconds on the emulator's clock;
 *                             0 when not muted, {@link #FOREVER} for a mute without end
 * @param appMemberDefinedData {@code AppMemberDefinedData} by key, sorted
 */
public record MemberState(String groupId, String memberAccount, String role, String msgFlag, String nameCard,
                          Map<String, String> appMemberDefinedData, long shutUpUntil) {

    /** MuteTime 4294967295 mutes for ever; get_group_info then answers this ShutUpUntil. */
    public static final long FOREVER = 4_294_967_295L;

    public MemberState {
        appMemberDefinedData = Collections.unmodifiableMap(new TreeMap<>(appMemberDefinedData));
    }

    /** Whether the member cannot speak at {@code when} (a deadline compares with the emulator's wall clock). */
    public boolean isMutedAt(Instant when) {
        return shutUpUntil == FOREVER || shutUpUntil > when.getEpochSecond();
    }
}
