package org.exoos.boot;

import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;
import org.exoos.libposix.process.MachinePower;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.servers.framework.Isolation;
import org.exoos.servers.vfs.initramfs.InitramfsUnpacker;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code exo boot [--initramfs FILE] [--init PATH] [--mem SIZE] [--cpus N] [--isolation thread|process] [--no-tty]
 * [--no-aslr] [--verbose]}: boots Exo-OS to init as Linux boots from an initramfs ({@link Launcher#boot}). The
 * archive defaults to {@value #INITRAMFS_ENV} (bin/exo sets it to what tools/userland.sh builds); init to
 * {@value BootRequest#DEFAULT_INIT}. One line says how long the boot took, from JVM start to the shell's prompt
 * (the console's first wait for input; on the host terminal it is written just above the prompt, else on stderr);
 * {@code --verbose} shows the kernel log (SLF4J at info; EXO_LOG=debug shows more).
 *
 * <p>Exit status: 0 after power off or halt (reboot(2), busybox poweroff/halt), {@value #EXIT_RESTART} after a
 * restart (reboot: the caller may boot again), init's own status when init ends by itself, 2 for a usage error
 * or a missing or malformed archive, 126/127 when init cannot be executed or does not exist.
 */
final class BootCommand implements Command {
    /** The status of a machine restarted by reboot(2): bin/exo does not boot again by itself. */
    static final int EXIT_RESTART = 3;
    /** Where bin/exo passes the default initramfs. */
    static final String INITRAMFS_ENV = "EXO_INITRAMFS";

    @Override
    public String name() { return "boot"; }

    @Override
    public String usage() {
        return "boot [--initramfs FILE] [--init PATH] [--mem SIZE] [--cpus N] [--isolation thread|process] [--no-tty] [--no-aslr] [--verbose]";
    }

    @Override
    public String summary() {
        return "boot Exo-OS to init from a cpio initramfs (default: tools/userland.sh's; init /sbin/init); poweroff ends it with status 0, reboot with " + EXIT_RESTART;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String initramfs = System.getenv(INITRAMFS_ENV);
        String init = BootRequest.DEFAULT_INIT;
        long mem = RunRequest.DEFAULT_MEM_BYTES;
        Isolation isolation = Isolation.THREAD;
        Terminal terminal = Terminal.HOST;
        int cpus = HartScheduler.defaultCpus();
        boolean aslr = true;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            switch (option) {
                case "--no-tty" -> terminal = Terminal.NONE;
                case "--no-aslr" -> aslr = false;
                case "--verbose" -> verbose();
                case "--initramfs", "--init", "--mem", "--cpus", "--isolation" -> {
                    String value;
                    if (a.contains("=")) {
                        value = a.substring(a.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        return Main.usageError(err, option + " needs a value");
                    }
                    switch (option) {
                        case "--initramfs" -> initramfs = value;
                        case "--init" -> {
                            if (!value.startsWith("/")) return Main.usageError(err, "--init needs an absolute path: '" + value + "'");
                            init = value;
                        }
                        case "--mem" -> {
                            mem = MemorySize.parse(value);
                            if (mem < 0) return Main.usageError(err, "bad --mem size '" + value + "' (a multiple of 4K, at least 1M, like 256M)");
                        }
                        case "--cpus" -> {
                            cpus = value.matches("[0-9]{1,2}") ? Integer.parseInt(value) : 0;
                            if (cpus < 1 || cpus > HartScheduler.MAX_CPUS) {
                                return Main.usageError(err, "bad --cpus '" + value + "' (1.." + HartScheduler.MAX_CPUS + ")");
                            }
                        }
                        default -> {
                            isolation = switch (value) {
                                case "thread" -> Isolation.THREAD;
                                case "process" -> Isolation.PROCESS;
                                default -> null;
                            };
                            if (isolation == null) return Main.usageError(err, "bad --isolation '" + value + "' (thread or process)");
                        }
                    }
                }
                default -> {
                    return Main.usageError(err, "unknown boot option " + a);
                }
            }
        }
        if (initramfs == null || initramfs.isBlank()) {
            err.println("exo: boot: no initramfs (give --initramfs FILE, or build the userland with tools/userland.sh)");
            return Main.EXIT_USAGE;
        }
        Path archive;
        try {
            archive = Path.of(initramfs);
        } catch (InvalidPathException e) {
            err.println("exo: boot: bad initramfs path '" + initramfs + "'");
            return Main.EXIT_USAGE;
        }
        if (!Files.isRegularFile(archive)) {
            err.println("exo: boot: initramfs " + archive + ": No such file (build it with tools/userland.sh)");
            return Main.EXIT_USAGE;
        }
        // one line for a bad archive, before the machine starts; checked beside the host stdio's set-up
        Background<Void> check = Background.start("exo-check-initramfs", () -> {
            InitramfsUnpacker.check(archive);
            return null;
        });
        BootRequest request = new BootRequest(archive, Stdio.host()).withInit(init).withMemBytes(mem)
                .withIsolation(isolation).withTerminal(terminal).withCpus(cpus).withAslr(aslr).withBootLog(err);
        try {
            check.join();
        } catch (IOException e) {
            err.println("exo: boot: " + e.getMessage());
            return Main.EXIT_USAGE;
        }
        try {
            return status(Launcher.boot(request));
        } catch (NoSuchFileException e) {
            err.println("exo: boot: " + init + ": No such file or directory in " + archive);
            return RunCommand.EXIT_NOT_FOUND;
        } catch (AccessDeniedException e) {
            err.println("exo: boot: " + init + ": Permission denied");
            return RunCommand.EXIT_CANNOT_EXECUTE;
        } catch (ExecFormatException e) {
            err.println("exo: boot: " + e.getMessage());
            return RunCommand.EXIT_CANNOT_EXECUTE;
        } catch (IOException e) {
            LoggerFactory.getLogger(BootCommand.class).debug("cannot boot", e);
            err.println("exo: boot: " + e.getMessage());
            return RunCommand.EXIT_CANNOT_EXECUTE;
        }
    }

    /** The exit status of a boot: see the class comment. */
    static int status(Launcher.BootResult result) {
        MachinePower.Shutdown shutdown = result.shutdown();
        if (shutdown == null) return result.run().status();
        return switch (shutdown) {
            case POWER_OFF, HALT -> 0;
            case RESTART -> EXIT_RESTART;
            case HOST -> 128 + 15; // SIGTERM: the JVM exits so anyway
        };
    }

    /** The kernel log at info: set before the first logger is made (slf4j-simple reads it once), unless EXO_LOG says. */
    private static void verbose() {
        String level = System.getenv("EXO_LOG");
        if (level == null || level.isBlank()) System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
}
