package dev.starling.history.support;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.DockerClientFactory;

/**
 * The Kafka broker and PostgreSQL server shared by every test of a JVM, started on first use and stopped at exit:
 * Testcontainers when a Docker engine answers, the embedded servers otherwise (as on the build machines).
 */
public final class Backends {

    /** Partitions of the events topic the tests create (as a gateway would). */
    public static final int PARTITIONS = 4;
    public static final String TOPIC_PREFIX = "starling.";
    public static final String EVENTS_TOPIC = TOPIC_PREFIX + "events";

    private static Backends shared;

    private final KafkaBackend kafka;
    private final PostgresBackend postgres;

    private Backends(KafkaBackend kafka, PostgresBackend postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    public static synchronized Backends shared() {
        if (shared == null) {
            boolean docker = dockerAvailable();
            KafkaBackend kafka = KafkaBackend.start(docker);
            PostgresBackend postgres = PostgresBackend.start(docker);
            shared = new Backends(kafka, postgres);
            createTopic(kafka.bootstrapServers(), EVENTS_TOPIC, PARTITIONS);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                postgres.close();
                kafka.close();
            }, "test-backends-stop"));
        }
        return shared;
    }

    public KafkaBackend kafka() {
        return kafka;
    }

    public PostgresBackend postgres() {
        return postgres;
    }

    public Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(properties);
    }

    /** Kafka's id of the events topic: the first part of every stream id. */
    public String topicId() {
        try (Admin admin = admin()) {
            return admin.describeTopics(java.util.List.of(EVENTS_TOPIC)).topicNameValues().get(EVENTS_TOPIC)
                    .get(30, TimeUnit.SECONDS).topicId().toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + EVENTS_TOPIC, e);
        }
    }

    public static void createTopic(String servers, String topic, int partitions) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (Admin admin = Admin.create(properties)) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1)
                    .configs(Map.of("retention.ms", Long.toString(TimeUnit.DAYS.toMillis(1))))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }
}
