package net.backup.cli;

/**
 * slf4j-simple reads its level once, when the first logger is made; this sets it before that happens.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
    }
}
