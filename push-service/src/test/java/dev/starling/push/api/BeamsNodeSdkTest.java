package dev.starling.push.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import dev.starling.push.support.WebPushReceiver;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The official Beams Node server SDK, {@code @pusher/push-notifications-server} 1.2.7 (installed from the module's
 * package-lock.json by the build), pointed at push-service with its {@code endpoint}/{@code port} options: it
 * publishes to interests and to users, mints the Beams auth token the device API accepts, and deletes users.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class BeamsNodeSdkTest extends PushTestBase {

    private JsonNode sdk(String command, String argument) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("starling.node.dir", "target/node"));
        assertThat(dir.resolve("node_modules/@pusher/push-notifications-server")).as("npm ci ran in " + dir)
                .exists();
        List<String> commandLine = new ArrayList<>(List.of("node", "beams.js", "127.0.0.1",
                String.valueOf(url.getPort()), INSTANCE, SECRET, command));
        if (argument != null) {
            commandLine.add(argument);
        }
        Process process = new ProcessBuilder(commandLine).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        JsonNode result = Json.MAPPER.readTree(output.substring(output.lastIndexOf('\n') + 1));
        assertThat(result.has("error")).as("the SDK rejected: " + output).isFalse();
        return result.path("result");
    }

    @Test
    void theNodeSdkPublishesToInterestsAndUsersAndDeletesUsers() throws Exception {
        String interest = uniqueInterest();
        WebPushReceiver.Subscription byInterest = webDevice(INSTANCE, interest);
        WebPushReceiver.Subscription byUser = webPush().subscribe(vapidPublicKey(INSTANCE));
        String userDevice = registerWeb(INSTANCE, byUser);
        String user = "sdk-user-" + UUID.randomUUID();

        String token = sdk("token", user).path("token").asText();
        assertThat(api().put("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + userDevice + "/user", null,
                "Bearer " + token).status()).as("the SDK's token is accepted").isEqualTo(200);

        String toInterest = sdk("interests", "{\"interests\":[\"" + interest + "\"],\"body\":{\"web\":"
                + "{\"notification\":{\"title\":\"from node\"}}}}").path("publishId").asText();
        String toUser = sdk("users", "{\"users\":[\"" + user + "\"],\"body\":{\"web\":{\"notification\":"
                + "{\"title\":\"for " + user + "\"}}}}").path("publishId").asText();

        assertThat(toInterest).startsWith("pubid-");
        assertThat(toUser).startsWith("pubid-").isNotEqualTo(toInterest);
        await().atMost(Duration.ofSeconds(20)).until(() -> webPush().messages(byInterest).size() == 1
                && webPush().messages(byUser).size() == 1);
        assertThat(webPush().messages(byInterest).get(0).publishId()).isEqualTo(toInterest);
        assertThat(webPush().messages(byUser).get(0).publishId()).isEqualTo(toUser);
        assertThat(webPush().messages(byUser).get(0).json().path("notification").path("title").asText())
                .isEqualTo("for " + user);

        assertThat(sdk("delete-user", user).path("deleted").asBoolean()).isTrue();
        assertThat(api().get("/device_api/v1/instances/" + INSTANCE + "/devices/web/" + userDevice).status())
                .isEqualTo(404);
    }

    @Test
    void theSdkSeesBeamsErrorsForAWrongKey() throws Exception {
        Path dir = Path.of(System.getProperty("starling.node.dir", "target/node"));
        Process process = new ProcessBuilder("node", "beams.js", "127.0.0.1", String.valueOf(url.getPort()), INSTANCE,
                "wrong", "interests", "{\"interests\":[\"x\"],\"body\":{\"web\":{}}}").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.exists(dir)).isTrue();
        assertThat(Json.MAPPER.readTree(output).path("error").asText())
                .isEqualTo("401 Unauthorized - Incorrect API Key");
    }
}
