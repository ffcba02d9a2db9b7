package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import hudson.util.FormValidation;
import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import io.jenkins.plugins.vertexai.core.pipeline.template.CredentialHosts;
import org.junit.jupiter.api.Test;

class VertexAiGlobalConfigurationTest {
    @Test
    @WithJenkinsConfiguredWithCode
    @ConfiguredWithCode("casc.yaml")
    void configurationAsCodeRoundTrip(JenkinsConfiguredWithCodeRule j) throws Exception {
        VertexAiGlobalConfiguration c = VertexAiGlobalConfiguration.get();
        assertThat(c.getProjectId(), is("ml-project"));
        assertThat(c.getRegion(), is("europe-west4"));
        assertThat(c.getCredentialsId(), is("vertex-sa"));
        assertThat(c.getApiEndpoint(), is("europe-west4-aiplatform.googleapis.com:443"));
        assertThat(c.getDefaultPipelineRoot(), is("gs://ml-bucket/pipelines"));
        assertThat(c.getMaxPollIntervalSeconds(), is(20));
        assertThat(c.getRequestsPerMinute(), is(240));
        assertThat(c.isAllowApplicationDefaultCredentials(), is(true));
        // Templates from these hosts get credentials, besides Google's; from any other host they do not.
        CredentialHosts hosts = c.templateCredentialHosts();
        assertThat(hosts.trusts("registry.internal.example"), is(true));
        assertThat(hosts.trusts("eu.models.example.com"), is(true));
        assertThat(hosts.trusts("europe-west4-kfp.pkg.dev"), is(true));
        assertThat(hosts.trusts("models.example.com.attacker.example"), is(false));
        assertThat(hosts.trusts("example.com"), is(false));

        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode exported = Util.getUnclassifiedRoot(context).get("vertexAi");
        assertThat(Util.toYamlString(exported), is(Util.toStringFromYamlFile(this, "casc-expected-export.yaml")));
    }

    @Test
    @WithJenkinsConfiguredWithCode
    @ConfiguredWithCode("casc.yaml")
    void formRoundTrip(JenkinsConfiguredWithCodeRule j) throws Exception {
        j.configRoundtrip();
        VertexAiGlobalConfiguration c = VertexAiGlobalConfiguration.get();
        assertThat(c.getProjectId(), is("ml-project"));
        assertThat(c.getApiEndpoint(), is("europe-west4-aiplatform.googleapis.com:443"));
        assertThat(c.getMaxPollIntervalSeconds(), is(20));
        assertThat(c.getRequestsPerMinute(), is(240));
        assertThat(c.getTrustedTemplateHosts(), is("registry.internal.example, *.models.example.com"));
        assertThat(c.isAllowApplicationDefaultCredentials(), is(true));
    }

    @Test
    @WithJenkinsConfiguredWithCode
    @ConfiguredWithCode("casc.yaml")
    void trustedTemplateHostsAreChecked(JenkinsConfiguredWithCodeRule j) {
        VertexAiGlobalConfiguration c = VertexAiGlobalConfiguration.get();
        assertThat(c.doCheckTrustedTemplateHosts("registry.example.com\n.example.org, *.example.net").kind, is(FormValidation.Kind.OK));
        assertThat(c.doCheckTrustedTemplateHosts("https://registry.example.com/kfp").kind, is(FormValidation.Kind.ERROR));
        assertThat(c.doCheckTrustedTemplateHosts(".com").kind, is(FormValidation.Kind.ERROR));
        assertThat(c.doCheckTrustedTemplateHosts("*.dev").kind, is(FormValidation.Kind.ERROR));
    }
}
