/**
 * The initramfs: a cpio newc archive unpacked into the root tmpfs when the vfs server starts, as Linux fills
 * rootfs. {@link org.exoos.servers.vfs.initramfs.CpioNewcHeader} decodes a header in place;
 * {@link org.exoos.servers.vfs.initramfs.InitramfsUnpacker} makes the entries through the vfs.
 */
package org.exoos.servers.vfs.initramfs;
