package io.groupsync.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of a schema, read from the {@code .avsc} files this jar carries under
 * {@code io/groupsync/schemas/released/<Name>/v<N>.avsc} (copied from {@code src/main/avro}, see README.md).
 * Versions are numbered from 1 without gaps, so probing v1, v2, … until one is missing finds them all without an
 * index file to keep in step.
 */
final class ReleasedSchemas {
  private ReleasedSchemas() {}

  /** The released versions of the named schema, oldest first: element {@code i} is version {@code i + 1}. */
  static List<Schema> versions(String name) {
    List<Schema> versions = new ArrayList<>();
    for (int version = 1; ; version++) {
      String path = path(name, version);
      try (InputStream in = ReleasedSchemas.class.getResourceAsStream(path)) {
        if (in == null) {
          break;
        }
        // One parser per file: each version is self-contained and may define the same named types as its siblings.
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + path, e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("no released version of " + name + " on the classpath at " + path(name, 1));
    }
    return List.copyOf(versions);
  }

  static String path(String name, int version) {
    return "released/" + name + "/v" + version + ".avsc";
  }
}
