package org.exoos.libposix.process;

import java.util.List;

/**
 * A program to start: its executable's bytes and what exec passes it.
 *
 * @param image      the ELF file
 * @param filename   the path as the caller gave it (AT_EXECFN)
 * @param executable its absolute path (/proc/self/exe, and the name of its mappings)
 * @param argv       arguments, argv[0] included
 * @param env        environment strings, NAME=value
 */
public record Program(byte[] image, String filename, String executable, List<String> argv, List<String> env) {}
