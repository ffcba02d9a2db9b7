package io.jenkins.plugins.vertexai.core.resource;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.jenkins.plugins.vertexai.core.ValidationException;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the problems a {@link ValidationException} carries. */
final class ValidationAssertions {
    private ValidationAssertions() {
    }

    static ValidationException invalid(Executable action) {
        return assertThrows(ValidationException.class, action);
    }

    /** Asserts a problem on exactly {@code field} whose message contains every fragment. */
    static void assertProblem(ValidationException e, String field, String... fragments) {
        List<ValidationException.Problem> onField = e.problems().stream().filter(p -> p.field().equals(field)).toList();
        if (onField.isEmpty()) {
            fail("no problem on field '" + field + "' in:\n" + e.getMessage());
        }
        for (ValidationException.Problem p : onField) {
            boolean all = true;
            for (String fragment : fragments) {
                all &= p.message().contains(fragment);
            }
            if (all) {
                return;
            }
        }
        fail("no problem on '" + field + "' mentions " + List.of(fragments) + " in:\n" + e.getMessage());
    }

    static void assertNoProblem(ValidationException e, String field) {
        if (e.problems().stream().anyMatch(p -> p.field().equals(field))) {
            fail("unexpected problem on '" + field + "' in:\n" + e.getMessage());
        }
    }
}
