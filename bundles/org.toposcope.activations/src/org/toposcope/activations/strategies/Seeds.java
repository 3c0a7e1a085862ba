package org.toposcope.activations.strategies;

/** SplitMix64 mixing: turns (seed, index) into well-spread 64-bit values without keeping any state between images. */
final class Seeds {

    private Seeds() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A value that depends on the seed and the index only. */
    static long of(long seed, long index) {
        return mix(mix(seed + 0x9e3779b97f4a7c15L) + index * 0x9e3779b97f4a7c15L);
    }
}
