package net.backup.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.backup.inventory.Device;
import net.backup.inventory.InventoryLoader;
import net.backup.report.ConsoleReport;
import net.backup.run.FleetBackup;
import net.backup.run.RunOutcome;
import net.backup.session.HostKeyPolicy;
import net.backup.session.KnownHosts;
import net.backup.store.ConfigStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup --inventory inventory.yaml}: back up every device of the inventory. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {LabCommand.class, DemoCommand.class},
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Backs up the running configuration of network devices over SSH, many at once.%n"
                + "Each device's configuration is written to <output-dir>/<name>.cfg.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every device was backed up",
            "1:at least one device failed (the others were backed up)",
            "2:usage or inventory error (no device was contacted)"})
public final class BackupCommand implements Callable<Integer> {
    /**
     * Sessions wait on the network, not the CPU, so far more workers than cores pay off; 32 keeps a
     * burst of logins gentle on shared AAA (TACACS+/RADIUS) servers and the client's memory modest.
     */
    static final int DEFAULT_WORKERS = 32;

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", defaultValue = "inventory.yaml",
            description = "Inventory of devices (default: ${DEFAULT-VALUE}).")
    Path inventory;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "configs",
            description = "Where <name>.cfg files are written; created if missing (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "" + DEFAULT_WORKERS,
            description = "Devices backed up at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--sequential", description = "Back up one device at a time (the same task, one worker).")
    boolean sequential;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "OpenSSH known_hosts file (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--host-key-policy", paramLabel = "POLICY", defaultValue = "accept-new",
            converter = HostKeyPolicyConverter.class,
            description = "strict: refuse unknown keys; accept-new: record unknown keys; off: verify nothing. "
                    + "A changed key always fails the device (default: ${DEFAULT-VALUE}).")
    HostKeyPolicy hostKeyPolicy;

    @Option(names = {"-v", "--verbose"}, description = "Log the SSH conversation's details to stderr.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new BackupCommand());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        return commandLine;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (workers < 1 || workers > 4096) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--workers must be from 1 to 4096, got " + workers);
        }
        Logging.configure(verbose);
        List<Device> devices = InventoryLoader.withSystemEnvironment().load(inventory);
        ConfigStore store = openStore(outputDir);
        var report = new ConsoleReport(spec.commandLine().getOut(), devices.stream().map(Device::name).toList());
        if (hostKeyPolicy == HostKeyPolicy.OFF) {
            spec.commandLine().getErr().println("backup: warning: host keys are not verified (--host-key-policy off)");
        }
        var backup = new FleetBackup(new KnownHosts(knownHostsFile(), hostKeyPolicy), store);
        RunOutcome outcome = backup.run(devices, sequential ? 1 : workers, report);
        report.summary(outcome);
        return outcome.allSucceeded() ? ExitCodes.OK : ExitCodes.SOME_FAILED;
    }

    static ConfigStore openStore(Path outputDir) {
        try {
            return ConfigStore.open(outputDir);
        } catch (IOException e) {
            throw new FailureHandler.UsageException("--output-dir " + outputDir + ": " + e.getMessage());
        }
    }

    private Path knownHostsFile() {
        return knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }

    /** Accepts the policies as written in the help: {@code strict}, {@code accept-new}, {@code off}. */
    static final class HostKeyPolicyConverter implements CommandLine.ITypeConverter<HostKeyPolicy> {
        @Override
        public HostKeyPolicy convert(String value) {
            for (HostKeyPolicy policy : HostKeyPolicy.values()) {
                if (policy.name().replace('_', '-').equalsIgnoreCase(value)) {
                    return policy;
                }
            }
            throw new CommandLine.TypeConversionException("expected strict, accept-new or off, got '" + value + "'");
        }
    }
}
