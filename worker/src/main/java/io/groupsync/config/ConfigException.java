package io.groupsync.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with a config, found in one pass so an operator can fix the file in one go. The message holds one
 * line per problem, each starting with the full name of the setting at fault (or the environment variable, or the
 * file), e.g. {@code routes[tencent-cn].secret-key: environment variable TENCENT_SECRET_KEY is not set}.
 * No message ever contains a secret's value.
 */
public final class ConfigException extends RuntimeException {

    /** One problem: the setting's full name and what is wrong with it. */
    public record Problem(String setting, String message) {
        @Override
        public String toString() {
            return setting + ": " + message;
        }
    }

    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String setting, String message) {
        this(List.of(new Problem(setting, message)));
    }

    /** The problems in the order they were found: file order, then environment variables. */
    public List<Problem> problems() {
        return problems;
    }
}
