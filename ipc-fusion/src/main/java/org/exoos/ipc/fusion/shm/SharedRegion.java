package org.exoos.ipc.fusion.shm;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.exoos.ipc.fusion.shm.HostErrno.describe;

/**
 * A named file under {@code /dev/shm} mapped {@code MAP_SHARED} read-write, so that several
 * processes of the same user see the same bytes. The owner {@link #create creates} it
 * ({@code O_EXCL}, mode 0600, sized with {@code ftruncate}, so it starts zeroed); peers
 * {@link #open open} it by name. The file descriptor is closed right after mapping: the mapping
 * keeps the file alive until {@link #close()}, and {@link #unlink()} removes only the name.
 *
 * <p>The mapping is page aligned, so any offset that is a multiple of 4 (or 8, or 64) in the
 * region is an address aligned the same way.
 *
 * <p>{@link #segment()} is invalidated by {@link #close()} (later access throws
 * {@link IllegalStateException}); {@link #address()} and {@link #buffer()} are raw and must not
 * be used after close. Not thread-safe to close while other threads still use the region.
 */
public final class SharedRegion implements AutoCloseable {
    /** Where Linux keeps POSIX shared memory (a tmpfs). */
    public static final Path SHM_DIRECTORY = Path.of("/dev/shm");
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final int OWNER_READ_WRITE = 0600;

    private final String name;
    private final boolean owner;
    private final Arena arena;
    private final MemorySegment segment;
    private final long address;
    private final long size;
    private final UnsafeBuffer buffer;
    private boolean closed;

    @SuppressWarnings("restricted") // the size is the one just mapped
    private SharedRegion(final String name, final boolean owner, final long address, final long size) {
        this.name = name;
        this.owner = owner;
        this.address = address;
        this.size = size;
        this.arena = Arena.ofShared();
        this.segment = MemorySegment.ofAddress(address).reinterpret(size, arena, null);
        this.buffer = size <= Integer.MAX_VALUE ? new UnsafeBuffer(address, (int) size) : null;
    }

