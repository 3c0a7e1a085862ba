package org.toposcope.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/**
 * CIFAR-10 and CIFAR-100 binary batches: records of 1 label byte (CIFAR-10) or coarse and fine label
 * bytes (CIFAR-100), then 3072 bytes of a 32 x 32 image as R, G and B planes. A file or a folder of
 * them ({@code data_batch_1..5.bin}, {@code test_batch.bin}; {@code train.bin}, {@code test.bin}).
 * Class names come from {@code batches.meta.txt} / {@code fine_label_names.txt} /
 * {@code coarse_label_names.txt} next to the batches. CIFAR-100's fine classes have its coarse
 * classes as super-classes. Python (pickle) batches are refused: unpickling runs arbitrary code.
 */
@Component(service = DatasetReader.class)
public final class CifarBinaryReader implements DatasetReader {

    public static final String ID = "cifar-binary";

    static final int PIXELS = 3 * 32 * 32;
    private static final Pattern BATCH_BIN = Pattern.compile("data_batch_(\\d+)\\.bin|test_batch\\.bin|train\\.bin|test\\.bin");
    private static final Pattern BATCH_PICKLE = Pattern.compile("data_batch_\\d+|test_batch|train|test");
    /** Protocol 2+ pickles start with PROTO (0x80); no CIFAR record does, as labels are below 100. */
    private static final int PICKLE_PROTO = 0x80;
    private static final int RECORDS_PER_READ = 256;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice("variant", "auto", "cifar-10 (1 label byte) or cifar-100 (coarse and fine); auto from "
                    + "the file names, the meta files or the file length", "auto", "cifar-10", "cifar-100"),
            ParameterSpec.choice("split", "train", "which batches of a folder: train (data_batch_N.bin, train.bin) or test",
                    "train", "test"),
            ParameterSpec.choice("label", "fine", "CIFAR-100: label images by their fine (100) or coarse (20) class", "fine",
                    "coarse"),
            IdxDatasetReader.SUPER_CLASSES);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "CIFAR-10 and CIFAR-100 binary batches (a .bin file or a folder of them)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean canRead(Path path) {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.anyMatch(p -> Files.isRegularFile(p) && recognised(p));
            } catch (IOException | java.io.UncheckedIOException e) {
                return false;
            }
        }
        return Files.isRegularFile(path) && recognised(path);
    }

    private static boolean recognised(Path file) {
        String name = Inputs.name(file);
        return BATCH_BIN.matcher(name).matches() || (BATCH_PICKLE.matcher(name).matches() && firstByte(file) == PICKLE_PROTO);
    }

    private static int firstByte(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Dataset open(Path path, Parameters parameters) {
        boolean folder = Files.isDirectory(path);
        String split = parameters.text("split");
        List<Path> files = folder ? batches(path, split) : List.of(path);
        for (Path f : files) {
            if (firstByte(f) == PICKLE_PROTO) {
                throw new ToposcopeException(Inputs.name(f) + ": a CIFAR python (pickle) batch; loading pickles can run "
                        + "arbitrary code, so use the binary version (cifar-10-binary, data_batch_N.bin / train.bin)");
            }
        }
        Path dir = folder ? path : path.toAbsolutePath().getParent();
        boolean cifar100 = cifar100(parameters.text("variant"), dir, files);
        int record = (cifar100 ? 2 : 1) + PIXELS;

        int[] perFile = new int[files.size()];
        long total = 0;
        for (int f = 0; f < files.size(); f++) {
            perFile[f] = recordCount(files.get(f), record);
            total += perFile[f];
        }
        if (total > Inputs.MAX_ARRAY) {
            throw new ToposcopeException(Inputs.name(path) + ": " + total + " records are more than one data set holds");
        }
        int[] fine = new int[(int) total];
        int[] coarse = cifar100 ? new int[(int) total] : null;
        long[] labelAt = new long[(int) total];
        readLabels(files, perFile, record, fine, coarse, labelAt);

        boolean byCoarse = cifar100 && parameters.text("label").equals("coarse");
        List<String> fineNames = cifar100 ? names(dir, "fine_label_names.txt", 100) : names(dir, "batches.meta.txt", 10);
        List<String> coarseNames = cifar100 ? names(dir, "coarse_label_names.txt", 20) : List.of();
        int[] labels = byCoarse ? coarse : fine;
        List<String> classNames = byCoarse ? coarseNames : fineNames;
        int[] fileStart = new int[files.size() + 1];
        for (int f = 0; f < files.size(); f++) {
            fileStart[f + 1] = fileStart[f] + perFile[f];
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] >= classNames.size()) {
                int f = fileOf(fileStart, i);
                long at = labelAt[i] + (byCoarse ? 0 : (cifar100 ? 1 : 0));
                throw new ToposcopeException(Inputs.name(files.get(f)) + ": byte " + at + ": " + (cifar100 ? (byCoarse
                        ? "coarse " : "fine ") : "") + "label " + labels[i] + " of record " + (i - fileStart[f])
                        + " is not in 0.." + (classNames.size() - 1));
            }
        }
        if (cifar100 && !byCoarse) {
            for (int i = 0; i < coarse.length; i++) {
                if (coarse[i] >= coarseNames.size()) {
                    int f = fileOf(fileStart, i);
                    throw new ToposcopeException(Inputs.name(files.get(f)) + ": byte " + labelAt[i] + ": coarse label "
                            + coarse[i] + " of record " + (i - fileStart[f]) + " is not in 0.." + (coarseNames.size() - 1));
                }
            }
        }
        Optional<SuperClasses> own = cifar100 && !byCoarse ? coarseOfFine(fine, coarse, coarseNames, fineNames.size(),
                i -> Inputs.name(files.get(fileOf(fileStart, i))) + ": byte " + labelAt[i] + ": record "
                        + (i - fileStart[fileOf(fileStart, i)])) : Optional.empty();
        String name = folder ? Inputs.name(path) + "/" + split : Inputs.name(path);
        return new StoredDataset(name, new int[] {3, 32, 32}, classNames,
                SuperClassMaps.resolve(parameters.text("super-classes"), classNames, own), labels,
                (first, count, out) -> readPixels(files, fileStart, record, first, count, out));
    }

    /** The folder's batches of {@code split}, data_batch_N.bin in the order of N. */
    private static List<Path> batches(Path folder, String split) {
        List<Path> found = new ArrayList<>();
        boolean pickles = false;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String n = Inputs.name(p);
                Matcher m = BATCH_BIN.matcher(n);
                if (m.matches() && Files.isRegularFile(p)) {
                    boolean train = m.group(1) != null || n.equals("train.bin");
                    if (train == split.equals("train")) {
                        found.add(p);
                    }
                } else if (BATCH_PICKLE.matcher(n).matches() && firstByte(p) == PICKLE_PROTO) {
                    pickles = true;
                }
            }
        } catch (IOException e) {
            throw Inputs.ioError(Inputs.name(folder), e);
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.ioError(Inputs.name(folder), e.getCause());
        }
        if (found.isEmpty()) {
            throw new ToposcopeException(Inputs.name(folder) + ": no CIFAR binary batches of split " + split
                    + (split.equals("train") ? " (data_batch_N.bin or train.bin)" : " (test_batch.bin or test.bin)")
                    + (pickles ? "; the python (pickle) batches here are not read, as loading pickles can run arbitrary "
                            + "code: use the binary version" : ""));
        }
        found.sort(Comparator.comparingInt(CifarBinaryReader::batchNumber).thenComparing(Path::toString));
        return found;
    }

    private static int batchNumber(Path p) {
        Matcher m = BATCH_BIN.matcher(Inputs.name(p));
        return m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1).length() > 9 ? "999999999" : m.group(1)) : 0;
    }

    private static boolean cifar100(String variant, Path dir, List<Path> files) {
        if (!variant.equals("auto")) {
            return variant.equals("cifar-100");
        }
        if (Files.isRegularFile(dir.resolve("fine_label_names.txt")) || Files.isRegularFile(dir.resolve("coarse_label_names.txt"))) {
            return true;
        }
        if (Files.isRegularFile(dir.resolve("batches.meta.txt"))) {
            return false;
        }
        String first = Inputs.name(files.get(0));
        if (first.equals("train.bin") || first.equals("test.bin")) {
            return true;
        }
        if (first.startsWith("data_batch_") || first.equals("test_batch.bin")) {
            return false;
        }
        long size = size(files.get(0));
        boolean ten = size % (1 + PIXELS) == 0;
        boolean hundred = size % (2 + PIXELS) == 0;
        if (ten == hundred) {
            throw new ToposcopeException(first + ": cannot tell CIFAR-10 from CIFAR-100 by name or length; give parameter variant");
        }
        return hundred;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw Inputs.ioError(Inputs.name(file), e);
        }
    }

    private static int recordCount(Path file, int record) {
        String name = Inputs.name(file);
        long size = size(file);
        if (size == 0) {
            throw new ToposcopeException(name + ": empty file, no CIFAR records");
        }
        long whole = size / record;
        if (size % record != 0) {
            throw new ToposcopeException(name + ": byte " + whole * record + ": the file ends inside record " + whole + " ("
                    + size % record + " of its " + record + " bytes; a " + (record == 1 + PIXELS ? "CIFAR-10" : "CIFAR-100")
                    + " record is " + record + ")");
        }
        if (whole > Inputs.MAX_ARRAY) {
            throw new ToposcopeException(name + ": " + whole + " records are more than one data set holds");
        }
        return (int) whole;
    }

    /** Reads every record's label bytes, noting where each record starts in its file. */
    private static void readLabels(List<Path> files, int[] perFile, int record, int[] fine, int[] coarse, long[] labelAt) {
        ByteBuffer chunk = ByteBuffer.allocate(RECORDS_PER_READ * record);
        int i = 0;
        for (int f = 0; f < files.size(); f++) {
            try (FileChannel channel = FileChannel.open(files.get(f), StandardOpenOption.READ)) {
                for (int r = 0; r < perFile[f]; r += RECORDS_PER_READ) {
                    int n = Math.min(RECORDS_PER_READ, perFile[f] - r);
                    chunk.clear().limit(n * record);
                    readFully(channel, chunk, (long) r * record);
                    for (int k = 0; k < n; k++, i++) {
                        labelAt[i] = (long) (r + k) * record;
                        if (coarse != null) {
                            coarse[i] = chunk.get(k * record) & 0xff;
                            fine[i] = chunk.get(k * record + 1) & 0xff;
                        } else {
                            fine[i] = chunk.get(k * record) & 0xff;
                        }
                    }
                }
            } catch (IOException e) {
                throw Inputs.ioError(Inputs.name(files.get(f)), e);
            }
        }
    }

    private static void readPixels(List<Path> files, int[] fileStart, int record, int first, int count, float[] out)
            throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(Math.max(1, Math.min(count, RECORDS_PER_READ)) * record);
        int labelBytes = record - PIXELS;
        int done = 0;
        while (done < count) {
            int image = first + done;
            int f = fileOf(fileStart, image);
            int inFile = Math.min(count - done, fileStart[f + 1] - image);
            try (FileChannel channel = FileChannel.open(files.get(f), StandardOpenOption.READ)) {
                for (int r = 0; r < inFile; r += RECORDS_PER_READ) {
                    int n = Math.min(RECORDS_PER_READ, inFile - r);
                    chunk.clear().limit(n * record);
                    readFully(channel, chunk, (long) (image - fileStart[f] + r) * record);
                    byte[] b = chunk.array();
                    for (int k = 0; k < n; k++) {
                        int from = k * record + labelBytes;
                        int to = (done + r + k) * PIXELS;
                        for (int p = 0; p < PIXELS; p++) {
                            out[to + p] = (b[from + p] & 0xff) / 255f;
                        }
                    }
                }
            }
            done += inFile;
        }
    }

    private static int fileOf(int[] fileStart, int image) {
        int f = Arrays.binarySearch(fileStart, image);
        f = f >= 0 ? f : -f - 2;
        while (fileStart[f + 1] == image) {
            f++; // skip empty files (not possible now, but cheap to be right)
        }
        return f;
    }

    private static void readFully(FileChannel channel, ByteBuffer b, long position) throws IOException {
        long at = position;
        while (b.hasRemaining()) {
            int n = channel.read(b, at);
            if (n < 0) {
                throw new IOException("file ended at byte " + at + " while reading");
            }
            at += n;
        }
    }

    /** Class names from a meta text file (one per non-blank line), or numbers when there is none. */
    private static List<String> names(Path dir, String file, int expected) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            return file.equals("batches.meta.txt") ? ClassNames.CIFAR_10 : ClassNames.numbers(expected);
        }
        try {
            if (Files.size(p) > SuperClassMaps.MAX_FILE) {
                throw new ToposcopeException(file + ": too large for a list of " + expected + " class names");
            }
            List<String> names = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
            if (names.size() != expected) {
                throw new ToposcopeException(file + ": " + names.size() + " class names, expected " + expected);
            }
            return names;
        } catch (IOException e) {
            throw Inputs.ioError(file, e);
        }
    }

    /**
     * CIFAR-100's coarse class of each fine class, as the records say; empty if a fine class never occurs
     * (a subset), an error if one fine class has two coarse classes.
     */
    private static Optional<SuperClasses> coarseOfFine(int[] fine, int[] coarse, List<String> coarseNames, int fineCount,
            java.util.function.IntFunction<String> where) {
        int[] of = new int[fineCount];
        int[] firstSeen = new int[fineCount];
        Arrays.fill(of, -1);
        for (int i = 0; i < fine.length; i++) {
            if (of[fine[i]] >= 0 && of[fine[i]] != coarse[i]) {
                throw new ToposcopeException(where.apply(i) + " puts fine class " + fine[i] + " in coarse class " + coarse[i]
                        + ", image " + firstSeen[fine[i]] + " in coarse class " + of[fine[i]]);
            }
            if (of[fine[i]] < 0) {
                firstSeen[fine[i]] = i;
            }
            of[fine[i]] = coarse[i];
        }
        for (int c : of) {
            if (c < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new SuperClasses("cifar-100-coarse", coarseNames, of));
    }
}
