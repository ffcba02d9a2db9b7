package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.jenkins.plugins.vertexai.core.pipeline.template.CredentialHosts;
import org.junit.jupiter.api.Test;

/** Which template locations, all taken from a build, may receive the job's or the controller's credentials. */
class PipelineRunRequestTest {
    @Test
    void googleHostsAndCloudStorageGetCredentials() {
        assertThat(PipelineRunRequest.getsCredentials("gs://ml-bucket/pipelines/train.yaml", CredentialHosts.GOOGLE), is(true));
        assertThat(PipelineRunRequest.getsCredentials("https://europe-west4-kfp.pkg.dev/p/repo/train/latest", CredentialHosts.GOOGLE), is(true));
        assertThat(PipelineRunRequest.getsCredentials("https://storage.googleapis.com/ml-bucket/train.yaml", CredentialHosts.GOOGLE), is(true));
    }

    @Test
    void anyOtherHostGetsNone() {
        assertThat(PipelineRunRequest.getsCredentials("https://templates.example.com/train.yaml", CredentialHosts.GOOGLE), is(false));
        assertThat(PipelineRunRequest.getsCredentials("https://pkg.dev.attacker.example/train.yaml", CredentialHosts.GOOGLE), is(false));
        assertThat(PipelineRunRequest.getsCredentials("https://europe-west4-kfp.pkg.dev@attacker.example/train.yaml", CredentialHosts.GOOGLE), is(false));
        assertThat(PipelineRunRequest.getsCredentials("http://127.0.0.1:8080/train.yaml", CredentialHosts.GOOGLE), is(false));
        assertThat(PipelineRunRequest.getsCredentials("https://bad host/train.yaml", CredentialHosts.GOOGLE), is(false));
    }

    @Test
    void hostsAnAdministratorTrustedGetCredentials() {
        CredentialHosts trusted = CredentialHosts.googleAnd("registry.internal.example");
        assertThat(PipelineRunRequest.getsCredentials("https://registry.internal.example/kfp/train.yaml", trusted), is(true));
        assertThat(PipelineRunRequest.getsCredentials("https://other.internal.example/kfp/train.yaml", trusted), is(false));
    }
}
