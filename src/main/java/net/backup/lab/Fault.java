package net.backup.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ways a simulated device can misbehave; named on the command line as {@code auth-fail}, {@code hang}, ... */
public enum Fault {
    /** Rejects every password. */
    AUTH_FAIL,
    /** Nothing listens on its port. */
    REFUSED,
    /** Drops the TCP connection while the client authenticates. */
    RESET,
    /** Logs in, shows the banner, then never shows a prompt. */
    HANG,
    /** Stops sending in the middle of {@code show running-config} and never finishes. */
    STALL,
    /** Closes the connection in the middle of {@code show running-config}. */
    DISCONNECT,
    /** Sends the configuration without its last lines ({@code end} missing), then the prompt as usual. */
    TRUNCATED,
    /** Answers {@code write memory} with {@code % Invalid input}. */
    WRMEM_INVALID,
    /** Answers every enable secret with {@code % Access denied}. */
    ENABLE_REFUSED,
    /** Keeps paging after {@code terminal length 0}. */
    PAGER,
    /** Mixes random bytes, control characters included, into {@code show running-config}. */
    GARBAGE,
    /** Drops its first connection during authentication, then behaves: a transient failure a retry cures. */
    FLAKY;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the known faults */
    public static Fault parse(String label) {
        for (Fault fault : values()) {
            if (fault.label().equalsIgnoreCase(label.trim())) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + label + "'; known: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(Fault::label).collect(Collectors.joining(", "));
    }
}
