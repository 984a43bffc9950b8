/**
 * The vfs server's core: one namespace of mounts ({@link org.exoos.servers.vfs.MountTable}), the path walk
 * ({@link org.exoos.servers.vfs.PathWalker}), Linux's permission rules
 * ({@link org.exoos.servers.vfs.Permissions}), open file descriptions
 * ({@link org.exoos.servers.vfs.OpenFile}) and the file-system interface
 * ({@link org.exoos.servers.vfs.FileSystem}) that tmpfs, devtmpfs, procfs and hostfs implement, all behind
 * one synchronous service, {@link org.exoos.servers.vfs.Vfs}, whose methods return what a Linux system call
 * returns: a count or handle, or a negative errno ({@link org.exoos.servers.protocol.Errno}). It knows nothing
 * of rings: the server decodes requests and calls it.
 */
package org.exoos.servers.vfs;

import org.exoos.servers.protocol.Errno;
