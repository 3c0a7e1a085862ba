package org.toposcope.diagrams.tests;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.fuzz.JqwikRunner;

/** The diagram reader's jqwik properties (issue 11), run through {@link JqwikRunner}. */
class DiagramFilesFuzzTest {

    @TestFactory
    Stream<DynamicTest> diagramFilesReadOrFailWithTheirLine() {
        return JqwikRunner.properties(DiagramFilesFuzz.class);
    }
}
