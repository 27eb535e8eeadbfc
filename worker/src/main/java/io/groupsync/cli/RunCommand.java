package io.groupsync.cli;

import io.groupsync.config.ConfigException;
import io.groupsync.config.Settings;
import io.groupsync.config.WorkerConfig;
import io.groupsync.record.FencedException;
import io.groupsync.worker.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code groupsync run}: runs the worker until SIGTERM (or Ctrl-C), then stops gracefully: no more polling, calls in
 * flight finished or given up within the shutdown timeout, outcomes and offsets committed, exit 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the worker until it is told to stop.")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration.")
    Path config;

    @Option(names = "--stop-when-stdin-closes", hidden = true,
            description = "Stop gracefully when standard input ends: a parent process that dies takes this one along.")
    boolean stopWhenStdinCloses;

    @Override
    public Integer call() {
        WorkerConfig settings;
        try {
            settings = WorkerConfig.load(config, System.getenv());
        } catch (ConfigException e) {
            System.err.println("groupsync: refusing to start: " + e.getMessage());
            return Main.EXIT_BAD_CONFIG;
        }
        Logging.apply(settings.log(), System.getenv());
        settings.warnings().forEach(warning -> log.warn("{}", warning));
        WorkerAssembly assembly;
        try {
            assembly = WorkerAssembly.build(settings);
        } catch (KafkaException e) {
            Optional<String> refusal = refusedByKafka(e);
            if (refusal.isEmpty()) {
                throw e;
            }
            System.err.println("groupsync: refusing to start: " + refusal.get());
            return Main.EXIT_BAD_CONFIG;
        }
        try (assembly) {
            Worker worker = assembly.worker();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopOnSignal(worker, stopped, settings),
                    "groupsync-shutdown"));
            if (stopWhenStdinCloses) {
                watchStdin(worker);
            }
            if (settings.metrics().enabled()) {
                int port = assembly.serveMetrics(settings.metrics(), Thread.currentThread());
                log.info("metrics and health on port {}", port);
            }
            log.info("groupsync started: {} route(s), instance {}", settings.routes().size(),
                    settings.kafka().instanceId());
            try {
                worker.run();
            } finally {
                stopped.countDown();
            }
            return 0;
        } catch (FencedException e) {
            log.error("stopping: {}", e.getMessage());
            return 1;
        }
    }

    /**
     * A Kafka client checks what only it can when built, e.g. that some bootstrap host resolves: its refusal is a
     * bad configuration too, named as our setting where there is one.
     */
    private static Optional<String> refusedByKafka(KafkaException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.kafka.common.config.ConfigException refused) {
                String setting = refused.getMessage().contains(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                        ? Settings.named("kafka.bootstrap-servers").name() : "kafka";
                return Optional.of(setting + ": the Kafka client refuses it: " + refused.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * On SIGTERM the JVM runs this hook and exits when it returns, so it waits for the pipeline to settle and commit.
     * A JVM ended by a signal would exit 143 even after a clean stop; halting with 0 once the stop is complete
     * tells an orchestrator the truth.
     */
    private static void stopOnSignal(Worker worker, CountDownLatch stopped, WorkerConfig settings) {
        if (stopped.getCount() == 0) {
            return;
        }
        log.info("stop requested: settling calls in flight and committing");
        worker.stop();
        try {
            if (stopped.await(settings.shutdown().timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("stopped cleanly");
                flushLogs();
                Runtime.getRuntime().halt(0);
            }
            log.warn("did not stop within {}; exiting anyway", settings.shutdown().timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.stop();
        }
    }

    private static void watchStdin(Worker worker) {
        Thread watcher = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // Only the end of the stream matters.
                }
            } catch (IOException ignored) {
                // A broken pipe means the parent is gone, like an end of stream.
            }
            worker.stop();
        }, "groupsync-stdin-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
