package io.jenkins.plugins.vertexai.emulator;

import io.jenkins.plugins.vertexai.emulator.auth.EmulatorAuth;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * What {@code --require-auth} leaves on disk for clients: the certificate to trust ({@code ca.pem}) and one key file per
 * {@code --service-account} ({@code ID.json}, readable by the owner only: it holds a private key, although one that
 * only this emulator run accepts).
 */
final class AuthFiles {
    private AuthFiles() {
    }

    /** Writes the files into {@code dir} (created if needed; null: a new temporary folder) and prints the exports. */
    static Path write(EmulatorAuth auth, Path dir, List<ServiceAccountOption> accounts, PrintStream out, PrintStream err) throws IOException {
        Path folder = dir == null ? Files.createTempDirectory("vertex-ai-emulator-auth") : Files.createDirectories(dir);
        Path ca = Files.writeString(folder.resolve("ca.pem"), auth.certificatePem(), StandardCharsets.US_ASCII);
        out.println("export VERTEX_AI_EMULATOR_CA=" + ca.toAbsolutePath());
        out.println("export VERTEX_AI_EMULATOR_TOKEN_URI=" + auth.tokenUri());
        for (ServiceAccountOption a : accounts) {
            Path key = folder.resolve(a.accountId() + ".json");
            Files.deleteIfExists(key);
            ownerOnly(Files.createFile(key));
            Files.writeString(key, auth.createServiceAccountKey(a.accountId(), a.projectId(), a.hasRole()), StandardCharsets.UTF_8);
            err.println("Service account " + a.accountId() + "@" + a.projectId() + ".iam.gserviceaccount.com ("
                    + (a.hasRole() ? "with" : "without") + " a Vertex AI role): key in " + key.toAbsolutePath());
        }
        return folder;
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own permissions apply
        }
    }
}
