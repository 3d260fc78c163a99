package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.cli.CliRun;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration may hold text that looks like the pager prompt (a banner line {@code --More--}). The
 * session removes only the pager prompts it met and answered with a key; such a line is configuration and is
 * stored byte for byte, whether or not the device pages.
 */
class PagerLookalikeTest {
    /** An exec banner as the tester's device had it: lines that are exactly what the pager prints, and more. */
    private static final String BANNER = """
                banner exec ^C
                --More--
                 --More--\s
                 --More-- is not a prompt here
                ^C
                !
            """;

    @TempDir
    Path dir;

    @Test
    void aBannerLineThatIsExactlyThePagerPromptIsStoredWhenTerminalLengthZeroIsHonoured() throws IOException {
        try (LabRun run = new LabRun(iosWithPagerLookalikes(Set.of()), dir)) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(run.backupOf("r1")).isEqualTo(run.lab().device("r1").stableConfig())
                    .contains("\n--More--\n --More-- \n --More-- is not a prompt here\n");
        }
    }

    @Test
    void aDeviceThatKeepsPagingHasItsPromptsRemovedAndTheBannerLinesKept() throws IOException {
        try (LabRun run = new LabRun(iosWithPagerLookalikes(Set.of(Fault.PAGER)), dir)) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isZero();
            assertThat(run.backupOf("r1")).isEqualTo(run.lab().device("r1").stableConfig()).contains("\n--More--\n");
        }
    }

    /** The lab's IOS kind, its configuration given the banner above. */
    private Lab iosWithPagerLookalikes(Set<Fault> faults) throws IOException {
        String ios;
        try (InputStream in = getClass().getResourceAsStream("/lab/cisco_ios.yaml")) {
            ios = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String anchor = "    line con 0\n";
        assertThat(ios).contains(anchor);
        Path kinds = Files.createDirectories(dir.resolve("kinds"));
        Files.writeString(kinds.resolve("cisco_ios.yaml"), ios.replace(anchor, BANNER + anchor));
        return Lab.builder(List.of(new Lab.DeviceSpec("r1", faults)), LabSettings.defaults())
                .kinds(DeviceKinds.builtIn().withFolder(kinds)).start();
    }
}
