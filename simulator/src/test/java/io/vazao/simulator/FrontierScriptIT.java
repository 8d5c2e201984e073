package io.vazao.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the documented {@code bench/frontier.sh} against the packaged jar (FRONTIER_JAR, so that the
 * test does not start a build inside the build), with a smaller sweep.
 */
class FrontierScriptIT {

    @TempDir Path tmp;

    @Test
    void theDocumentedScriptDrawsThePicturesAndWritesTheNumbers() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        Path jar = Path.of("target", "vazao-simulator.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "packaged jar " + jar);
        Path log = tmp.resolve("out.log");
        ProcessBuilder pb =
                new ProcessBuilder(
                                "bash",
                                "bench/frontier.sh",
                                "--out",
                                tmp.resolve("docs").toString(),
                                "--knobs",
                                "vazao=5,30",
                                "--knobs",
                                "vazao-window=0,30",
                                "--knobs",
                                "keda=20,80",
                                "--knobs",
                                "seed=200",
                                "--tail",
                                "60")
                        .directory(repo.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        pb.environment().put("FRONTIER_JAR", jar.toString());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bench/frontier.sh did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        for (String s : new String[] {"burst", "sine", "spike-train"}) {
            assertTrue(Files.size(tmp.resolve("docs/frontier-" + s + ".png")) > 0, s);
            assertTrue(out.contains(s + ": vazao (all sweeps) below keda everywhere: "), out);
            assertTrue(out.contains(s + ": vazao (drain only) below seed everywhere: "), out);
        }
        assertTrue(Files.readString(tmp.resolve("docs/frontier.md")).contains("## spike-train"));
    }
}
