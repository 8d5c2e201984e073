package io.vazao.functions.payload;

import java.util.List;

/** A payload one of the functions processes. */
public sealed interface BusinessMessage permits Order, Payment {

    String id();

    String type();

    /** What makes this message unprocessable; empty when it has the expected shape. */
    List<String> violations();
}
