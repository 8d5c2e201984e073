package io.vazao.policy.config;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vazao.policy.api.ApiError;
import io.vazao.policy.api.EventsResource;
import io.vazao.policy.api.PoliciesResource;
import io.vazao.policy.api.QueueActionsResource;
import io.vazao.policy.api.SessionResource;
import io.vazao.policy.api.Violation;
import io.vazao.policy.api.WorkersResource;
import io.vazao.policy.dashboard.FileSdTargets;
import io.vazao.policy.status.QueueStatus;
import io.vazao.policy.status.Status;

/**
 * The policy service's own JSON types, for the native image: several are written with the
 * contract's mapper (SSE events, the file_sd file), where Quarkus cannot see them. The contract's
 * types are registered by io.vazao.contract.JsonRecords.
 */
@RegisterForReflection(
        targets = {
            Status.class,
            QueueStatus.class,
            ApiError.class,
            Violation.class,
            FileSdTargets.TargetGroup.class,
            EventsResource.Events.class,
            PoliciesResource.PolicyList.class,
            QueueActionsResource.Purged.class,
            SessionResource.SessionInfo.class,
            SessionResource.LoginRequest.class,
            WorkersResource.Workers.class
        })
public final class JsonTypes {

    private JsonTypes() {}
}
