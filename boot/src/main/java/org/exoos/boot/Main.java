package org.exoos.boot;

import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The command line behind bin/exo: {@code exo COMMAND [ARG...]}. Each command is its own class; add one to
 * {@link #COMMANDS}. Nothing escapes as a Java stack trace: failures are one line on stderr, details at
 * debug level (EXO_LOG=debug).
 */
public final class Main {
    private Main() {}

    static final int EXIT_USAGE = 2;
    /** A failure inside Exo-OS itself, not the program's (sysexits' EX_SOFTWARE). */
    static final int EXIT_INTERNAL = 70;

    private static final List<Command> COMMANDS = List.of(new RunCommand(), new BootCommand(), new BenchCommand(),
            new SyscallsCommand());

    public static void main(String[] args) {
        configureLogging();
        int status;
        try {
            status = run(args, System.out, System.err);
        } catch (Throwable t) {
            LoggerFactory.getLogger(Main.class).debug("internal error", t);
            System.err.println("exo: internal error: " + t + " (EXO_LOG=debug shows details)");
            status = EXIT_INTERNAL;
        }
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Runs a command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) return usageError(err, null);
        String name = args[0];
        if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
            out.print(usage());
            return 0;
        }
        for (Command c : COMMANDS) {
            if (c.name().equals(name)) return c.run(Arrays.asList(args).subList(1, args.length), out, err);
        }
        return usageError(err, "unknown command '" + name + "'");
    }

    static String usage() {
        StringBuilder b = new StringBuilder("usage: exo COMMAND [ARG...]\n\ncommands:\n");
        for (Command c : COMMANDS) b.append(String.format("  exo %-40s %s%n", c.usage(), c.summary()));
        b.append(String.format("  exo %-40s %s%n", "help", "show this text"));
        return b.toString();
    }

    /** Prints the problem (if any) and the usage to err; returns the usage exit status. */
    static int usageError(PrintStream err, String problem) {
        if (problem != null) err.println("exo: " + problem);
        err.print(usage());
        return EXIT_USAGE;
    }

    /**
     * slf4j-simple reads its settings once, at the first logger: set quiet defaults before that (the kernel log at
     * warn on stderr; EXO_LOG sets the level). Every JVM bin/exo starts (a benchmark's children too) calls it.
     */
    public static void configureLogging() {
        String level = System.getenv("EXO_LOG");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", level != null && !level.isBlank() ? level : "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
