/**
 * hostfs: a host directory mounted in the namespace, passed through to the host with FFM *at calls and
 * confined to that directory (see {@link org.exoos.servers.vfs.hostfs.Hostfs}).
 */
package org.exoos.servers.vfs.hostfs;
