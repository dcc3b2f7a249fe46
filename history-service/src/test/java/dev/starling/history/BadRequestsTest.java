package dev.starling.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.starling.history.support.HistoryClient;
import dev.starling.history.support.HistoryTestResource;
import dev.starling.protocol.history.HistoryError;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad parameters get 400 naming the parameter; a missing or wrong token gets 401, whatever the request. */
@QuarkusTest
@WithTestResource(HistoryTestResource.class)
class BadRequestsTest extends HistoryTestBase {

    private static final String PATH = "/v1/apps/app-bad/channels/c/messages";

    private void assertBad(String query, String parameter) {
        HistoryClient.Answer answer = client().get(PATH + query);
        assertThat(answer.status()).as(query).isEqualTo(400);
        HistoryError error = HistoryError.decode(answer.body()).value();
        assertThat(error.parameter()).as(query).isEqualTo(parameter);
        assertThat(error.error()).isNotBlank();
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        assertBad("", "stream_id");
        assertBad("?stream_id=", "stream_id");
        assertBad("?stream_id=t.0&stream_id=t.1", "stream_id");
        assertBad("?stream_id=t.0&direction=up", "direction");
        assertBad("?stream_id=t.0&direction=FORWARDS", "direction");
        assertBad("?stream_id=t.0&limit=0", "limit");
        assertBad("?stream_id=t.0&limit=101", "limit");
        assertBad("?stream_id=t.0&limit=ten", "limit");
        assertBad("?stream_id=t.0&limit=1.5", "limit");
        assertBad("?stream_id=t.0&after_serial=x", "after_serial");
        assertBad("?stream_id=t.0&before_serial=", "before_serial");
        assertBad("?stream_id=t.0&from_serial=1e3", "from_serial");
        assertBad("?stream_id=t.0&to_serial=99999999999999999999", "to_serial");
        assertBad("?stream_id=t.0&since_ms=-1", "since_ms");
        assertBad("?stream_id=t.0&since_ms=now", "since_ms");
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        assertThat(client().get(PATH + "?stream_id=t.0&limit=1").status()).isEqualTo(200);
        assertThat(client().get(PATH + "?stream_id=t.0&limit=100&direction=forwards&unknown=1").status())
                .isEqualTo(200);
        assertThat(client().get(PATH + "?stream_id=t.0&after_serial=-5&to_serial=9223372036854775807").status())
                .isEqualTo(200);
    }

    @Test
    void missingOrWrongTokenIs401() {
        String query = PATH + "?stream_id=t.0";
        for (String token : new String[] {null, "", "test-token", HistoryTestResource.TOKEN + "x", "wrong"}) {
            HistoryClient.Answer answer = client().get(query, token);
            assertThat(answer.status()).as("token %s", token).isEqualTo(401);
            assertThat(answer.body()).isEqualTo("{\"error\":\"missing or wrong bearer token\"}");
        }
        assertThat(client().get("/v1/streams/t.0/written-through", null).status()).isEqualTo(401);
        assertThat(client().get(PATH + "?limit=0", "nope").status()).as("401 before validation").isEqualTo(401);
        assertThat(client().get(query, HistoryTestResource.TOKEN).status()).isEqualTo(200);
    }
}
