package io.jenkins.plugins.vertexai;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.vertexai.core.Problems;
import io.jenkins.plugins.vertexai.core.pipeline.PersistentResourceRuntime;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.json.JSONObject;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** What users see of the steps and builders: help pages, the configuration forms, the Snippet Generator. */
@WithJenkins
class StepFormsTest {
    @SuppressWarnings("rawtypes")
    private static final List<Class<? extends Describable>> TYPES = List.of(VertexPipelineRunStep.class, VertexPersistentResourceStep.class,
            WithVertexPersistentResourceStep.class, VertexPipelineRunBuilder.class, VertexPersistentResourceBuilder.class);

    /** The Steps Reference and the forms show a help page for each step and builder, and one for each of their arguments. */
    @Test
    @SuppressWarnings("rawtypes")
    void everyStepAndBuilderHasHelpForItselfAndEachArgument(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        for (Class<? extends Describable> type : TYPES) {
            Descriptor<?> d = j.jenkins.getDescriptorOrDie(type);
            // A missing page answers 404, which goTo turns into a failure.
            String help = wc.goTo("descriptor/" + d.getId() + "/help", null).getWebResponse().getContentAsString();
            assertThat(type.getSimpleName(), help, containsString("<p>"));
            for (DescribableParameter p : DescribableModel.of(type).getParameters()) {
                String field = wc.goTo("descriptor/" + d.getId() + "/help/" + p.getName(), null).getWebResponse().getContentAsString();
                assertThat(type.getSimpleName() + "." + p.getName(), field, containsString("<div>"));
            }
        }
    }

    /** The configuration form shows and takes back every argument, maps and lists included. */
    @Test
    void formsRoundTripMapsAndLists(JenkinsRule j) throws Exception {
        VertexPipelineRunStep run = new VertexPipelineRunStep("pipelines/retrain.yaml");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("epochs", "10");
        parameters.put("note", "eu, nightly");
        run.setParameterValues(parameters);
        run.setInputArtifacts(Map.of("dataset", "1234"));
        run.setLabels(Map.of("team", "ml", "env", "prod"));
        run.setEnableCaching(false);
        run.setNetwork("projects/123/global/networks/default");
        run.setReservedIpRanges(List.of("range-a", "range-b"));
        run.setPersistentResourceId("training-pool");
        run.setTaskResourceUnavailableWaitTimeMs("10m");
        j.assertEqualDataBoundBeans(run, new StepConfigTester(j).configRoundTrip(run));

        VertexPersistentResourceStep resource = new VertexPersistentResourceStep("nightly-pool");
        resource.setResourcePoolSpecs(List.of("machine-type=n1-standard-4,replica-count=1", "machine-type=n1-standard-8,replica-count=2"));
        resource.setLabels(Map.of("team", "ml"));
        resource.setNetwork("projects/123/global/networks/default");
        resource.setReservedIpRanges(List.of("range-a"));
        j.assertEqualDataBoundBeans(resource, new StepConfigTester(j).configRoundTrip(resource));

        WithVertexPersistentResourceStep block = new WithVertexPersistentResourceStep("nightly-pool");
        block.setResourcePoolSpecs(List.of("machine-type=n1-standard-4,replica-count=1"));
        block.setLabels(Map.of("team", "ml"));
        block.setKeep("onFailure");
        j.assertEqualDataBoundBeans(block, new StepConfigTester(j).configRoundTrip(block));
    }

