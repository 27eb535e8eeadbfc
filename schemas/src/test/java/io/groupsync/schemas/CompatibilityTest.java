package io.groupsync.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityTest {

  static List<String> releasedNames() {
    return ReleasedFiles.names();
  }

  @Test
  void everyReleasedSchemaHasACompatibilityRule() {
    assertThat(CompatibilityPolicy.REQUIRED.keySet()).containsExactlyInAnyOrderElementsOf(ReleasedFiles.names());
  }

  @ParameterizedTest
  @MethodSource("releasedNames")
  void newestReleaseKeepsTheRequiredCompatibilityWithEveryOlderRelease(String name) {
    assertThat(CompatibilityPolicy.violations(name, ReleasedFiles.versions(name))).isEmpty();
  }

  @Test
  void candidateAddingAnOptionalEventFieldPasses() throws IOException {
    List<Schema> versions = List.of(ReleasedFiles.version("GroupChange", 1), groupChangeV2Candidate());

    assertThat(CompatibilityPolicy.violations("GroupChange", versions)).isEmpty();
  }

  @Test
  void candidateAddingARequiredEventFieldIsCaughtBecauseOldEventsLackIt() {
    Schema current = ReleasedFiles.newest("GroupChange");
    List<Schema.Field> fields = copyFields(current);
    fields.add(new Schema.Field("tenantId", Schema.create(Schema.Type.STRING), "Tenant that owns the group."));
    Schema candidate = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

    // The policy names versions by their place in the list: current is v1, candidate v2.
    assertThat(CompatibilityPolicy.violations("GroupChange", List.of(current, candidate)))
        .singleElement().asString()
        .startsWith("GroupChange v2 reading v1: READER_FIELD_MISSING_DEFAULT_VALUE")
        .contains("tenantId");
  }

  @Test
  void candidateAddingAVendorIsCaughtBecauseOlderResultReadersCannotMapIt() {
    Schema current = ReleasedFiles.newest("SyncResult");
    Schema vendor = current.getField("vendor").schema();
    List<String> symbols = new ArrayList<>(vendor.getEnumSymbols());
    symbols.add("SENDBIRD");
    Schema widerVendor = Schema.createEnum(vendor.getName(), vendor.getDoc(), vendor.getNamespace(), symbols);
    List<Schema.Field> fields = copyFields(current);
    int position = current.getField("vendor").pos();
    Schema.Field old = fields.get(position);
    fields.set(position, new Schema.Field(old.name(), widerVendor, old.doc()));
    Schema candidate = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);

    // The newer reader copes; only the direction the lagging consumers need breaks.
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(candidate, current).getType())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(CompatibilityPolicy.violations("SyncResult", List.of(current, candidate)))
        .singleElement().asString()
        .startsWith("SyncResult v1 reading v2: MISSING_ENUM_SYMBOLS")
        .contains("SENDBIRD");
  }

  static Schema groupChangeV2Candidate() throws IOException {
    try (InputStream in = CompatibilityTest.class.getResourceAsStream("/candidates/GroupChange-v2.avsc")) {
      return new Schema.Parser().parse(in);
    }
  }

  /** Fields of a parsed schema cannot be reused in another record; the copy constructor detaches them. */
  private static List<Schema.Field> copyFields(Schema record) {
    List<Schema.Field> fields = new ArrayList<>();
    record.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
    return fields;
  }
}
