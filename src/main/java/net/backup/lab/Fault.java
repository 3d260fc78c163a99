package net.backup.lab;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ways a simulated device can misbehave; named on the command line as {@code auth-fail}, {@code hang}, ...
 * The first group are faults: the device is broken and a backup must fail with a named reason (or, for
 * {@code pager} and {@code flaky}, recover). The second group are quirks: terminal habits of real CLIs after
 * which a correct client still gets the exact configuration, or fails with a named reason, never a wrong file.
 */
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
    /** Answers every save command with its CLI's invalid-input error. */
    WRMEM_INVALID,
    /** Answers every enable secret with {@code % Access denied} (kinds that have an enable). */
    ENABLE_REFUSED,
    /** Keeps paging after the pager-off command. */
    PAGER,
    /** Mixes random bytes, control characters included, into {@code show running-config}. */
    GARBAGE,
    /** Drops its first connection during authentication, then behaves: a transient failure a retry cures. */
    FLAKY,

    /** Quirk: one more prompt, a moment after the prompt that ends each command, as after a stray Enter. */
    STRAY_PROMPT,
    /** Quirk: the save question acts on one key ({@code y}) without Enter; an Enter after it is a blank command. */
    KEYSTROKE_CONFIRM,
    /** Quirk: the pager-off command answers {@code Pagination disabled.} with no newline before the prompt. */
    GLUED_PROMPT,
    /** Quirk: prompts and output wrapped in ANSI/VT100 sequences (colours, erase line, cursor moves, modes). */
    ANSI,
    /** Quirk: output lines wrapped at the terminal width the client asked for in its pty-req. */
    NARROW_TERMINAL,
    /** Quirk: the echo of each typed command arrives in pieces, a moment apart. */
    SPLIT_ECHO,
    /** Quirk: {@code Press any key to continue} before the first prompt, waiting for a key. */
    PRESS_ANY_KEY,
    /** Quirk: the echo is redrawn with backspaces or a carriage return, and scrolled with {@code $} past the width. */
    LINE_EDITING,
    /** Quirk: typed commands are not echoed. */
    NO_ECHO;

    /** True for the terminal quirks, false for the faults. */
    public boolean isQuirk() {
        return ordinal() >= STRAY_PROMPT.ordinal();
    }

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

    /** The quirks alone, for tests and help texts. */
    public static java.util.List<Fault> quirks() {
        return Arrays.stream(values()).filter(Fault::isQuirk).toList();
    }
}
