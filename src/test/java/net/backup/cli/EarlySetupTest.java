package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EarlySetupTest {
    @Test
    void aBackupRunIsSetUpEarlyAndWhatNeedsNoRunIsNot() {
        assertThat(EarlySetup.isBackupRun(new String[0])).isTrue();
        assertThat(EarlySetup.isBackupRun(new String[] {"--inventory", "lab.yaml", "--workers", "50"})).isTrue();
        assertThat(EarlySetup.isBackupRun(new String[] {"-i", "inventory.yaml"})).isTrue();

        assertThat(EarlySetup.isBackupRun(new String[] {"--version"})).isFalse();
        assertThat(EarlySetup.isBackupRun(new String[] {"-i", "inventory.yaml", "--help"})).isFalse();
        assertThat(EarlySetup.isBackupRun(new String[] {"lab", "--devices", "5"})).isFalse();
        assertThat(EarlySetup.isBackupRun(new String[] {"diff", "csr1"})).isFalse();
        // sshj would make its loggers before --verbose had set their levels.
        assertThat(EarlySetup.isBackupRun(new String[] {"--verbose"})).isFalse();
        assertThat(EarlySetup.isBackupRun(new String[] {"-vi", "inventory.yaml"})).isFalse();
        assertThat(EarlySetup.isBackupRun(new String[] {"-i", "inventory.yaml", "-v"})).isFalse();
        assertThat(EarlySetup.isBackupRun(new String[] {"-i", "inventory.yaml", "@more-options"})).as("may hold --verbose").isFalse();
    }
}
