package org.toposcope.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.toposcope.core.Parameters;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.spi.Dataset;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;
import org.toposcope.data.NpzDatasetReader;
import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * .npy files of every version, with ordinary, exotic and wrong dtypes, forged shapes and header dicts,
 * then byte mutations; and .npz archives of them, read as data sets.
 */
class NpyFuzz {

    private static final String[] READ_DTYPES = {"<f4", "<f8", ">f4", ">f8", "|u1", "<i4", "<i8", ">i4", ">i8"};
    private static final String[] EXOTIC_DTYPES = {"<c8", "<c16", "|O", "<M8[ns]", "<m8[s]", "|V8", "<U5", "|S3", "|b1",
        "<f2", ">f2", "<f16", "<i2", "<u2", "<u4", "<u8", "|i1", "bogus", "", "<f4 ", "f4", "=f8", "[('a', '<f4')]",
        "{'names': ['a'], 'formats': ['<f4']}"};
    private static final String[] FORGED_SHAPES = {"(1099511627776,)", "(1099511627776, 1099511627776)", "(-1,)", "(3, -3)",
        "(2**40,)", "()", "(0,)", "(0, 0)", "[3]", "(3)", "('a',)", "(1e3,)", "(99999999999999999999999,)",
        "(2147483647, 2)", "(2147483648,)", "(9223372036854775807,)", "(9223372036854775807, 9223372036854775807)",
        "(4294967296, 4294967296, 4294967296)", "(" + "1, ".repeat(40) + ")", "(,)", "(1,,)", "(True,)"};

    private final ReaderCheck npy = ReaderCheck.of("npy", ".*(needs|has|shape|dtype|values|array|point|fortran|coordinates|NaN|infinite).*",
            6, 1 << 20);
    private final ReaderCheck npz = ReaderCheck.of("npz",
            ".*(need|Fortran order|are empty|dtype|no array|not a readable|corrupt zip entry|zip entry declares).*", 6, 3 << 20);

    /** A .npy file (|u1 only as a data set; readArray refuses it): its version, descr, Fortran order, shape text, element count and size, seeded data. */
    record Npy(int version, String descr, String fortran, long[] shape, String shapeText, long seed) {
        byte[] bytes() {
            String dict = "{'descr': '" + descr + "', 'fortran_order': " + fortran + ", 'shape': " + shapeText + ", }";
            int lengthBytes = version == 1 ? 2 : 4;
            int unpadded = 6 + 2 + lengthBytes + dict.length() + 1;
            String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
            ByteBuffer b = ByteBuffer.allocate(6 + 2 + lengthBytes + header.length()).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) version).put((byte) 0);
            if (version == 1) {
                b.putShort((short) header.length());
            } else {
                b.putInt(header.length());
            }
            b.put(header.getBytes(version == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
            long count = 1;
            for (long d : shape) {
                count *= d;
            }
            int size = elementSize();
            byte[] data = new byte[(int) Math.min(count * size, 1 << 16)];
            Random random = new Random(seed);
            random.nextBytes(data);
            if (descr.endsWith("f4") || descr.endsWith("f8")) {
                ByteBuffer d = ByteBuffer.wrap(data).order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i + size <= data.length; i += size) { // mostly ordinary numbers, some NaN and infinities
                    double v = switch (random.nextInt(12)) {
                        case 0 -> Double.NaN;
                        case 1 -> Double.POSITIVE_INFINITY;
                        case 2 -> Double.NEGATIVE_INFINITY;
                        default -> random.nextGaussian();
                    };
                    if (size == 4) {
                        d.putFloat(i, (float) v);
                    } else {
                        d.putDouble(i, v);
                    }
                }
            }
            byte[] head = Arrays.copyOf(b.array(), b.position());
            byte[] all = Arrays.copyOf(head, head.length + data.length);
            System.arraycopy(data, 0, all, head.length, data.length);
            return all;
        }

        int elementSize() {
            return descr.endsWith("8") ? 8 : descr.endsWith("4") ? 4 : 1;
        }

        boolean ordinary() {
            return Arrays.asList(READ_DTYPES).contains(descr) && !descr.equals("|u1") && fortran.equals("False") && shapeText.equals(shapeOf(shape));
        }

