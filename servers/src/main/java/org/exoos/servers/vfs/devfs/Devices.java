package org.exoos.servers.vfs.devfs;

import org.exoos.servers.vfs.CharDeviceRegistry;
import org.exoos.servers.vfs.DeviceNumbers;

/**
 * Linux's numbers for the devices in /dev (Documentation/admin-guide/devices.txt) and the drivers the vfs
 * itself provides. tty (5:0) and console (5:1) belong to the tty server, which attaches its driver with
 * {@link CharDeviceRegistry#attach}; until it does, opening them is ENXIO, as Linux answers for a device
 * with no driver (and for /dev/tty without a controlling terminal).
 */
public final class Devices {
    private Devices() {}

    public static final int MEM_MAJOR = 1;
    public static final int TTYAUX_MAJOR = 5;

    public static final long NULL = DeviceNumbers.makedev(MEM_MAJOR, 3);
    public static final long ZERO = DeviceNumbers.makedev(MEM_MAJOR, 5);
    public static final long FULL = DeviceNumbers.makedev(MEM_MAJOR, 7);
    public static final long RANDOM = DeviceNumbers.makedev(MEM_MAJOR, 8);
    public static final long URANDOM = DeviceNumbers.makedev(MEM_MAJOR, 9);
    public static final long TTY = DeviceNumbers.makedev(TTYAUX_MAJOR, 0);
    public static final long CONSOLE = DeviceNumbers.makedev(TTYAUX_MAJOR, 1);

    /** Attaches null, zero, full, random and urandom. */
    public static void attachMemoryDevices(CharDeviceRegistry registry) {
        registry.attach(NULL, new NullDevice());
        registry.attach(ZERO, new ZeroDevice());
        registry.attach(FULL, new FullDevice());
        RandomDevice random = RandomDevice.create();
        registry.attach(RANDOM, random);
        registry.attach(URANDOM, random);
    }
}
