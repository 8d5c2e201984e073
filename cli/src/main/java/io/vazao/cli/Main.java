package io.vazao.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "vazao", mixinStandardHelpOptions = true, version = "vazao 0.1.0",
        description = "Autoscaled RabbitMQ consumers on one machine: run the system, watch it, steer it, load it.",
        subcommands = {
                UpCommand.class, DownCommand.class, StatusCommand.class, WorkersCommand.class, EventsCommand.class,
                PolicyCommand.class, WeightsCommand.class, SettingsCommand.class,
                QueueActionCommands.Purge.class, QueueActionCommands.Pause.class, QueueActionCommands.Resume.class, DlqCommand.class,
                LoadCommand.class, DemoCommand.class, io.vazao.simulator.SimulateCommand.class, ScalerCommand.class, ReactionCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done",
                "1:unexpected failure",
                "2:wrong usage",
                "3:a service did not answer (policy service, RabbitMQ, Redis)",
                "4:credentials refused",
                "5:unknown queue",
                "6:request rejected (the message names field and rule)",
                "7:a check failed (demo lost messages, load not fully confirmed, component did not start)"})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof CliException c) {
                commandLine.getErr().println("vazao: " + c.getMessage());
                return c.exitCode();
            }
            commandLine.getErr().println("vazao: " + ex);
            return ExitCodes.ERROR;
        });
        return cl.execute(args);
    }
}
