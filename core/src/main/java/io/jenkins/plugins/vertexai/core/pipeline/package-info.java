/**
 * Pipeline runs: a {@link io.jenkins.plugins.vertexai.core.pipeline.PipelineRunSpec} (what the user asks for) and a
 * loaded template go through {@link io.jenkins.plugins.vertexai.core.pipeline.PipelineJobRequestFactory}, which
 * checks everything at once and builds the v1beta1 {@code PipelineJob} and its job id.
 */
package io.jenkins.plugins.vertexai.core.pipeline;
