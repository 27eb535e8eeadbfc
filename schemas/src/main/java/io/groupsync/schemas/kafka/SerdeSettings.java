package io.groupsync.schemas.kafka;

import io.groupsync.schemas.WireFormat;
import io.groupsync.schemas.registry.Credentials;
import io.groupsync.schemas.registry.RegistryClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The serializers' and deserializers' properties. The registry ones carry Confluent's names, so a service moving
 * from Confluent's serializers keeps its configuration.
 */
final class SerdeSettings {

  static final String REGISTRY_URL = "schema.registry.url";
  static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  static final String BEARER_AUTH_TOKEN = "bearer.auth.token";
  static final String AUTO_REGISTER = "auto.register.schemas";
  static final String TRUST_STORE = "schema.registry.ssl.truststore.location";
  static final String TRUST_STORE_PASSWORD = "schema.registry.ssl.truststore.password";
  static final String TRUST_STORE_TYPE = "schema.registry.ssl.truststore.type";
  /** single-object or registry; by default registry when a registry URL is given. */
  static final String WIRE_FORMAT = "groupsync.wire.format";
  static final String CACHE_SIZE = "groupsync.registry.cache.size";
  static final String TIMEOUT_MS = "groupsync.registry.timeout.ms";

  private SerdeSettings() {
  }

  /** The registry client the properties describe, or null when they name no registry. */
  static RegistryClient client(Map<String, ?> configs) {
    String url = text(configs, REGISTRY_URL);
    if (url == null) {
      return null;
    }
    String userInfo = text(configs, BASIC_AUTH_USER_INFO);
    String token = text(configs, BEARER_AUTH_TOKEN);
    if (userInfo != null && token != null) {
      throw new ConfigException(BASIC_AUTH_USER_INFO + " and " + BEARER_AUTH_TOKEN + " are both set; use one");
    }
    Credentials credentials = Credentials.none();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        throw new ConfigException(BASIC_AUTH_USER_INFO + " must be username:password");
      }
      credentials = Credentials.basic(userInfo.substring(0, colon), userInfo.substring(colon + 1));
    } else if (token != null) {
      credentials = Credentials.bearer(token);
    }
    Duration timeout = Duration.ofMillis(number(configs, TIMEOUT_MS, 10_000));
    return new RegistryClient(URI.create(url), credentials, tls(configs), timeout);
  }

  static WireFormat format(Map<String, ?> configs) {
    String format = text(configs, WIRE_FORMAT);
    if (format == null) {
      return text(configs, REGISTRY_URL) == null ? WireFormat.SINGLE_OBJECT : WireFormat.REGISTRY;
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "single-object" -> WireFormat.SINGLE_OBJECT;
      case "registry" -> WireFormat.REGISTRY;
      default -> throw new ConfigException(WIRE_FORMAT, format, "must be single-object or registry");
    };
  }

  static boolean autoRegister(Map<String, ?> configs) {
    String value = text(configs, AUTO_REGISTER);
    return value == null || Boolean.parseBoolean(value);
  }

  static int cacheSize(Map<String, ?> configs) {
    return (int) number(configs, CACHE_SIZE, 1_000);
  }

  private static SSLContext tls(Map<String, ?> configs) {
    String location = text(configs, TRUST_STORE);
    if (location == null) {
      return null;
    }
    String password = text(configs, TRUST_STORE_PASSWORD);
    String type = text(configs, TRUST_STORE_TYPE);
    try {
      return RegistryClient.trusting(Path.of(location), password == null ? null : password.toCharArray(),
          type == null ? "PKCS12" : type);
    } catch (IOException | GeneralSecurityException e) {
      // The cause's message may not quote the password; say only which setting and why.
      throw new ConfigException(TRUST_STORE + " cannot be read as a trust store: " + e.getClass().getSimpleName());
    }
  }

  private static long number(Map<String, ?> configs, String key, long byDefault) {
    String value = text(configs, key);
    try {
      long number = value == null ? byDefault : Long.parseLong(value);
      if (number < 1) {
        throw new ConfigException(key, value, "must be positive");
      }
      return number;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "must be a whole number");
    }
  }

  private static String text(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    if (value == null) {
      return null;
    }
    String text = value instanceof Password p ? p.value() : value.toString();
    return text.isBlank() ? null : text.trim();
  }
}
