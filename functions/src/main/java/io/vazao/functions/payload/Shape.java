package io.vazao.functions.payload;

import java.util.List;

final class Shape {

    private Shape() {}

    static void requireText(List<String> violations, String field, String value) {
        if (value == null || value.isBlank()) {
            violations.add(field + " is required");
        }
    }
}
