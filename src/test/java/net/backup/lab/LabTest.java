package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.backup.cli.CliRun;
import net.backup.cli.ExitCodes;
import net.backup.inventory.Device;
import net.backup.inventory.InventoryLoader;
import net.backup.testing.LabKeyFile;
import net.backup.testing.LabRun;
import net.backup.testing.LabTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabTest {
    @TempDir
    Path dir;

    @Test
    void aConfigurationChangeMadeOverTheCliShowsInTheNextBackup() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 2), LabSettings.defaults()), dir)) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            String before = run.backupOf("csr1");

            String screen = LabTerminal.type(run.lab(), "csr1", "enable", LabSettings.ENABLE_SECRET, "conf t",
                    "interface GigabitEthernet1/0/1", "description changed by the round-trip test", "end", "wr mem");
            assertThat(screen).contains("csr1(config)#", "csr1(config-if)#", "[OK]");

            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);
            String after = run.backupOf("csr1");
            assertThat(after).contains("interface GigabitEthernet1/0/1\n description changed by the round-trip test\n");
            assertThat(difference(before, after)).allMatch(line -> line.startsWith(" description "));
            assertThat(run.backupOf("csr2")).isEqualTo(run.lab().device("csr2").stableConfig());
        }
    }

    @Test
    void hostnameChangesTheConfigurationAndThePrompt() throws IOException {
        try (Lab lab = Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults())) {
            String screen = LabTerminal.type(lab, "csr1", "en", LabSettings.ENABLE_SECRET, "configure terminal",
                    "hostname edge-7", "end");

            assertThat(screen).contains("edge-7#");
            assertThat(lab.device("csr1").runningConfig()).contains("\nhostname edge-7\n").doesNotContain("hostname csr1");
        }
    }

    @Test
    void answersUnknownCommandsLikeIos() throws IOException {
        try (Lab lab = Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults())) {
            String screen = LabTerminal.type(lab, "csr1", "show run", "frobnicate");

            assertThat(screen).contains("csr1>show run\r\n", "^\r\n% Invalid input detected at '^' marker.\r\n");
        }
    }

    @Test
    void pagesEveryTwentyFourLinesUntilTerminalLengthZero() throws IOException {
        try (Lab lab = Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults())) {
            String paged = LabTerminal.type(lab, "csr1", "en", LabSettings.ENABLE_SECRET, "sh run", "q");
            String unpaged = LabTerminal.type(lab, "csr1", "en", LabSettings.ENABLE_SECRET, "terminal length 0", "sh run");

            assertThat(paged).contains(" --More-- ");
            String firstPage = paged.substring(paged.indexOf("Building configuration"), paged.indexOf(" --More-- "));
            assertThat(firstPage.split("\r\n")).hasSize(24);
            assertThat(unpaged).doesNotContain("--More--").contains("\r\nend\r\n");
        }
    }

    @Test
    void theInventoryItWritesLoadsAndPointsAtEveryDevice() throws IOException {
        try (Lab lab = Lab.start(Lab.healthyFleet("csr", 3), LabSettings.defaults())) {
            Path inventory = dir.resolve("lab.yaml");
            lab.writeInventory(inventory);

            List<Device> devices = InventoryLoader.withSystemEnvironment().load(inventory);

            assertThat(devices).extracting(Device::name).containsExactly("csr1", "csr2", "csr3");
            assertThat(devices).allSatisfy(device -> {
                assertThat(device.host()).isEqualTo("127.0.0.1");
                assertThat(device.port()).isEqualTo(lab.port(device.name()));
                assertThat(device.password().orElseThrow().reveal()).isEqualTo(LabSettings.PASSWORD);
            });
        }
    }

    @Test
    void configurationsAreRealisticDistinctAndRepeatable() {
        var generator = new ConfigGenerator(7);
        DeviceKind ios = DeviceKinds.builtIn().get("cisco_ios");
        var bodies = new HashSet<String>();
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int i = 1; i <= 200; i++) {
            String body = generator.generate(ios, "csr" + i, "ntc").body();
            bodies.add(body);
            smallest = Math.min(smallest, body.length());
            largest = Math.max(largest, body.length());
        }

        assertThat(bodies).hasSize(200);
        assertThat(smallest).isBetween(2_000, 10_000);
        assertThat(largest).isBetween(150_000, 400_000);
        assertThat(generator.generate(ios, "csr1", "ntc")).isEqualTo(new ConfigGenerator(7).generate(ios, "csr1", "ntc"));
        assertThat(generator.generate(ios, "csr1", "ntc").body()).isNotEqualTo(new ConfigGenerator(8).generate(ios, "csr1", "ntc").body())
                .contains("hostname csr1\n", "interface GigabitEthernet", "vlan ", "ip access-list extended",
                        "router ospf 1", "router bgp ", "username admin privilege 15 secret 9 $9$",
                        "snmp-server community ", "banner motd ^C")
                .containsPattern("(?m)^#.*>.*#$");
    }

    @Test
    void faultPlansNameDevicesOrDrawThemWithASeed() {
        List<Lab.DeviceSpec> named = FaultPlan.parse("csr2=hang,csr2=garbage", 0, 1).devices("csr", 3);
        assertThat(named.get(1).faults()).containsExactlyInAnyOrder(Fault.HANG, Fault.GARBAGE);
        assertThat(named.get(0).faults()).isEmpty();

        List<Lab.DeviceSpec> drawn = FaultPlan.parse("", 0.2, 42).devices("csr", 500);
        long faulty = drawn.stream().filter(spec -> !spec.faults().isEmpty()).count();
        assertThat(faulty).isBetween(60L, 140L);
        assertThat(drawn).isEqualTo(FaultPlan.parse("", 0.2, 42).devices("csr", 500));
    }

    @Test
    void quirksAreDrawnApartFromFaultsSoASeedDrawsTheSameFaultsAsBefore() {
        List<Lab.DeviceSpec> faultsOnly = FaultPlan.parse("", 0.2, 42).devices("csr", 500);
        List<Lab.DeviceSpec> withQuirks = FaultPlan.parse("", 0.2, 42).withQuirkRate(0.3).devices("csr", 500);

        for (int i = 0; i < 500; i++) {
            Set<Fault> before = faultsOnly.get(i).faults();
            Set<Fault> after = withQuirks.get(i).faults();
            assertThat(before).noneMatch(Fault::isQuirk);
            if (!before.isEmpty()) {
                assertThat(after).isEqualTo(before);
            } else {
                assertThat(after).allMatch(Fault::isQuirk).hasSizeLessThanOrEqualTo(1);
            }
        }
        assertThat(withQuirks.stream().filter(spec -> spec.faults().stream().anyMatch(Fault::isQuirk)).count())
                .isBetween(80L, 160L);
        assertThatThrownBy(() -> FaultPlan.parse("", 0, 1).withQuirkRate(2)).hasMessage("--quirk-rate must be from 0 to 1, got 2.0");
    }

    @Test
    void aDeviceCountsWhatTheClientTyped() throws IOException {
        try (LabRun run = new LabRun(Lab.start(Lab.healthyFleet("csr", 1), LabSettings.defaults()), dir)) {
            assertThat(run.backup().exitCode()).isEqualTo(ExitCodes.OK);

            SimulatedDevice device = run.lab().device("csr1");
            assertThat(device.commandsReceived()).containsSubsequence("enable", "wr mem", "term len 0", "show run")
                    .doesNotContain(LabSettings.ENABLE_SECRET);
            assertThat(device.linesReceived()).isGreaterThan(device.commandsReceived().size());
            assertThat(device.keysReceived()).isGreaterThan(device.linesReceived());
        }
    }

    @Test
    void faultPlansRejectWhatTheyCannotUse() {
        assertThatThrownBy(() -> FaultPlan.parse("csr1=explode", 0, 1))
                .hasMessageStartingWith("unknown fault 'explode'; known: auth-fail, refused, reset");
        assertThatThrownBy(() -> FaultPlan.parse("csr1", 0, 1)).hasMessageContaining("name=fault pairs");
        assertThatThrownBy(() -> FaultPlan.parse("csr9=hang", 0, 1).devices("csr", 3))
                .hasMessage("--faults names csr9, but the lab's devices are csr1 to csr3");
        assertThatThrownBy(() -> FaultPlan.parse("", 1.5, 1)).hasMessage("--fault-rate must be from 0 to 1, got 1.5");
    }

    @Test
    void labCommandServesWritesItsInventoryAndStopsByItself() throws IOException {
        Path inventory = dir.resolve("lab-inventory.yaml");

        CliRun result = CliRun.of("lab", "--devices", "3", "--latency", "0ms", "--faults", "csr2=hang",
                "--write-inventory", inventory.toString(), "--host-key", LabKeyFile.copyTo(dir.resolve("key")).toString(),
                "--stop-after", "1s");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("3 simulated devices (cisco_ios) on 127.0.0.1", "faults: csr2=hang",
                "./backup --inventory " + inventory, "backup lab: stopped after 1.00 s");
        assertThat(InventoryLoader.withSystemEnvironment().load(inventory)).hasSize(3);
    }

    @Test
    void aBasePortPutsTheDevicesOnConsecutivePortsAndARefusedOneKeepsItsPlace() throws IOException {
        var devices = List.of(Lab.DeviceSpec.healthy("a"), new Lab.DeviceSpec("b", Set.of(Fault.REFUSED)),
                Lab.DeviceSpec.healthy("c"));
        // Three free consecutive ports cannot be reserved ahead: another test JVM (or anything on the machine)
        // may take one between a probe and the lab's bind. Below Linux's ephemeral range, and tried again if taken.
        var random = new Random();
        for (int attempt = 1; ; attempt++) {
            int base = 20_000 + random.nextInt(10_000);
            try (Lab lab = Lab.builder(devices, LabSettings.defaults()).basePort(base).start()) {
                assertThat(List.of(lab.port("a"), lab.port("b"), lab.port("c"))).containsExactly(base, base + 1, base + 2);
                assertThat(LabTerminal.type(lab, "c", "show run")).contains("c>");
                return;
            } catch (BindException taken) {
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    @Test
    void labCommandStopsCleanlyOnSigterm() throws Exception {
        Path inventory = dir.resolve("lab.yaml");
        try (var lab = net.backup.testing.BackupProcess.start(dir, "lab", "--devices", "2", "--latency", "0ms",
                "--write-inventory", inventory.toString(), "--host-key", LabKeyFile.copyTo(dir.resolve("key")).toString(), "--stop-after", "5m")) {
            assertThat(lab.awaitLine(line -> line.startsWith("back it up:"), Duration.ofSeconds(60))).isTrue();
            int port = InventoryLoader.withSystemEnvironment().load(inventory).get(0).port();

            lab.signal("TERM");

            assertThat(lab.waitFor(Duration.ofSeconds(30))).isEqualTo(143);
            assertThat(lab.err()).contains("backup lab: stopped").doesNotContain("Exception");
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("nothing listens any more")
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void theHostKeyFileGivesTheSameKeyAcrossRestarts() throws IOException {
        // A key file LabHostKey made (once per test JVM: an RSA key costs a second of CPU), read back twice:
        // each time the key it gave when it made the file.
        Path key = LabKeyFile.copyTo(dir.resolve("key"));
        assertThat(LabHostKey.loadOrCreate(key).getPublic()).isEqualTo(LabKeyFile.publicKeyAsMade())
                .isEqualTo(LabHostKey.loadOrCreate(key).getPublic());
    }

    /** What stops a lab from starting is said in one line that names it, with no Java class and no --verbose it lacks. */
    @Test
    void labCommandSaysWhyItCannotStart() throws IOException {
        try (var taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            CliRun busy = CliRun.of("lab", "--devices", "1", "--base-port", String.valueOf(port), "--stop-after", "1ms",
                    "--write-inventory", dir.resolve("busy.yaml").toString(), "--host-key", LabKeyFile.copyTo(dir.resolve("key")).toString());

            assertThat(busy.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(busy.err()).startsWith("backup: cannot listen on 127.0.0.1 ports " + port + ".." + port
                    + ": address already in use (another lab? choose another --base-port)\n");
        }
        CliRun nowhere = CliRun.of("lab", "--devices", "1", "--stop-after", "1ms",
                "--write-inventory", dir.resolve("missing/lab.yaml").toString());
        CliRun noKinds = CliRun.of("lab", "--devices", "1", "--stop-after", "1ms", "--kinds", dir.resolve("nokinds").toString());

        assertThat(nowhere.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(nowhere.err()).startsWith("backup: --write-inventory " + dir.resolve("missing/lab.yaml")
                + ": there is no directory " + dir.resolve("missing") + "\n");
        Path precious = dir.resolve("inventory.yaml");
        Files.writeString(precious, "devices:\n  - {name: core1}\n");
        CliRun overwrite = CliRun.of("lab", "--devices", "1", "--stop-after", "1ms", "--write-inventory", precious.toString());
        assertThat(overwrite.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(overwrite.err()).startsWith("backup: --write-inventory " + precious
                + ": the file exists and backup lab did not write it; name another file, or remove it first\n");
        assertThat(Files.readString(precious)).isEqualTo("devices:\n  - {name: core1}\n");

        assertThat(noKinds.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noKinds.err()).startsWith("backup: --kinds " + dir.resolve("nokinds") + ": no such file or directory\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "."})
    void labCommandSaysItWritesNoInventoryOverADirectory(String directory) {
        CliRun root = CliRun.of("lab", "--devices", "1", "--stop-after", "1ms", "--write-inventory", directory);

        assertThat(root.exitCode()).as(root.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(root.err()).isEqualTo("backup: --write-inventory " + directory + ": that is a directory; name a file in it\n"
                + "Try 'backup lab --help' for more information.\n");
    }

    @Test
    void labCommandRejectsBadOptionsWithExitTwo() {
        CliRun unknownFault = CliRun.of("lab", "--faults", "csr1=explode", "--stop-after", "1s");
        CliRun badLatency = CliRun.of("lab", "--latency", "fast");

        assertThat(unknownFault.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknownFault.err()).contains("unknown fault 'explode'");
        assertThat(badLatency.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badLatency.err()).contains("'fast' is not a duration");
    }

    @Test
    void roomForOnePortIsSaidInTheSingular() {
        CliRun lowPort = CliRun.of("lab", "--devices", "1", "--base-port", "80");

        assertThat(lowPort.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(lowPort.err()).contains("--base-port must leave room for 1 port between 1024 and 65535, got 80");
    }

    /** In a temporary directory of the test's own: another demo or build may be using the shared one meanwhile. */
    @Test
    void demoBacksUpSequentiallyThenConcurrentlyAndReportsTheSpeedup() throws IOException {
        Path temporary = Files.createDirectory(dir.resolve("tmp"));

        CliRun result;
        System.setProperty("backup.demo.tmpdir", temporary.toString());
        try {
            result = CliRun.of("demo", "--devices", "3", "--latency", "0ms");
        } finally {
            System.clearProperty("backup.demo.tmpdir");
        }

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Sequential (--sequential)", "Concurrent (--workers 3)")
                .containsPattern("sequential \\d+\\.\\d\\d s, concurrent \\d+\\.\\d\\d s: \\d+\\.\\dx faster");
        List<Path> left;
        try (var paths = Files.list(temporary)) {
            left = paths.toList();
        }
        assertThat(left).as("the configs' directory only: the demo's inventory and known_hosts are removed")
                .singleElement().matches(path -> path.getFileName().toString().startsWith("backup-demo-"));
        try (var files = Files.list(left.get(0).resolve("configs"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly(".backup-demo", ".backup.lock", "csr1.cfg", "csr2.cfg", "csr3.cfg"); // the lock, and the mark of a demo's
        }
    }

    private static List<String> difference(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        var changed = new ArrayList<String>();
        b.stream().filter(line -> !a.contains(line)).forEach(changed::add);
        a.stream().filter(line -> !b.contains(line)).forEach(changed::add);
        return changed;
    }
}
