package io.groupsync.schemas.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * How requests to the registry authenticate: not at all, HTTP basic (Confluent's {@code basic.auth.user.info}, an
 * API key and secret on Confluent Cloud) or a bearer token. {@link #toString()} never shows the secret.
 */
public final class Credentials {

  private static final Credentials NONE = new Credentials(null, "none");

  private final String authorization;
  private final String kind;

  private Credentials(String authorization, String kind) {
    this.authorization = authorization;
    this.kind = kind;
  }

  public static Credentials none() {
    return NONE;
  }

  public static Credentials basic(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    String pair = username + ":" + password;
    return new Credentials("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
        "basic");
  }

  public static Credentials bearer(String token) {
    return new Credentials("Bearer " + Objects.requireNonNull(token, "token"), "bearer");
  }

  /** The {@code Authorization} header's value, or null for none. */
  String authorization() {
    return authorization;
  }

  @Override
  public String toString() {
    return "Credentials[" + kind + (authorization == null ? "" : " ****") + "]";
  }
}
