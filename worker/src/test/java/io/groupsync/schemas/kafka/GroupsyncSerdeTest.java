package io.groupsync.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.groupsync.event.DeadLetter;
import io.groupsync.event.DeadLetterReason;
import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupProfilePatch;
import io.groupsync.schemas.DecodeException;
import io.groupsync.schemas.DecodeFailure;
import io.groupsync.testkit.registry.SchemaRegistryStub;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Kafka serializer and deserializer an upstream Java service configures, in both framings. */
class GroupsyncSerdeTest {

    private static final GroupChange EVENT = GroupChange.newBuilder().setEventId("e1")
            .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setGroupId("g1")
            .setPatch(GroupProfilePatch.newBuilder().setName("Weekend rides").build()).build();

    private final SchemaRegistryStub registry = SchemaRegistryStub.withBasicAuth("svc", "pw-Qa9").start();

    @AfterEach
    void stop() {
        registry.close();
    }

    private Map<String, Object> registryProps(String... more) {
        Map<String, Object> props = new HashMap<>(Map.of("schema.registry.url", registry.url().toString(),
                "basic.auth.user.info", "svc:pw-Qa9"));
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        return props;
    }

    private static <T> T configured(T serde, Map<String, ?> props) {
        if (serde instanceof org.apache.kafka.common.serialization.Serializer<?> s) {
            s.configure(props, false);
        } else {
            ((org.apache.kafka.common.serialization.Deserializer<?>) serde).configure(props, false);
        }
        return serde;
    }

    @Test
    void withoutARegistryTheSerializerWritesSingleObjectAndTheDeserializerReadsIt() {
        byte[] value = configured(new GroupChangeSerializer(), Map.of()).serialize("changes", EVENT);
        assertThat(value[0]).isEqualTo((byte) 0xC3);
        assertThat(configured(new GroupChangeDeserializer(), Map.of()).deserialize("changes", value)).isEqualTo(EVENT);
    }

    @Test
    void withARegistryTheSerializerRegistersUnderTheTopicsValueSubjectAndFramesWithItsId() {
        byte[] value = configured(new GroupChangeSerializer(), registryProps()).serialize("changes", EVENT);
        assertThat(value[0]).isZero();
        assertThat(registry.subjects()).containsExactly("changes-value");
        GroupChangeDeserializer deserializer = configured(new GroupChangeDeserializer(), registryProps());
        assertThat(deserializer.deserialize("changes", value)).isEqualTo(EVENT);
        byte[] singleObject = configured(new GroupChangeSerializer(),
                registryProps("groupsync.wire.format", "single-object")).serialize("changes", EVENT);
        assertThat(deserializer.deserialize("changes", singleObject)).as("both framings").isEqualTo(EVENT);
    }

    @Test
    void everyRecordTypeHasItsPair() {
        DeadLetter detail = DeadLetter.newBuilder().setReason(DeadLetterReason.UNDECODABLE).setMessage("m").setAttempts(0)
                .setFailedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build();
        byte[] value = configured(new DeadLetterSerializer(), registryProps()).serialize("dlt", detail);
        assertThat(configured(new DeadLetterDeserializer(), registryProps()).deserialize("dlt", value))
                .isEqualTo(detail);
        assertThat(new SyncResultSerializer()).isInstanceOf(GroupsyncSerializer.class);
        assertThat(new SyncResultDeserializer()).isInstanceOf(GroupsyncDeserializer.class);
    }

    @Test
    void withAutoRegisterOffAnUnregisteredSchemaFailsTheSend() {
        GroupChangeSerializer serializer = configured(new GroupChangeSerializer(),
                registryProps("auto.register.schemas", "false"));
        assertThatThrownBy(() -> serializer.serialize("changes", EVENT)).isInstanceOf(SerializationException.class)
                .hasMessageContaining("changes-value").hasMessageContaining("40401");
    }

    @Test
    void aRegistryFramedValueWithoutARegistryIsBadFramingInsideTheSerializationException() {
        byte[] value = configured(new GroupChangeSerializer(), registryProps()).serialize("changes", EVENT);
        assertThatThrownBy(() -> configured(new GroupChangeDeserializer(), Map.of()).deserialize("changes", value))
                .isInstanceOf(SerializationException.class)
                .cause().isInstanceOfSatisfying(DecodeException.class,
                        e -> assertThat(e.failure()).isEqualTo(DecodeFailure.BAD_FRAMING));
    }

    @Test
    void badSettingsNameTheSettingAndNeverTheSecret() {
        assertThatThrownBy(() -> configured(new GroupChangeSerializer(),
                Map.of("schema.registry.url", "http://r:8081", "basic.auth.user.info", "no-colon-Ui8")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info")
                .hasMessageNotContaining("no-colon-Ui8");
        assertThatThrownBy(() -> configured(new GroupChangeSerializer(), Map.of("groupsync.wire.format", "registry")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> configured(new GroupChangeSerializer(), Map.of("groupsync.wire.format", "json")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("groupsync.wire.format");
    }
}
