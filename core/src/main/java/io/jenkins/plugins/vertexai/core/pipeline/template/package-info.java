/**
 * Pipeline templates: {@link io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateLoader} reads a
 * KFP PipelineSpec (YAML or JSON) or a PipelineJob JSON from a file, Cloud Storage or an https registry, and
 * {@link io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplateParser} checks it and turns it into a
 * {@link io.jenkins.plugins.vertexai.core.pipeline.template.PipelineTemplate}.
 */
package io.jenkins.plugins.vertexai.core.pipeline.template;
