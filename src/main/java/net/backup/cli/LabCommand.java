package net.backup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.backup.files.FileErrors;
import net.backup.lab.DeviceKinds;
import net.backup.lab.Fault;
import net.backup.lab.FaultPlan;
import net.backup.lab.Lab;
import net.backup.lab.LabHostKey;
import net.backup.lab.LabSettings;
import net.backup.platform.Platforms;
import net.backup.report.Plural;
import net.backup.time.Durations;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup lab}: serves simulated devices on 127.0.0.1 until Ctrl-C or SIGTERM. */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Serves N simulated network devices (Cisco IOS by default) over SSH on 127.0.0.1, one port each, until Ctrl-C "
                + "or SIGTERM, and writes an inventory for them.")
final class LabCommand implements Callable<Integer> {
    @Option(names = "--devices", paramLabel = "N", defaultValue = "10", description = "Devices to serve (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--latency", paramLabel = "DURATION", defaultValue = "100ms", converter = DurationConverter.class,
            description = "Think time before each answer, e.g. 100ms or 1s (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(names = "--jitter", paramLabel = "DURATION", defaultValue = "0ms", converter = DurationConverter.class,
            description = "Up to this much more think time, at random (default: ${DEFAULT-VALUE}).")
    Duration jitter;

    @Option(names = "--base-port", paramLabel = "P", defaultValue = "0",
            description = "Device i listens on P+i-1; 0 takes any free ports (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--write-inventory", paramLabel = "FILE", defaultValue = "lab-inventory.yaml",
            description = "Where to write the lab's inventory (default: ${DEFAULT-VALUE}).")
    Path inventory;

    @Option(names = "--faults", paramLabel = "SPEC",
            description = "Faulty or quirky devices, e.g. csr3=auth-fail,csr7=hang,csr8=ansi. Faults and quirks: "
                    + "${COMPLETION-CANDIDATES}",
            completionCandidates = FaultNames.class)
    String faults;

