package org.exoos.servers.vfs.devfs;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.exoos.servers.vfs.CharDevice;
import org.exoos.servers.vfs.OpenFile;

import java.security.SecureRandom;

/**
 * /dev/random (1:8) and /dev/urandom (1:9): reads give bytes from the JDK's DRBG, seeded by the host; since
 * Linux 5.6 both behave alike once the pool is initialised, and they never block. Writes are accepted and
 * ignored (Linux mixes them in without crediting entropy).
 */
public final class RandomDevice implements CharDevice {
    private static final int CHUNK = 256;

    private final SecureRandom random;
    private final byte[] chunk = new byte[CHUNK];

    public RandomDevice(SecureRandom random) {
        this.random = random;
    }

    /** A device drawing from a fresh DRBG instance (the JDK's default SecureRandom if DRBG is missing). */
    public static RandomDevice create() {
        SecureRandom r;
        try {
            r = SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            r = new SecureRandom();
        }
        return new RandomDevice(r);
    }

    @Override
    public long read(OpenFile file, MutableDirectBuffer dst, int dstOffset, int length) {
        int done = 0;
        synchronized (chunk) {
            while (done < length) {
                int n = Math.min(CHUNK, length - done);
                random.nextBytes(chunk);
                dst.putBytes(dstOffset + done, chunk, 0, n);
                done += n;
            }
            java.util.Arrays.fill(chunk, (byte) 0);
        }
        return length;
    }

    @Override
    public long write(OpenFile file, DirectBuffer src, int srcOffset, int length) {
        return length;
    }

    @Override
    public boolean seekable() {
        return true;
    }
}
