package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.backup.lab.Fault;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackupCommandTest {
    @TempDir
    Path dir;

    private LabRun lab(List<Lab.DeviceSpec> devices) throws IOException {
        return new LabRun(Lab.start(devices, LabSettings.defaults()), dir);
    }

    private LabRun healthyLab(int devices) throws IOException {
        return lab(Lab.healthyFleet("csr", devices));
    }

    private static Lab.DeviceSpec faulty(String name, Fault fault) {
        return new Lab.DeviceSpec(name, Set.of(fault));
    }

    @Test
    void storesExactlyTheRunningConfigurationOfEveryDevice() throws IOException {
        try (LabRun run = healthyLab(3)) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            for (var device : run.lab().devices()) {
                String stored = run.backupOf(device.name());
                assertThat(stored).isEqualTo(device.stableConfig());
                assertThat(stored).startsWith("!\n!\nversion ").endsWith("\nend\n")
                        .doesNotContain("\r", "\b", "--More--", "Building configuration", "Current configuration",
                                "Last configuration change", "NVRAM config last updated", "csr1#", "show run");
            }
            assertThat(run.outputFiles()).containsExactly("csr1.cfg", "csr2.cfg", "csr3.cfg");
        }
    }

    @Test
    void printsOneLinePerDeviceThenTheSummaryWithTheExecutionTime() throws IOException {
        try (LabRun run = healthyLab(2)) {
            CliRun result = run.backup();

            List<String> lines = result.out().lines().toList();
            assertThat(lines).hasSize(5);
            assertThat(lines.subList(0, 2)).allMatch(line -> line.matches("NEW +csr[12] +[0-9.]+ KB +[0-9.]+ s"));
            assertThat(lines.get(2)).isEqualTo("2 devices: 2 new, 0 changed, 0 unchanged, 0 failed");
            assertThat(lines.get(3)).matches("Execution time: \\d+\\.\\d\\d s");
            assertThat(lines.get(4)).matches("History: [0-9a-f]{7} backup: 2 new");
        }
    }

    @Test
    void savesTheConfigurationOnEveryDeviceBeforeBackingItUp() throws IOException {
        try (LabRun run = healthyLab(2)) {
            run.backup();
            assertThat(run.lab().devices()).allMatch(device -> device.saves() == 1);
        }
    }

    @Test
    void noSaveAndSaveFalseLeaveTheDevicesNvramAlone() throws IOException {
        try (LabRun run = healthyLab(2)) {
            assertThat(run.backup("--no-save").exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().devices()).allMatch(device -> device.saves() == 0);

            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("platform: cisco_ios", "platform: cisco_ios\n  save: false"));
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().devices()).allMatch(device -> device.saves() == 0);
        }
    }

    @Test
    void commandsFromTheInventoryReplaceThePlatformsBackupCommands() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("platform: cisco_ios", "platform: cisco_ios\n  commands: [show version, show running-config]"));

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            String stored = run.backupOf("csr1");
            assertThat(stored).startsWith("Cisco IOS XE Software, Version 17.09.04a\n")
                    .endsWith(run.lab().device("csr1").stableConfig())
                    .doesNotContain("show version", "show running-config");
        }
    }

    @Test
    void aPlatformDefinedOnlyInAFileBacksUpALabDevice() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            Files.writeString(platforms.resolve("lab_router.yaml"), """
                    name: lab_router
                    description: written by a user, by the docs
                    prompt: '[\\w.-]+[>#]'
                    prompt_user: '>'
                    enable: {command: enable, password_prompt: 'Password: ?'}
                    pager: ' *--More-- *'
                    setup: [terminal length 0]
                    backup: [show running-config]
                    errors: ['% .*']
                    volatile: ['Building configuration\\.\\.\\.', 'Current configuration : \\d+ bytes', '! (Last|NVRAM) .*']
                    complete: end
                    """);
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("platform: cisco_ios", "platform: lab_router"));

            CliRun unknown = run.backup();
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(unknown.err()).contains("unknown platform 'lab_router'");

            CliRun result = run.backup("--platforms", platforms.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
            assertThat(run.lab().device("csr1").saves()).as("the file declares no save step").isZero();

            Files.writeString(run.inventory(), "platforms_dir: platforms\n" + Files.readString(run.inventory()));
            assertThat(run.backup().exitCode()).as("platforms_dir in the inventory").isEqualTo(ExitCodes.OK);
            String listed = CliRun.of("platforms", "--platforms", platforms.toString()).out();
            assertThat(listed).contains("lab_router    written by a user, by the docs")
                    .as("one column, as wide as the longest name").contains("juniper_junos Juniper JunOS")
                    .as("a platform that commits instead").containsPattern("(?m)^ {14}save: none; setup: set cli screen-length 0");

            CliRun redacted = run.backup("--redact");
            assertThat(redacted.exitCode()).as(redacted.all()).isEqualTo(ExitCodes.OK);
            assertThat(redacted.err()).as("a platform without secrets rules redacts nothing, and says so").isEqualTo(
                    "backup: warning: redaction was asked for, but platform 'lab_router' has no secrets rules, so its "
                    + "devices are stored with their secrets: csr1\n");
        }
    }

    @Test
    void aSaveCommandThatAsksAQuestionIsAnsweredAsThePlatformFileSays() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Path platforms = Files.createDirectories(dir.resolve("platforms"));
            String ios = new String(getClass().getResourceAsStream("/platforms/cisco_ios.yaml").readAllBytes(),
                    StandardCharsets.UTF_8);
            String save = String.join("\n",
                    "save:",
                    "  - command: copy running-config startup-config",
                    "    answers:",
                    "      - {question: 'Destination filename \\[startup-config\\]\\? ?', reply: ''}");
            String builtInSave = "save:\n  - {command: wr mem, answers: [{question: 'Overwrite the previous NVRAM configuration\\?\\[confirm\\] *'}]}";
            assertThat(ios).contains(builtInSave);
            Files.writeString(platforms.resolve("ios_copy.yaml"), ios.replace("name: cisco_ios", "name: ios_copy")
                    .replace("aliases: [cisco_xe]\n", "").replace(builtInSave, save));
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("platform: cisco_ios", "platform: ios_copy"));

            CliRun result = run.backup("--platforms", platforms.toString(), "--command-timeout", "5s");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().device("csr1").saves()).isEqualTo(1);
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
        }
    }

    @Test
    void aBadPlatformFileExitsTwoNamingFileLineAndKey() throws IOException {
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        Files.writeString(platforms.resolve("bad.yaml"), "name: bad\nprompt: '(x'\nbackup: [show run]\n");

        CliRun result = CliRun.of("--platforms", platforms.toString(), "--inventory", dir.resolve("none.yaml").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("backup: " + platforms.resolve("bad.yaml") + ":2:9: prompt: not a valid regular expression");
    }

    /** A platform file's words are shown escaped, as every message that quotes one (probe H retitled the window). */
    @Test
    void platformsShowsAPlatformFilesWordsEscaped() throws IOException {
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        Files.writeString(platforms.resolve("acme.yaml"), """
                name: acme
                description: "ACME OS\\e]0;owned\\a\\e[2K\\rcisco_ios  Cisco IOS"
                prompt: '[\\w-]+#'
                backup: ["show config\\e[8m"]
                """);

        CliRun run = CliRun.of("platforms", "--platforms", platforms.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007")
                .contains("ACME OS\\e]0;owned\\x07\\e[2K\\rcisco_ios").contains("show config\\e[8m");
    }

    /** platforms took no -i, so the platforms of an inventory's platforms_dir could not be listed. */
    @Test
    void platformsWithAnInventoryListsThePlatformsOfItsPlatformsDirAsABackupWouldSeeThem() throws IOException {
        Path platforms = Files.createDirectories(dir.resolve("site").resolve("platforms"));
        Files.writeString(platforms.resolve("lab_router.yaml"), "name: lab_router\ndescription: the lab's own\n"
                + "prompt: '[\\w-]+#'\nbackup: [show running-config]\n");
        Path inventory = Files.writeString(dir.resolve("site").resolve("inventory.yaml"), "platforms_dir: platforms\n"
                + "defaults: {username: u, password_env: NOT_SET_ANYWHERE}\ndevices: [{name: r1, platform: lab_router}]\n");

        CliRun listed = CliRun.of("platforms", "-i", inventory.toString());

        assertThat(listed.exitCode()).as(listed.all()).isZero();
        assertThat(listed.out()).as("relative to the inventory's folder, and no credential needed")
                .contains("lab_router    the lab's own", "cisco_ios     Cisco IOS and IOS-XE");
        assertThat(CliRun.of("platforms", "--inventory", inventory.toString()).out()).isEqualTo(listed.out());
        assertThat(CliRun.of("platforms").out()).doesNotContain("lab_router");

        Files.writeString(inventory, "platforms_dir: nowhere\ndevices: [{name: r1}]\n");
        CliRun missing = CliRun.of("platforms", "-i", inventory.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).isEqualTo("backup: " + inventory + ":1:16: platforms_dir: no such folder "
                + dir.resolve("site").resolve("nowhere") + "\n");
    }

    @Test
    void platformsListsWhatTheBuildKnows() {
        CliRun result = CliRun.of("platforms");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("cisco_ios     Cisco IOS and IOS-XE", "save: wr mem; setup: term len 0; backup: show run",
                "cisco_xe      alias of cisco_ios");
    }

    @ParameterizedTest(name = "{0} devices, {1} workers: {2} sessions at once")
    @CsvSource({"6, 3, 3", "2, 5, 2", "5, 5, 5"})
    void opensAsManySessionsAtOnceAsThereAreWorkers(int devices, int workers, int expectedPeak) throws IOException {
        try (LabRun run = healthyLab(devices)) {
            run.lab().sessions().holdUntilOpen(expectedPeak, Duration.ofSeconds(30));

            CliRun result = run.backup("--workers", String.valueOf(workers));

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().sessions().peak()).isEqualTo(expectedPeak);
            assertThat(run.lab().sessions().total()).isEqualTo(devices);
        }
    }

    @Test
    void sequentialRunsOneSessionAtATimeAndWritesTheSameFiles() throws IOException {
        try (LabRun run = healthyLab(4)) {
            CliRun result = run.backup("--sequential", "--workers", "8");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.lab().sessions().peak()).isEqualTo(1);
            for (var device : run.lab().devices()) {
                assertThat(run.backupOf(device.name())).isEqualTo(device.stableConfig());
            }
        }
    }

    /**
     * Proven without a clock: the first device never finishes, so a sequential run cannot start another
     * one before the deadline ends the run, whatever the machine's speed; a run that went concurrent would
     * have started (and opened sessions to) the other three at once.
     */
    @Test
    void sequentialStartsNoOtherDeviceWhileOneIsUnderWay() throws IOException {
        try (LabRun run = lab(List.of(faulty("hung", Fault.HANG), Lab.DeviceSpec.healthy("csr1"),
                Lab.DeviceSpec.healthy("csr2"), Lab.DeviceSpec.healthy("csr3")))) {
            CliRun result = run.backup("--sequential", "--workers", "8", "--deadline", "1s", "--command-timeout", "10m");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            for (String queued : List.of("csr1", "csr2", "csr3")) {
                assertThat(result.out()).containsPattern("FAILED +" + queued + " .*not started: deadline reached");
            }
            assertThat(run.lab().sessions().total()).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void oneFailingDeviceDoesNotStopTheOthersAndTheExitCodeIsOne() throws IOException {
        try (LabRun run = lab(List.of(Lab.DeviceSpec.healthy("csr1"), faulty("csr2", Fault.AUTH_FAIL),
                Lab.DeviceSpec.healthy("csr3")))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).containsPattern("FAILED +csr2 .*authentication failed for user 'ntc'")
                    .contains("3 devices: 2 new, 0 changed, 0 unchanged, 1 failed");
            assertThat(run.outputFiles()).containsExactly("csr1.cfg", "csr3.cfg");
        }
    }

    @Test
    void keepsThePreviousBackupByteForByteWhenTheConfigurationIsTruncated() throws IOException {
        try (LabRun run = lab(List.of(faulty("csr1", Fault.TRUNCATED)))) {
            String previous = "! last night's good backup\nhostname csr1\nend\n";
            run.writeBackup("csr1", previous);

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("incomplete configuration");
            assertThat(run.backupOf("csr1")).isEqualTo(previous);
            assertThat(run.outputFiles()).containsExactly("csr1.cfg");
        }
    }

    @Test
    void answersThePagerWhenTheDeviceIgnoresTerminalLengthZero() throws IOException {
        try (LabRun run = lab(List.of(faulty("csr1", Fault.PAGER)))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
        }
    }

    @Test
    void failsTheDeviceWhenSavingIsRejected() throws IOException {
        try (LabRun run = lab(List.of(faulty("csr1", Fault.WRMEM_INVALID)))) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("'wr mem' failed: % Invalid input detected at '^' marker.");
        }
    }

    /**
     * A JunOS device given the IOS platform answers enable with its own "unknown command.": that is quoted, and
     * the failure is no credential problem.
     */
    @Test
    void anEnableTheDeviceDoesNotKnowIsQuotedAndNotCalledAnAuthenticationFailure() throws IOException {
        try (LabRun run = new LabRun(Lab.start(List.of(new Lab.DeviceSpec("mx1", Set.of(), "juniper_junos")),
                LabSettings.defaults()), dir)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory()).replace("platform: juniper_junos", "platform: cisco_ios"));

            CliRun result = run.backup("--retries", "0", "--report", dir.resolve("report.json").toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("enable failed: still in user mode ('ntc@mx1>'), the device answered "
                    + "'unknown command.' (is its platform cisco_ios?)");
            assertThat(Files.readString(dir.resolve("report.json"))).contains("\"cause\": \"DEVICE_ERROR\"");
        }
    }

    /** A damaged redaction key stops the run before any device, in one line that says what to do. */
    @Test
    void aDamagedRedactionKeyIsOneLineAndNoDeviceIsContacted() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Files.createDirectories(run.output());
            Files.writeString(run.output().resolve(".redact-key"), "ab\n");

            CliRun result = run.backup("--redact");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: " + run.output().resolve(".redact-key") + " is not a redaction key "
                    + "(64 hex digits); remove it to make a new one (the markers in the backups then change, once)\n");
            assertThat(run.lab().device("csr1").linesReceived()).isZero();
        }
    }

    /** A device whose enable password is empty (an ASA before 9.12) is backed up with enable_secret: "". */
    @Test
    void anEmptyEnableSecretInQuotesIsTyped() throws IOException {
        var settings = new LabSettings(Duration.ZERO, Duration.ZERO, 1, LabSettings.USERNAME, LabSettings.PASSWORD, "");
        try (LabRun run = new LabRun(Lab.start(List.of(Lab.DeviceSpec.healthy("fw1")), settings), dir)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory()).replace("enable_secret: \n", "enable_secret: \"\"\n"));

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("fw1")).isEqualTo(run.lab().device("fw1").stableConfig());
            // Passwords are not among the commands the lab keeps, but every line is counted: one line more.
            assertThat(run.lab().device("fw1").linesReceived()).as("the empty password typed at enable's prompt")
                    .isEqualTo(run.lab().device("fw1").commandsReceived().size() + 1);
        }
    }

    @Test
    void failsClearlyWhenTheEnableSecretIsWrong() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory())
                    .replace("enable_secret: ntc123", "enable_secret: wrong"));

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("enable failed: % Access denied");
            assertThat(result.all()).doesNotContain("wrong");
        }
    }

    @Test
    void failsClearlyWhenEnableAsksForASecretTheInventoryLacks() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory()).replace("  enable_secret: ntc123\n", ""));

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("no enable_secret is set");
        }
    }

    @Test
    void logsInWithKeyboardInteractiveWhenThatIsAllTheDeviceOffers() throws Exception {
        var key = KeyPairGenerator.getInstance("EC").generateKeyPair();
        try (LabRun run = new LabRun(Lab.builder(Lab.healthyFleet("csr", 1), LabSettings.defaults())
                .hostKey(key).keyboardInteractiveOnly().start(), dir)) {
            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            assertThat(run.backupOf("csr1")).isEqualTo(run.lab().device("csr1").stableConfig());
        }
    }

    @Test
    void recordsUnknownHostKeysInOpenSshFormatThenAcceptsThemUnderStrict() throws Exception {
        try (LabRun run = healthyLab(2)) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);

            String expectedKey = PublicKeyEntry.toString(run.lab().hostKey().getPublic());
            assertThat(Files.readAllLines(run.knownHosts())).containsExactlyInAnyOrder(
                    "[127.0.0.1]:" + run.lab().port("csr1") + " " + expectedKey,
                    "[127.0.0.1]:" + run.lab().port("csr2") + " " + expectedKey);
            assertThat(run.backup("--host-key-policy", "strict").exitCode()).isEqualTo(ExitCodes.OK);
        }
    }

    /** Followed literally, 'record them first with backup keyscan' records into ~/.ssh/known_hosts. */
    @Test
    void theHelpSaysToGiveKeyscanTheOptionsTheStrictRunUses() {
        assertThat(CliRun.of("--help").out().replaceAll("\\s+", " ")).contains("strict: refuse unknown keys (record them "
                + "first with backup keyscan, given the same -i, --known-hosts and --platforms)");
    }

    @Test
    void strictPolicyRefusesAnUnknownHostKey() throws IOException {
        try (LabRun run = healthyLab(1)) {
            CliRun result = run.backup("--host-key-policy", "strict");

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("is not in " + run.knownHosts());
            assertThat(run.lab().authAttempts()).isZero();
        }
    }

    @Test
    void refusesADeviceWhoseHostKeyChangedBeforeSendingAnyCredential() throws Exception {
        try (LabRun run = healthyLab(1)) {
            String previous = "! good backup\nend\n";
            run.writeBackup("csr1", previous);
            var otherKey = KeyPairGenerator.getInstance("EC").generateKeyPair();
            Files.writeString(run.knownHosts(), "[127.0.0.1]:" + run.lab().port("csr1") + " "
                    + PublicKeyEntry.toString(otherKey.getPublic()) + "\n");

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.SOME_FAILED);
            assertThat(result.out()).contains("host key CHANGED for [127.0.0.1]:" + run.lab().port("csr1"));
            assertThat(run.lab().authAttempts()).isZero();
            assertThat(run.backupOf("csr1")).isEqualTo(previous);
        }
    }

    @Test
    void writesBackupsReadableByTheirOwnerOnly() throws IOException {
        try (LabRun run = healthyLab(1)) {
            run.backup();

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.output().resolve("csr1.cfg"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(run.output())))
                    .isEqualTo("rwx------");
        }
    }

    @Test
    void anInventoryErrorExitsTwoBeforeAnyDeviceIsContacted() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Files.writeString(run.inventory(), Files.readString(run.inventory()).replace("port:", "prot:"));

            CliRun result = run.backup();

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).startsWith("backup: " + run.inventory() + ":").contains("did you mean 'port'");
            assertThat(run.lab().sessions().total()).isZero();
            assertThat(run.lab().authAttempts()).isZero();
        }
    }

    @Test
    void anUnknownOptionExitsTwoWithOneLineAndAPointerToTheHelp() {
        CliRun result = CliRun.of("--frobnicate");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: unknown option '--frobnicate'\n"
                + "Try 'backup --help' for more information.\n");
        assertThat(result.out()).isEmpty();
    }


    @Test
    void durationOptionsTakeHoursAndDecimals() throws IOException {
        try (LabRun run = healthyLab(1)) {
            CliRun result = run.backup("--deadline", "1h", "--connect-timeout", "2.5s", "--command-timeout", "1.5m",
                    "--device-deadline", "0.5h");

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--deadline, 9999999h", "--command-timeout, 9999999h", "--connect-timeout, 24.001h"})
    void aDurationOverADayIsOneLineAndAPointerToTheHelp(String option, String value) {
        CliRun result = CliRun.of(option, value, "--inventory", dir.resolve("none.yaml").toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: Invalid value for option '" + option + "': '" + value
                + "' must be at most 24 hours\nTry 'backup --help' for more information.\n");
    }

    @Test
    void aValueOfTheWrongTypeIsOneLineAndAPointerToTheHelp() {
        CliRun result = CliRun.of("--workers", "abc");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: Invalid value for option '--workers': 'abc' is not an int\n"
                + "Try 'backup --help' for more information.\n");
    }

    @Test
    void aMisspeltOptionAfterAStrayWordIsSuggestedAnOptionNotTheWordsNearestSubcommand() {
        CliRun result = CliRun.of("fo", "--workerz", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).as("picocli's suggestions are for 'fo'")
                .isEqualTo("backup: unknown option '--workerz' (did you mean --workers?)\n"
                + "Try 'backup --help' for more information.\n");
    }

    @Test
    void aMisspeltOptionKeepsPicocliSuggestionButNotTheHelp() {
        CliRun result = CliRun.of("--worker", "3");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).as("one line: the option, not its value, and the near one")
                .isEqualTo("backup: unknown option '--worker' (did you mean --workers?)\n"
                + "Try 'backup --help' for more information.\n");
    }

    /** picocli had no suggestion for an option written with part of its name. */
    @Test
    void anOptionWrittenWithPartOfItsNameIsPointedToTheOptionsThatHoldIt() {
        CliRun backup = CliRun.of("--timeout", "5s");
        CliRun keyscan = CliRun.of("keyscan", "--timeout", "5s");

        assertThat(backup.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(backup.err()).isEqualTo("backup: unknown option '--timeout' (did you mean --command-timeout or "
                + "--connect-timeout?)\nTry 'backup --help' for more information.\n");
        assertThat(keyscan.err()).isEqualTo("backup: unknown option '--timeout' (did you mean --connect-timeout?)\n"
                + "Try 'backup keyscan --help' for more information.\n");
    }

    /** picocli said "Unmatched argument at index 0: 'bakup'". */
    @Test
    void anUnknownCommandIsNamedWithTheNearOneOrTheCommandsThereAre() {
        CliRun unknown = CliRun.of("bakup");
        CliRun misspelt = CliRun.of("lgo", "csr1");
        CliRun afterOptions = CliRun.of("-i", "inventory.yaml", "foo");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        String commands = " (the commands are diff, log, platforms, keyscan, lab, demo, bench)\n"
                + "Try 'backup --help' for more information.\n";
        assertThat(unknown.err()).as("not the hidden train-startup").isEqualTo("backup: unknown command 'bakup'" + commands);
        assertThat(misspelt.err()).isEqualTo("backup: unknown command 'lgo' (did you mean log?)\n"
                + "Try 'backup --help' for more information.\n");
        assertThat(afterOptions.err()).as("picocli suggested 'platforms'").isEqualTo("backup: unknown command 'foo'" + commands);
    }

    @Test
    void aSubcommandsUsageErrorPointsToItsOwnHelp() {
        CliRun result = CliRun.of("lab", "--bogus");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: unknown option '--bogus'\n"
                + "Try 'backup lab --help' for more information.\n");
    }

    @Test
    void aRangeCheckedAfterParsingIsOneLineAndAPointerToTheHelp() {
        CliRun result = CliRun.of("--workers", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: --workers must be from 1 to 4096, got 0\n"
                + "Try 'backup --help' for more information.\n");
    }

    @Test
    void rejectsAWorkerCountBelowOne() {
        CliRun result = CliRun.of("--workers", "0");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--workers must be from 1 to 4096");
    }

    @Test
    void rejectsAnUnknownHostKeyPolicy() {
        CliRun result = CliRun.of("--host-key-policy", "yolo");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("expected strict, accept-new or off, got 'yolo'");
    }

    @Test
    void helpAndVersionExitZero() {
        CliRun help = CliRun.of("--help");
        CliRun version = CliRun.of("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--inventory", "--workers", "--sequential", "--host-key-policy", "Exit codes:");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("backup ").doesNotContain("unknown");
    }

    @Test
    void theHelpsExitCodesAreTheReadmes() {
        String main = CliRun.of("--help").out().replaceAll("\\s+", " ");
        String diff = CliRun.of("diff", "--help").out().replaceAll("\\s+", " ");
        String log = CliRun.of("log", "--help").out().replaceAll("\\s+", " ");

        assertThat(main).contains("1 at least one device failed, or the history commit or --report could not be written",
                "2 usage or inventory error, or an output directory others can write", "3 another run is using",
                "4 (the ./backup launcher only)", "130 stopped by Ctrl-C (143: by SIGTERM)");
        assertThat(diff).contains("Exit codes: 0 the diff was printed", "2 usage error, no history");
        assertThat(log).contains("Exit codes: 0 the versions were listed", "2 usage error, no history");
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedSaysWhyNotOnlyWhere() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Path below = Files.writeString(dir.resolve("not-a-dir"), "x").resolve("configs");

            CliRun result = CliRun.of("--inventory", run.inventory().toString(), "--output-dir", below.toString());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).isEqualTo("backup: --output-dir " + below + ": not a directory (" + below + ")\n");
            assertThat(run.lab().sessions().total()).isZero();
        }
    }

    @Test
    void anInventoryThatCannotBeReadSaysWhy() throws IOException {
        Path below = Files.writeString(dir.resolve("not-a-dir"), "x").resolve("inventory.yaml");

        CliRun result = CliRun.of("--inventory", below.toString(), "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: " + below + ": cannot read: not a directory\n");
    }

    @Test
    void anInventoryNotFoundIsSaidWithTheAbsolutePathLookedForAndTheOptionToNameIt() {
        String relative = "no-such-" + dir.getFileName() + ".yaml";

        CliRun result = CliRun.of("--inventory", relative, "--output-dir", dir.resolve("configs").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("backup: " + relative + ": file not found (looked for "
                + Path.of(relative).toAbsolutePath() + ", relative to the current directory); give the inventory's "
                + "path with -i FILE\n");
    }

    @Test
    void anOutputDirectoryThatIsAFileIsAUsageError() throws IOException {
        try (LabRun run = healthyLab(1)) {
            Path file = Files.writeString(dir.resolve("not-a-dir"), "x");

            CliRun result = CliRun.of("--inventory", run.inventory().toString(), "--output-dir", file.toString());

            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).contains("--output-dir " + file + ": " + file + " exists and is not a directory");
            assertThat(Optional.of(run.lab().sessions().total())).contains(0);
        }
    }
}
