package dev.starling.push.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.starling.push.support.Api;
import dev.starling.push.support.PushTestBase;
import dev.starling.push.support.PushTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Beams server API refuses what Beams refuses, with Beams' error body, and a refused publish stores and sends
 * nothing.
 */
@QuarkusTest
@WithTestResource(PushTestResource.class)
class ServerApiTest extends PushTestBase {

    private static final String INTERESTS = "/publish_api/v1/instances/" + INSTANCE + "/publishes/interests";
    private static final String USERS = "/publish_api/v1/instances/" + INSTANCE + "/publishes/users";
    private static final String WEB = "\"web\":{\"notification\":{\"title\":\"t\"}}";

    @Test
    void aPublishIsAnsweredWithItsPublishId() {
        Api.Answer answer = api().post(INTERESTS, "{\"interests\":[\"donuts\"]," + WEB + "}", SERVER_AUTH);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("publishId").asText()).matches("pubid-[0-9a-f-]{36}");
    }

    @Test
    void wrongSecretMissingSecretAndUnknownInstanceAreRefused() {
        assertError(api().post(INTERESTS, "{\"interests\":[\"donuts\"]," + WEB + "}", "Bearer nope"), 401,
                "Unauthorized");
        assertError(api().post(INTERESTS, "{\"interests\":[\"donuts\"]," + WEB + "}"), 401, "Unauthorized");
        assertError(api().post(INTERESTS, "{\"interests\":[\"donuts\"]," + WEB + "}", "Basic " + SECRET), 401,
                "Unauthorized");
        // The demo instance's key does not open the test instance.
        assertError(api().post(INTERESTS, "{\"interests\":[\"donuts\"]," + WEB + "}", "Bearer demo-secret-key"), 401,
                "Unauthorized");
        assertError(api().post("/publish_api/v1/instances/nope/publishes/interests", "{\"interests\":[\"d\"]," + WEB
                + "}", SERVER_AUTH), 404, "Not Found");
    }

    @Test
    void badPublishesAreRefusedAndNothingIsStored() {
        long publishes = postgres().count("SELECT count(*) FROM push_publish");
        String hundredAndOne = IntStream.range(0, 101).mapToObj(i -> "\"i" + i + "\"").collect(Collectors.joining(","));
        String thousandAndOne = IntStream.range(0, 1001).mapToObj(i -> "\"u" + i + "\"").collect(Collectors.joining(","));
        List<String> bad = List.of("", "not json", "[]", "{\"interests\":[]," + WEB + "}",
                "{\"interests\":\"donuts\"," + WEB + "}", "{\"interests\":[" + hundredAndOne + "]," + WEB + "}",
                "{\"interests\":[\"has space\"]," + WEB + "}", "{\"interests\":[\"" + "a".repeat(165) + "\"]," + WEB + "}",
                "{\"interests\":[1]," + WEB + "}", "{\"interests\":[\"donuts\"]}",
                "{\"interests\":[\"donuts\"],\"web\":\"x\"}", "{\"interests\":[\"donuts\"],\"apns\":{\"data\":{}}}",
                "{\"interests\":[\"donuts\"],\"web\":{\"time_to_live\":-1}}",
                "{\"interests\":[\"donuts\"],\"web\":{\"notification\":[]}}");
        for (String body : bad) {
            assertError(api().post(INTERESTS, body, SERVER_AUTH), 400, "Bad Request");
        }
        assertError(api().post(USERS, "{\"users\":[" + thousandAndOne + "]," + WEB + "}", SERVER_AUTH), 400,
                "Bad Request");
        assertError(api().post(USERS, "{\"users\":[\"" + "u".repeat(165) + "\"]," + WEB + "}", SERVER_AUTH), 400,
                "Bad Request");
        assertError(api().post(USERS, "{\"users\":[\"\"]," + WEB + "}", SERVER_AUTH), 400, "Bad Request");

        assertThat(postgres().count("SELECT count(*) FROM push_publish")).isEqualTo(publishes);
    }

    @Test
    void oversizedPayloadsAreRefusedPerProvider() {
        long publishes = postgres().count("SELECT count(*) FROM push_publish");
        String big = "x".repeat(4000);

        assertError(api().post(INTERESTS, "{\"interests\":[\"d\"],\"web\":{\"notification\":{\"body\":\"" + big
                + "\"}}}", SERVER_AUTH), 413, "Payload Too Large");
        assertError(api().post(INTERESTS, "{\"interests\":[\"d\"],\"apns\":{\"aps\":{\"alert\":\"" + big + "\"},"
                + "\"data\":{\"x\":\"" + big + "\"}}}", SERVER_AUTH), 413, "Payload Too Large");
        assertError(api().post(INTERESTS, "{\"interests\":[\"d\"],\"fcm\":{\"data\":{\"x\":\"" + big + big
                + "\"}}}", SERVER_AUTH), 413, "Payload Too Large");
        assertError(api().post(INTERESTS, "{\"interests\":[\"d\"],\"fcm\":{\"data\":{\"x\":\"" + "y".repeat(70_000)
                + "\"}}}", SERVER_AUTH), 413, "Payload Too Large");

        assertThat(postgres().count("SELECT count(*) FROM push_publish")).isEqualTo(publishes);
    }

    @Test
    void deleteUserAnswersAnEmptyOkLikeBeams() {
        Api.Answer answer = api().delete("/user_api/v1/instances/" + INSTANCE + "/users/nobody", SERVER_AUTH);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertError(api().delete("/user_api/v1/instances/" + INSTANCE + "/users/nobody", "Bearer x"), 401,
                "Unauthorized");
    }

    @Test
    void unknownRoutesGetTheJsonErrorBody() {
        assertError(api().get("/publish_api/v1/nothing"), 404, "Not Found");
    }
}
