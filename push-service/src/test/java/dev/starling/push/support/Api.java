package dev.starling.push.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

import dev.starling.protocol.json.Json;

/** A plain HTTP client for the push-service APIs in tests. */
public final class Api {

    /** An answer: status and body (parsed when it is JSON). */
    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public Answer get(String path) {
        return send("GET", path, null, null);
    }

    public Answer get(String path, String authorization) {
        return send("GET", path, null, authorization);
    }

    public Answer post(String path, String body) {
        return send("POST", path, body, null);
    }

    public Answer post(String path, String body, String authorization) {
        return send("POST", path, body, authorization);
    }

    public Answer put(String path, String body) {
        return send("PUT", path, body, null);
    }

    public Answer put(String path, String body, String authorization) {
        return send("PUT", path, body, authorization);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Answer delete(String path, String authorization) {
        return send("DELETE", path, null, authorization);
    }

    public Answer send(String method, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
