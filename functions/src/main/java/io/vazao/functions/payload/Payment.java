package io.vazao.functions.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** A payment as the seed's load generator publishes it to {@code business_queue_2}. */
public record Payment(String id, String type, String timestamp, Data data)
        implements BusinessMessage {

    public static final String TYPE = "payment";

    public record Data(
            @JsonProperty("order_id") String orderId,
            Double amount,
            @JsonProperty("payment_method") String paymentMethod,
            String status,
            @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("payment_details") Details paymentDetails) {}

    public record Details(
            String processor,
            String currency,
            Integer installments,
            @JsonProperty("card_type") String cardType,
            @JsonProperty("card_last_four") String cardLastFour) {}

    @Override
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        Shape.requireText(v, "id", id);
        Shape.requireText(v, "type", type);
        if (data == null) {
            v.add("data is required");
            return v;
        }
        Shape.requireText(v, "data.order_id", data.orderId());
        Shape.requireText(v, "data.payment_method", data.paymentMethod());
        if (data.amount() == null || data.amount() < 0) {
            v.add("data.amount must be >= 0");
        }
        if (data.paymentDetails() != null
                && data.paymentDetails().installments() != null
                && data.paymentDetails().installments() < 1) {
            v.add("data.payment_details.installments must be >= 1");
        }
        return v;
    }
}
