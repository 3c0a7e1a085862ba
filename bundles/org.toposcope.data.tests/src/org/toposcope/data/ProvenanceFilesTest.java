package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Provenance;

class ProvenanceFilesTest {

    @TempDir
    Path dir;

    @Test
    void roundTrips() {
        int n = 3000; // past the reader's first capacity
        int[] ids = new int[n];
        int[] labels = new int[n];
        int[] rows = new int[n];
        int[] columns = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i / 3;
            labels[i] = i % 10;
            rows[i] = i % 7 - 1;
            columns[i] = i % 5 - 1;
        }
        Provenance p = new Provenance(ids, labels, rows, columns);
        Path file = dir.resolve("p.csv");
        ProvenanceFiles.write(p, file);
        assertEquals(p, ProvenanceFiles.read(file));
    }

    @Test
    void malformedFilesAreOneLineErrorsWithTheLine() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "image,label\n");
        assertEquals("bad.csv:1: expected the header 'image,label,row,column'",
                assertThrows(ToposcopeException.class, () -> ProvenanceFiles.read(file)).getMessage());
        Files.writeString(file, "image,label,row,column\n0,1,2,3\n4,5,x,7\n");
        assertEquals("bad.csv:3: 'x' is not an integer", assertThrows(ToposcopeException.class, () -> ProvenanceFiles.read(file)).getMessage());
        Files.writeString(file, "image,label,row,column\n0,1,2\n");
        assertEquals("bad.csv:2: 3 fields, expected 4 (image,label,row,column)",
                assertThrows(ToposcopeException.class, () -> ProvenanceFiles.read(file)).getMessage());
    }
}
