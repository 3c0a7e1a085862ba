package org.toposcope.diagrams.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceDiagram.Dimension;
import org.toposcope.diagrams.io.DiagramFiles;
import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Diagram files as gudhi writes them ({@code dim birth death} per line), as plain {@code birth death}
 * pairs, as our CSV and JSON, then token, line and byte mutations: each reads or fails with its line.
 */
class DiagramFilesFuzz {

    /** The reader holds the file as a String and parses it line by line into growing arrays. */
    private final ReaderCheck check = ReaderCheck.of("diagram-text", "(?!)", 24, 2 << 20);

    enum Form {
        GUDHI, PAIRS, CSV, JSON
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Mutation.text());
    }

    @Property
    void diagramFiles(@ForAll Form form, @ForAll @IntRange(min = 0, max = 15) int pairs, @ForAll @IntRange(min = 0, max = 3) int maxDim,
            @ForAll long seed, @ForAll("mutations") List<Mutation> mutations) {
        PersistenceDiagram d = diagram(new Random(seed), form == Form.PAIRS ? 0 : maxDim, pairs);
        byte[] valid = text(form, d).getBytes(StandardCharsets.UTF_8);
        Path file = FuzzFiles.write(form == Form.JSON ? "diagram.json" : form == Form.CSV ? "diagram.csv" : "diagram.txt",
                Mutation.applyAll(valid, mutations));
        check.check(file, form + " " + pairs + " pairs to H" + maxDim + " " + mutations, DiagramFiles::read);
        if (mutations.isEmpty()) { // again outside the check, so a refusal fails with its message
            PersistenceDiagram read = DiagramFiles.read(file);
            for (int k = 0; k <= d.maxDimension(); k++) {
                assertEquals(d.dimension(k).finiteCount(), read.dimension(k).finiteCount(), form + " H" + k);
                assertEquals(d.dimension(k).essentialBirths().length, read.dimension(k).essentialBirths().length, form + " H" + k);
            }
        }
    }

    static PersistenceDiagram diagram(Random random, int maxDim, int pairs) {
        List<Dimension> dims = new ArrayList<>();
        for (int k = 0; k <= maxDim; k++) {
            int n = random.nextInt(pairs + 1);
            double[] births = new double[n];
            double[] deaths = new double[n];
            for (int i = 0; i < n; i++) {
                births[i] = Math.round(random.nextDouble() * 1000) / 100.0;
                deaths[i] = births[i] + Math.round(random.nextDouble() * 1000) / 100.0;
            }
            double[] essential = random.nextInt(3) == 0 ? new double[] {0.0} : new double[0];
            dims.add(new Dimension(k, births, deaths, essential));
        }
        return new PersistenceDiagram("fuzz", dims);
    }

    static String text(Form form, PersistenceDiagram d) {
        StringWriter out = new StringWriter();
        try {
            switch (form) {
                case CSV -> DiagramFiles.writeCsv(d, out);
                case JSON -> DiagramFiles.writeJson(d, out);
                case GUDHI, PAIRS -> {
                    out.write("# written like gudhi's write_persistence_diagram\n");
                    for (Dimension dim : d.dimensions()) {
                        String prefix = form == Form.GUDHI ? dim.dimension() + " " : "";
                        for (int i = 0; i < dim.finiteCount(); i++) {
                            out.write(prefix + dim.birth(i) + " " + dim.death(i) + "\n");
                        }
                        for (double b : dim.essentialBirths()) {
                            out.write(prefix + b + " inf\n");
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
