package io.jenkins.plugins.vertexai.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --require-auth} from the command line: what it prints and what it leaves on disk. */
class RequireAuthLaunchTest {
    @TempDir
    Path dir;

    @Test
    void printsTheExportsAndWritesTheCertificateAndKeys() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        EmulatorOptions options = EmulatorOptions.parse("--port", "0", "--require-auth", "--auth-dir", dir.toString(),
                "--service-account", "jenkins-ci", "--service-account", "viewer-bot@ml-prod:none");
        try (VertexAiEmulator emulator = EmulatorMain.launch(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("export VERTEX_AI_EMULATOR_HOST=127.0.0.1:" + emulator.port()), printed);
            assertTrue(printed.contains("export VERTEX_AI_EMULATOR_CA=" + dir.resolve("ca.pem").toAbsolutePath()), printed);
            assertTrue(printed.contains("export VERTEX_AI_EMULATOR_TOKEN_URI=" + emulator.auth().tokenUri()), printed);
            assertEquals(emulator.auth().certificatePem(), Files.readString(dir.resolve("ca.pem")));

            String key = Files.readString(dir.resolve("jenkins-ci.json"));
            assertTrue(key.contains("\"client_email\": \"jenkins-ci@demo-project.iam.gserviceaccount.com\""), "a key file");
            assertTrue(Files.readString(dir.resolve("viewer-bot.json")).contains("viewer-bot@ml-prod.iam.gserviceaccount.com"));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jenkins-ci.json"))));
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("viewer-bot@ml-prod.iam.gserviceaccount.com (without a Vertex AI role)"), said);
            // The private key goes to the file only, never to the console.
            assertFalse((printed + said).contains("PRIVATE KEY"));
        }
    }

    @Test
    void badAuthOptionsSayWhy() {
        assertEquals("--service-account and --auth-dir need --require-auth", assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.parse("--service-account", "jenkins-ci")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EmulatorOptions.parse("--require-auth", "--service-account", "ci:owner")).getMessage().contains("ROLE must be"));
        assertFalse(EmulatorOptions.parse("--port", "0").requireAuth);
    }
}
