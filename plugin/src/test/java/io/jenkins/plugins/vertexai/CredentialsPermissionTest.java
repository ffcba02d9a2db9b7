package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.google.jenkins.plugins.credentials.oauth.GoogleRobotPrivateKeyCredentials;
import com.google.jenkins.plugins.credentials.oauth.JsonServiceAccountConfig;
import hudson.Util;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import jenkins.model.Jenkins;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class CredentialsPermissionTest {
    private static final String FILL = "job/p/descriptorByName/" + VertexPipelineRunStep.class.getName() + "/fillCredentialsIdItems";

    private JenkinsRule j;
    private FreeStyleProject p;

    @BeforeEach
    void setUp(JenkinsRule j) throws Exception {
        this.j = j;
        SystemCredentialsProvider.getInstance().getDomainCredentialsMap().get(Domain.global())
                .add(new GoogleRobotPrivateKeyCredentials(CredentialsScope.GLOBAL, "vertex-sa", "demo-project", "Vertex AI", serviceAccountKey(), null));
        p = j.createFreeStyleProject("p");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE, Item.EXTENDED_READ).everywhere().to("dev")
                .grant(Jenkins.READ, Item.READ, CredentialsProvider.USE_ITEM).everywhere().to("user"));
    }

    @Test
    void onlyUsersWhoMayConfigureOrUseCredentialsSeeThem() {
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

    /**
     * A service account from a JSON key generated here, as an administrator would upload it. (Metadata credentials
     * would not do: their descriptor only registers on a Compute Engine VM.)
     */
    private static JsonServiceAccountConfig serviceAccountKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        JSONObject key = new JSONObject()
                .element("type", "service_account")
                .element("project_id", "demo-project")
                .element("private_key_id", "test-key")
                .element("private_key", pem)
                .element("client_email", "vertex-runner@demo-project.iam.gserviceaccount.com")
                .element("client_id", "1234567890")
                .element("token_uri", "https://oauth2.googleapis.com/token");
        JsonServiceAccountConfig config = new JsonServiceAccountConfig();
        config.setSecretJsonKey(SecretBytes.fromRawBytes(key.toString().getBytes(StandardCharsets.UTF_8)));
        return config;
    }

    /** Through the web, as a form asks: GET finds no such page (Stapler answers 404 for a {@code @POST} method), and a POST answers only what the user may see. */
    @Test
    void theDropDownIsPostOnlyAndPermissionChecked() throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        wc.login("dev");
        Page get = wc.goTo(FILL + "?credentialsId=", null);
        assertThat(get.getWebResponse().getStatusCode(), is(404));

        assertThat(postFill(wc, ""), hasItem("vertex-sa"));

        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        reader.login("reader");
        assertThat(postFill(reader, "current"), contains("current"));
    }

    @Test
    void checkCredentialsId() {
        VertexPipelineRunStep.DescriptorImpl step = j.jenkins.getDescriptorByType(VertexPipelineRunStep.DescriptorImpl.class);
        try (ACLContext ignored = ACL.as(User.getById("dev", true))) {
            assertThat(step.doCheckCredentialsId(p, "vertex-sa").kind, is(FormValidation.Kind.OK));
            assertThat(step.doCheckCredentialsId(p, "${VERTEX_CREDENTIALS}").kind, is(FormValidation.Kind.OK));
            // No credentials anywhere: builds fail unless an administrator allows the controller's own identity.
            FormValidation none = step.doCheckCredentialsId(p, "");
            assertThat(none.kind, is(FormValidation.Kind.WARNING));
            assertThat(none.getMessage(), is(Util.escape(Messages.VertexAiTarget_noCredentials())));
            VertexAiGlobalConfiguration.get().setAllowApplicationDefaultCredentials(true);
            FormValidation adc = step.doCheckCredentialsId(p, "");
            assertThat(adc.kind, is(FormValidation.Kind.OK));
            assertThat(adc.getMessage(), is(Util.escape(Messages.CredentialsForms_applicationDefault())));
            assertThat(step.doCheckCredentialsId(p, "missing").kind, is(FormValidation.Kind.ERROR));
        }
        try (ACLContext ignored = ACL.as(User.getById("reader", true))) {
            // Nothing is looked up for someone who may not see the credentials: no hint whether an id exists.
            assertThat(step.doCheckCredentialsId(p, "missing").kind, is(FormValidation.Kind.OK));
        }
    }

    private List<String> postFill(JenkinsRule.WebClient wc, String current) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), FILL + "?credentialsId=" + current), HttpMethod.POST);
        Page page = wc.getPage(wc.addCrumb(request));
        assertThat(page.getWebResponse().getStatusCode(), is(200));
        JSONArray options = JSONObject.fromObject(page.getWebResponse().getContentAsString()).getJSONArray("values");
        return options.stream().map(o -> ((JSONObject) o).getString("value")).toList();
    }

    private static List<String> values(ListBoxModel m) {
        return m.stream().map(o -> o.value).toList();
    }
}
