package net.backup.lab;

import java.util.Arrays;
import java.util.List;
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
    /**
     * After {@code show running-config}, sends its configuration again and again, as fast as the client takes
     * it, and never a prompt: a device that floods. Named only, never drawn by {@code --fault-rate}.
     */
    FLOOD,
    /**
     * Sends {@code show running-config} one byte every {@value SimulatedCli#TRICKLE_MILLIS} ms: never silent for
     * long, never done. Named only, never drawn by {@code --fault-rate}.
     */
    TRICKLE,
    /**
     * Accepts the login, then refuses the {@code session} channel (administratively prohibited), as a
     * server that allows no shell does. Named only, never drawn by {@code --fault-rate},
     * so a seed draws as before.
     */
    NO_SESSION,
    /**
     * Accepts the login, then never answers the {@code session} channel's open: an SSH stack that has run out of
     * something and says nothing. Named only, never drawn by {@code --fault-rate}, so a seed draws as before.
     */
    SILENT_CHANNEL,
    /**
     * Stays at its prompt after the exit command and never answers the client's channel close, leaving the end to
     * the TCP connection, as some embedded SSH stacks do. Named only, never drawn by {@code --fault-rate}, so a
     * seed draws as before.
     */
    DEAF_TO_CLOSE,
    /**
     * Gives the client a window of {@value SessionChannels#CLOSED_WINDOW_BYTES} bytes on the session channel and
     * never adjusts it: after the first few keys the device takes no more input, as an SSH stack that never sends
     * SSH_MSG_CHANNEL_WINDOW_ADJUST. Named only, never drawn by {@code --fault-rate}, so a seed draws as before.
     */
    CLOSED_WINDOW,
    /**
     * Opens the session channel, then never answers the client's PTY request. Named only, never drawn by
     * {@code --fault-rate}, so a seed draws as before.
     */
    SILENT_TERMINAL,

    /**
     * Quirk: one more prompt, a moment after the prompt that ends each command, as any CLI prints when an
     * Enter arrives while it is busy (a stray Enter, a client that sends CR LF as two Enters).
     */
    STRAY_PROMPT,
    /**
     * Quirk: the save question ({@code Are you sure you want to save? (y/n)}) acts on the key {@code y} alone,
     * as Dell PowerConnect and N-series switches do; an Enter sent after it is a blank command.
     */
    KEYSTROKE_CONFIRM,
    /**
     * Quirk: the pager-off command answers {@code Pagination disabled.} with no newline before the prompt,
     * as some switch CLIs print their status messages.
     */
    GLUED_PROMPT,
    /** Quirk: prompts and output wrapped in ANSI/VT100 sequences (colours, erase line, cursor moves, modes). */
    ANSI,
    /**
     * Quirk: output lines wrapped at the terminal width the client asked for in its pty-req (until a width
     * command says 0), as CLIs that insert line breaks themselves do (Huawei's screen-width, ProCurve).
     */
    NARROW_TERMINAL,
    /** Quirk: the echo of each typed command arrives in pieces, a moment apart, as from a slow CPU or a console server. */
    SPLIT_ECHO,
    /** Quirk: {@code Press any key to continue} before the first prompt, waiting for a key, as HP ProCurve/Aruba switches do. */
    PRESS_ANY_KEY,
    /**
     * Quirk: the echo is redrawn with backspaces, or with a carriage return and the prompt, and a command
     * longer than the terminal is scrolled with {@code $} at its start, as the IOS line editor does.
     */
    LINE_EDITING,
    /** Quirk: typed commands are not echoed (a terminal with echo off; the client's {@code echo: false} mode). */
    NO_ECHO,
    /**
     * Quirk: each key is echoed, and after the Enter the whole command line comes once more, on a line of its
     * own, before the output: a second echo that would pass for the output's first line. Named only, never drawn
     * by {@code --quirk-rate}, so a seed draws as before.
     */
    ECHO_LINE_TWICE;

    /**
     * False for the faults that cost a run its deadlines or its memory by design, and for the faults and quirks
     * added after them, so a seed draws as before.
     */
    public boolean drawnAtRandom() {
        return this != FLOOD && this != TRICKLE && this != NO_SESSION && this != SILENT_CHANNEL && this != DEAF_TO_CLOSE
                && this != CLOSED_WINDOW && this != SILENT_TERMINAL && this != ECHO_LINE_TWICE;
    }

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
    public static List<Fault> quirks() {
        return Arrays.stream(values()).filter(Fault::isQuirk).toList();
    }
}
