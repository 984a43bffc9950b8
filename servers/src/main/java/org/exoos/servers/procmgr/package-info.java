/**
 * The process manager: the process table of record (families, process groups, sessions, zombies and waits), kept
 * in a server of its own as MINIX 3's PM is, while the kernel keeps what runs a process.
 */
package org.exoos.servers.procmgr;
