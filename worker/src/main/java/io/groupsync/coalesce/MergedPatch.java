package io.groupsync.coalesce;

import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A patch merged from several events, with every event it covers and, per field and custom-data key, the event
 * whose value won. An event that owns no value when the patch is sent was entirely superseded: it is stale.
 */
final class MergedPatch {

    private final Patch patch = Patch.empty();
    private final List<CoveredEvent> events = new ArrayList<>();
    private final Map<Field, CoveredEvent> fieldOwners = new EnumMap<>(Field.class);
    private final Map<String, CoveredEvent> keyOwners = new HashMap<>();

    void add(CoveredEvent event, Patch edit) {
        patch.merge(edit);
        events.add(event);
        for (Field field : event.fields()) {
            if (!field.isKeyed()) {
                fieldOwners.put(field, event);
            }
        }
        edit.customData().keySet().forEach(k -> keyOwners.put(k, event));
    }

    /** Puts {@code later} on top of this one, as if its events had been added after this one's. */
    void absorb(MergedPatch later) {
        patch.merge(later.patch);
        events.addAll(later.events);
        fieldOwners.putAll(later.fieldOwners);
        keyOwners.putAll(later.keyOwners);
    }

    Patch patch() {
        return patch;
    }

    List<CoveredEvent> events() {
        return Collections.unmodifiableList(events);
    }

    boolean isEmpty() {
        return events.isEmpty();
    }

    /** The events none of whose values survived the merge. */
    Set<CoveredEvent> superseded() {
        Set<CoveredEvent> owners = Collections.newSetFromMap(new IdentityHashMap<>());
        owners.addAll(fieldOwners.values());
        owners.addAll(keyOwners.values());
        Set<CoveredEvent> out = Collections.newSetFromMap(new IdentityHashMap<>());
        events.stream().filter(e -> !owners.contains(e)).forEach(out::add);
        return out;
    }
}
