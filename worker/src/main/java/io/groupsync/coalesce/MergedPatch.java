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
import java.util.Objects;
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
    /** The operator the events named (null: none), meaningful only while they all named the same one. */
    private String operator;
    private boolean operatorsDiffer;

    /** @param eventOperator the account the event's change is made on behalf of, or null when it names none */
    void add(CoveredEvent event, Patch edit, String eventOperator) {
        if (events.isEmpty()) {
            operator = eventOperator;
        } else if (!Objects.equals(operator, eventOperator)) {
            operatorsDiffer = true;
        }
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
        if (events.isEmpty()) {
            operator = later.operator;
            operatorsDiffer = later.operatorsDiffer;
        } else if (!later.events.isEmpty()) {
            operatorsDiffer |= later.operatorsDiffer || !Objects.equals(operator, later.operator);
        }
        patch.merge(later.patch);
        events.addAll(later.events);
        fieldOwners.putAll(later.fieldOwners);
        keyOwners.putAll(later.keyOwners);
    }

    /**
     * The operator every event named, or null when they named none or not all the same one: a request made on
     * behalf of one operator must carry only that operator's edits, so that a vendor refusing the operator
     * refuses nobody else's.
     */
    String commonOperator() {
        return operatorsDiffer ? null : operator;
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
