package io.groupsync.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The fields of a dispatch's events whose values did not reach the vendor, per event: what a result says field by
 * field. An event with no entry had every field it asked for sent. Events are told apart by identity, as one event
 * may be covered twice (a record redone after a rewind). Owned by the pipeline thread.
 */
public final class FieldFates {

    private final Map<CoveredEvent, Map<Field, FieldFate>> fates = new IdentityHashMap<>();

    public void put(CoveredEvent event, Field field, FieldFate fate) {
        fates.computeIfAbsent(event, e -> new EnumMap<>(Field.class)).put(field, fate);
    }

    /** A field got its value back (a later edit with it was found stale): it is the event's again. */
    public void remove(CoveredEvent event, Field field) {
        Map<Field, FieldFate> of = fates.get(event);
        if (of != null) {
            of.remove(field);
        }
    }

    public Map<Field, FieldFate> of(CoveredEvent event) {
        return fates.getOrDefault(event, Collections.emptyMap());
    }

    /** Whether none of the fields the event asked this route for reached the vendor. */
    public boolean noneSent(CoveredEvent event) {
        return !event.fields().isEmpty() && of(event).keySet().containsAll(event.fields());
    }

    public void putAll(FieldFates other) {
        other.fates.forEach((event, map) -> map.forEach((field, fate) -> put(event, field, fate)));
    }
}
