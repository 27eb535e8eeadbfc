package io.groupsync.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a setting's text (from YAML or from an environment variable, always a string) becomes a typed value.
 * A parser throws {@link IllegalArgumentException} with a message fit for an operator; only the secret type never
 * throws, so a message can never quote a secret.
 *
 * @param name   the type's name in the settings table
 * @param parser text to value
 * @param format value back to the text an operator would write, for the table's defaults
 */
record ValueType<T>(String name, Function<String, T> parser, Function<T, String> format) {

    static final ValueType<String> TEXT = new ValueType<>("string", s -> s, s -> s);
    static final ValueType<Secret> SECRET = new ValueType<>("secret", Secret::of, s -> "****");
    static final ValueType<Integer> INT = new ValueType<>("int", ValueType::parseInt, String::valueOf);
    static final ValueType<Long> LONG = new ValueType<>("long", ValueType::parseLong, String::valueOf);
    static final ValueType<Boolean> BOOLEAN = new ValueType<>("boolean", ValueType::parseBoolean, String::valueOf);
    static final ValueType<Duration> DURATION = new ValueType<>("duration", ValueType::parseDuration,
            ValueType::formatDuration);
    static final ValueType<URI> HTTP_URL = new ValueType<>("url", ValueType::parseHttpUrl, URI::toString);

    // Underscores as digit separators, as YAML 1.1 allows (100_000).
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+(_\\d+)*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(-?\\d+)(ms|s|m|h|d)");

    T parse(String text) {
        return parser.apply(text);
    }

    String formatValue(T value) {
        return format.apply(value);
    }

    boolean isSecret() {
        return this == SECRET;
    }

    private static long parseLong(String text) {
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException(quote(text) + " is not a whole number");
        }
        try {
            return Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " is out of range");
        }
    }

    private static int parseInt(String text) {
        long value = parseLong(text);
        if (value != (int) value) {
            throw new IllegalArgumentException(quote(text) + " is out of range (at most " + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }

    // Only true and false: YAML 1.1's yes/no/on/off are too easy to write by accident.
    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(quote(text) + " is not true or false");
        };
    }

    /** {@code 100ms}, {@code 5s}, {@code 2m}, {@code 24h}, {@code 7d}, or ISO-8601 such as {@code PT5S}. */
    static Duration parseDuration(String text) {
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
            throw new IllegalArgumentException(quote(text) + " is out of range");
        } catch (DateTimeParseException e) {
            // Fall through to the common message: the ISO parser's own text adds nothing for an operator.
        }
        throw new IllegalArgumentException(quote(text)
                + " is not a duration; write e.g. 100ms, 5s, 2m, 24h, 7d or ISO-8601 PT5S");
    }

    /** The shortest exact form in the largest unit up to hours (24h reads better than 1d), as operators write them. */
    static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (!d.equals(Duration.ofMillis(ms))) {
            return d.toString();
        }
        long[] unitsMs = {3_600_000L, 60_000L, 1_000L};
        String[] units = {"h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            if (ms != 0 && ms % unitsMs[i] == 0) {
                return ms / unitsMs[i] + units[i];
            }
        }
        return ms == 0 ? "0s" : ms + "ms";
    }

    /**
     * An absolute http(s) URL with a host and no query, fragment or user info, without a trailing slash so callers
     * can append API paths. User info is refused without quoting the URL: it may hold a password.
     */
    private static URI parseHttpUrl(String text) {
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
            throw new IllegalArgumentException(quote(text) + " must be an http or https URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(quote(text) + " has no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(quote(text) + " must not have a query or fragment");
        }
        String trimmed = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return URI.create(trimmed);
    }

    static String quote(String text) {
        return "'" + text + "'";
    }
}
