package io.vazao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CliPartsTest {

    @ParameterizedTest
    @CsvSource({
        "401, 4", "429, 4", "404, 5", "409, 6", "412, 6", "400, 6", "413, 6", "415, 6", "500, 1",
        "503, 1"
    })
    void httpErrorsMapToDocumentedExitCodes(int status, int exit) {
        CliException e =
                assertThrows(
                        CliException.class,
                        () ->
                                ApiClient.check(
                                        status,
                                        "{\"error\":\"bad\",\"violations\":[{\"field\":\"minWorkers\",\"rule\":\"must be <= maxWorkers\"}]}",
                                        "PUT /x"));
        assertEquals(exit, e.exitCode());
        if (status == 400) {
            assertTrue(
                    e.getMessage().contains("minWorkers: must be <= maxWorkers"), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"processed\": 10, \"celery\": 4} | 6",
                "{\"processed\": 10} | 10",
                "{\"processed\": 3, \"celery\": 3} | 0",
                "{} | 0"
            })
    void workersSplitProcessedIntoPlainAndCelery(String heartbeat, long plain) throws Exception {
        assertEquals(
                plain, WorkersCommand.plain(io.vazao.contract.Json.mapper().readTree(heartbeat)));
    }

    @Test
    void successBodiesAreParsed() {
        assertEquals(6, ApiClient.check(200, "{\"budget\":6}", "GET").get("budget").asInt());
        assertTrue(ApiClient.check(204, "", "POST").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "business_queue_1=0.4|business_queue_1|0.4",
                "q=1|q|1.0",
                "a.b-c=2.5|a.b-c|2.5"
            })
    void weightAssignmentsParse(String arg, String queue, double weight) {
        assertEquals(Map.of(queue, weight), WeightsCommand.parse(List.of(arg)));
    }

    @ParameterizedTest
    @CsvSource({"q", "=1", "q=", "q=abc"})
    void badWeightAssignmentsAreUsageErrors(String arg) {
        assertEquals(
                ExitCodes.USAGE,
                assertThrows(CliException.class, () -> WeightsCommand.parse(List.of(arg)))
                        .exitCode());
    }

    @Test
    void tablesAlignNumbersRightAndTextLeft() {
        String t =
                new Table("QUEUE", "READY").row("orders", 5).row("payments-long", 12345).render();
        assertEquals(
                """
                QUEUE          READY
                orders             5
                payments-long  12345
                """,
                t);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(ExitCodes.USAGE, Main.run("no-such-command"));
        assertEquals(ExitCodes.USAGE, Main.run("purge"));
        assertEquals(ExitCodes.USAGE, Main.run("scaler", "--max-starting", "-1"));
        assertEquals(ExitCodes.USAGE, Main.run("scaler", "--max-starting", "two"));
    }

    @Test
    void anUnreachableServiceExitsWithThree() {
        assertEquals(ExitCodes.UNREACHABLE, Main.run("status", "--url", "http://127.0.0.1:1"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "4242 (java) S 1 4242 4242 0 -1|false",
                "4242 (java) Z 1 4242 4242 0 -1|true",
                "4242 (my prog) Z) R 1 4242|false",
                "4242 (a) b) Z 1|true",
                "garbage|false"
            })
    void aZombieIsTakenForDead(String stat, boolean zombie) {
        assertEquals(zombie, Background.zombieStat(stat));
    }
}
