package org.exoos.boot;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of bin/exo (run, later bench, syscalls, boot). */
interface Command {
    /** The word that selects it: {@code exo NAME ...}. */
    String name();

    /** One usage line, without the leading "exo ". */
    String usage();

    /** A few words for the command list. */
    String summary();

    /** Runs it with the arguments after its name; returns the process exit status. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
