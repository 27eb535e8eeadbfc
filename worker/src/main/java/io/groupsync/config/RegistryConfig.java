package io.groupsync.config;

import io.groupsync.schemas.WireFormat;
import io.groupsync.schemas.registry.Credentials;
import io.groupsync.schemas.registry.RegistryClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The Confluent-compatible Schema Registry, if any: where it is, how to authenticate and trust it, and which output
 * topics are written in its framing. Events in its framing are read whenever a URL is given, whatever the formats.
 */
public record RegistryConfig(
        @Setting(computed = "none", doc = "Base URL of a Confluent-compatible Schema Registry (Confluent, Karapace, "
                + "Redpanda, Apicurio's /apis/ccompat/v7). Without it, events in the registry framing are dead "
                + "letters and every output is single-object encoded.")
        Optional<URI> url,
        @Setting(computed = "none", doc = "User name for HTTP basic auth (on Confluent Cloud: the API key).")
        Optional<String> username,
        @Setting(computed = "none", doc = "Password for HTTP basic auth (on Confluent Cloud: the API secret). "
                + "${env:NAME} or ${file:/path}.")
        Optional<Secret> password,
        @Setting(computed = "none", doc = "Bearer token, instead of basic auth. ${env:NAME} or ${file:/path}.")
        Optional<Secret> bearerToken,
        @Setting(computed = "the JVM's default trust", doc = "Trust store file (PKCS12 or JKS) holding the CA of a "
                + "registry served over https with a private CA.")
        Optional<String> trustStore,
        @Setting(computed = "none", doc = "Password of the trust store. ${env:NAME} or ${file:/path}.")
        Optional<Secret> trustStorePassword,
        @Setting(byDefault = "PKCS12", doc = "Type of the trust store: PKCS12 or JKS.")
        String trustStoreType,
        @Setting(byDefault = "true", doc = "Register the output schemas under <topic>-value at start-up; false "
                + "looks them up instead, and start-up stops if they are not registered.")
        boolean autoRegister,
        @Setting(byDefault = "single-object", doc = "Framing of topics.results: single-object | registry (which "
                + "Kafka UI, AKHQ and Redpanda Console decode).")
        WireFormat resultsFormat,
        @Setting(byDefault = "single-object", doc = "Framing of the dead-letter metadata header "
                + "(kafka_dlt-groupsync-detail): single-object | registry. A dead letter's value is the original.")
        WireFormat deadLettersFormat,
        @Setting(byDefault = "1000", min = "1", max = "100000", doc = "Writer schemas kept by id.")
        int cacheSize,
        @Setting(byDefault = "5s", positive = true, doc = "Longest a registry request may take, connect to answer; "
                + "intake waits that long on a registry that does not answer.")
        Duration requestTimeout,
        @Setting(byDefault = "2s", positive = true, doc = "How long a partition waits before asking an unreachable "
                + "registry again; start-up retries as often.")
        Duration retryBackoff) {

    /** No registry: both framings' defaults. */
    public static RegistryConfig defaults() {
        return ConfigLoader.defaults(RegistryConfig.class, RegistryConfig::complete);
    }

    /** A registry at {@code url}, no auth, outputs in the given formats: for tests and the demo. */
    public static RegistryConfig at(URI url, WireFormat results, WireFormat deadLetters) {
        RegistryConfig d = defaults();
        return new RegistryConfig(Optional.of(url), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), d.trustStoreType, d.autoRegister, results, deadLetters,
                d.cacheSize, d.requestTimeout, d.retryBackoff);
    }

    public RegistryConfig withAuth(Optional<String> username, Optional<Secret> password, Optional<Secret> token) {
        return new RegistryConfig(url, username, password, token, trustStore, trustStorePassword, trustStoreType,
                autoRegister, resultsFormat, deadLettersFormat, cacheSize, requestTimeout, retryBackoff);
    }

    public RegistryConfig withRetryBackoff(Duration backoff) {
        return new RegistryConfig(url, username, password, bearerToken, trustStore, trustStorePassword,
                trustStoreType, autoRegister, resultsFormat, deadLettersFormat, cacheSize, requestTimeout, backoff);
    }

    public RegistryConfig withTrustStore(String path, Secret password) {
        return new RegistryConfig(url, username, this.password, bearerToken, Optional.of(path), Optional.of(password),
                trustStoreType, autoRegister, resultsFormat, deadLettersFormat, cacheSize, requestTimeout,
                retryBackoff);
    }

    /** The client, when a URL is given. */
    public Optional<RegistryClient> client() {
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Credentials credentials = bearerToken.map(t -> Credentials.bearer(t.reveal()))
                .or(() -> username.map(u -> Credentials.basic(u, password.orElseThrow().reveal())))
                .orElse(Credentials.none());
        try {
            return Optional.of(new RegistryClient(url.get(), credentials, tls(), requestTimeout));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("registry.trust-store could no longer be read: " + e.getClass().getName());
        }
    }

    private SSLContext tls() throws IOException, GeneralSecurityException {
        return trustStore.isEmpty() ? null : RegistryClient.trusting(Path.of(trustStore.get()),
                trustStorePassword.map(p -> p.reveal().toCharArray()).orElse(null), trustStoreType);
    }

    /** Settings that need one another, and a trust store that must load. */
    static void complete(Section s) {
        if (!s.clean()) {
            return;
        }
        Optional<URI> url = s.get("url");
        boolean hasUrl = url.isPresent();
        if (hasUrl && url.get().getUserInfo() != null) {
            // Its text reaches logs and errors; a password in it would too.
            s.problem("url", "must not hold a user or password; use registry.username and registry.password");
        }
        for (String format : new String[] {"results-format", "dead-letters-format"}) {
            if (s.get(format) == WireFormat.REGISTRY && !hasUrl) {
                s.problem(format, "registry needs registry.url");
            }
        }
        boolean user = s.<Optional<String>>get("username").isPresent();
        boolean password = s.<Optional<Secret>>get("password").isPresent();
        if (user != password) {
            s.problem(user ? "password" : "username", "basic auth needs both registry.username and registry.password");
        }
        if (user && s.<Optional<Secret>>get("bearer-token").isPresent()) {
            s.problem("bearer-token", "give basic auth (username, password) or a bearer token, not both");
        }
        if (s.<Optional<String>>get("trust-store").isEmpty()) {
            if (s.<Optional<Secret>>get("trust-store-password").isPresent()) {
                s.problem("trust-store-password", "is set without registry.trust-store");
            }
            return;
        }
        RegistryConfig built = s.build(RegistryConfig.class);
        try {
            built.tls();
        } catch (IOException | GeneralSecurityException e) {
            // The exception's message could quote the password's effect, never the password; name the kind only.
            s.problem("trust-store", "cannot be read as a " + built.trustStoreType + " trust store: "
                    + e.getClass().getSimpleName());
        }
    }
}