    /** The Snippet Generator turns the form's text areas into Groovy maps and lists. */
    @Test
    void snippetGeneratorWritesMapsAndLists(JenkinsRule j) throws Exception {
        JSONObject run = new JSONObject()
                .element("stapler-class", VertexPipelineRunStep.class.getName())
                .element("templatePath", "pipelines/retrain.yaml")
                .element("parameterValues", "epochs=10\nnote=eu, nightly")
                .element("inputArtifacts", "dataset=1234")
                .element("labels", "team=ml, env=prod")
                .element("enableCaching", "false")
                .element("reservedIpRanges", "range-a\nrange-b")
                .element("persistentResourceId", "training-pool")
                .element("taskResourceUnavailableWaitTimeMs", "10m");
        String groovy = generateSnippet(j, run);
        assertThat(groovy, startsWith("vertexPipelineRun "));
        assertThat(groovy, containsString("parameterValues: [epochs: '10', note: 'eu, nightly']"));
        assertThat(groovy, containsString("inputArtifacts: [dataset: '1234']"));
        assertThat(groovy, containsString("labels: [team: 'ml', env: 'prod']"));
        assertThat(groovy, containsString("enableCaching: false"));
        assertThat(groovy, containsString("reservedIpRanges: ['range-a', 'range-b']"));
        assertThat(groovy, containsString("taskResourceUnavailableWaitTimeMs: '10m'"));

        JSONObject resource = new JSONObject()
                .element("stapler-class", VertexPersistentResourceStep.class.getName())
                .element("persistentResourceId", "nightly-pool")
                .element("resourcePoolSpecs", "machine-type=n1-standard-4,replica-count=1\nmachine-type=n1-standard-8,replica-count=2")
                .element("labels", "team=ml")
                .element("reservedIpRanges", "range-a, range-b");
        groovy = generateSnippet(j, resource);
        assertThat(groovy, startsWith("vertexPersistentResource "));
        assertThat(groovy, containsString("resourcePoolSpecs: ['machine-type=n1-standard-4,replica-count=1', 'machine-type=n1-standard-8,replica-count=2']"));
        assertThat(groovy, containsString("labels: [team: 'ml']"));
        assertThat(groovy, containsString("reservedIpRanges: ['range-a', 'range-b']"));

        JSONObject empty = new JSONObject()
                .element("stapler-class", WithVertexPersistentResourceStep.class.getName())
                .element("persistentResourceId", "nightly-pool")
                .element("labels", "");
        groovy = generateSnippet(j, empty);
        assertThat(groovy, startsWith("withVertexPersistentResource("));
        assertThat(groovy, not(containsString("labels")));
    }

    /** One unit for the task wait time: milliseconds as a number (as before) or as text, or a duration. */
    @Test
    void waitTimeTakesMillisecondsOrADuration(JenkinsRule j) throws Exception {
        DescribableModel<VertexPipelineRunStep> model = DescribableModel.of(VertexPipelineRunStep.class);
        for (Object given : List.of(600000, 600000L, "600000", "10m", "PT10M")) {
            Map<String, Object> arguments = Map.of("templatePath", "t.yaml", "persistentResourceId", "pool", "taskResourceUnavailableWaitTimeMs", given);
            VertexPipelineRunStep step = model.instantiate(arguments, TaskListener.NULL);
            Problems problems = new Problems();
            long ms = new PersistentResourceRuntime("pool", step.request(null).waitTime(), null)
                    .toDefaultRuntime("p", "us-central1", problems).orElseThrow()
                    .getPersistentResourceRuntimeDetail().getTaskResourceUnavailableWaitTimeMs();
            problems.throwIfAny();
            assertThat(given + " (" + given.getClass().getSimpleName() + ")", ms, is(600_000L));
        }
        assertThat(model.instantiate(Map.of("templatePath", "t.yaml", "taskResourceUnavailableWaitTimeMs", 0), TaskListener.NULL)
                .getTaskResourceUnavailableWaitTimeMs(), is((String) null));

        VertexPipelineRunStep.DescriptorImpl step = j.jenkins.getDescriptorByType(VertexPipelineRunStep.DescriptorImpl.class);
        VertexPipelineRunBuilder.DescriptorImpl builder = j.jenkins.getDescriptorByType(VertexPipelineRunBuilder.DescriptorImpl.class);
        for (String ok : List.of("600000", "10m", "1h30m", "${WAIT}")) {
            assertThat(ok, step.doCheckTaskResourceUnavailableWaitTimeMs(ok).kind, is(FormValidation.Kind.OK));
            assertThat(ok, builder.doCheckTaskResourceUnavailableWaitTimeMs(ok).kind, is(FormValidation.Kind.OK));
        }
        FormValidation bad = step.doCheckTaskResourceUnavailableWaitTimeMs("ten minutes");
        assertThat(bad.kind, is(FormValidation.Kind.ERROR));
        assertThat(bad.getMessage(), containsString("10m"));
    }

    /** Posts a form as the Snippet Generator's page does, and returns the Groovy it answers. */
    private static String generateSnippet(JenkinsRule j, JSONObject form) throws Exception {
        WebRequest request = new WebRequest(new URL(j.getURL(), Snippetizer.GENERATE_URL), HttpMethod.POST);
        List<NameValuePair> params = new ArrayList<>();
        params.add(new NameValuePair("json", form.toString()));
        params.add(new NameValuePair(j.jenkins.getCrumbIssuer().getDescriptor().getCrumbRequestField(), j.jenkins.getCrumbIssuer().getCrumb()));
        request.setRequestParameters(params);
        WebResponse response = j.createWebClient().getPage(request).getWebResponse();
        assertThat(response.getContentType(), is("text/plain"));
        return response.getContentAsString().trim();
    }
}
