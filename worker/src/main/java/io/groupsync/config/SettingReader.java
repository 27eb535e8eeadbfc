package io.groupsync.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one setting the same way everywhere: the environment override if set, else the file, else the default;
 * then placeholders, the inline-secret rule, the type and the setting's rule. A bad value becomes a problem and the
 * reader returns null and carries on, so that every problem in the file is found in one pass.
 */
final class SettingReader {

    /** Where a setting's value comes from. */
    enum Origin { NONE, FILE, ENV }

    private static final String INLINE_SECRET_REFUSED = "a secret written in the file is refused; use ${env:NAME} or "
            + "${file:/path} (allow-inline-secrets: true permits it, for demos and tests only)";

    private final Problems problems;
    private final EnvOverrides env;
    private final Placeholders placeholders;
    private boolean allowInlineSecrets;

    SettingReader(Problems problems, EnvOverrides env, Placeholders placeholders) {
        this.problems = problems;
        this.env = env;
        this.placeholders = placeholders;
    }

    void allowInlineSecrets(boolean allow) {
        allowInlineSecrets = allow;
    }

    /** The setting's value, its default when not given, or null when it is bad, required and missing, or optional. */
    <T> T read(Section section, Setting<T> setting) {
        String name = section.fullName(setting.key());
        String envName = section.envName(setting.key());
        Origin origin = origin(section, setting);
        String raw = switch (origin) {
            case ENV -> env.lookup(envName, name);
            case FILE -> scalar(name, section.get(setting.key()));
            case NONE -> null;
        };
        if (origin == Origin.NONE) {
            if (setting.isRequired()) {
                problems.add(name, setting.isEnvOverridable() ? "required; set it in the file or in " + envName
                        : "required");
            }
            return setting.defaultOrNull();
        }
        boolean secret = setting.type().isSecret();
        String text = raw == null ? null : resolve(name, secret ? raw : raw.trim(), secret, origin == Origin.ENV);
        if (text == null) {
            return null;
        }
        String from = origin == Origin.ENV ? " (from " + envName + ")" : "";
        T value;
        try {
            value = setting.type().parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(name, e.getMessage() + from);
            return null;
        }
        Optional<String> problem = setting.problem(value);
        problem.ifPresent(p -> problems.add(name, p + from));
        return problem.isPresent() ? null : value;
    }

    /** Where the setting would be read from; an empty value in the file counts as not given. */
    Origin origin(Section section, Setting<?> setting) {
        if (setting.isEnvOverridable()
                && env.lookup(section.envName(setting.key()), section.fullName(setting.key())) != null) {
            return Origin.ENV;
        }
        Object node = section.get(setting.key());
        return node == null || (node instanceof String s && s.isBlank()) ? Origin.NONE : Origin.FILE;
    }

    /**
     * One value of a pass-through map (Kafka properties), resolved like a setting's: placeholders work, and a
     * secret-like property written literally follows the inline-secret rule. Null after a problem.
     */
    String passThrough(String name, Object node, boolean secret) {
        String raw = scalar(name, node);
        if (raw == null) {
            return null;
        }
        if (raw.isBlank()) {
            problems.add(name, "has no value");
            return null;
        }
        return resolve(name, raw.trim(), secret, false);
    }

    private String resolve(String name, String raw, boolean secret, boolean fromEnv) {
        if (Placeholders.isPlaceholder(raw)) {
            return placeholders.resolve(name, raw, problems).orElse(null);
        }
        if (secret && !fromEnv && !allowInlineSecrets) {
            problems.add(name, INLINE_SECRET_REFUSED);
            return null;
        }
        return raw;
    }

    /** The text of a scalar node; a mapping or list where a value belongs is a problem (and is not quoted). */
    private String scalar(String name, Object node) {
        if (node instanceof Map || node instanceof List) {
            problems.add(name, "must be a single value, not " + (node instanceof Map ? "a mapping" : "a list"));
            return null;
        }
        return node == null ? "" : (String) node;
    }
}
