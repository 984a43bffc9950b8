/**
 * The tty server's terminal logic: {@link org.exoos.servers.tty.Termios} and
 * {@link org.exoos.servers.tty.WinSize} (the kernel structs and their codecs),
 * {@link org.exoos.servers.tty.TtyIoctl} (request numbers) and
 * {@link org.exoos.servers.tty.LineDiscipline} (Linux's N_TTY: editing, echo, signals, VMIN/VTIME,
 * output processing), with no rings and no host terminal.
 */
package org.exoos.servers.tty;
