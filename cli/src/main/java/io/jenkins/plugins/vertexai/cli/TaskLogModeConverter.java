package io.jenkins.plugins.vertexai.cli;

import io.jenkins.plugins.vertexai.core.ValidationException;
import io.jenkins.plugins.vertexai.core.logs.TaskLogMode;
import picocli.CommandLine;

/** {@code --logs=none|errors|all}; anything else is a usage error naming the accepted values (exit 2). */
public final class TaskLogModeConverter implements CommandLine.ITypeConverter<TaskLogMode> {
    @Override
    public TaskLogMode convert(String value) {
        if (value == null || value.isBlank()) {
            throw new CommandLine.TypeConversionException("'' is not one of none, errors, all");
        }
        try {
            return TaskLogMode.parse("logs", value);
        } catch (ValidationException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not one of none, errors, all");
        }
    }
}
