package org.toposcope.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.toposcope.data.IdxArray;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;
import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** IDX files (raw and gzip) made valid, then mutated: each reads or fails with one located line. */
class IdxFuzz {

    private static final byte[] TYPES = {IdxArray.UBYTE, IdxArray.BYTE, IdxArray.SHORT, IdxArray.INT, IdxArray.FLOAT,
        IdxArray.DOUBLE};

    /** Raw IDX bytes: the allocation is the data plus the small header buffers. */
    private final ReaderCheck plain = ReaderCheck.of("idx", "(?!)", 2, 1 << 20);
    /** Compressed: one chunk of 1 MiB at most before the stream shows it is short, plus the inflater's buffer. */
    private final ReaderCheck gzip = ReaderCheck.of("idx-gzip", "(truncated|corrupt) gzip stream .*", 2, 3 << 20);
    private final ReaderCheck images = ReaderCheck.of("idx-images+labels", "images need .*|labels need .*|\\d+ labels for .*",
            2, 2 << 20);

    /** A valid IDX file: its type, shape and seeded data. */
    record Valid(byte type, int[] shape, long seed) {
        byte[] bytes() {
            int count = 1;
            for (int d : shape) {
                count *= d;
            }
            ByteBuffer b = ByteBuffer.allocate(4 + 4 * shape.length + count * IdxArray.elementSize(type));
            b.put((byte) 0).put((byte) 0).put(type).put((byte) shape.length);
            for (int d : shape) {
                b.putInt(d);
            }
            byte[] data = new byte[b.remaining()];
            new Random(seed).nextBytes(data);
            b.put(data);
            return b.array();
        }

        @Override
        public String toString() {
            return "idx type " + IdxArray.typeName(type) + " shape " + java.util.Arrays.toString(shape);
        }
    }

    @Provide
    Arbitrary<Valid> valid() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 9).array(int[].class).ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(Arbitraries.of(TYPES[0], TYPES[1], TYPES[2], TYPES[3], TYPES[4], TYPES[5]), shapes,
                Arbitraries.longs()).as(Valid::new);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Mutation.binary());
    }

    @Property
    void rawIdx(@ForAll("valid") Valid valid, @ForAll("mutations") List<Mutation> mutations) {
        byte[] bytes = Mutation.applyAll(valid.bytes(), mutations);
        Path file = FuzzFiles.write("data.idx", bytes);
        IdxArray read = plain.check(file, valid + " " + mutations, IdxReader::read);
        if (mutations.isEmpty()) {
            same(valid, read);
        }
    }

    /** Mutated before compression (content errors in a sound stream) or after (a broken stream). */
    @Property
    void gzipIdx(@ForAll("valid") Valid valid, @ForAll("mutations") List<Mutation> mutations, @ForAll boolean afterCompression) {
        byte[] bytes = afterCompression ? Mutation.applyAll(FuzzFiles.gzip(valid.bytes()), mutations)
                : FuzzFiles.gzip(Mutation.applyAll(valid.bytes(), mutations));
        Path file = FuzzFiles.write("data.idx.gz", bytes);
        IdxArray read = gzip.check(file, valid + (afterCompression ? " gzip then " : " then gzip ") + mutations, IdxReader::read);
        if (mutations.isEmpty()) {
            same(valid, read);
        }
    }

    /** An images file paired with a labels file, either of them mutated. */
    @Property
    void imagesAndLabels(@ForAll("mutations") List<Mutation> mutations, @ForAll boolean labelsMutated,
            @ForAll("counts") int count, @ForAll long seed) {
        byte[] im = new Valid(IdxArray.UBYTE, new int[] {count, 4, 3}, seed).bytes();
        byte[] lb = new Valid(IdxArray.UBYTE, new int[] {count}, seed + 1).bytes();
        Path labels = FuzzFiles.write("labels.idx", labelsMutated ? Mutation.applyAll(lb, mutations) : lb);
        Path imagesFile = FuzzFiles.write("images.idx", labelsMutated ? im : Mutation.applyAll(im, mutations));
        Path mutated = labelsMutated ? labels : imagesFile;
        LabelledImages read = images.check(List.of(mutated, labelsMutated ? imagesFile : labels),
                (labelsMutated ? "labels " : "images ") + mutations, () -> IdxReader.readImages(imagesFile, labels));
        if (read != null) {
            assertEquals(read.count(), read.labels().length);
        }
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(0, 20);
    }

    private static void same(Valid valid, IdxArray read) {
        assertArrayEquals(valid.shape(), read.shape());
        assertEquals(valid.type(), read.type());
        byte[] bytes = valid.bytes();
        ByteBuffer data = read.data();
        assertEquals(ByteBuffer.wrap(bytes, 4 + 4 * valid.shape().length, data.remaining()), data);
    }
}
