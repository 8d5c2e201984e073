package io.vazao.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocCommandLinesTest {

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                "'```bash\n./vazao status\n```'                          => ./vazao status",
                "'```bash\n./vazao load    # the seed''s run\n```'         => ./vazao load",
                "'```\n$ ./vazao policy get -Q q\n```'                   => ./vazao policy get -Q q",
                "'see `./vazao status --json | jq .totalLive` here'      => ./vazao status --json | jq .totalLive",
                "'`./vazao up` then `./vazao down`'                      => ./vazao up;./vazao down",
                "'prose about `vazao up` is no command line'             => ''",
                "'```bash\n./mvnw -B verify\n```'                        => ''",
                "'```bash\n./vazao demo\n```\n`./vazao down`'            => ./vazao demo;./vazao down",
                "'`./vazao <command>`; `--help` on every command'       => ''",
                "'```bash\n./vazao policy set -Q <queue> --max 4\n```'  => ''",
                "'`./vazao` at the root runs the CLI; `./vazao …` too'   => ''"
            })
    void commandLinesAreFoundInFencesAndInlineCode(String markdown, String expected) {
        List<String> found =
                DocCommandLines.in("x.md", markdown).stream()
                        .map(DocCommandLines.DocLine::command)
                        .toList();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.split(";")), found);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = "=>",
            value = {
                "./vazao status                          => status",
                "./vazao policy get -Q business_queue_1  => policy get",
                "./vazao load --orders 10 --payments 10  => load",
                "./vazao status --json | jq .totalLive   => status",
                "./vazao weights business_queue_1=0.4    => weights",
                "./vazao                                 => ''"
            })
    void theSubcommandIsTheWordsBeforeTheFirstOption(String command, String subcommand) {
        assertEquals(subcommand, new DocCommandLines.DocLine("x.md", 1, command).subcommand());
    }

    @Test
    void theLineNumberIsWhereTheCommandStands() {
        assertEquals(
                3, DocCommandLines.in("x.md", "text\n```bash\n./vazao status\n```").get(0).line());
    }
}
