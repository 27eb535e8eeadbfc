package io.groupsync.coalesce;

import io.groupsync.model.CoveredEvent;
import io.groupsync.model.Field;
import io.groupsync.model.FieldFate;
import io.groupsync.model.FieldFates;
import io.groupsync.model.Patch;
import io.groupsync.model.SentPatch;
import io.groupsync.model.Version;
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
 * whose value won and its version. Each event's patch was first stripped of the values older than what is applied
 * or merged already ({@link Coalescer#admit}), so a later patch is newer field by field and merging stays "later
 * wins". An event that owns no value when the patch is sent was entirely superseded: it is stale.
 */
final class MergedPatch {

    /** The event whose value a field or key holds, with its version, taken once. */
    record Owner(CoveredEvent event, Version version) {
    }

    private final Patch patch = Patch.empty();
    private final List<CoveredEvent> events = new ArrayList<>();
    private final Map<Field, Owner> fieldOwners = new EnumMap<>(Field.class);
    private final Map<String, Owner> keyOwners = new HashMap<>();
    /** Values its events asked for that were stale already when they arrived. */
    private final FieldFates stale = new FieldFates();
    /** The operator the events named (null: none), meaningful only while they all named the same one. */
    private String operator;
    private boolean operatorsDiffer;

    /**
     * @param fresh         the event's patch without its stale values; {@code staleFates} says which those were
     * @param eventOperator the account the event's change is made on behalf of, or null when it names none
     */
    void add(CoveredEvent event, Patch fresh, FieldFates staleFates, String eventOperator) {
        if (events.isEmpty()) {
            operator = eventOperator;
        } else if (!Objects.equals(operator, eventOperator)) {
            operatorsDiffer = true;
        }
        patch.merge(fresh);
        events.add(event);
        stale.putAll(staleFates);
        Owner owner = new Owner(event, event.version());
        for (Field field : Field.values()) {
            if (!field.isKeyed() && fresh.has(field)) {
                fieldOwners.put(field, owner);
            }
        }
        fresh.customData().keySet().forEach(k -> keyOwners.put(k, owner));
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
        stale.putAll(later.stale);
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

    Owner owner(Field field) {
        return fieldOwners.get(field);
    }

    Owner owner(String customKey) {
        return keyOwners.get(customKey);
    }

    /**
     * Per event, the fields whose value it did not send: stale on arrival, or replaced by a later event of this
     * merge (custom data only when none of its keys survived, naming the last that replaced one).
     */
    FieldFates fates() {
        FieldFates out = new FieldFates();
        out.putAll(stale);
        Owner newestKeyOwner = newestKeyOwner();
        Set<CoveredEvent> ownsAKey = Collections.newSetFromMap(new IdentityHashMap<>());
        keyOwners.values().forEach(o -> ownsAKey.add(o.event()));
        for (CoveredEvent event : events) {
            for (Field field : event.fields()) {
                if (out.of(event).containsKey(field)) {
                    continue;
                }
                Owner owner = field.isKeyed() ? (ownsAKey.contains(event) ? null : newestKeyOwner)
                        : fieldOwners.get(field);
                if (owner != null && owner.event() != event) {
                    out.put(event, field, FieldFate.replaced(owner.event().eventId(), owner.version()));
                }
            }
        }
        return out;
    }

    /** What this patch sends, for the results and the versions applied. */
    SentPatch sent() {
        Map<Field, CoveredEvent> fields = new EnumMap<>(Field.class);
        fieldOwners.forEach((field, owner) -> fields.put(field, owner.event()));
        Map<String, CoveredEvent> keys = new HashMap<>();
        keyOwners.forEach((key, owner) -> keys.put(key, owner.event()));
        return new SentPatch(fields, keys, fates());
    }

    /** The newest event holding a custom-data key: the one named for an event that kept none of its own. */
    private Owner newestKeyOwner() {
        Owner newest = null;
        for (Owner owner : keyOwners.values()) {
            if (newest == null || owner.version().isNewerThan(newest.version())) {
                newest = owner;
            }
        }
        return newest;
    }
}
