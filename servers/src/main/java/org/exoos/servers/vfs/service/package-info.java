/**
 * The vfs as a server: its wire protocol ({@link org.exoos.servers.vfs.service.VfsCodec}, with the
 * credentials-and-paths data block {@link org.exoos.servers.vfs.service.PathBlock}), the service
 * that serves one {@link org.exoos.servers.vfs.Vfs} over a fusion channel
 * ({@link org.exoos.servers.vfs.service.VfsService}, registered as "vfs" by
 * {@link org.exoos.servers.vfs.service.VfsServiceFactory}), and the kernel's blocking helper
 * ({@link org.exoos.servers.vfs.service.VfsClient}).
 */
package org.exoos.servers.vfs.service;
