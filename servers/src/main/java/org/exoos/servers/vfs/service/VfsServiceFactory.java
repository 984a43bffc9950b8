package org.exoos.servers.vfs.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.exoos.servers.framework.Service;
import org.exoos.servers.framework.ServiceFactory;
import org.exoos.servers.procinfo.KernelInfoBinding;
import org.exoos.servers.procinfo.ProcInfoClient;
import org.exoos.servers.protocol.Protocol;
import org.exoos.servers.vfs.Vfs;
import org.exoos.servers.vfs.VfsClock;
import org.exoos.servers.protocol.Errno;
import org.exoos.servers.vfs.hostfs.HostfsType;
import org.exoos.servers.vfs.initramfs.InitramfsUnpacker;
import org.exoos.servers.vfs.procfs.ProcfsType;

/**
 * Registers the vfs server as "vfs": the default tree ({@link Vfs#createDefault}) on the system
 * clock, with procfs on /proc asking the kernel over the upstream channel
 * {@value org.exoos.servers.procinfo.ProcInfoCodec#UPSTREAM_NAME} ({@link ProcInfoClient}).
 *
 * <p>Options: {@value #HOST_DIRECTORY}{@code =PATH} mounts that host directory (hostfs) at
 * {@value #HOST_MOUNT_POINT}; {@value #INITRAMFS}{@code =PATH} fills the root tmpfs from that host cpio newc
 * archive first ({@link InitramfsUnpacker}), as Linux unpacks its initramfs into rootfs; a malformed archive
 * fails the start.
 */
public final class VfsServiceFactory implements ServiceFactory {
    public static final String NAME = "vfs";
    /** Option: a host directory to mount at {@link #HOST_MOUNT_POINT}. */
    public static final String HOST_DIRECTORY = "hostDirectory";
    public static final String HOST_MOUNT_POINT = "/mnt/host";
    /** Option: a host cpio newc archive unpacked into the root before anything is mounted on it. */
    public static final String INITRAMFS = "initramfs";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Protocol protocol() {
        return VfsCodec.PROTOCOL;
    }

    @Override
    public Service create(final Map<String, String> options) throws IOException {
        final Vfs vfs = Vfs.createDefault(new VfsClock.Machine());
        final String initramfs = options.get(INITRAMFS);
        if (initramfs != null) {
            if (!Files.isRegularFile(Path.of(initramfs))) {
                throw new IOException("vfs: initramfs " + initramfs + " is not a regular file");
            }
            new InitramfsUnpacker(vfs).unpack(Path.of(initramfs));
        }
        final String hostDirectory = options.get(HOST_DIRECTORY);
        if (hostDirectory != null) {
            final Path directory = Path.of(hostDirectory);
            if (!Files.isDirectory(directory)) {
                throw new IOException("vfs: host directory " + directory + " is not a directory");
            }
            final int rc = HostfsType.mountHostDirectory(vfs, directory, HOST_MOUNT_POINT, 0);
            if (rc < 0) {
                throw new IOException("vfs: mounting " + directory + " at " + HOST_MOUNT_POINT + " failed: "
                    + Errno.describeResult(rc));
            }
        }
        // procfs asks the kernel over the upstream channel the kernel grants this server (if any)
        final KernelInfoBinding binding = new KernelInfoBinding(new VfsService(vfs));
        final ProcInfoClient kernel = new ProcInfoClient(binding);
        final int proc = ProcfsType.mountProc(vfs, kernel, kernel);
        if (proc < 0) {
            throw new IOException("vfs: mounting /proc failed: " + Errno.describeResult(proc));
        }
        return binding;
    }
}
