package io.vazao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class MainTest {

    record Outcome(int exit, String out, String err) {}

    static Outcome run(String line) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit =
                Main.run(new PrintWriter(out, true), new PrintWriter(err, true), line.split(" "));
        return new Outcome(exit, out.toString(), err.toString());
    }

    /** Every command and subcommand, however deep, by its full name ("policy get"). */
    static Stream<String> everyCommand() {
        List<String> names = new ArrayList<>();
        collect(Main.commandLine(), "", names);
        return names.stream();
    }

    private static void collect(CommandLine cl, String prefix, List<String> names) {
        cl.getSubcommands()
                .forEach(
                        (name, sub) -> {
                            String full = (prefix + " " + name).trim();
                            names.add(full);
                            collect(sub, full, names);
                        });
    }

    @ParameterizedTest
    @MethodSource("everyCommand")
    void everyCommandHasHelpAndVersion(String command) {
        for (String flag : List.of("--help", "-h")) {
            Outcome o = run(command + " " + flag);
            assertEquals(0, o.exit(), command + " " + flag + ": " + o.err());
            assertTrue(o.out().contains("Usage: vazao " + command), o.out());
        }
        if (!command.equals("help")) {
            Outcome v = run(command + " --version");
            assertEquals(0, v.exit(), command + " --version: " + v.err());
            assertEquals("vazao 0.1.0", v.out().strip());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "nosuch --help       | 2 | unknown command 'nosuch'",
                "nosuch              | 2 | unknown command 'nosuch'",
                "policy nosuch -h    | 2 | unknown command 'nosuch'",
                "status --nosuch     | 2 | Unknown option: '--nosuch'",
                "load --orders many  | 2 | Invalid value for option '--orders'",
                "dlq                 | 2 | which queue?",
                "dlq replay          | 2 | Missing required option: '--queue=<queue>'"
            })
    void wrongUsageIsExitTwoWithAMessage(String line, int exit, String message) {
        Outcome o = run(line);
        assertEquals(exit, o.exit(), o.out() + o.err());
        assertTrue(o.err().contains(message), o.err());
    }
}
