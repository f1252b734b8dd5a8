package io.brique.crm.identity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Blocks in memory: key to the record numbers sharing it. A block that grows past {@code maxBlock}
 * is dropped and never used again (a key that common says nothing, and it would make the number of
 * pairs grow with the square of the customer base).
 */
public final class BlockIndex {
    private static final int[] OVERSIZED = new int[0];

    private final int maxBlock;
    private final Map<String, int[]> blocks = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private int[] seen = new int[1024];
    private int stamp;
    private long oversizedBlocks;

    public BlockIndex(int maxBlock) {
        this.maxBlock = maxBlock;
        Arrays.fill(seen, -1);
    }

    public void add(int record, List<String> keys) {
        for (String key : keys) {
            int[] members = blocks.get(key);
            if (members == OVERSIZED) continue;
            int size = sizes.getOrDefault(key, 0);
            if (size >= maxBlock) {
                blocks.put(key, OVERSIZED);
                sizes.remove(key);
                oversizedBlocks++;
                continue;
            }
            if (members == null) members = new int[2];
            else if (size == members.length) members = Arrays.copyOf(members, size * 2);
            members[size] = record;
            blocks.put(key, members);
            sizes.put(key, size + 1);
        }
    }

    /**
     * Calls {@code out} once for each distinct record sharing a key with {@code keys}, skipping
     * {@code self} and any record for which {@code accept} is false.
     */
    public void candidates(int self, List<String> keys, java.util.function.IntPredicate accept, IntConsumer out) {
        int mark = ++stamp;
        for (String key : keys) {
            int[] members = blocks.get(key);
            if (members == null || members == OVERSIZED) continue;
            int size = sizes.get(key);
            for (int i = 0; i < size; i++) {
                int r = members[i];
                if (r == self || !accept.test(r)) continue;
                if (r >= seen.length) grow(r);
                if (seen[r] == mark) continue;
                seen[r] = mark;
                out.accept(r);
            }
        }
    }

    private void grow(int r) {
        int old = seen.length;
        seen = Arrays.copyOf(seen, Math.max(r + 1, old * 2));
        Arrays.fill(seen, old, seen.length, -1);
    }

    public long oversizedBlocks() {
        return oversizedBlocks;
    }

    public int blockCount() {
        return blocks.size();
    }
}
