package io.groupsync.schemas;

import static io.groupsync.schemas.CompatibilityPolicy.Direction.NEWEST_READS_OLDER;
import static io.groupsync.schemas.CompatibilityPolicy.Direction.OLDER_READS_NEWEST;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/** Which reader/writer pairs of released versions must resolve, per schema; the reasons are in README.md. */
final class CompatibilityPolicy {
  enum Direction {
    /** Reader: the newest version; writer: each older one. Records written before an upgrade stay readable. */
    NEWEST_READS_OLDER,
    /** Reader: each older version; writer: the newest one. Consumers that lag behind the writer keep working. */
    OLDER_READS_NEWEST
  }

  static final Map<String, Set<Direction>> REQUIRED = Map.of(
      // Only the worker reads events and it is upgraded before the producers.
      "GroupChange", EnumSet.of(NEWEST_READS_OLDER),
      // The worker writes these; dashboards, replay and tail tools read them on their own upgrade schedule.
      "SyncResult", EnumSet.of(NEWEST_READS_OLDER, OLDER_READS_NEWEST),
      "DeadLetter", EnumSet.of(NEWEST_READS_OLDER, OLDER_READS_NEWEST));

  private CompatibilityPolicy() {}

  /** What breaks the policy between the last of {@code versions} (oldest first) and each earlier one; empty if none. */
  static List<String> violations(String name, List<Schema> versions) {
    Set<Direction> required = REQUIRED.get(name);
    if (required == null) {
      throw new IllegalArgumentException("no compatibility rule for " + name + "; add one to REQUIRED");
    }
    List<String> violations = new ArrayList<>();
    int newest = versions.size();
    for (int older = 1; older < newest; older++) {
      Schema olderSchema = versions.get(older - 1);
      Schema newestSchema = versions.get(newest - 1);
      if (required.contains(NEWEST_READS_OLDER)) {
        check(violations, name + " v" + newest + " reading v" + older, newestSchema, olderSchema);
      }
      if (required.contains(OLDER_READS_NEWEST)) {
        check(violations, name + " v" + older + " reading v" + newest, olderSchema, newestSchema);
      }
    }
    return violations;
  }

  private static void check(List<String> violations, String pair, Schema reader, Schema writer) {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result.getResult().getIncompatibilities().forEach(incompatibility -> violations.add(String.format(
          "%s: %s at %s: %s", pair, incompatibility.getType(), incompatibility.getLocation(),
          incompatibility.getMessage())));
    }
  }
}
