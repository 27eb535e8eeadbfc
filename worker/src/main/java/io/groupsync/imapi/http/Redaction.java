package io.groupsync.imapi.http;

import io.groupsync.imapi.CallResult;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Cleans what comes from outside of the secrets a call used. Messages echo whatever a vendor, a proxy or an
 * exception saw (an error page quoting the URL, a signature, a token), so every message a client hands on passes
 * here before it can reach a result, a dead letter or a log, and every vendor shows {@value #MARKER} in its place.
 */
public final class Redaction {

    /** What stands where a secret was, for every vendor. */
    public static final String MARKER = "<redacted>";

    private final List<String> secrets;

    private Redaction(List<String> secrets) {
        // An empty "secret" would match between every two characters: nothing to hide, so it is left out.
        this.secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList();
    }

    /** The secrets of one call; null or empty ones (a request sent without a token) are ignored. */
    public static Redaction of(String... secrets) {
        return new Redaction(Arrays.asList(secrets));
    }

    public static Redaction of(List<String> secrets) {
        return new Redaction(secrets);
    }

    /** {@code text} with every secret replaced by {@value #MARKER}; null reads as empty. */
    public String clean(String text) {
        String out = text == null ? "" : text;
        for (String secret : secrets) {
            out = out.replace(secret, MARKER);
        }
        return out;
    }

    /** {@code result} with its message cleaned. */
    public CallResult clean(CallResult result) {
        return result.withMessage(clean(result.message()));
    }
}
