package org.toposcope.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.toposcope.core.Parameters;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.spi.Dataset;
import org.toposcope.data.CifarBinaryReader;
import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** CIFAR-10 and CIFAR-100 binary batches of a few records, mutated, opened and read whole. */
class CifarFuzz {

    private static final int PIXELS = 3 * 32 * 32;

    private final CifarBinaryReader reader = new CifarBinaryReader();
    private final ReaderCheck check = ReaderCheck.of("cifar-binary",
            "empty file, no CIFAR records|cannot tell CIFAR-10 from CIFAR-100.*|.*a CIFAR python \\(pickle\\) batch.*", 2, 2 << 20); // records are read 256 at a time into one buffer

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Mutation.binary());
    }

    private Dataset readAll(Path file, String variant) {
        Dataset d = reader.open(file, Parameters.resolve(reader, Map.of("variant", variant)));
        ImageBatch all = d.read(0, d.size());
        assertEquals(d.size(), all.size());
        return d;
    }

    @Property
    void binaryBatches(@ForAll @IntRange(min = 1, max = 3) int records, @ForAll boolean cifar100, @ForAll long seed,
            @ForAll("mutations") List<Mutation> mutations) {
        int labelBytes = cifar100 ? 2 : 1;
        byte[] file = new byte[records * (labelBytes + PIXELS)];
        Random random = new Random(seed);
        random.nextBytes(file);
        for (int r = 0; r < records; r++) {
            int at = r * (labelBytes + PIXELS);
            if (cifar100) {
                int fine = random.nextInt(100);
                file[at] = (byte) (fine / 5); // a fine class belongs to one coarse class throughout
                file[at + 1] = (byte) fine;
            } else {
                file[at] = (byte) random.nextInt(10);
            }
        }
        Path batch = FuzzFiles.write("data_batch_1.bin", Mutation.applyAll(file, mutations));
        String variant = cifar100 ? "cifar-100" : "cifar-10";
        check.check(batch, variant + " x" + records + " " + mutations, f -> readAll(f, variant));
        if (mutations.isEmpty()) { // again outside the check, so a refusal fails with its message
            assertEquals(records, readAll(batch, variant).size());
        }
    }
}
