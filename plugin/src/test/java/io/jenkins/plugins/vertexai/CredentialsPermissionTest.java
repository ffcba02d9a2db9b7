package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotMetadataCredentials;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CredentialsPermissionTest {
    @Test
    void onlyUsersWhoMayConfigureOrUseCredentialsSeeThem(JenkinsRule j) throws Exception {
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global())
                .add(new GoogleRobotMetadataCredentials(CredentialsScope.GLOBAL, "vertex-sa", "demo-project", "Vertex AI", null));
        FreeStyleProject p = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE, Item.EXTENDED_READ).everywhere().to("dev")
                .grant(Jenkins.READ, Item.READ, CredentialsProvider.USE_ITEM).everywhere().to("user"));

        VertexPipelineRunStep.DescriptorImpl step = j.jenkins.getDescriptorByType(VertexPipelineRunStep.DescriptorImpl.class);
        VertexPersistentResourceBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(VertexPersistentResourceBuilder.DescriptorImpl.class);
        VertexAiGlobalConfiguration global = VertexAiGlobalConfiguration.get();

        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            assertThat(values(step.doFillCredentialsIdItems(p, "current")), contains("current"));
            assertThat(values(builder.doFillCredentialsIdItems(p, "")), contains(""));
            assertThat(values(global.doFillCredentialsIdItems("x")), contains("x"));
        }
        try (ACLContext ignored = ACL.as(User.getById("dev", true))) {
            assertThat(values(step.doFillCredentialsIdItems(p, "")), hasItem("vertex-sa"));
            assertThat(values(global.doFillCredentialsIdItems("")), contains(""));
        }
        try (ACLContext ignored = ACL.as(User.getById("user", true))) {
            assertThat(values(builder.doFillCredentialsIdItems(p, "")), hasItem("vertex-sa"));
        }
    }

    private static java.util.List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }
}
