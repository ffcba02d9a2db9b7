package io.jenkins.plugins.vertexai.core.pipeline.template;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Template URLs that cannot work say why, before or at the first request (issue 10). */
class TemplateUrlMisuseTest {
    @Test
    void userInfoInAnHttpsTemplateIsRefusedBeforeAnyRequestAndNotEchoed() throws Exception {
        try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder().build()) {
            TemplateLoadException e = assertThrows(TemplateLoadException.class,
                    () -> loader.load("https://ci:hunter2@us-central1-kfp.pkg.dev/p/repo/pipe/latest"));
            assertTrue(e.getMessage().contains("user info"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void anUnreachableHostSaysWhichHostAndWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there now
        }
        try (PipelineTemplateLoader loader = PipelineTemplateLoader.builder().build()) {
            String url = "https://127.0.0.1:" + port + "/pipeline.yaml";
            TemplateLoadException e = assertThrows(TemplateLoadException.class, () -> loader.load(url));
            assertTrue(e.getMessage().contains("cannot connect to 127.0.0.1:" + port), e.getMessage());
            assertFalse(e.getMessage().contains("java.net.ConnectException"), e.getMessage());
        }
    }
}
