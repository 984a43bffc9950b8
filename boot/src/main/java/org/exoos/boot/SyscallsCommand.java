package org.exoos.boot;

import org.exoos.libposix.syscall.SyscallTable;

import java.io.PrintStream;
import java.util.List;

/** {@code exo syscalls}: the Linux personality's syscall table, with support levels and a count. */
final class SyscallsCommand implements Command {
    @Override public String name() { return "syscalls"; }

    @Override public String usage() { return "syscalls"; }

    @Override public String summary() { return "list the implemented Linux syscalls and their support levels"; }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("exo syscalls: takes no arguments");
            return 2;
        }
        List<SyscallTable.Entry> entries = SyscallTable.linux().entries();
        int partial = 0;
        out.printf("%4s  %-18s %-8s %s%n", "nr", "name", "support", "note");
        for (SyscallTable.Entry e : entries) {
            if (e.support() == SyscallTable.Support.PARTIAL) partial++;
            out.printf("%4d  %-18s %-8s %s%n", e.number(), e.name(), e.support().name().toLowerCase(), e.note());
        }
        out.printf("%d syscalls implemented (%d full, %d partial); every other number returns ENOSYS%n",
                entries.size(), entries.size() - partial, partial);
        return 0;
    }
}
