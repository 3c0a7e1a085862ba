package org.toposcope.experiment.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;

/** Entries are checked before use, a run locks its folder, and what a killed write left is cleared under the lock. */
class ResultCacheTest {

    @TempDir
    Path dir;

    @Test
    void everyDamagedEntryIsDiscardedAndCountsAsAMiss() throws Exception {
        ResultCache cache = new ResultCache(dir.resolve(".cache"));
        String key = ResultCache.key("a", "b");
        byte[] payload = new byte[1000];
        new java.util.Random(3).nextBytes(payload);
        cache.put("diagram", key, payload);
        assertArrayEquals(payload, cache.get("diagram", key).orElseThrow());
        Path file = cache.file("diagram", key);
        byte[] good = Files.readAllBytes(file);
        // truncated anywhere, one bit flipped anywhere, the length field forged, empty
        for (int cut : new int[] {0, 7, 8, 16, 47, 48, 49, good.length - 1}) {
            Files.write(file, java.util.Arrays.copyOf(good, cut));
            assertEquals(Optional.empty(), cache.get("diagram", key), "cut at " + cut);
            assertFalse(Files.exists(file), "a bad entry is deleted");
        }
        for (int at : new int[] {0, 9, 20, 40, 48, 500, good.length - 1}) {
            byte[] flipped = good.clone();
            flipped[at] ^= 0x10;
            Files.write(file, flipped);
            assertEquals(Optional.empty(), cache.get("diagram", key), "bit flipped at " + at);
        }
        byte[] forged = good.clone();
        ByteBuffer.wrap(forged).putLong(8, Long.MAX_VALUE);
        Files.write(file, forged);
        assertEquals(Optional.empty(), cache.get("diagram", key));
        assertEquals(1, cache.hits());
        assertEquals(16, cache.discarded());
    }

    @Test
    void aSecondRunIntoALockedFolderFailsInOneLineAndTheLockGoesWithTheRun() throws Exception {
        Path cacheFolder = dir.resolve("report/.cache");
        try (ResultCache.Lock lock = ResultCache.lock(cacheFolder)) {
            ToposcopeException e = assertThrows(ToposcopeException.class, () -> ResultCache.lock(cacheFolder));
            assertEquals(dir.resolve("report") + ": another run is writing this report folder", e.getMessage());
        }
        try (ResultCache.Lock again = ResultCache.lock(cacheFolder)) {
            assertTrue(Files.isDirectory(cacheFolder));
        }
    }

    @Test
    void temporaryFilesOfKilledWritesAreDeletedAndEntriesKept() throws Exception {
        ResultCache cache = new ResultCache(dir.resolve(".cache"));
        String key = ResultCache.key("x");
        cache.put("cloud", key, new byte[] {1, 2, 3});
        Path leftover = cache.file("cloud", key).resolveSibling("." + key + ".bin.1234abcd.tmp");
        Files.write(leftover, new byte[] {9});
        cache.deleteTemporaryFiles();
        assertFalse(Files.exists(leftover));
        assertArrayEquals(new byte[] {1, 2, 3}, cache.get("cloud", key).orElseThrow());
    }
}
