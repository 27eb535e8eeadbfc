package io.groupsync.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One mapping of the file as it is read into a record: where it is ({@code routes[rong].limits}), its environment
 * prefix and the values read so far. Every setting is read the same way: the environment override if set, else the
 * file, else its default; then placeholders, the inline-secret rule, its type and its rule. A bad value becomes a
 * problem and reading carries on, so that every problem in the file is found in one pass.
 */
final class Section {

    /** Where a setting's value comes from. */
    enum Origin { NONE, FILE, ENV }

    private static final String INLINE_SECRET_REFUSED = "a secret written in the file is refused; use ${env:NAME} or "
            + "${file:/path} (allow-inline-secrets: true permits it, for demos and tests only)";

    private final ConfigLoader loader;
    private final String path;
    private final String envPrefix;
    private final Map<String, Object> file;
    private final Map<String, Object> values = new HashMap<>();
    private final int problemsAtStart;

    Section(ConfigLoader loader, String path, String envPrefix, Map<String, Object> file) {
        this.loader = loader;
        this.path = path;
        this.envPrefix = envPrefix;
        this.file = file;
        this.problemsAtStart = loader.problems.count();
    }

    /** The section of one route, named by its position until its name is known. */
    Section route(String label, Map<?, ?> route) {
        return new Section(loader, "routes[" + label + "]", EnvOverrides.PREFIX + "ROUTES_" + EnvOverrides.token(label)
                + "_", cast(route));
    }

    /** The mapping under {@code key}; an absent or empty one is empty, anything else is a problem. */
    Section child(String key) {
        Object node = file.get(key);
        if (node != null && !"".equals(node) && !(node instanceof Map)) {
            problem(key, "must be a mapping, not " + (node instanceof List ? "a list" : "a value"));
        }
        return new Section(loader, name(key), envPrefix + EnvOverrides.token(key) + "_",
                node instanceof Map<?, ?> map ? cast(map) : Map.of());
    }

    /** Reads the record's settings, lets its rules complete and relate them, refuses unknown keys, builds it. */
    <R> R read(Class<R> type, Consumer<Section> rules) {
        readSettings(type);
        rules.accept(this);
        reportUnknown(keys(type), key -> "unknown setting");
        return build(type);
    }

