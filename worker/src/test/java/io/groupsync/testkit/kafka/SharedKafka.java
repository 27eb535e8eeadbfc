package io.groupsync.testkit.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * One Kafka per test JVM, shared by every test class: started on first use, stopped when the JVM exits, so a
 * run pays the start-up once. Tests keep apart by using their own topics ({@link #uniqueTopic}) and groups.
 * The broker is a {@link KafkaBroker} in a temporary directory.
 */
public final class SharedKafka {

    private static String bootstrapServers;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = startEmbedded();
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
