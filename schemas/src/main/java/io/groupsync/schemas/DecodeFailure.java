package io.groupsync.schemas;

/** Why a message could not be decoded; stable names a caller can branch on, count and put in a dead letter. */
public enum DecodeFailure {
  /**
   * No value, or neither framing: too short for its header, or starting with neither the single-object marker
   * {@code C3 01} nor the registry framing's magic byte {@code 00} (or {@code 00} where no registry is configured).
   */
  BAD_FRAMING,
  /** The fingerprint names no released version of the schema (another schema, or a version newer than this jar). */
  UNKNOWN_FINGERPRINT,
  /** The registry framing names a schema id the registry does not have (its error 40403). */
  UNKNOWN_SCHEMA_ID,
  /**
   * The registry framing names a writer schema that cannot be read as this record: not Avro, another record, or a
   * change Avro's schema resolution cannot bridge (a field removed that has no default here, a type changed).
   */
  INCOMPATIBLE_SCHEMA,
  /** The body ends before the record does, or a length in it reaches past the end. */
  TRUNCATED_BODY,
  /**
   * The body breaks its writer schema: a negative length, an enum or union index out of range, a boolean that is not
   * 0 or 1, a number longer than its encoding allows, or bytes left over after the record.
   */
  MALFORMED_BODY
}
