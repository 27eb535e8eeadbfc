package io.groupsync.jmh;

import io.groupsync.event.GroupChange;
import io.groupsync.intake.Decoded;
import io.groupsync.intake.EventDecoder;
import io.groupsync.model.SourceRecord;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Intake's first step per record: the single-object Avro decode, and the whole decode with the shared rules. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBench {

    private SourceRecord[] records;
    private final AvroCodec<GroupChange> codec = AvroCodec.groupChange();
    private final EventDecoder decoder = new EventDecoder();
    private int next;

    @Setup
    public void setUp() {
        records = Fixture.records();
    }

    @Benchmark
    public GroupChange avroDecode() throws DecodeException {
        return codec.decode(records[next++ & (Fixture.RECORDS - 1)].value());
    }

    @Benchmark
    public Decoded eventDecoder() {
        return decoder.decode(records[next++ & (Fixture.RECORDS - 1)]);
    }
}
