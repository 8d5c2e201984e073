package io.vazao.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vazao.contract.Json;
import org.junit.jupiter.api.Test;

class DlqFormatTest {

    @Test
    void reportShowsCountsByReasonAndOneLinePerMessage() throws Exception {
        String json =
                """
                {"queue":"q","deadLetterQueue":"q.dlq","depth":3,"scanned":3,"complete":true,
                 "byReason":{"failed":2,"invalid-json":1},"oldest":null,"newest":null,"offset":0,
                 "messages":[{"position":0,"reason":"failed","attempts":3,"deadLetteredAt":null,"replayed":1,
                   "bodyBytes":12,"bodyPreview":"{\\"id\\":\\n \\"A\\"}"}]}""";
        String text = DlqFormat.report(Json.mapper().readTree(json));
        String[] lines = text.split("\n");
        assertEquals("q.dlq: 3 dead letters, oldest -, newest -", lines[0]);
        assertTrue(
                text.contains("failed            2") || text.matches("(?s).*failed\\s+2.*"), text);
        assertTrue(text.matches("(?s).*invalid-json\\s+1.*"), text);
        assertTrue(text.matches("(?s).*failed\\s+3\\s+-\\s+1\\s+12\\s+\\{\"id\": \"A\"}.*"), text);
    }

    @Test
    void partialCountsSaySo() throws Exception {
        String text =
                DlqFormat.report(
                        Json.mapper()
                                .readTree(
                                        "{\"deadLetterQueue\":\"q.dlq\",\"depth\":20000,\"scanned\":10000,\"complete\":false,\"byReason\":{},\"messages\":[]}"));
        assertTrue(
                text.startsWith("q.dlq: 20000 dead letters (reasons counted over the first 10000)"),
                text);
    }

    @Test
    void longBodiesAreCutAndSummaryNamesTheError() throws Exception {
        assertEquals(DlqFormat.PREVIEW_CHARS, DlqFormat.preview("x".repeat(500)).length());
        String s =
                DlqFormat.summary(
                        Json.mapper()
                                .readTree(
                                        "{\"id\":\"j\",\"queue\":\"q\",\"state\":\"failed\",\"moved\":5,\"skipped\":0,\"achievedRate\":12.34,\"error\":\"no route\"}"));
        assertEquals(
                "replay j of q: failed, moved 5, skipped 0, 12.3/s\nerror: no route\n",
                s.replace(System.lineSeparator(), "\n"));
    }
}
