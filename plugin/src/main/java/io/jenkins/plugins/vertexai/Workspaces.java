package io.jenkins.plugins.vertexai;

import hudson.AbortException;
import hudson.FilePath;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads input files from the workspace, over the agent channel: never call this on the CPS VM thread. Only
 * relative paths that stay inside the workspace (after resolving symbolic links) are accepted.
 */
final class Workspaces {
    /** Pipeline templates and config files are small; a bigger file is a mistake, not something to load. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private Workspaces() {
    }

    static FilePath resolve(FilePath workspace, String path) throws IOException, InterruptedException {
        if (workspace == null) {
            throw new AbortException(Messages.Workspaces_needsNode(path));
        }
        if (isAbsolute(path)) {
            throw new AbortException(Messages.Workspaces_outside(path));
        }
        boolean inside;
        try {
            inside = workspace.isDescendant(path);
        } catch (IllegalArgumentException e) {
            inside = false;
        }
        if (!inside) {
            throw new AbortException(Messages.Workspaces_outside(path));
        }
        FilePath file = workspace.child(path);
        if (!file.exists() || file.isDirectory()) {
            throw new AbortException(Messages.Workspaces_notFound(path, workspace.getRemote()));
        }
        if (file.length() > MAX_BYTES) {
            throw new AbortException(Messages.Workspaces_tooBig(path, MAX_BYTES / (1024 * 1024)));
        }
        return file;
    }

    static String readText(FilePath workspace, String path) throws IOException, InterruptedException {
        return resolve(workspace, path).readToString();
    }

    static byte[] readBytes(FilePath workspace, String path) throws IOException, InterruptedException {
        try (InputStream in = resolve(workspace, path).read()) {
            return in.readAllBytes();
        }
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:.*") || path.startsWith("~");
    }
}
