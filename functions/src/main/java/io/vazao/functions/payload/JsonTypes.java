package io.vazao.functions.payload;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vazao.functions.BusinessFunctions;

/**
 * The worker's own JSON types, for the native image: PayloadDecoder reads the payloads with its own
 * mapper, where Quarkus cannot see them. The contract's types are registered by
 * io.vazao.contract.JsonRecords.
 */
@RegisterForReflection(
        targets = {
            Order.class,
            Order.Data.class,
            Order.Customer.class,
            Order.Address.class,
            Order.Product.class,
            Payment.class,
            Payment.Data.class,
            Payment.Details.class,
            BusinessFunctions.Processed.class
        })
public final class JsonTypes {

    private JsonTypes() {}
}
