package io.vazao.policy.api;

import io.vazao.contract.Settings;
import io.vazao.policy.config.VazaoConfig;
import io.vazao.policy.store.PolicyStore;
import io.vazao.policy.store.Versioned;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Global settings: the worker budget and the loop's timing. */
@Path("/api/v1/settings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "settings")
public class SettingsResource {

    private final PolicyStore store;
    private final VazaoConfig config;

    public SettingsResource(PolicyStore store, VazaoConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Operation(
            summary =
                    "The current settings (defaults when none are stored); the ETag is their version")
    public Response get() {
        Versioned<Settings> v = store.versionedSettings();
        return Response.ok(v.value()).tag(new EntityTag(v.tag())).build();
    }

    @PUT
    @Operation(
            summary =
                    "Change settings (atomically; If-Match: only that version); fields left out keep their current value")
    public Response put(
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(IfMatch.HEADER) String ifMatch,
            @RequestBody(
                            description = "any subset of the settings fields",
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(implementation = Settings.class)))
                    byte[] body) {
        var json = JsonBody.object(contentType, body, config.api().maxBodyBytes());
        long workerHeartbeat = config.workers().heartbeatInterval().toMillis();
        Versioned<Settings> written =
                ConditionalUpdate.apply(
                        ifMatch,
                        store::versionedSettings,
                        current -> SettingsValidator.apply(current, json, workerHeartbeat),
                        store::putSettingsIf);
        return Response.ok(written.value()).tag(new EntityTag(written.tag())).build();
    }
}
