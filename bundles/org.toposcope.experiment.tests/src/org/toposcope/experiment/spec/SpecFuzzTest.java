package org.toposcope.experiment.spec;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.fuzz.JqwikRunner;

/** The spec reader's jqwik properties (issue 11), run through {@link JqwikRunner}. */
class SpecFuzzTest {

    @TestFactory
    Stream<DynamicTest> specsReadOrFailWithTheirLine() {
        return JqwikRunner.properties(SpecFuzz.class);
    }
}
