package io.vazao.load;

import static io.vazao.testsupport.Generators.qtAtLeast;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    final Payloads p = new Payloads("r1", 7, Instant.parse("2026-11-28T12:00:00Z"));

    @Test
    void aPaymentPaysItsOrdersTotal() {
        qtAtLeast(1000)
                .forAll(longs().between(0, 10_000_000))
                .checkAssert(
                        n -> {
                            ObjectNode order = p.order(n);
                            ObjectNode payment = p.payment(n);
                            assertEquals(
                                    order.get("id").asText(),
                                    payment.at("/data/order_id").asText());
                            BigDecimal total = order.at("/data/product/total").decimalValue();
                            assertEquals(
                                    0, total.compareTo(payment.at("/data/amount").decimalValue()));
                            BigDecimal unit = order.at("/data/product/unit_price").decimalValue();
                            BigDecimal quantity =
                                    BigDecimal.valueOf(order.at("/data/product/quantity").asInt());
                            assertEquals(0, unit.multiply(quantity).compareTo(total));
                        });
    }

    @Test
    void idsAreUniqueWithinARunAndAcrossRuns() {
        Set<String> ids = new HashSet<>();
        Payloads other = new Payloads("r2", 7, Instant.now());
        for (int i = 0; i < 50_000; i++) {
            assertTrue(ids.add(p.order(i).get("id").asText()));
            assertTrue(ids.add(p.payment(i).get("id").asText()));
            assertTrue(ids.add(other.order(i).get("id").asText()));
        }
    }

    @Test
    void theShapesAreTheSeeds() {
        ObjectNode o = p.order(3);
        assertEquals("order", o.get("type").asText());
        for (String path :
                new String[] {
                    "/data/customer/id",
                    "/data/customer/name",
                    "/data/customer/email",
                    "/data/customer/address/street",
                    "/data/customer/address/city",
                    "/data/customer/address/state",
                    "/data/customer/address/zip",
                    "/data/product/name",
                    "/data/product/quantity",
                    "/data/product/unit_price",
                    "/data/product/total",
                    "/data/status",
                    "/data/shipping_method",
                    "/data/notes",
                    "/timestamp"
                }) {
            assertTrue(!o.at(path).isMissingNode(), path);
        }
        ObjectNode pay = p.payment(3);
        assertEquals("payment", pay.get("type").asText());
        for (String path :
                new String[] {
                    "/data/order_id",
                    "/data/amount",
                    "/data/payment_method",
                    "/data/status",
                    "/data/transaction_id",
                    "/data/payment_details/processor",
                    "/data/payment_details/currency",
                    "/data/payment_details/installments",
                    "/data/payment_details/card_type"
                }) {
            assertTrue(!pay.at(path).isMissingNode(), path);
        }
        int q = o.at("/data/product/quantity").asInt();
        assertTrue(q >= 1 && q <= 5);
    }

    @Test
    void theSameSeedGivesTheSamePayloads() {
        Payloads again = new Payloads("r1", 7, Instant.parse("2026-11-28T12:00:00Z"));
        assertEquals(p.order(42), again.order(42));
        assertEquals(p.payment(42), again.payment(42));
    }
}
