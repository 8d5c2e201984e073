package io.vazao.dashboard.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.vazao.contract.DeadLetterHeaders;
import io.vazao.contract.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dead-letter panel in headless Chromium: a queue's dead letters show with their reasons and a
 * sample; the Replay button moves them back to the queue and the panel then shows an empty
 * dead-letter queue.
 */
@ExtendWith(RunningSystemExtension.class)
class DeadLetterPanelTest {

    private static final Duration UI = Duration.ofSeconds(30);

    @Test
    void theOperatorSeesTheReasonsAndReplaysFromThePanel(RunningSystem system) throws Exception {
        String queue = "t-dash-panel-" + system.id;
        String dlq = Topology.deadLetterQueue(queue);
        system.putPolicy(queue, "{\"weight\": 0.5, \"minWorkers\": 0, \"maxWorkers\": 1}");
        deadLetters(queue, "failed", 5);
        deadLetters(queue, "invalid-json", 2);
        ChromeDriver driver = Browser.start(system, "chromium-profile-dlq");
        try {
            Browser.signIn(driver, system.baseUrl + "/login.html", system.token, UI);

            await("the queue's dead letters on the panel")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(() -> cell(driver, queue, "dlq-depth").equals("7"));
            assertEquals("failed 5, invalid-json 2", cell(driver, queue, "dlq-reasons"));
            assertTrue(
                    cell(driver, queue, "dlq-sample").contains("\"id\":\"DLQ-failed-0\""),
                    cell(driver, queue, "dlq-sample"));
            Browser.screenshot(driver, "dead-letters-before-replay");

            driver.findElement(
                            By.cssSelector("#dlq tr[data-queue='" + queue + "'] button.dlq-replay"))
                    .click();
            await("the panel shows the dead-letter queue empty")
                    .atMost(UI)
                    .ignoreExceptions()
                    .until(() -> cell(driver, queue, "dlq-depth").equals("0"));
            assertTrue(
                    driver.findElement(
                                    By.cssSelector("#dlq tr[data-queue='" + queue + "'] .dlq-last"))
                            .getText()
                            .contains("done: 7 moved"));
            Browser.screenshot(driver, "dead-letters-after-replay");
            try (Connection c = RunningSystem.rabbit().newConnection("dlq-panel-check");
                    Channel ch = c.createChannel()) {
                assertEquals(
                        7,
                        ch.queueDeclarePassive(queue).getMessageCount(),
                        "all back in the work queue");
                assertEquals(0, ch.queueDeclarePassive(dlq).getMessageCount());
            }
        } finally {
            driver.quit();
            try (Connection c = RunningSystem.rabbit().newConnection("dlq-panel-cleanup");
                    Channel ch = c.createChannel()) {
                ch.queueDelete(queue);
                ch.queueDelete(dlq);
            }
        }
    }

    private static String cell(ChromeDriver driver, String queue, String cls) {
        return driver.findElement(By.cssSelector("#dlq tr[data-queue='" + queue + "'] td." + cls))
                .getText()
                .trim();
    }

    /**
     * Dead letters as a worker leaves them; they name the default exchange and the queue as their
     * route back.
     */
    private static void deadLetters(String queue, String reason, int n) throws Exception {
        try (Connection c = RunningSystem.rabbit().newConnection("dlq-panel-setup");
                Channel ch = c.createChannel()) {
            ch.queueDeclare(queue, true, false, false, null);
            ch.queueDeclare(Topology.deadLetterQueue(queue), true, false, false, null);
            ch.confirmSelect();
            for (int i = 0; i < n; i++) {
                AMQP.BasicProperties p =
                        new AMQP.BasicProperties.Builder()
                                .deliveryMode(2)
                                .headers(
                                        Map.of(
                                                DeadLetterHeaders.REASON,
                                                reason,
                                                DeadLetterHeaders.ATTEMPTS,
                                                1,
                                                DeadLetterHeaders.EXCHANGE,
                                                "",
                                                DeadLetterHeaders.ROUTING_KEY,
                                                queue,
                                                DeadLetterHeaders.DEAD_LETTERED_AT,
                                                System.currentTimeMillis()))
                                .build();
                String body = "{\"id\":\"DLQ-" + reason + "-" + i + "\",\"type\":\"order\"}";
                ch.basicPublish(
                        "",
                        Topology.deadLetterQueue(queue),
                        p,
                        body.getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }
}