        @Override
        public String toString() {
            return "npy v" + version + " " + descr + " fortran=" + fortran + " shape " + shapeText;
        }
    }

    static String shapeOf(long[] shape) {
        return shape.length == 1 ? "(" + shape[0] + ",)"
                : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    @Provide
    Arbitrary<Npy> valid() {
        Arbitrary<String> descrs = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(READ_DTYPES)),
                Tuple.of(1, Arbitraries.of(EXOTIC_DTYPES)));
        Arbitrary<String> fortran = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("False")),
                Tuple.of(1, Arbitraries.of("True", "0", "None", "'False'")));
        Arbitrary<long[]> shapes = Arbitraries.longs().between(0, 7).array(long[].class).ofMaxSize(3);
        Arbitrary<Boolean> forge = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        return Combinators.combine(Arbitraries.of(1, 2, 3), descrs, fortran, shapes, forge, Arbitraries.of(FORGED_SHAPES),
                Arbitraries.longs()).as((v, d, f, s, forged, text, seed) -> new Npy(v, d, f, s, forged ? text : shapeOf(s), seed));
    }

    /** Image arrays: (N, H, W) or (N, C, H, W) of bytes or floats, sometimes another dtype or a forged shape. */
    @Provide
    Arbitrary<Npy> images() {
        Arbitrary<long[]> shapes = Combinators.combine(Arbitraries.longs().between(1, 4), Arbitraries.of(1L, 3L),
                Arbitraries.longs().between(1, 6), Arbitraries.longs().between(1, 6), Arbitraries.of(true, false))
                .as((n, c, h, w, rank4) -> rank4 ? new long[] {n, c, h, w} : new long[] {n, h, w});
        Arbitrary<String> descrs = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.of("|u1", "<f4", "<f8")),
                Tuple.of(1, Arbitraries.of(EXOTIC_DTYPES)));
        Arbitrary<Boolean> forge = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just(false)), Tuple.of(1, Arbitraries.just(true)));
        return Combinators.combine(Arbitraries.of(1, 2, 3), descrs, shapes, forge, Arbitraries.of(FORGED_SHAPES), Arbitraries.longs())
                .as((v, d, s, forged, text, seed) -> new Npy(v, d, "False", s, forged ? text : shapeOf(s), seed));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Arbitraries.frequencyOf(Tuple.of(3, Mutation.binary()), Tuple.of(1, Mutation.text())));
    }

    @Property
    void npyArrays(@ForAll("valid") Npy valid, @ForAll("mutations") List<Mutation> mutations, @ForAll boolean asPointCloud) {
        byte[] bytes = Mutation.applyAll(valid.bytes(), mutations);
        Path file = FuzzFiles.write("array.npy", bytes);
        String name = valid + " " + mutations;
        if (asPointCloud) {
            npy.check(file, name, NpyReader::readPointCloud);
            return;
        }
        npy.check(file, name, NpyReader::readArray);
        if (mutations.isEmpty() && valid.ordinary()) { // read again outside the check, so a refusal fails with its message
            NpyArray read = NpyReader.readArray(file);
            assertArrayEquals(Arrays.stream(valid.shape()).mapToInt(d -> (int) d).toArray(), read.shape(), name);
        }
    }

    /** An .npz of images and labels (stored or deflated), its entries or the archive mutated. */
    @Property
    void npzDatasets(@ForAll("images") Npy images, @ForAll("mutations") List<Mutation> mutations, @ForAll boolean deflated,
            @ForAll boolean mutateArchive) {
        int count = images.shape().length == 0 ? 1 : (int) images.shape()[0];
        byte[] labels = new Npy(1, "|u1", "False", new long[] {count}, "(" + count + ",)", images.seed()).bytes();
        byte[] imageBytes = mutateArchive ? images.bytes() : Mutation.applyAll(images.bytes(), mutations);
        byte[] zip = zip(Map.of("images.npy", imageBytes, "labels.npy", labels), deflated);
        if (mutateArchive) {
            zip = Mutation.applyAll(zip, mutations);
        }
        Path file = FuzzFiles.write("data.npz", zip);
        NpzDatasetReader reader = new NpzDatasetReader();
        npz.check(file, images + (mutateArchive ? " archive " : " entry ") + mutations, f -> {
            Dataset d = reader.open(f, Parameters.defaults(reader));
            ImageBatch b = d.read(0, Math.min(d.size(), 4));
            assertEquals(Math.min(d.size(), 4), b.size());
            return d;
        });
    }

    static byte[] zip(Map<String, byte[]> entries, boolean deflated) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflated) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                z.putNextEntry(entry);
                z.write(e.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
