package io.vazao.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** purge, pause and resume: one POST each on /api/v1/queues/{queue}/{action}. */
public final class QueueActionCommands {

    private QueueActionCommands() {}

    abstract static class QueueAction implements Callable<Integer> {
        @Mixin ApiOptions api;

        @Option(
                names = {"-Q", "--queue"},
                required = true,
                description = "the queue")
        String queue;

        abstract String action();

        abstract String done();

        @Override
        public Integer call() {
            var body =
                    api.client()
                            .send(
                                    "POST",
                                    "/api/v1/queues/"
                                            + java.net.URLEncoder.encode(
                                                    queue, java.nio.charset.StandardCharsets.UTF_8)
                                            + "/"
                                            + action(),
                                    null);
            System.out.println(api.json() ? body.toString() : queue + " " + done());
            return ExitCodes.OK;
        }
    }

    @Command(name = "purge", description = "Drop every ready message of a queue.")
    public static final class Purge extends QueueAction {
        String action() {
            return "purge";
        }

        String done() {
            return "purged";
        }
    }

    @Command(
            name = "pause",
            description = "Give a queue no workers until it is resumed (its messages stay).")
    public static final class Pause extends QueueAction {
        String action() {
            return "pause";
        }

        String done() {
            return "paused";
        }
    }

    @Command(name = "resume", description = "Let a paused queue have workers again.")
    public static final class Resume extends QueueAction {
        String action() {
            return "resume";
        }

        String done() {
            return "resumed";
        }
    }
}
