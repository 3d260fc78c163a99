package net.backup.lab;

import java.util.Locale;

/**
 * The device kinds the lab simulates. All of them speak the IOS family's CLI (the same command words);
 * they differ where backups trip: whether login starts privileged, whether enable asks for a password,
 * how saving answers, and the shape of {@code show running-config} (header lines, end marker).
 */
public enum LabPlatform {
    /** User mode first, enable asks for a secret, {@code Building configuration...}, ends with {@code end}. */
    CISCO_IOS,
    /** User mode first, enable asks nothing, a "! Command:" header, ends with {@code end}. */
    ARISTA_EOS,
    /** Privileged at login, timestamps in the header, no end marker, a progress bar when saving. */
    CISCO_NXOS,
    /** Privileged at login, an RP/0/RP0/CPU0: prompt, a timestamp before every show, nothing to save. */
    CISCO_XR,
    /** User mode and enable, terminal pager 0, a <--- More ---> pager erased with CRs, ": Saved" header, ": end". */
    CISCO_ASA,
    /** user@host> prompts, no enable, set cli screen-length 0, show configuration, a ---(more)--- pager. */
    JUNIPER_JUNOS;

    /** The value of {@code platform:} in an inventory. */
    public String inventoryName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LabPlatform parse(String name) {
        for (LabPlatform platform : values()) {
            if (platform.inventoryName().equals(name.trim())) {
                return platform;
            }
        }
        throw new IllegalArgumentException("the lab does not simulate '" + name + "'; it simulates cisco_ios, "
                + "arista_eos, cisco_nxos, cisco_xr, cisco_asa and juniper_junos");
    }

    boolean startsPrivileged() {
        return this == CISCO_NXOS || this == CISCO_XR || this == JUNIPER_JUNOS;
    }

    /** What stands before the hostname in a prompt. */
    String promptPrefix() {
        return this == CISCO_XR ? "RP/0/RP0/CPU0:" : "";
    }

    boolean enableAsksPassword() {
        return this == CISCO_IOS || this == CISCO_ASA;
    }

    /** The pager prompt, and what erases it once answered. */
    String pagerPrompt() {
        return switch (this) {
            case CISCO_ASA -> "<--- More --->";
            case JUNIPER_JUNOS -> "---(more)---";
            default -> " --More-- ";
        };
    }

    String pagerErase() {
        String marker = pagerPrompt();
        return this == CISCO_ASA || this == JUNIPER_JUNOS ? "\r" + " ".repeat(marker.length()) + "\r"
                : "\b".repeat(marker.length()) + " ".repeat(marker.length()) + "\b".repeat(marker.length());
    }
}
