package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotPrivateKeyCredentials;
import com.google.jenkins.plugins.credentials.oauth.JsonServiceAccountConfig;
import hudson.model.Computer;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The credentials drop-down of a job lists what the job's builds can use, i.e. what its own authentication
 * ({@code Tasks.getAuthenticationOf2}) finds, not what the system could: a global credential is usable by a build
 * running as a user only with Credentials/UseItem on the job.
 */
@WithJenkins
class CredentialsDropDownAuthenticationTest {
    private JenkinsRule j;
    private FreeStyleProject p;
    private MockAuthorizationStrategy authorization;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global())
                .add(new GoogleRobotPrivateKeyCredentials(CredentialsScope.GLOBAL, "vertex-sa", "demo-project", "Vertex AI",
                        new JsonServiceAccountConfig(), null));
        p = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        authorization = new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE, Item.EXTENDED_READ).everywhere().to("dev")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD).everywhere().to("bob");
        j.jenkins.setAuthorizationStrategy(authorization);
    }

    @Test
    void aJobRunningAsTheSystemListsTheGlobalCredential() {
        assertThat(listAsDev(), hasItem("vertex-sa"));
        assertThat(checkAsDev("vertex-sa").kind, is(FormValidation.Kind.OK));
    }

    @Test
    void aJobRunningAsAUserWhoMayNotUseCredentialsListsNone() {
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("p", User.getById("bob", true).impersonate2()));
        // dev may configure the job, but its builds run as bob, who could not use the credential.
        assertThat(listAsDev(), not(hasItem("vertex-sa")));
        assertThat(checkAsDev("vertex-sa").kind, is(FormValidation.Kind.ERROR));

        authorization.grant(CredentialsProvider.USE_ITEM).everywhere().to("bob");
        assertThat(listAsDev(), hasItem("vertex-sa"));
        assertThat(checkAsDev("vertex-sa").kind, is(FormValidation.Kind.OK));
    }

    private List<String> listAsDev() {
        VertexPipelineRunBuilder.DescriptorImpl d = j.jenkins.getDescriptorByType(VertexPipelineRunBuilder.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as(User.getById("dev", true))) {
            ListBoxModel m = d.doFillCredentialsIdItems(p, "");
            return m.stream().map(o -> o.value).toList();
        }
    }

    private FormValidation checkAsDev(String id) {
        VertexPipelineRunBuilder.DescriptorImpl d = j.jenkins.getDescriptorByType(VertexPipelineRunBuilder.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as(User.getById("dev", true))) {
            return d.doCheckCredentialsId(p, id);
        }
    }
}
