package org.exoos.boot;

import org.exoos.libposix.elf.ExecFormatException;
import org.exoos.libposix.fd.Stdio;
import org.exoos.microkernel.sched.HartScheduler;
import org.exoos.servers.framework.Isolation;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code exo run [--mem SIZE] [--isolation thread|process] [--no-tty] PROGRAM [ARG...]}: runs a static riscv64
 * Linux program on a fresh Exo-OS, with the terminal's stdio and the host's environment (as qemu-riscv64 does),
 * the host's current directory as /mnt/host and its cwd, and exits with its status. {@code --isolation} says
 * where the servers (vfs, tty) run: threads of this JVM (the default) or processes of their own. When stdin is
 * a terminal, the program's terminal fds go through the tty server (the host terminal in raw mode, the line
 * discipline in Exo-OS); {@code --no-tty} leaves them host files, edited by the host's own line discipline.
 * {@code --no-aslr} places stack, mmap area, static-pie image and heap at fixed addresses (as Linux with
 * randomize_va_space = 0).
 */
final class RunCommand implements Command {
    static final int EXIT_CANNOT_EXECUTE = 126, EXIT_NOT_FOUND = 127;

    @Override
    public String name() { return "run"; }

    @Override
    public String usage() { return "run [--mem SIZE] [--cpus N] [--isolation thread|process] [--no-tty] [--no-aslr] PROGRAM [ARG...]"; }

    @Override
    public String summary() { return "run a static riscv64 Linux program (SIZE like 256M; default 256M; N harts, default the host's cores; the servers in threads, the default, or processes; --no-tty: a terminal stdio bypasses the tty server)"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        long mem = RunRequest.DEFAULT_MEM_BYTES;
        Isolation isolation = Isolation.THREAD;
        Terminal terminal = Terminal.HOST;
        int cpus = HartScheduler.defaultCpus();
        boolean aslr = true;
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i);
            if (a.equals("--")) { i++; break; }
            if (a.equals("--no-tty")) {
                terminal = Terminal.NONE;
                i++;
                continue;
            }
            if (a.equals("--no-aslr")) {
                aslr = false;
                i++;
                continue;
            }
            if (a.equals("--isolation") || a.startsWith("--isolation=")) {
                String name;
                if (a.equals("--isolation")) {
                    if (i + 1 >= args.size()) return Main.usageError(err, "--isolation needs thread or process");
                    name = args.get(++i);
                } else {
                    name = a.substring("--isolation=".length());
                }
                isolation = switch (name) {
                    case "thread" -> Isolation.THREAD;
                    case "process" -> Isolation.PROCESS;
                    default -> null;
                };
                if (isolation == null) return Main.usageError(err, "bad --isolation '" + name + "' (thread or process)");
                i++;
                continue;
            }
            if (a.equals("--cpus") || a.startsWith("--cpus=")) {
                String n = a.equals("--cpus") ? (i + 1 < args.size() ? args.get(++i) : "") : a.substring("--cpus=".length());
                cpus = n.matches("[0-9]{1,2}") ? Integer.parseInt(n) : 0;
                if (cpus < 1 || cpus > HartScheduler.MAX_CPUS) {
                    return Main.usageError(err, "bad --cpus '" + n + "' (1.." + HartScheduler.MAX_CPUS + ")");
                }
                i++;
                continue;
            }
            String value;
            if (a.equals("--mem")) {
                if (i + 1 >= args.size()) return Main.usageError(err, "--mem needs a size");
                value = args.get(++i);
            } else if (a.startsWith("--mem=")) {
                value = a.substring("--mem=".length());
            } else {
                return Main.usageError(err, "unknown option " + a);
            }
            mem = MemorySize.parse(value);
            if (mem < 0) return Main.usageError(err, "bad --mem size '" + value + "' (a multiple of 4K, at least 1M, like 256M)");
            i++;
        }
        if (i >= args.size()) return Main.usageError(err, "run needs a PROGRAM");
        String program = args.get(i);
        List<String> argv = args.subList(i, args.size());
        try {
            RunRequest request = new RunRequest(Path.of(program), argv, System.getenv(), Stdio.host(), mem)
                    .withIsolation(isolation).withTerminal(terminal).withCpus(cpus).withAslr(aslr);
            return Launcher.run(request).status();
        } catch (NoSuchFileException e) {
            err.println("exo: " + program + ": No such file or directory");
            return EXIT_NOT_FOUND;
        } catch (AccessDeniedException e) {
            err.println("exo: " + program + ": Permission denied");
            return EXIT_CANNOT_EXECUTE;
        } catch (ExecFormatException e) {
            err.println("exo: " + program + ": " + e.getMessage());
            return EXIT_CANNOT_EXECUTE;
        } catch (java.io.IOException | InvalidPathException e) {
            LoggerFactory.getLogger(RunCommand.class).debug("cannot run {}", program, e);
            err.println("exo: " + program + ": " + e.getMessage());
            return EXIT_CANNOT_EXECUTE;
        }
    }
}
