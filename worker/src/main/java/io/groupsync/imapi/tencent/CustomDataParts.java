package io.groupsync.imapi.tencent;

import io.groupsync.model.Field;
import io.groupsync.model.Patch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tencent refuses a request with more custom keys than the fields an app can configure (10 per group, 5 per
 * member) as a whole. Each edit is held to that bound before merging, but edits merged together can name more keys
 * between them; so a merged patch goes as several requests, the first with every other field and the first keys,
 * each further one with the next keys only. Each request then carries at most the bound, so also at most its
 * size (the bound times the largest key and value).
 */
final class CustomDataParts {

    private CustomDataParts() {
    }

    static List<Patch> of(Patch patch, Field keyed, int maxKeys) {
        Map<String, String> data = patch.customData();
        if (data.size() <= maxKeys) {
            return List.of(patch);
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>(data.entrySet());
        List<Patch> parts = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += maxKeys) {
            Patch part = from == 0 ? patch.copy().without(keyed) : Patch.empty();
            entries.subList(from, Math.min(from + maxKeys, entries.size()))
                    .forEach(entry -> part.putCustom(entry.getKey(), entry.getValue()));
            parts.add(part);
        }
        return parts;
    }
}
