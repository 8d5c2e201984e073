package io.vazao.functions.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a standby worker makes of its standard input. */
class StandbyTest {

    @ParameterizedTest(name = "input \"{0}\" then {1} -> {2}")
    @CsvSource({
        "'consume\\n', close, promoted",
        "'  consume  \\n', close, promoted",
        "'hello\\nconsume\\n', close, promoted",
        "'consume\\nconsume\\n', close, promoted",
        "'', close, orphaned",
        "'consumer\\n', close, orphaned",
        "'CONSUME\\n', close, orphaned",
    })
    void promotedOnceByItsLineOrOrphanedByTheEndOfInput(String input, String then, String outcome)
            throws Exception {
        List<String> happened = new CopyOnWriteArrayList<>();
        PipedOutputStream starter = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(starter);
        Thread t =
                Standby.await(
                        stdin,
                        "w1",
                        () -> happened.add("promoted"),
                        () -> happened.add("orphaned"));
        starter.write(input.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8));
        starter.flush();
        starter.close();
        t.join(5_000);
        assertEquals(List.of(outcome), happened);
    }
}
