package org.toposcope.models;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.fuzz.JqwikRunner;

/** The model files' jqwik properties (issue 11), run through {@link JqwikRunner}. */
class ModelFilesFuzzTest {

    @TestFactory
    Stream<DynamicTest> modelFilesAreJudgedOrRefusedInOneLine() {
        return JqwikRunner.properties(ModelFilesFuzz.class);
    }
}
