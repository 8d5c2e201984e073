package io.vazao.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Redis `vazao up` needs: the one at the resolved address when it answers; else, when that
 * address is this machine, a redis-server started on its port that keeps its data.
 */
final class LocalRedis {

    private LocalRedis() {}

    static void ensure(Home home, RedisAddress at) throws IOException {
        if (Services.redisAnswers(at.host(), at.port())) {
            return;
        }
        if (!at.onThisMachine()) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "Redis does not answer on "
                            + at
                            + " ($"
                            + RedisAddress.ENV
                            + "); start it there, or unset "
                            + RedisAddress.ENV
                            + " to use this machine's.");
        }
        String server = Services.which("redis-server");
        if (server == null) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "Redis does not answer on "
                            + at
                            + " and is not installed."
                            + " Install it (Debian/Ubuntu: sudo apt-get install redis-server) or start one on that port.");
        }
        // The Redis vazao starts keeps its data (append-only file, fsync every second) in the state
        // folder: policies and settings edited through the API survive a restart of it.
        Path data = home.state().resolve("redis");
        Files.createDirectories(data);
        System.out.println("starting the machine's Redis (" + server + ", data in " + data + ")");
        Services.run(
                home.logs().resolve("redis-start.log"),
                30,
                List.of(
                        server,
                        "--daemonize",
                        "yes",
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(at.port()),
                        "--dir",
                        data.toString(),
                        "--appendonly",
                        "yes",
                        "--appendfsync",
                        "everysec"));
        if (!Services.await(30_000, () -> Services.redisAnswers(at.host(), at.port()))) {
            throw new CliException(
                    ExitCodes.UNREACHABLE,
                    "Redis did not come up; see .vazao/logs/redis-start.log");
        }
    }
}
