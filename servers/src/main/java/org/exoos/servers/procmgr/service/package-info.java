/**
 * The process manager as a server: its wire protocol ({@link org.exoos.servers.procmgr.service.ProcMgrCodec}),
 * the service the server loop hosts, and the kernel's client.
 */
package org.exoos.servers.procmgr.service;
