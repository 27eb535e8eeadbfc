package io.groupsync.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.groupsync.event.SyncResult;
import io.groupsync.schemas.RegistryCodec;
import io.groupsync.schemas.registry.Credentials;
import io.groupsync.schemas.registry.RegistryClient;
import io.groupsync.testkit.registry.SchemaRegistryStub;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Start-up asks the registry for the outputs' ids: it waits while the registry is away, and stops on a refusal. */
class RegistryStartupTest {

    private final SchemaRegistryStub registry = SchemaRegistryStub.open().start();
    private final List<Boolean> available = new CopyOnWriteArrayList<>();
    private final PipelineListener listener = new PipelineListener() {
        @Override
        public void registryAvailable(boolean isAvailable) {
            available.add(isAvailable);
        }
    };

    @AfterEach
    void stop() {
        registry.close();
    }

    private RegistryOutput<SyncResult> output(String subject, boolean autoRegister) {
        RegistryClient client = new RegistryClient(registry.url(), Credentials.none(), null, Duration.ofSeconds(5));
        return new RegistryOutput<>(RegistryCodec.syncResult(client, 10), subject, autoRegister);
    }

    @Test
    void theOutputSchemaIsRegisteredUnderItsSubjectBeforeAnythingIsRead() throws Exception {
        new RegistryStartup(List.of(output("results-value", true)), Duration.ofMillis(50), listener).await();
        assertThat(registry.subjects()).containsExactly("results-value");
        assertThat(available).containsExactly(true);
    }

    @Test
    void aRefusedSchemaStopsTheStartNamingTheSubject() {
        RegistryStartup startup = new RegistryStartup(List.of(output("results-value", false)), Duration.ofMillis(50),
                listener);
        assertThatThrownBy(startup::await).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("results-value").hasMessageContaining("registry.auto-register is false")
                .hasMessageContaining("40401");
    }

    @Test
    void whileTheRegistryIsAwayTheStartWaitsAndAStopEndsTheWait() throws Exception {
        registry.stop();
        RegistryStartup startup = new RegistryStartup(List.of(output("results-value", true)), Duration.ofMillis(50),
                listener);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                startup.await();
            } catch (Throwable t) {
                failed.set(t);
            }
        });
        waiting.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> available.contains(false));
        assertThat(waiting.isAlive()).isTrue();
        startup.stop();
        waiting.join(Duration.ofSeconds(10).toMillis());
        assertThat(waiting.isAlive()).isFalse();
        assertThat(failed.get()).isNull();
        assertThat(available).containsExactly(false);
    }
}
