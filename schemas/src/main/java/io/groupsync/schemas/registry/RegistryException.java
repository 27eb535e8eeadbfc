package io.groupsync.schemas.registry;

/**
 * The registry did not give what was asked: either it could not be asked ({@link #unavailable()}: no answer, a
 * server error, throttling, refused credentials), which waiting may mend, or it answered that the thing asked for
 * does not exist or is refused (an unknown schema id, an incompatible schema), which waiting will not.
 */
public final class RegistryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The status when there was no answer at all. */
  public static final int NO_ANSWER = -1;

  private final int status;
  private final int errorCode;

  RegistryException(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  /** The HTTP status, or {@link #NO_ANSWER}. */
  public int status() {
    return status;
  }

  /** The registry's {@code error_code} (40403: schema not found), or -1 when its answer had none. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * True when the registry could not be asked, so the same question may be answered later: no answer, 5xx, 408,
   * 429, 401/403 (credentials being rotated are a deployment's problem, never a record's), and a 404 that is not
   * the registry's own "subject, version or schema not found" (40401, 40402, 40403): a wrong base path, or a proxy in
   * front of a registry being redeployed, says nothing of the schema.
   */
  public boolean unavailable() {
    return status == NO_ANSWER || status >= 500 || status == 401 || status == 403 || status == 408
        || status == 429 || status == 404 && (errorCode < 40401 || errorCode > 40403);
  }
}
