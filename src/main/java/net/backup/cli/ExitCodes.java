package net.backup.cli;

/** The exit codes cron and scripts can rely on. */
public final class ExitCodes {
    /** Every device was backed up. */
    public static final int OK = 0;
    /** At least one device failed; the others' backups were written. */
    public static final int SOME_FAILED = 1;
    /** The command line or the inventory is wrong; no device was contacted. */
    public static final int USAGE = 2;
    /** Another run holds the output directory (cron runs overlapping); nothing was done. */
    public static final int LOCKED = 3;
    /** Stopped by Ctrl-C (SIGINT); SIGTERM gives 143. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
