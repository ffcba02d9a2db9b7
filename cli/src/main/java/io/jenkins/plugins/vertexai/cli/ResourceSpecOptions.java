package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.resource.PersistentResourceConfigFile;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpec;
import io.jenkins.plugins.vertexai.core.resource.PersistentResourceSpecs;
import io.jenkins.plugins.vertexai.core.resource.ResourcePoolSpecParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** gcloud's {@code ai persistent-resources create} flags; values given here win over {@code --config}. */
final class ResourceSpecOptions {
    @Option(names = "--display-name", description = "Display name (default: the id)")
    String displayName;

    @Option(names = "--resource-pool-spec", description = "A pool, repeatable: replica-count=N,machine-type=T[,accelerator-type=A,"
            + "accelerator-count=N,disk-type=D,disk-size=GB,min-replica-count=N,max-replica-count=N]")
    List<String> resourcePoolSpecs = new ArrayList<>();

    @Option(names = "--config", description = "YAML file with resourcePoolSpecs (camelCase keys), as gcloud reads it")
    Path config;

    @Option(names = "--enable-custom-service-account", negatable = true, fallbackValue = "true",
            description = "Let jobs run as a custom service account (default true: pipeline runs need it)")
    Boolean enableCustomServiceAccount;

    // ServiceAccountSpec.service_account: for runtimes given at creation (e.g. Ray); "Do not set this field if you want
    // to submit jobs using custom service account to this PersistentResource after creation".
    @Option(names = "--service-account", description = "Service account of runtimes set up on the resource, such as Ray"
            + " (needs --enable-custom-service-account). Not for pipeline runs: their tasks run as the pipeline job's"
            + " --service-account")
    String serviceAccount;

    @Option(names = "--labels", split = ",", description = "KEY=VALUE[,KEY=VALUE...]")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--network", description = "VPC network: projects/NUMBER/global/networks/NAME")
    String network;

    @Option(names = "--kms-key", description = "CMEK key: projects/P/locations/L/keyRings/R/cryptoKeys/K")
    String kmsKey;

    @Option(names = "--reserved-ip-ranges", split = ",", description = "Reserved IP range names in the network")
    List<String> reservedIpRanges = new ArrayList<>();

    PersistentResourceSpec spec(String id, String project, String region) {
        PersistentResourceSpec.Builder explicit = PersistentResourceSpec.builder()
                .persistentResourceId(id).project(project).region(region).displayName(displayName)
                .enableCustomServiceAccount(enableCustomServiceAccount).serviceAccount(serviceAccount)
                .labels(labels).network(network).kmsKeyName(kmsKey).reservedIpRanges(reservedIpRanges);
        // All specs at once: every bad one is reported, each by its position (--resource-pool-spec[i]).
        ResourcePoolSpecParser.parseAll(resourcePoolSpecs).forEach(explicit::addResourcePool);
        if (config == null) {
            return explicit.build();
        }
        return PersistentResourceSpecs.merge(PersistentResourceConfigFile.read(config), explicit.build());
    }
}
