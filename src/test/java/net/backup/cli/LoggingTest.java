package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void verboseInProcessLeavesTheLoggingOfTheJvmAlone() {
        CliRun result = CliRun.of("--verbose", "--inventory", dir.resolve("none.yaml").toString(),
                "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(System.getProperties().stringPropertyNames()).noneMatch(name -> name.startsWith("org.slf4j.simpleLogger"));
        // A logger made after the run, as any later test's would be: still at the level the properties file gives.
        assertThat(LoggerFactory.getLogger("net.schmizz.sshj.AfterAVerboseRun").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("net.backup.AfterAVerboseRun").isDebugEnabled()).isFalse();
    }
}
