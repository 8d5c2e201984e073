package io.vazao.load;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.SplittableRandom;

/**
 * The seed's order and payment payloads, with ids unique per run ({@code ORD-<run>-<n>}, {@code
 * PAY-<run>-<n>}) and payment n paying order n: its amount equals the order's total. Every random
 * field is a pure function of (seed, n), so a payment can be built without keeping its order.
 */
public final class Payloads {

    private static final String[] CITIES = {
        "New York", "Los Angeles", "Chicago", "Houston", "Phoenix"
    };
    private static final String[] STATES = {"NY", "CA", "IL", "TX", "AZ"};
    private static final String[] PRODUCTS = {
        "Laptop", "Smartphone", "Headphones", "Monitor", "Keyboard", "Mouse", "Tablet", "Printer"
    };
    private static final int[][] PRICE_RANGES = {
        {800, 2000},
        {400, 1200},
        {50, 300},
        {200, 800},
        {30, 150},
        {20, 100},
        {200, 1000},
        {150, 500}
    };
    private static final String[] ORDER_STATUS = {"pending", "processing", "shipped", "delivered"};
    private static final String[] SHIPPING = {"standard", "express", "overnight"};
    private static final String[] NOTES = {"", "Fragile", "Handle with care", "Gift wrap"};
    private static final String[] METHODS = {
        "credit_card", "debit_card", "bank_transfer", "paypal", "crypto"
    };
    private static final String[] PAYMENT_STATUS = {
        "pending", "processing", "approved", "declined"
    };
    private static final String[] PROCESSORS = {"stripe", "paypal", "square", "adyen"};
    private static final String[] CURRENCIES = {"USD", "EUR", "GBP", "BRL"};
    private static final String[] CARDS = {"visa", "mastercard", "amex", ""};

    private final String runId;
    private final long seed;
    private final long nowSeconds;
    private final String nowText;

    public Payloads(String runId, long seed, Instant now) {
        this.runId = runId;
        this.seed = seed;
        this.nowSeconds = now.getEpochSecond();
        this.nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static String orderId(String runId, long n) {
        return "ORD-" + runId + "-" + n;
    }

    public static String paymentId(String runId, long n) {
        return "PAY-" + runId + "-" + n;
    }

    /** The product line of order n: what both the order and its payment need. */
    public record Line(String product, int quantity, BigDecimal unitPrice, BigDecimal total) {}

    public Line line(long n) {
        SplittableRandom r = random(n, 1);
        int p = r.nextInt(PRODUCTS.length);
        int quantity = 1 + r.nextInt(5);
        BigDecimal unit =
                BigDecimal.valueOf(
                        PRICE_RANGES[p][0] * 100L
                                + r.nextLong((PRICE_RANGES[p][1] - PRICE_RANGES[p][0]) * 100L + 1),
                        2);
        return new Line(
                PRODUCTS[p],
                quantity,
                unit,
                unit.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.UNNECESSARY));
    }

    public ObjectNode order(long n) {
        SplittableRandom r = random(n, 2);
        Line line = line(n);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("id", orderId(runId, n));
        o.put("type", "order");
        o.put(
                "timestamp",
                Instant.ofEpochSecond(nowSeconds - r.nextLong(30L * 24 * 3600)).toString());
        ObjectNode data = o.putObject("data");
        ObjectNode customer = data.putObject("customer");
        int c = r.nextInt(1, 10_000);
        customer.put("id", "CUST-" + c);
        customer.put("name", "Customer " + c);
        customer.put("email", "customer" + c + "@example.com");
        int city = r.nextInt(CITIES.length);
        ObjectNode address = customer.putObject("address");
        address.put("street", r.nextInt(1, 1000) + " Main St");
        address.put("city", CITIES[city]);
        address.put("state", STATES[city]);
        address.put("zip", Integer.toString(r.nextInt(10_000, 99_999)));
        ObjectNode product = data.putObject("product");
        product.put("name", line.product());
        product.put("quantity", line.quantity());
        product.put("unit_price", line.unitPrice());
        product.put("total", line.total());
        data.put("status", ORDER_STATUS[r.nextInt(ORDER_STATUS.length)]);
        data.put("shipping_method", SHIPPING[r.nextInt(SHIPPING.length)]);
        data.put("notes", NOTES[r.nextInt(NOTES.length)]);
        return o;
    }

    public ObjectNode payment(long n) {
        SplittableRandom r = random(n, 3);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode o = f.objectNode();
        o.put("id", paymentId(runId, n));
        o.put("type", "payment");
        o.put("timestamp", nowText);
        ObjectNode data = o.putObject("data");
        data.put("order_id", orderId(runId, n));
        data.put("amount", line(n).total());
        data.put("payment_method", METHODS[r.nextInt(METHODS.length)]);
        data.put("status", PAYMENT_STATUS[r.nextInt(PAYMENT_STATUS.length)]);
        data.put("transaction_id", "TRX-" + runId + "-" + n);
        ObjectNode details = data.putObject("payment_details");
        details.put("processor", PROCESSORS[r.nextInt(PROCESSORS.length)]);
        details.put("currency", CURRENCIES[r.nextInt(CURRENCIES.length)]);
        details.put("installments", r.nextInt(10) < 3 ? r.nextInt(1, 13) : 1);
        details.put("card_type", CARDS[r.nextInt(CARDS.length)]);
        if (r.nextInt(10) < 7) {
            details.put(
                    "card_last_four", Integer.toString(10_000 + r.nextInt(10_000)).substring(1));
        }
        return o;
    }

    private SplittableRandom random(long n, int stream) {
        long mixed =
                seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + stream * 0x94D049BB133111EBL;
        return new SplittableRandom(mixed);
    }
}
