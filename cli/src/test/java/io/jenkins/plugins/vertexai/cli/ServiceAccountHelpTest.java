package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The resource's service account is for runtimes such as Ray (ServiceAccountSpec.service_account: "Do not set this
 * field if you want to submit jobs using custom service account ... but only specify the service_account inside the
 * job"); pipeline tasks run as the pipeline job's.
 */
class ServiceAccountHelpTest {
    @Test
    void theResourceHelpSaysPipelineRunsUseTheJobsServiceAccount() {
        CliRunner.Result r = CliRunner.run("persistent-resources", "create", "--help");
        assertEquals(0, r.exitCode(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("such as Ray"), help);
        assertTrue(help.contains("Not for pipeline runs: their tasks run as the pipeline job's --service-account"), help);
    }
}
