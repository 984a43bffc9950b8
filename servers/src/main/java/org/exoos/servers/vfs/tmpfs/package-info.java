/** tmpfs: a file system in memory, as Linux's mm/shmem.c. */
package org.exoos.servers.vfs.tmpfs;
