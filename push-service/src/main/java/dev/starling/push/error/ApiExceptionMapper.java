package dev.starling.push.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.starling.protocol.json.JsonText;

/** The one place errors become responses: {@code {"error":…,"description":…}} with the matching status. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return body(e.error().status(), e.error().error(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return body(status, reason, status == 404 ? "No such route" : reason);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        if (e instanceof ApiException api) {
            return api(api);
        }
        if (e instanceof WebApplicationException web) {
            return web(web);
        }
        LOG.errorf(e, "Unexpected error while serving a request");
        return body(500, "Internal Server Error", "Something went wrong");
    }

    static Response body(int status, String error, String description) {
        StringBuilder json = new StringBuilder(64).append("{\"error\":");
        JsonText.appendQuoted(json, error).append(",\"description\":");
        JsonText.appendQuoted(json, description == null ? error : description).append('}');
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(json.toString()).build();
    }
}
