package io.groupsync.worker;

import io.groupsync.config.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many instances the consumer group has now, from {@code describeConsumerGroups}, re-read every
 * {@code rate-limit.members-refresh}: the divisor of each limit while Redis is away. Until the first answer the
 * count is {@link #UNKNOWN}, so a local share taken then is the smallest, never a whole limit per instance; a failed
 * read keeps the last count. A member killed without leaving stays counted until its session times out, which
 * errs on the safe side.
 */
public final class GroupMembers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupMembers.class);
    /** Before the first answer: as many as the limit can be split into, so each share is the least a bucket takes. */
    static final int UNKNOWN = Integer.MAX_VALUE;

    private final Admin admin;
    private final String groupId;
    private final Duration timeout;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "groupsync-group-members");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int count = UNKNOWN;

    public GroupMembers(KafkaConfig kafka, Duration refresh) {
        this.groupId = kafka.groupId();
        this.timeout = refresh;
        this.admin = Admin.create(adminProperties(kafka));
        poller.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The members of the group at the last answer, at least 1. */
    public int count() {
        return count;
    }

    private void refresh() {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups()
                    .get(groupId).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int members = Math.max(1, group.members().size());
            if (members != count) {
                LOG.info("consumer group {} has {} members", groupId, members);
            }
            count = members;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("could not count the members of {}: {}", groupId, e.toString());
        }
    }

    /** The consumer's connection settings (security, client DNS) that an admin client also knows. */
    static Properties adminProperties(KafkaConfig kafka) {
        Properties props = new Properties();
        kafka.consumer().forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                props.put(key, value);
            }
        });
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, kafka.groupId() + "-" + kafka.instanceId() + "-members");
        return props;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
