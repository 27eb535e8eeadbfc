package io.groupsync.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    private final KeyOrder<String, String> order = new KeyOrder<>();
    private final Set<String> done = new HashSet<>();
    private final List<String> gone = new ArrayList<>();

    @Test
    void anItemDoneBeforeTheOneAheadOfItWaitsAndGoesRightAfterIt() {
        order.join("k", "first");
        order.join("k", "second");
        order.join("k", "third");

        finish("k", "second");
        assertThat(gone).as("first is not done").isEmpty();

        finish("k", "first");
        assertThat(gone).as("third is not done, so it stays").containsExactly("first", "second");

        finish("k", "third");
        assertThat(gone).containsExactly("first", "second", "third");
    }

    @Test
    void itemsOfAnotherKeyDoNotWait() {
        order.join("a", "a1");
        order.join("b", "b1");
        order.join("a", "a2");

        finish("a", "a2");
        finish("b", "b1");

        assertThat(gone).containsExactly("b1");
    }

    @Test
    void aLineLeftEmptyIsDroppedSoKeysSeenOnceHoldNoMemory() {
        order.join("a", "a1");
        order.join("b", "b1");
        order.join("b", "b2");

        finish("a", "a1");
        finish("b", "b2");

        assertThat(order.waitingKeys()).as("b1 still waits, b's line stays").isEqualTo(1);
        finish("b", "b1");
        assertThat(order.waitingKeys()).isZero();
    }

    private void finish(String key, String item) {
        done.add(item);
        order.release(key, done::contains, gone::add);
    }
}
