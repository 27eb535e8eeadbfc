package io.groupsync.imapi;

import io.groupsync.event.Vendor;
import io.groupsync.model.Edit;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import io.groupsync.model.Target;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * What every vendor client states once rather than implements: which vendor it is, its rate-limited APIs, which
 * fields it offers and which values it takes. A client passes its vendor package's own rules to the constructor.
 */
public abstract class AbstractVendorClient implements VendorClient {

    private final Vendor vendor;
    private final ApiLimits apis;
    private final BiFunction<Target, Patch, Map<Field, String>> unsupported;
    private final BiFunction<Edit, Patch, List<String>> violations;

    /**
     * @param unsupported see {@link #unsupported}
     * @param violations  see {@link #violations}
     */
    protected AbstractVendorClient(Vendor vendor, ApiLimits apis,
                                   BiFunction<Target, Patch, Map<Field, String>> unsupported,
                                   BiFunction<Edit, Patch, List<String>> violations) {
        this.vendor = Objects.requireNonNull(vendor, "vendor");
        this.apis = Objects.requireNonNull(apis, "apis");
        this.unsupported = Objects.requireNonNull(unsupported, "unsupported");
        this.violations = Objects.requireNonNull(violations, "violations");
    }

    @Override
    public final Vendor vendor() {
        return vendor;
    }

    @Override
    public final List<String> apis() {
        return apis.names();
    }

    @Override
    public final Map<Field, String> unsupported(Target target, Patch patch) {
        return unsupported.apply(target, patch);
    }

    @Override
    public final List<String> violations(Edit edit, Patch supported) {
        return violations.apply(edit, supported);
    }
}
