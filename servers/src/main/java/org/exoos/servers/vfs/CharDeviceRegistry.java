package org.exoos.servers.vfs;

import org.agrona.collections.Long2ObjectHashMap;

/** Character device drivers by device number (st_rdev, {@link DeviceNumbers#makedev} encoding). */
public final class CharDeviceRegistry {
    private final Long2ObjectHashMap<CharDevice> drivers = new Long2ObjectHashMap<>();

    /** Attaches (or replaces) the driver of {@code rdev}: later opens of its nodes reach it. */
    public void attach(long rdev, CharDevice driver) {
        drivers.put(rdev, driver);
    }

    /** Detaches the driver of {@code rdev}: later opens are ENXIO; files already open keep their driver. */
    public void detach(long rdev) {
        drivers.remove(rdev);
    }

    /** The driver of {@code rdev}, or null. */
    public CharDevice driver(long rdev) {
        return drivers.get(rdev);
    }
}
