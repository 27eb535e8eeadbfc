package io.groupsync.schemas;

/** How a record's value is framed on a topic. Readers accept both, told apart by the first byte. */
public enum WireFormat {
  /** Avro single-object encoding: {@code C3 01}, the writer schema's 8-byte fingerprint, the body. No registry. */
  SINGLE_OBJECT,
  /**
   * The Confluent Schema Registry framing: magic byte {@code 00}, the writer schema's 4-byte big-endian registry id,
   * the body. What Kafka UI, AKHQ, Redpanda Console and most clients' Avro serializers read and write.
   */
  REGISTRY
}
