package org.exoos.servers.vfs.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.exoos.servers.vfs.Credentials;
import org.exoos.servers.vfs.Vfs;
import org.junit.jupiter.api.Test;

/** The caller's root directory (chroot) travels in the path block with the ids. */
class PathBlockRootTest {

    private static PathBlock.Decoder encode(final Credentials cred, final UnsafeBuffer block) {
        final int length = new PathBlock.Encoder().wrap(block, 0).credentials(cred)
            .path(new UnsafeBuffer("/etc/x".getBytes()), 0, 6).encodedLength();
        final PathBlock.Decoder decoder = new PathBlock.Decoder();
        assertTrue(decoder.wrap(block, 0, length));
        return decoder;
    }

    @Test
    void rootHandleRoundTrips() {
        final long handle = (7L << 32) | 3;
        final Credentials cred = Credentials.of(42, 0, 0, 10).withRoot(handle);
        final PathBlock.Decoder decoder = encode(cred, new UnsafeBuffer(new byte[128]));
        assertEquals(handle, decoder.root());
        assertEquals(handle, decoder.credentials().root());
        assertEquals("/etc/x", decoder.path(new byte[64]));
        assertTrue(decoder.matches(cred));
        assertFalse(decoder.matches(Credentials.of(42, 0, 0, 10)), "the same ids at another root are others");
    }

    @Test
    void noRootIsTheNamespaceRoot() {
        final Credentials cred = Credentials.of(1, 0, 0);
        assertEquals(Vfs.NO_HANDLE, cred.root());
        assertSame(cred, cred.withRoot(Vfs.NO_HANDLE), "an unchanged root keeps the credentials");
        assertEquals(Vfs.NO_HANDLE, encode(cred, new UnsafeBuffer(new byte[128])).root());
    }
}
