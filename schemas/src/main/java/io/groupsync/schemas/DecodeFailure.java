package io.groupsync.schemas;

/** Why a message could not be decoded; stable names a caller can branch on, count and put in a dead letter. */
public enum DecodeFailure {
  /** No value, fewer than 10 bytes, or not starting with the single-object marker {@code C3 01}. */
  BAD_FRAMING,
  /** The fingerprint names no released version of the schema (another schema, or a version newer than this jar). */
  UNKNOWN_FINGERPRINT,
  /** The body ends before the record does, or a length in it reaches past the end. */
  TRUNCATED_BODY,
  /**
   * The body breaks its writer schema: a negative length, an enum or union index out of range, a boolean that is not
   * 0 or 1, a number longer than its encoding allows, or bytes left over after the record.
   */
  MALFORMED_BODY
}
