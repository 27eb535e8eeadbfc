package io.groupsync.record;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Per key, its items in the order they arrived, each let go only once every earlier one of its key has been: one
 * line per key, and an item goes only from the head of its line. Items of different keys never wait for each other.
 *
 * @param <K> the key a line is kept by
 * @param <T> what waits in line
 */
final class KeyOrder<K, T> {

    private final Map<K, ArrayDeque<T>> lines = new HashMap<>();

    /** Puts the item at the end of its key's line. */
    void join(K key, T item) {
        lines.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(item);
    }

    /**
     * An item of this key may be done: lets go, in order, the items at the head of its line that are done, up to the
     * first that is not. An item done behind one that is not waits in line, done, until the one ahead goes.
     */
    void release(K key, Predicate<T> done, Consumer<T> go) {
        ArrayDeque<T> line = lines.get(key);
        while (!line.isEmpty() && done.test(line.peekFirst())) {
            go.accept(line.pollFirst());
        }
        if (line.isEmpty()) {
            lines.remove(key);
        }
    }

    /** Keys with a line: items waiting. */
    int waitingKeys() {
        return lines.size();
    }
}
