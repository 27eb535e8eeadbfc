package io.groupsync.worker;

import io.groupsync.coalesce.Coalescer;
import io.groupsync.config.DispatchConfig;
import io.groupsync.config.KafkaConfig;
import io.groupsync.config.PipelineConfig;
import io.groupsync.config.RegistryConfig;
import io.groupsync.config.TopicConfig;
import io.groupsync.dispatch.ApiLimiter;
import io.groupsync.dispatch.Backoff;
import io.groupsync.dispatch.DispatchMetrics;
import io.groupsync.dispatch.DispatchRoute;
import io.groupsync.dispatch.DispatchTimer;
import io.groupsync.dispatch.DispatchWiring;
import io.groupsync.dispatch.RouteDispatcher;
import io.groupsync.dispatch.TokenSources;
import io.groupsync.event.DeadLetter;
import io.groupsync.event.Vendor;
import io.groupsync.intake.Backlog;
import io.groupsync.record.OutcomeTracker;
import io.groupsync.record.OutputFormats;
import io.groupsync.schemas.AvroCodec;
import io.groupsync.schemas.RegistryCodec;
import io.groupsync.schemas.WireDecoder;
import io.groupsync.schemas.WireFormat;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.record.TransactionalOutput;
import io.groupsync.time.Clock;
import io.groupsync.versions.AppliedVersions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Wires one worker instance: the Kafka clients with the settings groupsync owns, one dispatcher per route, and the
 * pipeline that runs them. The settings come in already validated (the config package); this class only assembles.
 */
public final class Worker {

    /**
     * Who is told what the worker does.
     *
     * @param dispatch told of every request sent and answered
     * @param pipeline told of the loop's progress: records consumed, commits, pauses, partitions
     */
    public record Observers(DispatchMetrics dispatch, PipelineListener pipeline) {
    }

