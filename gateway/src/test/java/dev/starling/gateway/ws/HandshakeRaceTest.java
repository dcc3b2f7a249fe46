package dev.starling.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.starling.gateway.connection.Connection;
import dev.starling.gateway.connection.ConnectionRegistry;
import dev.starling.gateway.support.StarlingTestResource;
import io.netty.channel.embedded.EmbeddedChannel;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client that disconnects while its upgrade is being answered: the channel is already inactive when the socket
 * handler joins the pipeline, so no {@code channelInactive} will ever reach it. The connection must not stay
 * registered (a leak, and a connections gauge that drifts).
 */
@QuarkusTest
@WithTestResource(StarlingTestResource.class)
class HandshakeRaceTest {

    @Inject
    PusherEndpoint endpoint;

    @Inject
    ConnectionLifecycle lifecycle;

    @Inject
    ConnectionRegistry connections;

    @Test
    void aSocketGoneBeforeItWasAcceptedIsClosedAtOnce() {
        EmbeddedChannel channel = new EmbeddedChannel();
        PusherSocket socket = new PusherSocket(endpoint, channel, Duration.ofSeconds(1));
        channel.close();

        Connection connection = lifecycle.open(socket, "app-key", "protocol=7", null);
        assertThat(connection).isNotNull();
        assertThat(connections.get(connection.socketId())).isSameAs(connection);

        socket.accepted(connection);
        assertThat(connections.get(connection.socketId())).isNull();
    }
}
