package io.jenkins.plugins.vertexai.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad user input, found before any remote call. Carries every problem found, each naming the field and the
 * accepted form, so a user fixes them all in one go.
 */
public final class ValidationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** One invalid field: its user-facing name and what is wrong, including the accepted form. */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public ValidationException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one problem");
        }
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " invalid fields:\n" + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n"));
    }
}
