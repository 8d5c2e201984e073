package io.vazao.functions.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Seed-shaped payloads (see the seed's message shapes) with unique ids. */
public final class Payloads {

    private Payloads() {}

    public static String order(String id) {
        return String.format(
                Locale.ROOT,
                """
                {"id": "%s", "type": "order", "timestamp": "2026-11-02T10:15:00Z",
                 "data": {
                   "customer": {"id": "CUST-4821", "name": "Customer 17", "email": "customer17@example.com",
                                "address": {"street": "512 Main St", "city": "Chicago", "state": "IL", "zip": "60601"}},
                   "product": {"name": "Laptop", "quantity": 2, "unit_price": 1250.00, "total": 2500.00},
                   "status": "pending", "shipping_method": "express", "notes": "Fragile"}}""",
                id);
    }

    public static String payment(String id) {
        return String.format(
                Locale.ROOT,
                """
                {"id": "%s", "type": "payment", "timestamp": "2026-11-28T14:00:00Z",
                 "data": {"order_id": "ORD-48213", "amount": 2500.00, "payment_method": "credit_card",
                          "status": "approved", "transaction_id": "TRX-531947",
                          "payment_details": {"processor": "stripe", "currency": "USD", "installments": 1,
                                              "card_type": "visa", "card_last_four": "4242"}}}""",
                id);
    }

    /** {@code n} orders with ids {@code prefix-0 .. prefix-(n-1)}. */
    public static List<byte[]> orders(String prefix, int n) {
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(order(prefix + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
