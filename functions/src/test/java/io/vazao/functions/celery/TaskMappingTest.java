package io.vazao.functions.celery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vazao.contract.CeleryProtocol;
import io.vazao.functions.payload.MessageKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskMappingTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(
                        Optional.empty(),
                        Map.of(
                                CeleryProtocol.TASK_ORDERS,
                                MessageKind.ORDER,
                                CeleryProtocol.TASK_PAYMENTS,
                                MessageKind.PAYMENT)),
                Arguments.of(Optional.of(List.of("")), TaskMapping.defaults().tasks()),
                Arguments.of(
                        Optional.of(List.of("a.b=processOrder", " c = processPayment ")),
                        Map.of("a.b", MessageKind.ORDER, "c", MessageKind.PAYMENT)));
    }

    @ParameterizedTest
    @MethodSource("valid")
    void parses(Optional<List<String>> entries, Map<String, MessageKind> expected) {
        assertThat(TaskMapping.parse(entries).tasks()).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(List.of("a.b"), "is not task=function"),
                Arguments.of(List.of("=processOrder"), "is not task=function"),
                Arguments.of(List.of("a="), "is not task=function"),
                Arguments.of(List.of("a=sendMail"), "unknown function 'sendMail'"),
                Arguments.of(List.of("a=processOrder", "a=processPayment"), "mapped twice"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void refusesWithAClearMessage(List<String> entries, String message) {
        assertThatThrownBy(() -> TaskMapping.parse(Optional.of(entries)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vazao.celery.tasks")
                .hasMessageContaining(message);
    }
}
