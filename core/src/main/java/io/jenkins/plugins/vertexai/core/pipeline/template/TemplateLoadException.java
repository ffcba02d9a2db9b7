package io.jenkins.plugins.vertexai.core.pipeline.template;

import java.io.IOException;

/** A template could not be read: not found, access denied, or a transport failure. Messages never carry credentials. */
public final class TemplateLoadException extends IOException {
    private static final long serialVersionUID = 1L;

    public TemplateLoadException(String message) {
        super(message);
    }

    public TemplateLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
