package io.jenkins.plugins.vertexai.emulator.resource;

/**
 * Why provisioning of one resource fails, and at which step: a stock-out surfaces while accelerators are allocated,
 * any other failure once provisioning has run its course.
 */
record ProvisioningFailure(com.google.rpc.Status error, boolean duringAcceleratorAllocation) {
}
