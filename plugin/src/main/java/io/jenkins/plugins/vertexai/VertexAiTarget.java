package io.jenkins.plugins.vertexai;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.ComputeEngineCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotCredentials;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotMetadataCredentials;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotPrivateKeyCredentials;
import com.google.jenkins.plugins.credentials.oauth.ServiceAccountConfig;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.vertexai.core.client.VertexConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jenkins.util.SystemProperties;

/**
 * Where one step talks to: the effective project, region and credentials id (the step's values, else the global
 * configuration's) and the connection built from them. Only plain values are kept, so the step's execution can
 * persist them and build the connection again after a restart.
 *
 * @param credentialsId null for Application Default Credentials (only when an administrator allows them) or the emulator
 */
record VertexAiTarget(@NonNull String project, @NonNull String region, @CheckForNull String credentialsId,
                      @NonNull VertexConnection connection) {

    /**
     * Google credentials reused per (credential id, key material): the engine caches one client per connection and
     * compares credentials by identity, so every build using the same credential shares one client.
     */
    private static final Map<String, Credentials> CREDENTIALS = new ConcurrentHashMap<>();
    private static final List<String> SCOPES = List.of(VertexAiScopeRequirement.CLOUD_PLATFORM);

    /**
     * Resolves the step's values against the global defaults and looks up the credential in the run's context.
     * Called off the CPS VM thread.
     *
     * @param log whether to say in the build log which credentials are used (once per step, not on every resume)
     */
    static VertexAiTarget resolve(@CheckForNull String project, @CheckForNull String region, @CheckForNull String credentialsId,
                                  @NonNull Run<?, ?> run, @NonNull TaskListener listener, boolean log) throws AbortException {
        VertexAiGlobalConfiguration global = VertexAiGlobalConfiguration.get();
        String id = first(credentialsId, global.getCredentialsId());
        GoogleRobotCredentials robot = null;
        Credentials credentials = null;
        if (id != null) {
            robot = CredentialsProvider.findCredentialById(id, GoogleRobotCredentials.class, run, List.of(new VertexAiScopeRequirement()));
            if (robot == null) {
                throw new AbortException(Messages.VertexAiTarget_credentialsNotFound(id));
            }
            CredentialsProvider.track(run, robot);
            credentials = toGoogleAuth(id, robot);
        }
        String effectiveProject = first(project, global.getProjectId(), robot == null ? null : robot.getProjectId());
        if (effectiveProject == null) {
            throw new AbortException(Messages.VertexAiTarget_noProject());
        }
        String effectiveRegion = first(region, global.getRegion());
        if (effectiveRegion == null) {
            throw new AbortException(Messages.VertexAiTarget_noRegion());
        }
        // A bad endpoint override (e.g. set through Configuration as Code, which skips the form's check) or emulator
        // variable is a one-line error for the freestyle builders too, not a stack trace.
        Credentials given = credentials;
        VertexConnection connection = VertexStepExecution.parse(
                () -> VertexConnection.resolve(effectiveRegion, global.getApiEndpoint(), given, environment()));
        // The controller's own identity is not the build's: only an administrator can let builds use it.
        if (connection.usesApplicationDefaultCredentials() && !global.isAllowApplicationDefaultCredentials()) {
            throw new AbortException(Messages.VertexAiTarget_noCredentials());
        }
        if (log) {
            if (connection.plaintext()) {
                listener.getLogger().println(Messages.VertexAiTarget_emulator(connection.endpoint()));
            } else if (id == null) {
                listener.getLogger().println(Messages.VertexAiTarget_adc(connection.endpoint()));
            } else {
                listener.getLogger().println(Messages.VertexAiTarget_credentials(id, connection.endpoint()));
            }
        }
        return new VertexAiTarget(effectiveProject, effectiveRegion, id, connection);
    }

    private static Credentials toGoogleAuth(String id, GoogleRobotCredentials robot) throws AbortException {
        if (robot instanceof GoogleRobotPrivateKeyCredentials key) {
            ServiceAccountConfig config = key.getServiceAccountConfig();
            String account = config == null ? null : config.getAccountId();
            PrivateKey privateKey = config == null ? null : config.getPrivateKey();
            if (account == null || privateKey == null) {
                throw new AbortException(Messages.VertexAiTarget_incompleteKey(id));
            }
            String project = robot.getProjectId();
            return CREDENTIALS.computeIfAbsent(id + '\n' + account + '\n' + fingerprint(privateKey), k ->
                    ServiceAccountCredentials.newBuilder().setClientEmail(account).setPrivateKey(privateKey)
                            .setProjectId(project).setScopes(SCOPES).build());
        }
        if (robot instanceof GoogleRobotMetadataCredentials) {
            return CREDENTIALS.computeIfAbsent("metadata", k -> ComputeEngineCredentials.newBuilder().setScopes(SCOPES).build());
        }
        throw new AbortException(Messages.VertexAiTarget_unsupportedCredentials(id, robot.getClass().getSimpleName()));
    }

    /** A digest of the key so that a rotated key gets a new client; the key itself is never logged or kept as text. */
    private static String fingerprint(PrivateKey key) {
        try {
            byte[] encoded = key.getEncoded();
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(encoded == null ? String.valueOf(System.identityHashCode(key)).getBytes(StandardCharsets.UTF_8) : encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The controller's environment, where the emulator's variables ({@code VERTEX_AI_EMULATOR_HOST}, {@code _CA},
     * {@code _TOKEN_URI}) may also be given as Java system properties of the same names ({@code -D} on the controller,
     * or a test). The environment wins.
     */
    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String name : List.of(VertexConnection.EMULATOR_HOST_ENV, VertexConnection.EMULATOR_CA_ENV,
                VertexConnection.EMULATOR_TOKEN_URI_ENV)) {
            String value = SystemProperties.getString(name);
            if (value != null && !env.containsKey(name)) {
                env.put(name, value);
            }
        }
        return env;
    }

    private static String first(String... values) {
        for (String v : values) {
            String t = Util.fixEmptyAndTrim(v);
            if (t != null) {
                return t;
            }
        }
        return null;
    }
}
