package io.groupsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a setting's text (from YAML or from an environment variable, always a string) becomes a value of its
 * component's type, and is written back as an operator writes it. A parser throws {@link IllegalArgumentException}
 * with a message fit for an operator; a secret is never parsed, so no message can quote one.
 *
 * <p>A message quotes only text written in the config file itself. A value from {@code ${env:…}}, {@code ${file:…}}
 * or an environment override may be a secret put in the wrong place (a deployment's environment often comes from a
 * secret store), and messages reach pod logs: such a value is named by where it came from ({@code hiddenAs}).
 */
final class ValueTypes {

    // Underscores as digit separators, as YAML 1.1 allows (100_000).
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+(_\\d+)*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(-?\\d+)(ms|s|m|h|d)");

    private ValueTypes() {
    }

    /** A default, or text written in the file: its problems may quote it. */
    static Object parse(Class<?> type, String text) {
        return parse(type, text, null);
    }

    /**
     * @param hiddenAs where the text came from ({@code ${env:X}}, {@code GROUPSYNC_X}) when it must not be quoted,
     *                 else null
     */
    static Object parse(Class<?> type, String text, String hiddenAs) {
        String subject = subject(text, hiddenAs);
        if (type == Secret.class) {
            return Secret.of(text);
        } else if (type == int.class) {
            long value = parseLong(text, subject);
            if (value != (int) value) {
                throw new IllegalArgumentException(subject + " is out of range (at most " + Integer.MAX_VALUE + ")");
            }
            return (int) value;
        } else if (type == long.class) {
            return parseLong(text, subject);
        } else if (type == boolean.class) {
            // Only true and false: YAML 1.1's yes/no/on/off are too easy to write by accident.
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(subject + " is not true or false");
            };
        } else if (type == Duration.class) {
            return parseDuration(text, subject);
        } else if (type == URI.class) {
            return parseHttpUrl(text, subject);
        } else if (type.isEnum()) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(ValueTypes::format).toList();
            int index = names.indexOf(text);
            if (index < 0) {
                // Even the closest name would tell something of a hidden value.
                String closest = hiddenAs != null ? "" : Suggestions.closest(text, names)
                        .map(s -> "; did you mean " + s + "?").orElse("");
                throw new IllegalArgumentException(subject + " is not one of " + String.join(", ", names) + closest);
            }
            return type.getEnumConstants()[index];
        } else if (type == String.class) {
            return text;
        }
        throw new IllegalStateException("a setting of type " + type + " needs a parser here");
    }

    /** The type's name in the settings table. */
    static String name(Class<?> type) {
        return type == int.class ? "int" : type == long.class ? "long" : type == boolean.class ? "boolean"
                : type == Duration.class ? "duration" : type == URI.class ? "url" : type == Secret.class ? "secret"
                : type == Map.class ? "map" : type == List.class ? "list" : "string";
    }

    /** A value as an operator writes it: {@code 5s}, {@code silicon-valley}. */
    static String format(Object value) {
        if (value instanceof Duration d) {
            return formatDuration(d);
        }
        return value instanceof Enum<?> e ? e.name().toLowerCase(Locale.ROOT).replace('_', '-') : String.valueOf(value);
    }

    /** What the setting's own rule finds wrong with a parsed value; {@code hiddenAs} as in {@link #parse}. */
    static Optional<String> violation(Setting rule, Object value, String hiddenAs) {
        String problem = null;
        if (value instanceof Duration d) {
            Duration min = rule.min().isEmpty() ? null : parseDuration(rule.min());
            if (rule.positive() && (d.isNegative() || d.isZero())) {
                problem = "must be positive";
            } else if (min != null && d.compareTo(min) < 0) {
                problem = min.isZero() ? "must not be negative" : "must be at least " + rule.min();
            }
        } else if (value instanceof Number n) {
            boolean low = !rule.min().isEmpty() && n.longValue() < Long.parseLong(rule.min());
            boolean high = !rule.max().isEmpty() && n.longValue() > Long.parseLong(rule.max());
            if (low || high) {
                problem = rule.max().isEmpty() ? "must be at least " + rule.min()
                        : "must be between " + rule.min() + " and " + rule.max();
            }
        } else if (value instanceof String text && !rule.pattern().isEmpty() && !text.matches(rule.pattern())) {
            return Optional.of(subject(text, hiddenAs) + " " + rule.rule());
        }
        return Optional.ofNullable(problem).map(p -> hiddenAs == null ? p + ", got " + format(value)
                : subject(null, hiddenAs) + " " + p);
    }

    /** How a message names the value: quoted when it was written in the file, else by where it came from. */
    static String subject(String text, String hiddenAs) {
        return hiddenAs == null ? quote(text) : "the value of " + hiddenAs;
    }

    private static long parseLong(String text, String subject) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(subject + " is not a whole number");
        }
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(subject + " is out of range");
        }
    }

    /** {@code 100ms}, {@code 5s}, {@code 2m}, {@code 24h}, {@code 7d}, or ISO-8601 such as {@code PT5S}. */
    static Duration parseDuration(String text) {
        return parseDuration(text, quote(text));
    }

    private static Duration parseDuration(String text, String subject) {
        Matcher m = SHORT_DURATION.matcher(text);
        try {
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            if (text.startsWith("P") || text.startsWith("-P")) {
                return Duration.parse(text);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(subject + " is out of range");
        } catch (DateTimeParseException e) {
            // Fall through to the common message: the ISO parser's own text adds nothing for an operator.
        }
        throw new IllegalArgumentException(subject
                + " is not a duration; write e.g. 100ms, 5s, 2m, 24h, 7d or ISO-8601 PT5S");
    }

    /** The shortest exact form in the largest unit up to hours (24h reads better than 1d), as operators write them. */
    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (!d.equals(Duration.ofMillis(ms))) {
            return d.toString();
        }
        for (String unit : List.of("h", "m", "s")) {
            long unitMs = parseDuration("1" + unit).toMillis();
            if (ms != 0 && ms % unitMs == 0) {
                return ms / unitMs + unit;
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }

    /**
     * An absolute http(s) URL with a host and no query, fragment or user info, without a trailing slash so callers
     * can append API paths. User info is refused without quoting the URL: it may hold a password.
     */
    private static URI parseHttpUrl(String text, String subject) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry user info; credentials belong in the secret settings");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(subject + " must be an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(subject + " has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(subject + " must not have a query or fragment");
        }
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    static String quote(String text) {
        return "'" + text + "'";
    }
}
