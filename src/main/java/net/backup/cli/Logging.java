package net.backup.cli;

import java.util.List;

/**
 * slf4j-simple reads its levels once, when the first logger is made, system properties before its
 * properties file; this sets them before that happens.
 */
final class Logging {
    private static final List<String> LIBRARIES = List.of("net.schmizz", "com.hierynomus", "org.apache.sshd", "org.eclipse.jgit");

    private Logging() {
    }

    static void configure(boolean verbose) {
        if (verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
            LIBRARIES.forEach(name -> System.setProperty("org.slf4j.simpleLogger.log." + name, "debug"));
        }
    }
}
