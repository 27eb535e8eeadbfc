package io.groupsync.testkit.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** Collects what a vendor holds differently from a fold, one line per field, for a convergence verdict. */
final class Differences {

    /**
     * How far a vendor's mute deadline may be from the fold's: the vendor counts the seconds it is sent from when
     * the call arrives, and they were computed (rounded up to whole seconds) when the call was planned.
     */
    static final long MUTE_TOLERANCE_MILLIS = 3_000;

    private final List<String> lines = new ArrayList<>();

    /** Compares one field the fold knows; a field no event set ({@code want} null) is not compared. */
    void field(String where, String field, Object want, Object have) {
        if (want != null && !Objects.equals(want, have)) {
            lines.add(where + "." + field + ": want " + want + ", vendor has " + have);
        }
    }

    /** Compares every key some event touched; {@code have} answers null for a key the vendor lacks. */
    void customData(String where, String field, GroupFold.CustomData want, Function<String, String> have) {
        for (String key : want.touched) {
            String held = have.apply(key);
            String wanted = want.values.get(key);
            if (!Objects.equals(wanted, held)) {
                lines.add(where + "." + field + "." + key + ": want " + wanted + ", vendor has " + held);
            }
        }
    }

    /**
     * Compares a mute as a deadline in epoch milliseconds, 0 for none and {@link Long#MAX_VALUE} for ever. A mute
     * that had ended by the time it was sent reaches the vendor as an unmute, so none held then is right too.
     */
    void mute(String where, Long wantMillis, long haveMillis, long nowMillis) {
        if (wantMillis == null) {
            return;
        }
        long want = wantMillis;
        boolean agrees;
        if (want == 0 || want == Long.MAX_VALUE || haveMillis == Long.MAX_VALUE) {
            agrees = want == haveMillis;
        } else {
            agrees = Math.abs(haveMillis - want) <= MUTE_TOLERANCE_MILLIS || haveMillis == 0 && want <= nowMillis;
        }
        if (!agrees) {
            lines.add(where + ".muteSeconds: want a mute until " + want + " (now " + nowMillis + "), vendor has "
                    + haveMillis);
        }
    }

    void missing(String where) {
        lines.add(where + ": missing at the vendor");
    }

    List<String> lines() {
        return lines;
    }
}
