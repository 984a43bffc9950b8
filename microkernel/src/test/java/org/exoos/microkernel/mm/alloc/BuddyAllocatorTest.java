package org.exoos.microkernel.mm.alloc;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.exoos.microkernel.mm.alloc.BuddyAllocator.MAX_ORDER;
import static org.exoos.microkernel.mm.alloc.BuddyAllocator.NONE;
import static org.junit.jupiter.api.Assertions.*;

class BuddyAllocatorTest {

    @Test
    void anOddSizedRangeIsCarvedIntoAlignedBlocks() {
        BuddyAllocator buddy = new BuddyAllocator(1024 + 512 + 3); // 1 block of 1024, 1 of 512, 1 of 2, 1 of 1
        assertEquals(1, buddy.freeBlocks(10));
        assertEquals(1, buddy.freeBlocks(9));
        assertEquals(1, buddy.freeBlocks(1));
        assertEquals(1, buddy.freeBlocks(0));
        assertEquals(1539, buddy.freeFrameCount());
    }

    @Test
    void splittingForOneFrameLeavesOneBuddyPerOrderAndFreeingCoalescesBack() {
        BuddyAllocator buddy = new BuddyAllocator(1 << MAX_ORDER);
        int frame = buddy.allocate(0);
        assertEquals(0, frame, "the lowest frame comes first");
        for (int o = 0; o < MAX_ORDER; o++) assertEquals(1, buddy.freeBlocks(o), "free buddies of order " + o);
        assertEquals(0, buddy.freeBlocks(MAX_ORDER));
        assertEquals((1 << MAX_ORDER) - 1, buddy.freeFrameCount());

        buddy.free(frame, 0);
        for (int o = 0; o < MAX_ORDER; o++) assertEquals(0, buddy.freeBlocks(o), "left unmerged at order " + o);
        assertEquals(1, buddy.freeBlocks(MAX_ORDER), "the whole block is back");
        assertEquals(1 << MAX_ORDER, buddy.freeFrameCount());
    }

    @Test
    void blocksAreAlignedToTheirSizeAndDisjoint() {
        BuddyAllocator buddy = new BuddyAllocator(256);
        boolean[] taken = new boolean[256];
        int[] orders = {3, 0, 5, 1, 2, 0, 4};
        for (int order : orders) {
            int block = buddy.allocate(order);
            assertNotEquals(NONE, block);
            assertEquals(0, block & ((1 << order) - 1), "block " + block + " of order " + order + " misaligned");
            for (int f = block; f < block + (1 << order); f++) {
                assertFalse(taken[f], "frame " + f + " in two blocks");
                taken[f] = true;
            }
        }
    }

    @Test
    void coalescingWaitsForBothBuddies() {
        BuddyAllocator buddy = new BuddyAllocator(4);
        int a = buddy.allocate(0), b = buddy.allocate(0), c = buddy.allocate(1);
        assertEquals(Set.of(0, 1), Set.of(a, b));
        assertEquals(2, c);
        buddy.free(a, 0);
        assertEquals(0, buddy.freeBlocks(1), "merged while its buddy is still allocated");
        buddy.free(b, 0);
        assertEquals(1, buddy.freeBlocks(1));
        buddy.free(c, 1);
        assertEquals(1, buddy.freeBlocks(2), "order-1 blocks did not merge into order 2");
        assertEquals(4, buddy.freeFrameCount());
    }

    @Test
    void exhaustionIsNoneAndFreeingMakesRoomAgain() {
        BuddyAllocator buddy = new BuddyAllocator(8);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 8; i++) assertTrue(seen.add(buddy.allocate(0)), "handed out twice");
        assertEquals(NONE, buddy.allocate(0));
        assertEquals(0, buddy.freeFrameCount());
        buddy.free(5, 0);
        assertEquals(NONE, buddy.allocate(1), "an order-1 block out of one free frame");
        assertEquals(5, buddy.allocate(0));
    }

    @Test
    void aLargeRequestFailsWhenOnlyFragmentsAreFree() {
        BuddyAllocator buddy = new BuddyAllocator(4);
        int[] f = new int[4];
        for (int i = 0; i < 4; i++) f[i] = buddy.allocate(0);
        buddy.free(f[0], 0);
        buddy.free(f[2], 0);
        assertEquals(2, buddy.freeFrameCount());
        assertEquals(NONE, buddy.allocate(1), "two free frames that are not buddies");
    }

    @Test
    void batchesTakeAndGiveSingleFrames() {
        BuddyAllocator buddy = new BuddyAllocator(64);
        int[] batch = new int[100];
        assertEquals(64, buddy.allocateBatch(batch, 0, 100), "takes what there is");
        assertEquals(0, buddy.allocateBatch(batch, 0, 1));
        buddy.freeBatch(batch, 0, 64);
        assertEquals(1, buddy.freeBlocks(6), "a freed batch coalesces completely");
    }

    @Test
    void doubleFreeAndForeignFramesAreRefusedWithoutDamage() {
        BuddyAllocator buddy = new BuddyAllocator(16);
        int frame = buddy.allocate(0);
        int block = buddy.allocate(2);
        buddy.free(frame, 0);
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> buddy.free(frame, 0));
        assertTrue(twice.getMessage().contains("double free"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> buddy.free(block + 1, 0), "the inside of a block");
        assertThrows(IllegalStateException.class, () -> buddy.free(block, 0), "the wrong order");
        assertThrows(IllegalStateException.class, () -> buddy.free(15, 0), "a frame never allocated");
        assertThrows(IllegalArgumentException.class, () -> buddy.free(16, 0));
        assertThrows(IllegalArgumentException.class, () -> buddy.free(-1, 0));
        assertEquals(12, buddy.freeFrameCount(), "a refused free changed the count");
        buddy.free(block, 2);
        assertEquals(16, buddy.freeFrameCount());
        assertEquals(1, buddy.freeBlocks(4));
    }
}