    /**
     * Creates {@code /dev/shm/name} exclusively with mode 0600, sizes it to {@code size} zero
     * bytes and maps it.
     *
     * @throws IOException with EEXIST if the name is taken, or another errno from the host
     */
    public static SharedRegion create(final String name, final long size) throws IOException {
        final Path path = pathOf(name);
        if (size <= 0) {
            throw new IllegalArgumentException("shared region size must be positive, was " + size);
        }
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment errno = call.allocate(HostLibc.CAPTURE_LAYOUT);
            final int fd = (int) HostLibc.OPEN.invokeExact(errno, call.allocateFrom(path.toString()),
                    HostLibc.O_RDWR | HostLibc.O_CREAT | HostLibc.O_EXCL | HostLibc.O_CLOEXEC, OWNER_READ_WRITE);
            if (fd < 0) {
                throw failure("create", name, "open(O_CREAT|O_EXCL)", HostLibc.errno(errno));
            }
            boolean mapped = false;
            try {
                if ((int) HostLibc.FTRUNCATE.invokeExact(errno, fd, size) != 0) {
                    throw failure("create", name, "ftruncate(" + size + ")", HostLibc.errno(errno));
                }
                final SharedRegion region = new SharedRegion(name, true, map(errno, fd, size, name, "create"), size);
                mapped = true;
                return region;
            } finally {
                closeQuietly(errno, fd);
                if (!mapped) {
                    final int ignored = (int) HostLibc.UNLINK.invokeExact(errno, call.allocateFrom(path.toString()));
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed creating shared region '" + name + "'", t);
        }
    }

    /**
     * Creates region {@code name} like {@link #create} and lets {@code format} lay it out; if
     * formatting throws, the region is unmapped and its name removed, so that a failed creation
     * leaves nothing behind.
     */
    public static <T> T createFormatted(final String name, final long size,
                                        final java.util.function.Function<SharedRegion, T> format) throws IOException {
        final SharedRegion region = create(name, size);
        try {
            return format.apply(region);
        } catch (final RuntimeException ex) {
            region.close();
            try {
                region.unlink();
            } catch (final IOException unlinkFailure) {
                ex.addSuppressed(unlinkFailure);
            }
            throw ex;
        }
    }

    /**
     * Opens and maps an existing {@code /dev/shm/name} at its whole current size.
     *
     * @param minimumSize the fewest bytes the caller's layout needs; a shorter file is refused
     * @throws IOException with ENOENT if no such region exists, or if the file is shorter than
     *                     {@code minimumSize} (truncated, or not yet sized by its creator)
     */
    public static SharedRegion open(final String name, final long minimumSize) throws IOException {
        final Path path = pathOf(name);
        if (minimumSize <= 0) {
            throw new IllegalArgumentException("minimum size must be positive, was " + minimumSize);
        }
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment errno = call.allocate(HostLibc.CAPTURE_LAYOUT);
            final int fd = (int) HostLibc.OPEN.invokeExact(errno, call.allocateFrom(path.toString()),
                    HostLibc.O_RDWR | HostLibc.O_CLOEXEC, 0);
            if (fd < 0) {
                throw failure("open", name, "open(O_RDWR)", HostLibc.errno(errno));
            }
            try {
                final long size = (long) HostLibc.LSEEK.invokeExact(errno, fd, 0L, HostLibc.SEEK_END);
                if (size < 0) {
                    throw failure("open", name, "lseek(SEEK_END)", HostLibc.errno(errno));
                }
                if (size < minimumSize) {
                    throw new IOException("cannot open shared region '" + name + "': it is " + size
                            + " bytes, smaller than the required " + minimumSize
                            + " (truncated, or its creator has not sized it yet)");
                }
                return new SharedRegion(name, false, map(errno, fd, size, name, "open"), size);
            } finally {
                closeQuietly(errno, fd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed opening shared region '" + name + "'", t);
        }
    }

    /** The file that backs region {@code name}; rejects names that could leave /dev/shm. */
    public static Path pathOf(final String name) {
        if (name == null || !VALID_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("shared region name must be 1..255 of [A-Za-z0-9._-] and not"
                    + " '.' or '..', was '" + name + "'");
        }
        return SHM_DIRECTORY.resolve(name);
    }

    public String name() {
        return name;
    }

    /** Whether this process created the region (and so, by convention, unlinks it). */
    public boolean isOwner() {
        return owner;
    }

    /** The whole mapping; invalid after {@link #close()}. */
    public MemorySegment segment() {
        return segment;
    }

    /** Start address of the mapping (page aligned). */
    public long address() {
        return address;
    }

    public long size() {
        return size;
    }

    /** An Agrona view of the whole mapping; only for regions of at most 2 GiB - 1. */
    public UnsafeBuffer buffer() {
        if (buffer == null) {
            throw new IllegalStateException("shared region '" + name + "' is " + size
                    + " bytes, too large for an UnsafeBuffer (int length)");
        }
        return buffer;
    }

    /**
     * Removes the region's name; processes that have it mapped keep their mapping. Usually the
     * creator's job, and allowed after {@link #close()}.
     *
     * @throws IOException with the errno if the name could not be removed (ENOENT if already gone)
     */
    public void unlink() throws IOException {
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment errno = call.allocate(HostLibc.CAPTURE_LAYOUT);
            if ((int) HostLibc.UNLINK.invokeExact(errno, call.allocateFrom(pathOf(name).toString())) != 0) {
                throw failure("unlink", name, "unlink", HostLibc.errno(errno));
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed unlinking shared region '" + name + "'", t);
        }
    }

    /** Unmaps the region; a second call does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        arena.close();
        try (Arena call = Arena.ofConfined()) {
            final MemorySegment errno = call.allocate(HostLibc.CAPTURE_LAYOUT);
            if ((int) HostLibc.MUNMAP.invokeExact(errno, address, size) != 0) {
                throw new IllegalStateException("munmap of shared region '" + name + "' failed: "
                        + describe(HostLibc.errno(errno)));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("downcall failed unmapping shared region '" + name + "'", t);
        }
    }

    @Override
    public String toString() {
        return "SharedRegion[" + name + ", " + size + " bytes" + (owner ? ", owner" : "") + (closed ? ", closed" : "")
                + "]";
    }

    private static long map(final MemorySegment errno, final int fd, final long size, final String name,
            final String action) throws Throwable {
        final long address = (long) HostLibc.MMAP.invokeExact(errno, 0L, size,
                HostLibc.PROT_READ | HostLibc.PROT_WRITE, HostLibc.MAP_SHARED, fd, 0L);
        if (address == HostLibc.MAP_FAILED) {
            throw failure(action, name, "mmap(" + size + ", MAP_SHARED)", HostLibc.errno(errno));
        }
        return address;
    }

    private static void closeQuietly(final MemorySegment errno, final int fd) throws Throwable {
        // close(2) of a just-opened regular file cannot lose data; its result carries nothing to act on.
        final int ignored = (int) HostLibc.CLOSE.invokeExact(errno, fd);
    }

    private static IOException failure(final String action, final String name, final String call, final int errno) {
        return new IOException("cannot " + action + " shared region '" + name + "' (" + pathOf(name) + "): "
                + call + " failed with " + describe(errno));
    }
}
