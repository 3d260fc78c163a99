package net.backup.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What is stored of several backup commands' outputs: each in turn, each ending its line. */
class DeviceBackupOutputsTest {
    @Test
    void eachOutputEndsItsLineInTheOrderOfTheCommands() {
        assertThat(DeviceBackup.eachOnItsLine(List.of("hostname r1\nend"))).isEqualTo("hostname r1\nend\n");
        assertThat(DeviceBackup.eachOnItsLine(List.of("version 17.3", "hostname r1\nend", "")))
                .isEqualTo("version 17.3\nhostname r1\nend\n\n");
        assertThat(DeviceBackup.eachOnItsLine(List.of("interface Gi0/1 — uplink", "end")))
                .isEqualTo("interface Gi0/1 — uplink\nend\n");
        assertThat(DeviceBackup.eachOnItsLine(List.of())).isEmpty();
    }
}
