package io.jenkins.plugins.vertexai.core;

import java.util.ArrayList;
import java.util.List;

/** Collects validation problems and throws them together. */
public final class Problems {
    private final List<ValidationException.Problem> problems = new ArrayList<>();

    public Problems add(String field, String message) {
        problems.add(new ValidationException.Problem(field, message));
        return this;
    }

    public Problems addAll(ValidationException e) {
        problems.addAll(e.problems());
        return this;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ValidationException(problems);
        }
    }
}
