package io.jenkins.plugins.vertexai.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every option says what it is, and names, URLs and filters in the help stay on one line (issue 10). */
class HelpTextTest {
    private static List<CommandLine> allCommands(CommandLine c, List<CommandLine> into) {
        into.add(c);
        c.getSubcommands().values().stream().distinct().forEach(s -> allCommands(s, into));
        return into;
    }

    @Test
    void everyOptionHasADescription() {
        for (CommandLine c : allCommands(VertexAiCli.commandLine(), new ArrayList<>())) {
            for (OptionSpec o : c.getCommandSpec().options()) {
                boolean described = o.description().length > 0 && !String.join("", o.description()).isBlank();
                assertTrue(described, c.getCommandSpec().qualifiedName() + " " + o.longestName() + " has no help text");
            }
        }
    }

    @Test
    void urlsNamesAndFiltersAreNotBrokenAcrossLines() {
        StringBuilder help = new StringBuilder();
        for (CommandLine c : allCommands(VertexAiCli.commandLine(), new ArrayList<>())) {
            String text = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : text.split("\n")) {
                assertTrue(line.length() <= VertexAiCli.HELP_WIDTH, "too wide: " + line);
            }
            help.append(text);
        }
        for (String whole : List.of("http://127.0.0.1:PORT", "https://host[:port]", "projects/P/locations/L/keyRings/R/cryptoKeys/K",
                "projects/PROJECT_NUMBER/global/networks/NAME", "state=\"PIPELINE_STATE_RUNNING\"",
                "projects/P/locations/L/persistentResources/ID", "runner@my-project.iam.gserviceaccount.com")) {
            assertTrue(help.toString().contains(whole), "'" + whole + "' is broken or missing in the help");
        }
        assertFalse(help.toString().contains("option option"));
    }
}
