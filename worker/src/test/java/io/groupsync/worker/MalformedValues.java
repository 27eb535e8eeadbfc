package io.groupsync.worker;

import io.groupsync.event.GroupChange;
import io.groupsync.event.GroupType;
import io.groupsync.schemas.AvroCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

/** Values of the bad-input corpus that are not a released GroupChange at all, each broken a different way. */
final class MalformedValues {

    private final Random random = new Random(20);
    private final long now;
    private final Supplier<GroupChange> edit;
    private final Supplier<String> nextGroup;

    /**
     * @param now       the occurredAt the corpus writes, in epoch millis
     * @param edit      a fresh, valid group edit, for the values made by spoiling one
     * @param nextGroup a fresh group id
     */
    MalformedValues(long now, Supplier<GroupChange> edit, Supplier<String> nextGroup) {
        this.now = now;
        this.edit = edit;
        this.nextGroup = nextGroup;
    }

    byte[] randomBytes() {
        byte[] bytes = new byte[200];
        random.nextBytes(bytes);
        bytes[0] = 0x42;
        return bytes;
    }

    byte[] truncated() {
        byte[] good = AvroCodec.groupChange().encode(edit.get());
        return Arrays.copyOf(good, good.length - 3);
    }

    byte[] unknownFingerprint() {
        byte[] bytes = AvroCodec.groupChange().encode(edit.get());
        bytes[4] ^= 0x11;
        return bytes;
    }

    /** A v2 we never released: v1 plus a field, encoded with its own (unknown) fingerprint. */
    byte[] unreleasedV2() {
        Schema v1 = GroupChange.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
        fields.add(new Schema.Field("priority", Schema.create(Schema.Type.INT), "added by a writer ahead of us", 0));
        Schema v2 = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
        Schema patchSchema = v2.getField("patch").schema().getTypes().get(0);
        GenericRecord record = new GenericRecordBuilder(v2)
                .set("eventId", "bad-v2").set("occurredAt", now).set("groupId", nextGroup.get())
                .set("patch", new GenericRecordBuilder(patchSchema).set("name", "from the future").build())
                .set("priority", 7).build();
        try {
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(record).array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A v1 body whose groupType names enum symbol 9 of 5: the prefix up to it is written by hand to find it. */
    byte[] enumOutOfRange() {
        GroupChange event = GroupChange.newBuilder(edit.get()).setGroupType(GroupType.PUBLIC).build();
        byte[] bytes = AvroCodec.groupChange().encode(event);
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(prefix, null);
        try {
            encoder.writeString(event.getEventId());
            encoder.writeLong(now);
            encoder.writeString(event.getGroupId());
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int union = 10 + prefix.size();
        // Union branch 1 (the enum) and symbol 1 (PUBLIC), both zigzag varints.
        if (bytes[union] != 2 || bytes[union + 1] != 2) {
            throw new IllegalStateException("groupType is not where the v1 layout puts it");
        }
        bytes[union + 1] = 18;
        return bytes;
    }
}
