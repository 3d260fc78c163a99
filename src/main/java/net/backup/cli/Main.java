package net.backup.cli;

/** The {@code backup} command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Logging.ownTheProcess();
        EarlySetup.startFor(args);
        System.exit(BackupCommand.commandLine().execute(args));
    }
}
