package io.vazao.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "weights",
        description = {
            "Show the queue weights, or set them: vazao weights business_queue_1=0.4 business_queue_2=0.6",
            "Uses the seed-compatible /api/queue-weights endpoint."
        })
public final class WeightsCommand implements Callable<Integer> {

    @Mixin ApiOptions api;

    @Parameters(arity = "0..*", paramLabel = "QUEUE=WEIGHT", description = "weights to set")
    List<String> assignments;

    @Override
    public Integer call() {
        ApiClient c = api.client();
        JsonNode body;
        if (assignments == null || assignments.isEmpty()) {
            body = c.get("/api/queue-weights");
        } else {
            body = c.send("POST", "/api/queue-weights", parse(assignments));
        }
        if (api.json()) {
            System.out.println(body.toString());
            return ExitCodes.OK;
        }
        JsonNode weights = body.has("weights") ? body.get("weights") : body;
        Table t = new Table("QUEUE", "WEIGHT");
        weights.fields()
                .forEachRemaining(
                        e -> {
                            if (e.getValue().isNumber()) {
                                t.row(
                                        e.getKey(),
                                        String.format(
                                                Locale.ROOT, "%.2f", e.getValue().asDouble()));
                            }
                        });
        System.out.print(t.isEmpty() ? Format.pretty(body) + "\n" : t.render());
        return ExitCodes.OK;
    }

    static Map<String, Double> parse(List<String> assignments) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || eq == a.length() - 1) {
                throw new CliException(ExitCodes.USAGE, "expected QUEUE=WEIGHT, got " + a);
            }
            try {
                m.put(a.substring(0, eq), Double.parseDouble(a.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new CliException(
                        ExitCodes.USAGE,
                        "weight of "
                                + a.substring(0, eq)
                                + " is not a number: "
                                + a.substring(eq + 1));
            }
        }
        return m;
    }
}
