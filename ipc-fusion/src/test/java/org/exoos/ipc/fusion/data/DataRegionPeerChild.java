package org.exoos.ipc.fusion.data;

import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * A peer in its own JVM for {@link CrossProcessDataRegionTest}: attaches the region, leaves
 * {@link #WRITING_BLOCKS} blocks half-written, sends {@link #SENT_BLOCKS} to the owner, prints
 * their descriptors on one {@code READY} line, then waits to be killed.
 * Arguments: region name, its own party, the owner's party.
 */
public final class DataRegionPeerChild {
    static final int WRITING_BLOCKS = 2;
    static final int SENT_BLOCKS = 3;

    private DataRegionPeerChild() {
    }

    /** What the peer writes in word {@code word} of the block it sends as message {@code message}. */
    static long pattern(final int message, final int word) {
        return 0x0C0F_FEE0_0000_0000L | (long) message << 16 | word;
    }

    static int length(final int message) {
        return 1024 + 8 * message;
    }

    public static void main(final String[] args) throws Exception {
        final String name = args[0];
        final int party = Integer.parseInt(args[1]);
        final int owner = Integer.parseInt(args[2]);
        final SharedRegion shared = SharedRegion.open(name, DataRegionDescriptor.HEADER_LENGTH);
        final DataRegion region = new DataRegion(shared.buffer(), 0);
        for (int i = 0; i < WRITING_BLOCKS; i++) {
            region.writeView(region.allocate(party)).putLong(0, -1L); // dies before handing these off
        }
        final StringBuilder ready = new StringBuilder("READY");
        for (int message = 0; message < SENT_BLOCKS; message++) {
            final int block = region.allocate(party);
            final int length = length(message);
            for (int word = 0; word < length / Long.BYTES; word++) {
                region.writeView(block).putLong(word * Long.BYTES, pattern(message, word));
            }
            ready.append(' ').append(region.handOff(block, length, party, owner));
        }
        System.out.println(ready);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
