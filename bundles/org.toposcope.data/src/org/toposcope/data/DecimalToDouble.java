package org.toposcope.data;

import java.math.BigInteger;

/**
 * Converts w * 10^q (w below 10^18) to the nearest double without building a String: the product is
 * formed in double-double arithmetic (error below 2^-100 of the value) and is accepted only when it is
 * provably away from a rounding boundary; otherwise NaN tells the caller to use Double.parseDouble.
 */
final class DecimalToDouble {

    static final int MIN_EXPONENT = -290;
    static final int MAX_EXPONENT = 290;
    private static final long TWO_TO_53 = 1L << 53;

    private DecimalToDouble() {
    }

    /** The double nearest w * 10^q, or NaN when undecided (then parse the text). w is 0 .. 10^18 - 1. */
    static double convert(long w, int q) {
        if (w == 0) {
            return 0;
        }
        if (w < TWO_TO_53 && q >= -22 && q <= 22) {
            // both factors are exact doubles, so one multiplication or division rounds once: exact
            double p = Powers.EXACT[Math.abs(q)];
            return q >= 0 ? w * p : w / p;
        }
        if (q < MIN_EXPONENT || q > MAX_EXPONENT) {
            return Double.NaN;
        }
        double ah = w;
        double al = w - (long) ah; // exact: w < 2^60, so the difference is a small integer
        double bh = Powers.HIGH[q - MIN_EXPONENT];
        double bl = Powers.LOW[q - MIN_EXPONENT];
        double ph = ah * bh;
        double pl = Math.fma(ah, bh, -ph) + ah * bl + al * bh;
        double s = ph + pl;
        double t = pl - (s - ph);
        if (!Double.isFinite(s) || (Double.doubleToRawLongBits(s) & 0x000F_FFFF_FFFF_FFFFL) == 0) {
            return Double.NaN; // overflow, or a power of two whose lower neighbour is nearer
        }
        // s is the rounding of s + t; it is that of the exact product unless a midpoint lies within the error
        if (0.5 * Math.ulp(s) - Math.abs(t) <= Math.scalb(Math.abs(s), -90)) {
            return Double.NaN;
        }
        return s;
    }

    /** 10^q as hi + lo, each correctly rounded (lo to within 2^-160 of 10^q), from exact integers. */
    private static final class Powers {
        static final double[] EXACT = new double[23];
        static final double[] HIGH = new double[MAX_EXPONENT - MIN_EXPONENT + 1];
        static final double[] LOW = new double[HIGH.length];

        static {
            for (int i = 0; i < EXACT.length; i++) {
                EXACT[i] = Double.parseDouble("1e" + i);
            }
            for (int q = MIN_EXPONENT; q <= MAX_EXPONENT; q++) {
                double hi = Double.parseDouble("1e" + q);
                long bits = Double.doubleToRawLongBits(hi);
                long significand = bits & 0x000F_FFFF_FFFF_FFFFL | 1L << 52;
                int binaryExponent = (int) (bits >>> 52) - 1075; // hi = significand * 2^binaryExponent
                double lo;
                if (q >= 0) {
                    BigInteger exact = BigInteger.TEN.pow(q);
                    lo = exact.subtract(BigInteger.valueOf(significand).shiftLeft(binaryExponent)).doubleValue();
                } else {
                    // scale by 2^k so hi is an integer of 173 bits; the division's floor is off by < 1 of that
                    int k = 120 - binaryExponent;
                    BigInteger scaled = BigInteger.ONE.shiftLeft(k).divide(BigInteger.TEN.pow(-q));
                    lo = Math.scalb(scaled.subtract(BigInteger.valueOf(significand).shiftLeft(120)).doubleValue(), -k);
                }
                HIGH[q - MIN_EXPONENT] = hi;
                LOW[q - MIN_EXPONENT] = lo;
            }
        }
    }
}
