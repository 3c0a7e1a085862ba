package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scanner's own decimal conversion must agree bit for bit with Double.parseDouble. */
class NumberParsingTest {

    @TempDir
    Path dir;

    @Test
    void agreesWithDoubleParseDoubleBitForBit() throws IOException {
        Random r = new Random(17);
        List<String> tokens = new ArrayList<>();
        while (tokens.size() < 300_000) {
            double any = Double.longBitsToDouble(r.nextLong());
            String s = switch (tokens.size() % 7) {
                case 0 -> Double.toString(Math.abs(any));
                case 1 -> String.format(Locale.ROOT, "%.18e", r.nextGaussian());
                case 2 -> String.format(Locale.ROOT, "%.17g", r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
                case 3 -> String.format(Locale.ROOT, "%.6f", r.nextGaussian() * 1000);
                case 4 -> { // random digits with a random decimal point and exponent
                    StringBuilder b = new StringBuilder();
                    int k = 1 + r.nextInt(25);
                    for (int j = 0; j < k; j++) {
                        b.append((char) ('0' + r.nextInt(10)));
                    }
                    if (r.nextBoolean()) {
                        b.insert(r.nextInt(k), '.');
                    }
                    yield b + "e" + (r.nextInt(600) - 300);
                }
                case 5 -> { // close to the midpoint between two neighbouring doubles: the hard cases
                    double x = Math.abs(any);
                    if (!Double.isFinite(x) || x < 1e-300 || x > 1e300) {
                        x = 1 + r.nextDouble();
                    }
                    BigDecimal mid = new BigDecimal(x).add(new BigDecimal(Math.nextUp(x))).divide(BigDecimal.valueOf(2));
                    yield mid.round(new MathContext(15 + r.nextInt(30))).toString();
                }
                default -> Long.toString(r.nextLong() >>> r.nextInt(64));
            };
            s = s.replace("+", "");
            if (s.contains("Infinity") || s.contains("NaN") || Double.isInfinite(Double.parseDouble(s))) {
                continue;
            }
            tokens.add(r.nextInt(4) == 0 && !s.startsWith("-") ? "-" + s : s);
        }
        Path f = Files.writeString(dir.resolve("n.txt"), String.join("\n", tokens));
        try (TextScanner s = TextScanner.open(f)) {
            int i = 0;
            while (s.nextRow()) {
                while (s.hasValue()) {
                    String token = tokens.get(i++);
                    double expected = Double.parseDouble(token);
                    double actual = s.nextDouble();
                    if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
                        fail(token + " read as " + actual + ", Double.parseDouble gives " + expected);
                    }
                }
            }
            assertEquals(tokens.size(), i);
        }
    }

    @Test
    void decimalConversionRefusesWhatItCannotDecide() {
        assertEquals(0.1, DecimalToDouble.convert(1, -1));
        assertEquals(123e-30, DecimalToDouble.convert(123, -30));
        // 2^53 + 3 lies exactly halfway between two doubles: a tie is left to Double.parseDouble
        assertTrue(Double.isNaN(DecimalToDouble.convert(9007199254740995L, 0)));
        assertTrue(Double.isNaN(DecimalToDouble.convert(1, 300)), "outside the table");
    }
}
