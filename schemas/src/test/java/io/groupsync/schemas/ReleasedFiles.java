package io.groupsync.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/** The released schema files as they are on disk, read independently of the jar's resources. */
final class ReleasedFiles {
  /** Surefire runs in the module directory and also passes it as {@code basedir}. */
  static final Path ROOT = Path.of(System.getProperty("basedir", "."), "src", "main", "avro");

  static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

  private ReleasedFiles() {}

  /** Schema names: one directory per schema under {@code src/main/avro}. */
  static List<String> names() {
    try (Stream<Path> entries = Files.list(ROOT)) {
      return entries.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file in the schema's directory, ordered by version number where the name carries one. */
  static List<Path> files(String name) {
    try (Stream<Path> entries = Files.list(ROOT.resolve(name))) {
      return entries.sorted(Comparator.comparingInt(ReleasedFiles::versionOf).thenComparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The version a file name carries, or -1 if it is not named {@code v<N>.avsc}. */
  static int versionOf(Path file) {
    Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  /** The released versions, oldest first, each parsed on its own as the codec does. */
  static List<Schema> versions(String name) {
    return files(name).stream().map(ReleasedFiles::parse).toList();
  }

  static Schema version(String name, int version) {
    return parse(ROOT.resolve(name).resolve("v" + version + ".avsc"));
  }

  static Schema newest(String name) {
    List<Schema> versions = versions(name);
    return versions.get(versions.size() - 1);
  }

  static Schema parse(Path file) {
    try {
      return new Schema.Parser().parse(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
