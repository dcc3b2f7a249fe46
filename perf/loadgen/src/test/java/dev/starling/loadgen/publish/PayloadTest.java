package dev.starling.loadgen.publish;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class PayloadTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void dataHasTheRequestedSize() throws Exception {
        Payload payload = new Payload("lg-event", 1024);
        String data = payload.data(1_700_000_000_000_000L, 1, 0);
        assertThat(data).hasSize(1024);
        JsonNode node = json.readTree(data);
        assertThat(node.get("lg_t").asLong()).isEqualTo(1_700_000_000_000_000L);
        assertThat(node.get("lg_p").asInt()).isEqualTo(1);
        assertThat(node.get("lg_n").asInt()).isZero();
    }

    @Test
    void tooSmallASizeKeepsTheHeader() throws Exception {
        String data = new Payload("e", 10).data(1, 0, 0);
        assertThat(json.readTree(data).get("lg_x").asText()).isEmpty();
    }

    @Test
    void theBodyCarriesTheDataAsAJsonString() throws Exception {
        Payload payload = new Payload("lg-event", 100);
        String data = payload.data(5, 2, 1);
        JsonNode body = json.readTree(payload.body("private-lg-\"3", data));
        assertThat(body.get("name").asText()).isEqualTo("lg-event");
        assertThat(body.get("channel").asText()).isEqualTo("private-lg-\"3");
        assertThat(body.get("data").isTextual()).isTrue();
        assertThat(body.get("data").asText()).isEqualTo(data);
    }
}