    private final Pipeline pipeline;
    private final InputRereader rereader;
    private final RegistryStartup registryStartup;
    private final VersionRestore restore;
    /** Sends calls whose tokens were reserved ahead; one thread is plenty, it only hands requests to okhttp. */
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "groupsync-dispatch-timer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param kafka the brokers, the consumer group, this instance's stable name (its transactional id, so a restart
     *              fences its own past self) and the user's client properties; the ones that make the guarantees
     *              hold are set here and win
     */
    public Worker(KafkaConfig kafka, TopicConfig topics, PipelineConfig pipelineConfig, DispatchConfig dispatchConfig,
                  List<RouteSpec> routes, Clock clock, Observers observers) {
        this(kafka, topics, pipelineConfig, dispatchConfig, RegistryConfig.defaults(), routes,
                TokenSources.local(clock), clock, observers);
    }

    /**
     * @param registry the schema registry, if any, and which outputs are written in its framing
     * @param tokens   the routes' buckets: this process's own, or shared by the fleet ({@link RedisStore})
     */
    public Worker(KafkaConfig kafka, TopicConfig topics, PipelineConfig pipelineConfig, DispatchConfig dispatchConfig,
                  RegistryConfig registry, List<RouteSpec> routes, TokenSources tokens, Clock clock,
                  Observers observers) {
        PipelineListener listener = observers.pipeline();
        RegistryClient registryClient = registry.client().orElse(null);
        List<RegistryOutput<?>> registryOutputs = new ArrayList<>();
        OutputFormats formats = new OutputFormats(
                format(registry.resultsFormat(), AvroCodec.syncResult()::encode, () -> new RegistryOutput<>(
                        RegistryCodec.syncResult(registryClient, registry.cacheSize()), topics.results() + "-value",
                        registry.autoRegister()), registryOutputs),
                // A dead letter's value is the original event, so its subject stays the event's; the metadata header
                // has a subject of its own, named as TopicRecordNameStrategy names one.
                format(registry.deadLettersFormat(), AvroCodec.deadLetter()::encode, () -> new RegistryOutput<>(
                        RegistryCodec.deadLetter(registryClient, registry.cacheSize()),
                        topics.deadLetters() + "-" + DeadLetter.getClassSchema().getFullName(), registry.autoRegister()),
                        registryOutputs));
        this.registryStartup = new RegistryStartup(registryOutputs, registry.retryBackoff(), listener);
        Properties consumerProperties = consumerProperties(kafka);
        KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(consumerProperties);
        listener.consumerCreated(kafkaConsumer);
        Properties producerProperties = producerProperties(kafka);
        TransactionalOutput output = new TransactionalOutput(() -> {
            KafkaProducer<byte[], byte[]> made = new KafkaProducer<>(producerProperties);
            listener.producerCreated(made);
            return made;
        });
        // Inside a transaction: half of its timeout (10 s by default), longer than a broker's leader election.
        this.rereader = new InputRereader(consumerProperties, clock, kafka.transactionTimeout().dividedBy(2));
        Map<String, Vendor> vendors = new HashMap<>();
        routes.forEach(r -> vendors.put(r.name(), r.client().vendor()));
        AppliedVersions versions = new AppliedVersions(topics.versionsWindow(), clock);
        OutcomeTracker tracker = new OutcomeTracker(new OutcomeTracker.Topics(topics.results(), topics.deadLetters(),
                topics.versions()), versions, kafka.groupId(), vendors, pipelineConfig.offsetMetadataMaxBytes(),
                maxRequestSize(producerProperties), clock, output, listener, rereader, formats);
        this.restore = new VersionRestore(new KafkaConsumer<>(restoreProperties(consumerProperties, kafka)),
                topics.versions(), versions, () -> VersionsTopic.ensure(consumerProperties, topics.input(),
                topics.versions(), topics.versionsWindow()));
        Coalescer coalescer = new Coalescer(versions);
        CompletionInbox completions = new CompletionInbox(kafkaConsumer);
        Backlog backlog = new Backlog(pipelineConfig, clock);
        DispatchWiring wiring = new DispatchWiring(coalescer, backlog::holds, tracker, completions::add,
                DispatchTimer.of(timer), DispatchWiring.DEFAULT_RESERVE_AHEAD,
                Backoff.of(dispatchConfig, () -> ThreadLocalRandom.current().nextDouble()), observers.dispatch());
        Map<String, RouteDispatcher> dispatchers = new LinkedHashMap<>();
        for (RouteSpec route : routes) {
            Map<String, ApiLimiter> limiters = new HashMap<>();
            route.limits().forEach((api, limit) -> limiters.put(api,
                    new ApiLimiter(api, limit, tokens.of(route.account(), api, limit), clock)));
            dispatchers.put(route.name(), new RouteDispatcher(new DispatchRoute(route.name(), route.client(),
                    limiters), dispatchConfig, wiring, clock));
        }
        this.pipeline = new Pipeline(kafkaConsumer, output, tracker, coalescer, dispatchers, completions, topics.input(),
                pipelineConfig, backlog, restore, clock, observers.pipeline(), new WireDecoder<>(AvroCodec.groupChange(),
                registryClient == null ? null : RegistryCodec.groupChange(registryClient, registry.cacheSize())),
                registry.retryBackoff());
    }

    /** The output's encoder in its format; one in the registry's framing joins those whose ids start-up asks for. */
    private static <T extends IndexedRecord> Function<T, byte[]> format(WireFormat format,
            Function<T, byte[]> singleObject, Supplier<RegistryOutput<T>> registry, List<RegistryOutput<?>> all) {
        if (format == WireFormat.SINGLE_OBJECT) {
            return singleObject;
        }
        RegistryOutput<T> output = registry.get();
        all.add(output);
        return output;
    }

    /** Runs until {@link #stop()} (or a fatal error), then settles, commits and closes. */
    public void run() {
        try {
            RuntimeException refused = null;
            try {
                registryStartup.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pipeline.stop();
            } catch (RuntimeException e) {
                refused = e;
                pipeline.stop();
            }
            // Run even when stopped meanwhile: it finds itself stopping, and closes the clients.
            pipeline.run();
            if (refused != null) {
                throw refused;
            }
        } finally {
            timer.shutdownNow();
            rereader.close();
            restore.close();
        }
    }

    /** Asks the worker to stop gracefully; safe from any thread. */
    public void stop() {
        registryStartup.stop();
        pipeline.stop();
    }

    static Properties consumerProperties(KafkaConfig kafka) {
        String groupId = kafka.groupId();
        String instanceId = kafka.instanceId();
        Properties props = new Properties();
        props.putAll(kafka.consumer());
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId + "-consumer");
        // Static membership: a restarted instance takes its partitions straight back instead of waiting for its
        // dead self's session to time out, and two processes sharing an instance id fence each other.
        props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        // Offsets are committed only inside the producer's transactions, with the outcomes.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Upstream may publish transactionally: never act on an edit that was rolled back.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        // Raw bytes: a deserializer that throws inside poll would stall the partition on a poison pill.
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /** The versions topic's reader: the consumer's connection settings, in no group, read_committed. */
    static Properties restoreProperties(Properties consumer, KafkaConfig kafka) {
        Properties props = new Properties();
        props.putAll(consumer);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-" + kafka.instanceId() + "-versions");
        return props;
    }

    /** The largest record the producer sends: a dead letter must stay within it or the transaction fails. */
    static int maxRequestSize(Properties producer) {
        Object configured = producer.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        Object value = configured != null ? configured
                : ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return (Integer) ConfigDef.parseType(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, value, ConfigDef.Type.INT);
    }

    static Properties producerProperties(KafkaConfig kafka) {
        String groupId = kafka.groupId();
        String instanceId = kafka.instanceId();
        Properties props = new Properties();
        props.putAll(kafka.producer());
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, groupId + "-" + instanceId + "-producer");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-" + instanceId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) kafka.transactionTimeout().toMillis());
        return props;
    }
}
