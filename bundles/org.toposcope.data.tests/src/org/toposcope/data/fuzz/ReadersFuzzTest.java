package org.toposcope.data.fuzz;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.fuzz.JqwikRunner;

/** The data readers' jqwik properties (issue 11), one dynamic test each, run through {@link JqwikRunner}. */
class ReadersFuzzTest {

    @TestFactory
    Stream<DynamicTest> readersReadOrFailWithOneLocatedLine() {
        return JqwikRunner.properties(IdxFuzz.class, NpyFuzz.class, CifarFuzz.class, TextMatrixFuzz.class);
    }
}
