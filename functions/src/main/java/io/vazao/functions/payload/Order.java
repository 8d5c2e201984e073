package io.vazao.functions.payload;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** An order as the seed's load generator publishes it to {@code business_queue_1}. */
public record Order(String id, String type, String timestamp, Data data)
        implements BusinessMessage {

    public static final String TYPE = "order";

    public record Data(
            Customer customer,
            Product product,
            String status,
            @JsonProperty("shipping_method") String shippingMethod,
            String notes) {}

    public record Customer(String id, String name, String email, Address address) {}

    public record Address(String street, String city, String state, String zip) {}

    public record Product(
            String name,
            Integer quantity,
            @JsonProperty("unit_price") Double unitPrice,
            Double total) {}

    @Override
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        Shape.requireText(v, "id", id);
        Shape.requireText(v, "type", type);
        if (data == null) {
            v.add("data is required");
            return v;
        }
        if (data.customer() == null) {
            v.add("data.customer is required");
        } else {
            Shape.requireText(v, "data.customer.id", data.customer().id());
        }
        Product p = data.product();
        if (p == null) {
            v.add("data.product is required");
        } else {
            Shape.requireText(v, "data.product.name", p.name());
            if (p.quantity() == null || p.quantity() < 1) {
                v.add("data.product.quantity must be >= 1");
            }
            if (p.unitPrice() == null || p.unitPrice() < 0) {
                v.add("data.product.unit_price must be >= 0");
            }
            if (p.total() == null || p.total() < 0) {
                v.add("data.product.total must be >= 0");
            }
        }
        return v;
    }
}
