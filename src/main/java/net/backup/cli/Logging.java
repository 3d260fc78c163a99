package net.backup.cli;

import java.util.List;

/**
 * slf4j-simple reads its levels once, when the first logger is made, system properties before its
 * properties file; this sets them before that happens.
 *
 * <p>Those properties belong to the whole JVM and every logger made after them keeps its level, so only the
 * process that is this tool ({@link Main}) may set them. A command run in-process (the tests, an embedding)
 * takes {@code --verbose} without changing the logging of the JVM it runs in.
 */
final class Logging {
    private static final List<String> LIBRARIES = List.of("net.schmizz", "com.hierynomus", "org.apache.sshd", "org.eclipse.jgit");
    private static volatile boolean ownsTheProcess;

    private Logging() {
    }

    /** Called by {@link Main} only: the JVM runs this tool and nothing else, so its logging is ours to set. */
    static void ownTheProcess() {
        ownsTheProcess = true;
    }

    static void configure(boolean verbose) {
        if (verbose && ownsTheProcess) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
            System.setProperty("org.slf4j.simpleLogger.showThreadName", "true");
            System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
            LIBRARIES.forEach(name -> System.setProperty("org.slf4j.simpleLogger.log." + name, "debug"));
            // slf4j-simple asks for System.err at each record (logFile=System.err), so the logs go through this.
            System.setErr(new EscapingPrintStream(System.err));
        }
    }
}
