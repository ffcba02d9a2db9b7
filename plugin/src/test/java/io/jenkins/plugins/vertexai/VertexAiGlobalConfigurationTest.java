package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
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
    }
}
