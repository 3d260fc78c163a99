package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that breaks long lines at the terminal's width (the lab's narrow-terminal quirk; IOS's built-in setup
 * does not turn wrapping off) makes two lines of one, which cannot be told from two real lines: the device fails
 * and its previous backup stays. The width is counted in columns, as the device counts it: probe G had a line of
 * UTF-8 text, broken after 511 columns that were more than 511 bytes, stored as two lines, NEW, exit 0.
 */
class WrappedLinesTest {
    private static final String PREVIOUS = "! the last good backup\nend\n";

    @TempDir
    Path dir;

    /**
     * The lab breaks a line every 511 characters. The line the failure names is the description's in every case:
     * the lab's IOS configuration also has a banner line longer than the width, further down, which a check
     * that missed the description would name instead.
     */
    @Test
    void aLineBrokenAtTheTerminalsWidthFailsTheDeviceWhateverItHolds() throws Exception {
        var descriptionLines = new java.util.ArrayList<String>();
        for (String words : List.of("Zurich-Geneve ", "Z\u00fcrich-Gen\u00e8ve ", "\u6771\u4eac-\u5927\u962a ")) {
            try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("r1", Set.of(Fault.NARROW_TERMINAL))),
                    LabSettings.defaults()), Files.createDirectories(dir.resolve("run" + descriptionLines.size())))) {
                run.writeBackup("r1", PREVIOUS);
                String description = new String(words.repeat(100).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
                run.lab().device("r1").setDescription("Loopback7", description);

                CliRun result = run.backup("--retries", "0");

                assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
                Matcher failure = Pattern.compile("(?m)^FAILED +r1 .*(line [0-9]+) of the output fills the terminal's width,"
                        + " 511 columns: the device may have wrapped a longer line").matcher(result.out());
                assertThat(failure.find()).as(result.all()).isTrue();
                descriptionLines.add(failure.group(1));
                assertThat(failure.group(1)).as(words).isEqualTo(descriptionLines.get(0));
                assertThat(run.backupOf("r1")).isEqualTo(PREVIOUS);
            }
        }
    }

    @Test
    void aLongLineTheDeviceDoesNotBreakIsStored() throws Exception {
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("r1")), LabSettings.defaults()), dir)) {
            String description = new String("Z\u00fcrich-Gen\u00e8ve ".repeat(60).getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.ISO_8859_1);
            run.lab().device("r1").setDescription("Loopback7", description);

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("r1")).isEqualTo(run.lab().device("r1").stableConfig()).contains(description);
        }
    }
}
