package io.jenkins.plugins.vertexai;

import com.google.jenkins.plugins.credentials.oauth.GoogleOAuth2ScopeRequirement;
import java.util.Collection;
import java.util.List;

/** The OAuth scope Vertex AI needs: credentials offered to this plugin must allow it. */
public final class VertexAiScopeRequirement extends GoogleOAuth2ScopeRequirement {
    private static final long serialVersionUID = 1L;

    public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

    @Override
    public Collection<String> getScopes() {
        return List.of(CLOUD_PLATFORM);
    }
}
