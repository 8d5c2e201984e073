package io.vazao.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(
        name = "vazao",
        mixinStandardHelpOptions = true,
        version = "vazao 0.1.0",
        description =
                "Autoscaled RabbitMQ consumers on one machine: run the system, watch it, steer it, load it.",
        subcommands = {
            UpCommand.class,
            DownCommand.class,
            StatusCommand.class,
            WorkersCommand.class,
            EventsCommand.class,
            PolicyCommand.class,
            WeightsCommand.class,
            SettingsCommand.class,
            QueueActionCommands.Purge.class,
            QueueActionCommands.Pause.class,
            QueueActionCommands.Resume.class,
            DlqCommand.class,
            LoadCommand.class,
            DemoCommand.class,
            io.vazao.simulator.SimulateCommand.class,
            ScalerCommand.class,
            ReactionCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:unexpected failure",
            "2:wrong usage",
            "3:a service did not answer (policy service, RabbitMQ, Redis)",
            "4:credentials refused",
            "5:unknown queue",
            "6:request rejected (the message names field and rule)",
            "7:a check failed (demo lost messages, load not fully confirmed, component did not start)"
        })
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /**
     * Runs one command line with picocli's own output (help, usage errors) going to out and err.
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(
                (ex, commandLine, parseResult) -> {
                    if (ex instanceof CliException c) {
                        commandLine.getErr().println("vazao: " + c.getMessage());
                        return c.exitCode();
                    }
                    commandLine.getErr().println("vazao: " + ex);
                    return ExitCodes.ERROR;
                });
        String unknown = unknownCommand(cl, args);
        if (unknown != null) {
            cl.getErr()
                    .println(
                            "vazao: unknown command '"
                                    + unknown
                                    + "'; `vazao --help` lists the commands");
            return ExitCodes.USAGE;
        }
        return cl.execute(args);
    }

    /**
     * The first word that names no subcommand where only subcommands can stand, else null. Picocli
     * would let a `--help` further on win and exit 0; a typo must be a usage error.
     */
    static String unknownCommand(CommandLine cl, String... args) {
        CommandLine current = cl;
        for (String arg : args) {
            if (arg.startsWith("-") || current.getSubcommands().isEmpty()) {
                return null;
            }
            CommandLine next = current.getSubcommands().get(arg);
            if (next == null) {
                return current.getCommandSpec().positionalParameters().isEmpty() ? arg : null;
            }
            current = next;
        }
        return null;
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        withStandardHelpEverywhere(cl, cl.getCommandSpec().version());
        return cl;
    }

    /**
     * `--help`/`-h` and `--version`/`-V` on every subcommand, however deep, as the docs promise.
     */
    private static void withStandardHelpEverywhere(CommandLine cl, String[] version) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) {
                spec.mixinStandardHelpOptions(true);
            }
            if (spec.version().length == 0) {
                spec.version(version);
            }
            withStandardHelpEverywhere(sub, version);
        }
    }
}
