package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the released files, the jar's copies of them and the generated classes from drifting apart. */
class ReleasedSchemaFilesTest {

  static List<String> releasedNames() {
    return ReleasedFiles.names();
  }

  @ParameterizedTest
  @MethodSource("releasedNames")
  void everyFileIsAVersionOfTheSchemaItsDirectoryNames(String name) {
    List<Path> files = ReleasedFiles.files(name);
    assertThat(files).as("versions of %s", name).isNotEmpty();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      assertThat(ReleasedFiles.versionOf(file)).as("%s: versions are v1.avsc, v2.avsc, … without gaps", file)
          .isEqualTo(i + 1);
      assertThat(ReleasedFiles.parse(file).getFullName()).as("record defined by %s", file)
          .isEqualTo("io.groupsync.event." + name);
    }
  }

  @ParameterizedTest
  @MethodSource("releasedNames")
  void generatedClassesMatchTheNewestReleasedFile(String name) throws ClassNotFoundException {
    // Every named type, not just the record: a shared type such as Vendor is generated once for several files.
    for (Schema released : namedTypes(ReleasedFiles.newest(name)).values()) {
      Schema generated = SpecificData.get().getSchema(Class.forName(released.getFullName()));
      assertThat(SchemaNormalization.toParsingForm(generated))
          .as("%s generated from the newest %s file; regenerate, or move the <include> in schemas/pom.xml",
              released.getFullName(), name)
          .isEqualTo(SchemaNormalization.toParsingForm(released));
    }
  }

  @ParameterizedTest
  @MethodSource("releasedNames")
  void jarCarriesEveryReleasedVersionAsAResource(String name) {
    assertThat(ReleasedSchemas.versions(name)).isEqualTo(ReleasedFiles.versions(name));
  }

  private static Map<String, Schema> namedTypes(Schema schema) {
    Map<String, Schema> found = new LinkedHashMap<>();
    collect(schema, found);
    return found;
  }

  private static void collect(Schema schema, Map<String, Schema> found) {
    switch (schema.getType()) {
      case RECORD -> {
        if (found.putIfAbsent(schema.getFullName(), schema) == null) {
          schema.getFields().forEach(field -> collect(field.schema(), found));
        }
      }
      case ENUM, FIXED -> found.putIfAbsent(schema.getFullName(), schema);
      case UNION -> schema.getTypes().forEach(branch -> collect(branch, found));
      case ARRAY -> collect(schema.getElementType(), found);
      case MAP -> collect(schema.getValueType(), found);
      default -> { }
    }
  }
}
