package org.exoos.ipc.fusion;

import java.io.IOException;

import org.exoos.ipc.fusion.shm.SharedRegion;

/**
 * A {@link OneToOneFusionRing} laid in a {@link SharedRegion} of its own, so that two JVMs can
 * share it: the owner {@link #create creates} the region and formats the ring; the peer
 * {@link #open opens} it by name and attaches with all of the ring's checks.
 *
 * <p>The region is <em>exactly</em> {@link FusionRingDescriptor#requiredCapacity} bytes: one
 * ring, nothing after it. A file of any other size (truncated, or grown by someone else) is
 * refused on open, so the geometry in the header and the size of the file vouch for each other.
 *
 * <p>The creator formats before anyone can attach in practice (it names the region to its peer
 * afterwards); should a peer race it, the magic is written last, so the peer sees "not a fusion
 * ring" or "truncated" and may retry, never a half-formatted ring.
 */
public final class SharedFusionRing implements AutoCloseable {
    private final SharedRegion region;
    private final OneToOneFusionRing ring;

    private SharedFusionRing(final SharedRegion region, final OneToOneFusionRing ring) {
        this.region = region;
        this.ring = ring;
    }

    /**
     * Creates region {@code name} of exactly the ring's capacity and formats an empty ring in it.
     *
     * @param withDoorbells whether the sides ring the doorbells, so that waiters may park
     * @throws IOException with EEXIST if the name is taken, or another host error
     */
    public static SharedFusionRing create(final String name, final int slotCount, final boolean withDoorbells)
        throws IOException {
        if (!FusionRingDescriptor.isValidSlotCount(slotCount)) {
            throw new IllegalArgumentException("slot count " + slotCount
                + " is not a power of two in 1.." + FusionRingDescriptor.MAX_SLOT_COUNT);
        }
        return SharedRegion.createFormatted(name, FusionRingDescriptor.requiredCapacity(slotCount), region -> {
            if (withDoorbells) {
                OneToOneFusionRing.formatWithDoorbells(region.buffer(), slotCount);
            } else {
                OneToOneFusionRing.format(region.buffer(), slotCount);
            }
            return new SharedFusionRing(region, new OneToOneFusionRing(region.buffer()));
        });
    }

    /**
     * Opens region {@code name} and attaches to the ring in it.
     *
     * @throws IOException with ENOENT if there is no such region, or if it is shorter than a header
     * @throws IllegalStateException if the region is not exactly one well-formed ring of this layout
     */
    public static SharedFusionRing open(final String name) throws IOException {
        final SharedRegion region = SharedRegion.open(name, FusionRingDescriptor.SLOTS_OFFSET);
        try {
            return new SharedFusionRing(region, new OneToOneFusionRing(region.buffer()));
        } catch (final RuntimeException ex) {
            region.close();
            throw new IllegalStateException("shared region '" + name + "': " + ex.getMessage(), ex);
        }
    }

    public OneToOneFusionRing ring() {
        return ring;
    }

    public SharedRegion region() {
        return region;
    }

    /** Removes the region's name (the creator's job); mappings stay valid. */
    public void unlink() throws IOException {
        region.unlink();
    }

    /** Unmaps the region: stop every thread using {@link #ring()} first. */
    @Override
    public void close() {
        region.close();
    }
}
