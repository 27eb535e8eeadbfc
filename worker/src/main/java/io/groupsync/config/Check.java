package io.groupsync.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A rule one parsed value must satisfy, answering what is wrong or nothing. Rules that relate two settings live in
 * the section readers, next to both values.
 */
@FunctionalInterface
interface Check<T> {

    Optional<String> problem(T value);

    static <T> Check<T> none() {
        return value -> Optional.empty();
    }

    static <N extends Number> Check<N> atLeast(long min) {
        return value -> value.longValue() >= min ? Optional.empty()
                : Optional.of("must be at least " + min + ", got " + value);
    }

    static <N extends Number> Check<N> between(long min, long max) {
        return value -> value.longValue() >= min && value.longValue() <= max ? Optional.empty()
                : Optional.of("must be between " + min + " and " + max + ", got " + value);
    }

    static Check<Duration> positive() {
        return value -> value.isNegative() || value.isZero()
                ? Optional.of("must be positive, got " + ValueType.formatDuration(value)) : Optional.empty();
    }

    static Check<Duration> notNegative() {
        return value -> value.isNegative()
                ? Optional.of("must not be negative, got " + ValueType.formatDuration(value)) : Optional.empty();
    }

    static Check<Duration> atLeast(Duration min) {
        return value -> value.compareTo(min) >= 0 ? Optional.empty()
                : Optional.of("must be at least " + ValueType.formatDuration(min) + ", got "
                        + ValueType.formatDuration(value));
    }

    static Check<String> matches(Pattern pattern, String rule) {
        return value -> pattern.matcher(value).matches() ? Optional.empty()
                : Optional.of(ValueType.quote(value) + " " + rule);
    }

    static Check<String> oneOf(List<String> allowed) {
        return value -> allowed.contains(value) ? Optional.empty()
                : Optional.of(ValueType.quote(value) + " is not one of " + String.join(", ", allowed)
                        + Suggestions.closest(value, allowed).map(s -> "; did you mean " + s + "?").orElse(""));
    }
}