    /** Reads every scalar setting the record declares; maps and lists are left to its rules. */
    void readSettings(Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            Class<?> valueType = valueType(component);
            if (component.isAnnotationPresent(Setting.class) && valueType != Map.class && valueType != List.class) {
                Object value = read(type, key(component));
                values.put(key(component), component.getType() == Optional.class ? Optional.ofNullable(value) : value);
            }
        }
    }

    /** One setting of the record, read alone. */
    Object read(Class<?> type, String key) {
        RecordComponent component = component(type, key);
        Setting setting = component.getAnnotation(Setting.class);
        return read(key, setting, valueType(component), setting.byDefault());
    }

    /** One setting's value: its default when not given, null when it is bad, missing and required, or computed. */
    Object read(String key, Setting setting, Class<?> type, String byDefault) {
        Origin origin = origin(key, setting.fromEnv());
        if (origin == Origin.NONE) {
            if (byDefault.equals(Setting.REQUIRED) && setting.computed().isEmpty()) {
                problem(key, setting.fromEnv() ? "required; set it in the file or in " + envName(key) : "required");
            }
            return byDefault.equals(Setting.REQUIRED) || !setting.computed().isEmpty() ? null
                    : ValueTypes.parse(type, byDefault);
        }
        boolean secret = type == Secret.class;
        String raw = origin == Origin.ENV ? loader.env.lookup(envName(key), name(key)) : scalar(key, file.get(key));
        if (raw == null) {
            return null;
        }
        String given = secret ? raw : raw.trim();
        hideIfNotInFile(key, given, origin);
        String text = resolve(key, given, secret, origin == Origin.ENV);
        if (text == null) {
            return null;
        }
        String hiddenAs = hiddenAs(key);
        try {
            Object value = ValueTypes.parse(type, text, hiddenAs);
            Optional<String> violation = ValueTypes.violation(setting, value, hiddenAs);
            violation.ifPresent(p -> problem(key, p));
            return violation.isPresent() ? null : value;
        } catch (IllegalArgumentException e) {
            problem(key, e.getMessage());
            return null;
        }
    }

    /** Remembers that a message must not quote this setting's value: it was not written in the file itself. */
    private void hideIfNotInFile(String key, String given, Origin origin) {
        boolean placeholder = Placeholders.isPlaceholder(given);
        if (placeholder || origin == Origin.ENV) {
            loader.hidden.put(name(key), placeholder ? given + (origin == Origin.ENV ? " (from " + envName(key) + ")"
                    : "") : envName(key));
        }
    }

    /** Where the setting's value came from when a message must not quote it ({@code ${env:X}}), else null. */
    String hiddenAs(String key) {
        return loader.hidden.get(name(key));
    }

    /**
     * A value for a message relating settings, formatted into {@code template} ({@code " (%s)"}); nothing when the
     * setting's value must not be quoted.
     *
     * @param setting the full name of the setting the value is of, in this section or another
     */
    String show(String setting, Object value, String template) {
        return loader.hidden.containsKey(setting) ? "" : template.formatted(ValueTypes.format(value));
    }

    /** {@link #show(String, Object, String)} of a setting of this section. */
    String show(String key, String template) {
        return show(name(key), values.get(key), template);
    }

    /** Where the setting is read from; an empty value in the file counts as not given. */
    Origin origin(String key, boolean fromEnv) {
        if (fromEnv && loader.env.lookup(envName(key), name(key)) != null) {
            return Origin.ENV;
        }
        Object node = file.get(key);
        return node == null || node instanceof String s && s.isBlank() ? Origin.NONE : Origin.FILE;
    }

    Origin origin(String key) {
        return origin(key, true);
    }

    /**
     * One value of a pass-through map (Kafka properties), resolved like a setting's: placeholders work, and a
     * secret-like property written literally follows the inline-secret rule. Null after a problem.
     */
    String passThrough(String key, boolean secret) {
        String raw = scalar(key, file.get(key));
        if (raw != null && raw.isBlank()) {
            problem(key, "has no value");
            return null;
        }
        if (raw == null) {
            return null;
        }
        hideIfNotInFile(key, raw.trim(), Origin.FILE);
        return resolve(key, raw.trim(), secret, false);
    }

    private String resolve(String key, String raw, boolean secret, boolean fromEnv) {
        if (Placeholders.isPlaceholder(raw)) {
            return loader.placeholders.resolve(name(key), raw, loader.problems).orElse(null);
        }
        if (secret && !fromEnv && !loader.allowInlineSecrets) {
            problem(key, INLINE_SECRET_REFUSED);
            return null;
        }
        return raw;
    }

    /** The text of a scalar node; a mapping or list where a value belongs is a problem (and is not quoted). */
    private String scalar(String key, Object node) {
        if (node instanceof Map || node instanceof List) {
            problem(key, "must be a single value, not " + (node instanceof Map ? "a mapping" : "a list"));
            return null;
        }
        return node == null ? "" : (String) node;
    }

    /** Refuses keys that are not {@code known}, naming the closest known one; {@code what} says what the key is not. */
    void reportUnknown(List<String> known, Function<String, String> what) {
        for (String key : file.keySet()) {
            if (!known.contains(key)) {
                problem(key, what.apply(key) + "; " + Suggestions.closest(key, known)
                        .map(k -> "did you mean " + name(k) + "?")
                        .orElse("expected one of " + String.join(", ", known)));
            }
        }
    }

    /** The record built from the values read and set, or null when this section had a problem. */
    <R> R build(Class<R> type) {
        if (!clean()) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        try {
            return type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(Arrays.stream(components).map(c -> values.get(key(c))).toArray());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("rules let through what " + type.getSimpleName() + " refuses", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True while nothing in this section (or read after it started) was a problem. */
    boolean clean() {
        return loader.problems.count() == problemsAtStart;
    }

    // The rules know each setting's type from their own record.
    @SuppressWarnings("unchecked")
    <T> T get(String key) {
        return (T) values.get(key);
    }

    void set(String key, Object value) {
        values.put(key, value);
    }

    void problem(String key, String message) {
        loader.problems.add(name(key), message);
    }

    Map<String, Object> file() {
        return file;
    }

    String name(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String envName(String key) {
        return envPrefix + EnvOverrides.token(key);
    }

    /** The component's key: its name in kebab case. */
    static String key(RecordComponent component) {
        return component.getName().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    static RecordComponent component(Class<?> type, String key) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> key(c).equals(key)).findFirst().orElseThrow();
    }

    static List<String> keys(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(Section::key).toList();
    }

    /** The type a value is parsed as: an optional setting's inner type. */
    static Class<?> valueType(RecordComponent component) {
        return component.getType() == Optional.class
                ? (Class<?>) ((ParameterizedType) component.getGenericType()).getActualTypeArguments()[0]
                : component.getType();
    }

    // The YAML reader builds every mapping as Map<String, Object>.
    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
