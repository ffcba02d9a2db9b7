package io.jenkins.plugins.vertexai;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotCredentials;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The credentials drop-down and its check, with the permission rules of the credentials plugin: without an item
 * (global configuration) only administrators see the list; in a job, whoever may configure the job or use its
 * credentials, and the list holds what the job's builds can use. Anyone else gets back only the value already
 * selected, and nothing is looked up.
 */
final class CredentialsForms {
    private CredentialsForms() {
    }

    static ListBoxModel fill(Item item, String credentialsId) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(item)) {
            return result.includeCurrentValue(Util.fixNull(credentialsId));
        }
        result.includeEmptyValue();
        if (item == null) {
            result.includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), GoogleRobotCredentials.class,
                    List.of(new VertexAiScopeRequirement()), CredentialsMatchers.always());
        } else {
            result.includeMatchingAs(authenticationOf(item), item, GoogleRobotCredentials.class,
                    List.of(new VertexAiScopeRequirement()), CredentialsMatchers.always());
        }
        return result.includeCurrentValue(Util.fixNull(credentialsId));
    }

    static FormValidation check(Item item, String value) {
        if (!mayList(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            VertexAiGlobalConfiguration global = VertexAiGlobalConfiguration.get();
            if (global.getCredentialsId() != null) {
                return FormValidation.ok();
            }
            return global.isAllowApplicationDefaultCredentials() ? FormValidation.ok(Messages.CredentialsForms_applicationDefault())
                    : FormValidation.warning(Messages.VertexAiTarget_noCredentials());
        }
        if (FormChecks.isExpression(id)) {
            return FormValidation.ok();
        }
        boolean found = !CredentialsProvider.listCredentialsInItem(GoogleRobotCredentials.class, item, authenticationOf(item),
                List.of(new VertexAiScopeRequirement()), CredentialsMatchers.withId(id)).isEmpty();
        return found ? FormValidation.ok() : FormValidation.error(Messages.CredentialsForms_notFound(id));
    }

    /**
     * Who the item's builds run as (the credentials plugin's consumer guide): a job lists only the credentials
     * its own builds can use, which the run-time lookup in the build's context will find. That lookup
     * ({@code CredentialsProvider.findCredentialById} for a run) also searches the item's credentials as the system
     * when the build's authentication has Credentials/UseItem on the job; the system store itself lists nothing to
     * any other authentication, so the list does the same.
     */
    static Authentication authenticationOf(Item item) {
        if (!(item instanceof Queue.Task task)) {
            return ACL.SYSTEM2;
        }
        Authentication build = Tasks.getAuthenticationOf2(task);
        return build != ACL.SYSTEM2 && item.getACL().hasPermission2(build, CredentialsProvider.USE_ITEM) ? ACL.SYSTEM2 : build;
    }

    private static boolean mayList(Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