    @Option(names = "--fault-rate", paramLabel = "R", defaultValue = "0",
            description = "Share of the other devices given a random fault, 0 to 1 (default: ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--quirk-rate", paramLabel = "R", defaultValue = "0",
            description = "Share of the devices with no fault given a random quirk (stray-prompt, ansi, ...), 0 to 1 "
                    + "(default: ${DEFAULT-VALUE}).")
    double quirkRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed for configurations and random faults (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--platforms", paramLabel = "NAMES", split = ",", defaultValue = "cisco_ios",
            description = "Device kinds, given to the devices in turn (a mixed fleet): cisco_ios, arista_eos, "
                    + "cisco_nxos, cisco_xr, cisco_asa, juniper_junos, dell_powerconnect, or one from --kinds "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> platforms;

    @Option(names = "--kinds", paramLabel = "DIR",
            description = "A folder of device kind files (*.yaml, as src/main/resources/lab/) that add kinds or "
                    + "replace built-in ones.")
    Path kindsDir;

    @Option(names = "--prefix", paramLabel = "NAME", defaultValue = "csr",
            description = "Devices are named NAME1, NAME2, ... (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--host-key", paramLabel = "FILE",
            description = "The lab's host key, created on first use (default: ~/.cache/backup-lab/ssh_host_rsa_key).")
    Path hostKey;

    @Option(names = "--stop-after", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop by itself after this long (default: run until Ctrl-C or SIGTERM).")
    Duration stopAfter;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<Lab.DeviceSpec> specs = plan();
        if (Files.isDirectory(inventory)) { // '/' among them, the one path with no parent directory
            throw usage("--write-inventory " + inventory + ": that is a directory; name a file in it");
        }
        Path folder = inventory.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw usage("--write-inventory " + inventory + ": there is no directory " + folder);
        }
        if (Files.exists(inventory, LinkOption.NOFOLLOW_LINKS) && !Lab.wroteInventory(inventory)) {
            // A lab restarted rewrites its own inventory; someone's real one (--write-inventory inventory.yaml) stays.
            throw usage("--write-inventory " + inventory + ": the file exists and backup lab did not write it; "
                    + "name another file, or remove it first");
        }
        Lab lab;
        try {
            lab = Lab.builder(specs, new LabSettings(latency, jitter, seed, LabSettings.USERNAME, LabSettings.PASSWORD,
                    LabSettings.ENABLE_SECRET)).kinds(kinds()).hostKey(LabHostKey.loadOrCreate(hostKeyFile())).basePort(basePort).start();
        } catch (BindException e) {
            throw usage("cannot listen on 127.0.0.1" + (basePort == 0 ? "" : " ports " + basePort + ".." + (basePort + devices - 1))
                    + ": " + FileErrors.reason(e).toLowerCase(Locale.ROOT) + " (another lab? choose another --base-port)");
        }
        var stopped = new CountDownLatch(1);
        PrintWriter out = spec.commandLine().getOut();
        var stopOnSignal = new Thread(() -> {
            lab.close();
            stopped.countDown();
            System.err.println("backup lab: stopped");
        }, "lab-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        lab.writeInventory(inventory);
        describe(lab, specs, out);
        if (stopAfter != null) {
            if (!stopped.await(stopAfter.toMillis(), TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
                lab.close();
                out.println("backup lab: stopped after " + Durations.human(stopAfter));
            }
        } else {
            stopped.await();
        }
        return ExitCodes.OK;
    }

    private List<Lab.DeviceSpec> plan() {
        OptionChecks.inRange(spec, "--devices", devices, 1, 10_000);
        if (basePort != 0 && (basePort < 1024 || basePort + devices - 1 > 65535)) {
            throw usage("--base-port must leave room for " + Plural.of(devices, "port") + " between 1024 and 65535, got " + basePort);
        }
        try {
            DeviceKinds known = kinds();
            List<String> kinds = platforms.stream().map(name -> known.get(name).name()).toList();
            List<Lab.DeviceSpec> specs = FaultPlan.parse(faults, faultRate, seed).withQuirkRate(quirkRate).devices(prefix, devices);
            var mixed = new ArrayList<Lab.DeviceSpec>(specs.size());
            for (int i = 0; i < specs.size(); i++) {
                Lab.DeviceSpec spec = specs.get(i);
                mixed.add(new Lab.DeviceSpec(spec.name(), spec.faults(), kinds.get(i % kinds.size())));
            }
            return mixed;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private void describe(Lab lab, List<Lab.DeviceSpec> specs, PrintWriter out) {
        List<Integer> ports = specs.stream().map(s -> lab.port(s.name())).toList();
        out.printf("backup lab: %s (%s) on %s, ports %d..%d, latency %s, jitter %s%n", Plural.of(specs.size(), "simulated device"),
                String.join(", ", platforms),
                lab.host(), ports.stream().min(Integer::compare).orElseThrow(),
                ports.stream().max(Integer::compare).orElseThrow(), Durations.human(latency), Durations.human(jitter));
        String faulty = specs.stream().filter(s -> !s.faults().isEmpty())
                .map(s -> s.name() + "=" + s.faults().stream().map(Fault::label).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
        out.println("faults: " + (faulty.isEmpty() ? "none" : faulty));
        out.println("inventory: " + inventory + " (user " + LabSettings.USERNAME + ", password " + LabSettings.PASSWORD
                + ", enable secret " + LabSettings.ENABLE_SECRET + ")");
        out.println("back it up:  ./backup --inventory " + inventory);
        // The inventory names each device's kind as its platform; a kind that only a user's platform file covers
        // (the lab has one, dell_powerconnect) needs that file too, or the run refuses the inventory.
        List<String> uncovered = specs.stream().map(Lab.DeviceSpec::kind).distinct().filter(kind -> Platforms.builtIn().find(kind).isEmpty()).toList();
        if (!uncovered.isEmpty()) {
            out.println("             with --platforms DIR, DIR holding a platform file for " + String.join(", ", uncovered)
                    + " (no built-in platform covers " + (uncovered.size() == 1 ? "it" : "them")
                    + "; the README's lab section names one)");
        }
        out.println(stopAfter == null ? "Ctrl-C stops the lab." : "The lab stops by itself after " + Durations.human(stopAfter) + ".");
        out.flush();
    }

    private DeviceKinds kinds() {
        try {
            return kindsDir == null ? DeviceKinds.builtIn() : DeviceKinds.builtIn().withFolder(kindsDir);
        } catch (IOException e) {
            throw usage("--kinds " + kindsDir + ": " + FileErrors.reason(e));
        }
    }

    private Path hostKeyFile() {
        return hostKey != null ? hostKey : LabHostKey.defaultFile();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** Fault names for the help text. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Fault.values()).map(Fault::label).iterator();
        }
    }
}
