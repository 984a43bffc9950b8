/** devtmpfs for /dev and the memory devices (null, zero, full, random, urandom). */
package org.exoos.servers.vfs.devfs;
