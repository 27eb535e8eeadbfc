package io.groupsync.schemas;

import java.util.Objects;

/**
 * A message that cannot be decoded. Checked, because the bytes come from outside and every caller must decide what a
 * bad one means (the worker dead-letters it); {@link #failure()} says which kind it is, the message says where.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DecodeFailure failure;

  DecodeException(DecodeFailure failure, String message) {
    this(failure, message, null);
  }

  DecodeException(DecodeFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public DecodeFailure failure() {
    return failure;
  }
}
