package io.groupsync.reliability;

import io.groupsync.event.GroupChange;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.DecodeException;
import io.groupsync.testkit.kafka.KafkaClients;
import io.groupsync.testkit.workload.GroupFold;
import io.groupsync.testkit.workload.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

/**
 * Upstream, as a suite plays it: publishes edits keyed by group id, folds them in the order published (a group's
 * edits share a partition, so that is the order its vendor gets them), and remembers where each record landed for
 * the verdict.
 */
final class Publisher implements AutoCloseable {

    private record Sent(Future<RecordMetadata> landed, String eventId) {
    }

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AvroCodec<GroupChange> codec = AvroCodec.groupChange();
    private final List<Sent> sent = new ArrayList<>();
    private final GroupFold fold = new GroupFold();

    Publisher(String bootstrap, String topic) {
        this.producer = new KafkaProducer<>(KafkaClients.producerProps(bootstrap));
        this.topic = topic;
    }

    void publish(List<GroupChange> edits) {
        for (GroupChange edit : edits) {
            fold.apply(edit);
            sent.add(new Sent(producer.send(new ProducerRecord<>(topic,
                    edit.getGroupId().getBytes(StandardCharsets.UTF_8), codec.encode(edit))), edit.getEventId()));
        }
        producer.flush();
    }

    /**
     * What ops do with a dead letter once its cause is gone: publish the original key, value and headers to the
     * input topic again, without the headers the dead-letter topic added.
     */
    void replay(ConsumerRecord<byte[], byte[]> deadLetter) throws DecodeException {
        GroupChange edit = codec.decode(deadLetter.value());
        List<Header> original = new ArrayList<>();
        deadLetter.headers().forEach(h -> {
            if (!h.key().startsWith("kafka_dlt-") && !h.key().startsWith("groupsync_dlt-")) {
                original.add(h);
            }
        });
        fold.apply(edit);
        sent.add(new Sent(producer.send(new ProducerRecord<>(topic, null, deadLetter.key(), deadLetter.value(),
                original)), edit.getEventId()));
        producer.flush();
    }

    /** The fold of every edit published, replays included, in order. */
    GroupFold fold() {
        return fold;
    }

    int count() {
        return sent.size();
    }

    /** Where every record landed; each is expected to end on every route. */
    List<Verdict.Published> published() throws ExecutionException, InterruptedException {
        List<Verdict.Published> out = new ArrayList<>(sent.size());
        for (Sent record : sent) {
            RecordMetadata at = record.landed().get();
            out.add(new Verdict.Published(at.partition(), at.offset(), record.eventId()));
        }
        return out;
    }

    @Override
    public void close() {
        producer.close();
    }
}
