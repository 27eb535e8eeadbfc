package io.groupsync.imapi;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The fields of a patch a vendor will not get, each with why: the shape of {@link VendorClient#unsupported}. */
public final class Unsupported {

    private Unsupported() {
    }

    /** @param whyNot why the vendor skips one field of {@code patch}, or null when it takes it */
    public static Map<Field, String> of(Target target, Patch patch, Function<Field, String> whyNot) {
        Map<Field, String> out = new LinkedHashMap<>();
        for (Field field : patch.fields(target.kind())) {
            String reason = whyNot.apply(field);
            if (reason != null) {
                out.put(field, reason);
            }
        }
        return out;
    }
}
