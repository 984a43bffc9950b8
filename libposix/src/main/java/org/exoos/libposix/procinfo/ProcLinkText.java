package org.exoos.libposix.procinfo;

/**
 * An open file the kernel keeps (a pipe, an eventfd, an epoll instance) that names itself in
 * /proc/[pid]/fd as Linux does, "pipe:[20001]" or "anon_inode:[eventfd]". Files that do not implement it
 * are named from their fstat ({@link KernelInfoService}).
 */
public interface ProcLinkText {
    /** The text readlink(2) of /proc/[pid]/fd/N returns for this file. */
    String procLinkText();
}
