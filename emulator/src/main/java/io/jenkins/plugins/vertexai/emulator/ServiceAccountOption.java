package io.jenkins.plugins.vertexai.emulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code --service-account ID[@PROJECT][:ROLE]}: an account to make a key for. Roles are simplified to whether
 * the account holds a Vertex AI role at all.
 */
record ServiceAccountOption(String accountId, String projectId, boolean hasRole) {
    static final String DEFAULT_PROJECT = "demo-project";
    private static final Pattern FORM = Pattern.compile("([^@:]+)(?:@([^:]+))?(?::(.+))?");

    static ServiceAccountOption parse(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("--service-account: expected ID[@PROJECT][:ROLE], got '" + value + "'");
        }
        String role = m.group(3);
        boolean hasRole;
        if (role == null || role.startsWith("roles/aiplatform.")) {
            hasRole = true;
        } else if (role.equals("none")) {
            hasRole = false;
        } else {
            throw new IllegalArgumentException("--service-account: ROLE must be roles/aiplatform.user, roles/aiplatform.admin "
                    + "or none, got '" + role + "'");
        }
        return new ServiceAccountOption(m.group(1), m.group(2) == null ? DEFAULT_PROJECT : m.group(2), hasRole);
    }
}
