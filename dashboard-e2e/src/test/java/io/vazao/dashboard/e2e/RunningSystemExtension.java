package io.vazao.dashboard.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test class the same {@link RunningSystem}: starting the policy service is the slow
 * part, so it happens once per run, and the root store closes it (killing its processes) at the
 * end.
 */
public class RunningSystemExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(RunningSystemExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NS)
                .computeIfAbsent(
                        RunningSystem.class, k -> RunningSystem.start(), RunningSystem.class);
    }
}
