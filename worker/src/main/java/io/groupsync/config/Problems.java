package io.groupsync.config;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while the config is read, so that one {@link ConfigException} can report them all. */
final class Problems {

    private final List<ConfigException.Problem> found = new ArrayList<>();

    void add(String setting, String message) {
        found.add(new ConfigException.Problem(setting, message));
    }

    /** How many so far; a section compares counts to tell whether it came out clean. */
    int count() {
        return found.size();
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
