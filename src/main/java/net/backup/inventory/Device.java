package net.backup.inventory;

import java.time.Duration;
import java.util.Optional;
import net.backup.platform.Platform;

/**
 * One device of the inventory, with every value already resolved (device, then its groups in order,
 * then defaults) and validated.
 *
 * @param name           the device's name in the inventory; its backup is {@code <name>.cfg}
 * @param host           the address to connect to (the name when not set)
 * @param enableSecret   empty when the inventory sets none; needed only for devices that log in to user mode
 * @param commandTimeout how long a command may go without any output before the device fails
 * @param connectTimeout how long the TCP connect and the SSH handshake may take
 */
public record Device(
        String name,
        String host,
        int port,
        String username,
        Secret password,
        Optional<Secret> enableSecret,
        Platform platform,
        Duration commandTimeout,
        Duration connectTimeout) {
}
