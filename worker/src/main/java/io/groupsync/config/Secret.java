package io.groupsync.config;

import java.util.Objects;

/**
 * A credential from the config: vendor secret keys, app secrets, admin secrets. Its {@link #toString()} never
 * shows the value, so a secret inside a record, a log line or an exception message prints as {@code Secret[****]};
 * the value comes out only through an explicit {@link #reveal()} at the point of use (signing, token requests).
 *
 * <p>Equality is identity on purpose: comparing secrets by value invites timing leaks and is never needed.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The secret itself. Call it where the secret is used, never to log or compare it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
