package dev.starling.gateway.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.starling.gateway.cluster.ClusterUnavailableException;

/**
 * The one place HTTP API failures become responses: every error has a JSON body {@code {"error":…,"status":…}}
 * saying what is wrong, including the framework's own (unknown route, wrong method, unreadable body).
 */
public class ApiErrors {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response response = e.parameter() == null ? json(e.status(), e.getMessage())
                : json(e.status(), e.getMessage(), e.parameter());
        return e.retryAfterSeconds() < 0 ? response
                : Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    public Response historyUnavailable(dev.starling.gateway.history.HistoryUnavailableException e) {
        return json(503, "History is unavailable right now: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(ClusterUnavailableException e) {
        return json(503, "Publishing is unavailable right now: " + e.getMessage());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "No such route";
            case 405 -> "Method not allowed on this route";
            case 413 -> "Request body too large";
            case 415 -> "Unsupported content type";
            default -> e.getMessage() == null ? "Request failed" : e.getMessage();
        };
        return json(status, message);
    }

    static Response json(int status, String message) {
        return json(status, message, null);
    }

    static Response json(int status, String message, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(JsonReplies.write(body)).build();
    }
}
