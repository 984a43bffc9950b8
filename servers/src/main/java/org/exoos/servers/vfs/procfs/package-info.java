/**
 * procfs: the vfs's /proc (see {@link org.exoos.servers.vfs.procfs.Procfs}), fed by the kernel through
 * {@link org.exoos.servers.vfs.procfs.ProcessInfoSource} and {@link org.exoos.servers.vfs.procfs.SystemInfoSource}.
 */
package org.exoos.servers.vfs.procfs;
