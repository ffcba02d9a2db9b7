package io.jenkins.plugins.vertexai.core.resource;

import com.google.cloud.aiplatform.v1.PersistentResource;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.vertexai.core.PlainMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an operation on a persistent resource ended with. {@code outcome} says what was done (created, reused,
 * deleted, …); {@code state} is the server's state, {@code GONE} once deleted.
 */
public record PersistentResourceResult(String name, Outcome outcome, String state, String displayName,
                                       List<PoolStatus> pools, boolean customServiceAccount, String consoleUrl,
                                       Instant createTime, Instant startTime, String error, String network,
                                       String kmsKeyName) {
    public enum Outcome { CREATED, REUSED, RECREATED, DESCRIBED, REBOOTED, DELETED, ABSENT }

    public static final String GONE = "GONE";

    static PersistentResourceResult of(PersistentResource r, Outcome outcome) {
        PersistentResourceName n = PersistentResourceName.parse("name", r.getName());
        return new PersistentResourceResult(r.getName(), outcome, r.getState().name(), r.getDisplayName(),
                r.getResourcePoolsList().stream().map(PoolStatus::of).toList(),
                r.getResourceRuntimeSpec().getServiceAccountSpec().getEnableCustomServiceAccount(),
                consoleUrl(n), instant(r.hasCreateTime(), r.getCreateTime()), instant(r.hasStartTime(), r.getStartTime()),
                r.hasError() ? r.getError().getMessage() : null, r.getNetwork(), r.getEncryptionSpec().getKmsKeyName());
    }

    static PersistentResourceResult gone(PersistentResourceName n, Outcome outcome) {
        return new PersistentResourceResult(n.toString(), outcome, GONE, null, List.of(), false, consoleUrl(n), null, null, null,
                "", "");
    }

    /** The Cloud console page that lists the project's persistent resources in that region. */
    public static String consoleUrl(PersistentResourceName n) {
        return "https://console.cloud.google.com/vertex-ai/training/persistent-resources?project=" + n.project()
                + "&region=" + n.region() + "&id=" + n.id();
    }

    private static Instant instant(boolean has, Timestamp t) {
        return has ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
    }

    /** Plain values only (strings, numbers, booleans, lists, maps): safe to hand to a Jenkins Pipeline script. */
    public Map<String, Object> toMap() {
        return new PlainMap().put("name", name).put("id", PersistentResourceName.parse("name", name).id())
                .put("outcome", outcome.name()).put("state", state).put("displayName", displayName)
                .put("pools", pools.stream().map(PoolStatus::toMap).toList()).put("enableCustomServiceAccount", customServiceAccount)
                .put("consoleUrl", consoleUrl).put("createTime", createTime).put("startTime", startTime).put("error", error).build();
    }
}
