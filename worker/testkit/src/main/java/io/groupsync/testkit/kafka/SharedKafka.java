package io.groupsync.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One Kafka per test JVM, shared by every test class: started on first use, stopped when the JVM exits, so a
 * run pays the start-up once. Tests keep apart by using their own topics ({@link #uniqueTopic}) and groups.
 *
 * <p>System property {@code groupsync.kafka} picks the broker: {@code embedded} (default) runs
 * {@link KafkaBroker} in a temporary directory; {@code testcontainers} runs {@link #newContainer()}, for hosts
 * with a Docker engine.
 */
public final class SharedKafka {

    public static final String BACKEND_PROPERTY = "groupsync.kafka";
    public static final String IMAGE_PROPERTY = "groupsync.kafka.image";
    private static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private static String bootstrapServers;
    private static RuntimeException startFailure;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        // A start that failed once fails fast afterwards instead of costing every later test its own timeout.
        if (startFailure != null) {
            throw new IllegalStateException("the shared Kafka failed to start earlier in this JVM", startFailure);
        }
        if (bootstrapServers == null) {
            try {
                bootstrapServers = start(System.getProperty(BACKEND_PROPERTY, "embedded"));
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return bootstrapServers;
    }

    public static void createTopic(String name, int partitions) {
        KafkaClients.createTopic(bootstrapServers(), name, partitions);
    }

    public static String uniqueTopic(String prefix) {
        return KafkaClients.uniqueName(prefix);
    }

    public static Map<String, Object> producerProps() {
        return KafkaClients.producerProps(bootstrapServers());
    }

    public static Map<String, Object> consumerProps(String groupId) {
        return KafkaClients.consumerProps(bootstrapServers(), groupId);
    }

    /** The Testcontainers broker; image from {@code groupsync.kafka.image}, default {@value #DEFAULT_IMAGE}. */
    public static KafkaContainer newContainer() {
        return new KafkaContainer(DockerImageName.parse(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE)));
    }

    private static String start(String backend) {
        return switch (backend) {
            case "embedded" -> startEmbedded();
            case "testcontainers" -> startContainer();
            default -> throw new IllegalArgumentException(
                    BACKEND_PROPERTY + "=" + backend + " is not one of: embedded, testcontainers");
        };
    }

    private static String startEmbedded() {
        Path dir;
        try {
            dir = Files.createTempDirectory("groupsync-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KafkaBroker broker = KafkaBroker.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            deleteRecursively(dir);
        }, "shared-kafka-cleanup"));
        return broker.bootstrapServers();
    }

    private static String startContainer() {
        KafkaContainer container = newContainer();
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "shared-kafka-container-stop"));
        return container.getBootstrapServers();
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // At JVM exit there is no one to tell but stderr; a left-over temp dir is harmless.
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
