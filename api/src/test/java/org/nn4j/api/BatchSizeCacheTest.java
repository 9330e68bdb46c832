package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.api.spi.BatchSizeCache;

class BatchSizeCacheTest {

    @Test
    void keepsTheMostRecentBatchSizesAndCreatesOnlyWhatIsMissing() {
        List<Integer> created = new ArrayList<>();
        BatchSizeCache<int[]> cache = new BatchSizeCache<>(2, rows -> {
            created.add(rows);
            return new int[rows];
        });
        int[] two = cache.get(2);
        int[] five = cache.get(5);
        assertSame(two, cache.get(2), "alternating sizes reuse their buffers");
        assertSame(five, cache.get(5));
        assertEquals(List.of(2, 5), created);
        cache.get(7); // evicts the least recently used, 2
        assertSame(five, cache.get(5));
        assertNotSame(two, cache.get(2));
        assertEquals(List.of(2, 5, 7, 2), created);
    }
}
