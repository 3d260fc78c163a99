package net.backup.cli;

import java.io.Console;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.backup.files.ShellWords;
import net.backup.files.UserHome;
import net.backup.inventory.Device;
import net.backup.inventory.Inventory;
import net.backup.inventory.InventoryLoader;
import net.backup.inventory.Settings;
import net.backup.run.FleetBackup;
import net.backup.secret.Secret;
import net.backup.session.HostKeyPolicy;
import net.backup.session.KnownHosts;
import net.backup.session.OutputBudget;
import net.backup.size.Sizes;
import net.backup.store.CommitAuthor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backup --inventory inventory.yaml}: back up every device of the inventory. */
@Command(name = "backup", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {DiffCommand.class, LogCommand.class, PlatformsCommand.class, KeyscanCommand.class, LabCommand.class,
            DemoCommand.class, BenchCommand.class, TrainCommand.class},
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Backs up the running configuration of network devices over SSH, many at once.%n"
                + "Each device's configuration is written to <output-dir>/<name>.cfg.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every device was backed up",
            "1:at least one device failed, or the history commit or --report could not be written (every other "
                    + "device was backed up)",
            "2:usage or inventory error, or an output directory others can write (no device was contacted)",
            "3:another run is using the output directory (nothing was done)",
            "4:(the ./backup launcher only) the jar could not be built",
            "130:stopped by Ctrl-C (143: by SIGTERM); unfinished devices are reported as interrupted"})
public final class BackupCommand implements Callable<Integer> {
    /**
     * Sessions wait on the network, not the CPU, so far more workers than cores pay off; 32 keeps a
     * burst of logins gentle on shared AAA (TACACS+/RADIUS) servers and the client's memory modest.
     */
    static final int DEFAULT_WORKERS = 32;
    static final int MAX_WORKERS = 4096;
    private static final Pattern AUTHOR = Pattern.compile("([^<>]+)<([^<>]+)>");

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", defaultValue = "inventory.yaml",
            description = "Inventory of devices (default: ${DEFAULT-VALUE}).")
    Path inventory;

    @CommandLine.Mixin
    OutputDirOption output;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "" + DEFAULT_WORKERS,
            description = "Devices backed up at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--sequential", description = "Back up one device at a time (the same task, one worker, whatever "
            + "--workers says: add it to a command line to compare).")
    boolean sequential;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "For every device: how long connecting and the SSH handshake may take "
                    + "(default: connect_timeout of the inventory, else " + Settings.DEFAULT_CONNECT_TIMEOUT + ").")
    Duration connectTimeout;

    @Option(names = "--command-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "For every device: how long a command may go without output "
                    + "(default: command_timeout of the inventory, else " + Settings.DEFAULT_COMMAND_TIMEOUT + ").")
    Duration commandTimeout;

    @Option(names = "--command-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "For every device: how long one step (login, enable, a command) may take however much the "
                    + "device sends (default: command_deadline of the inventory, else " + Settings.DEFAULT_COMMAND_DEADLINE + ").")
    Duration commandDeadline;

    @Option(names = "--device-deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "For every device: how long its whole backup may take, retries included "
                    + "(default: device_deadline of the inventory, else " + Settings.DEFAULT_DEVICE_DEADLINE + ").")
    Duration deviceDeadline;

    @Option(names = "--max-output", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "For every device: the most output it may send, e.g. 16MiB "
                    + "(default: max_output of the inventory, else " + Settings.DEFAULT_MAX_OUTPUT + ").")
    Long maxOutput;

    @Option(names = "--output-budget", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "For the whole run: how much device output may be held in memory at once; past it, the "
                    + "device holding the most fails (default: an eighth of the JVM's maximum heap).")
    Long outputBudget;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "For the whole run: devices unfinished by then fail (default: none).")
    Duration deadline;

    @Option(names = "--retries", paramLabel = "N",
            description = "For every device: retries after a transient failure (refused, reset, timed out); "
                    + "never after an authentication or host key failure (default: retries of the inventory, else "
                    + Settings.DEFAULT_RETRIES + ").")
    Integer retries;

    @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Pause before the first retry; it doubles each time, with jitter (default: ${DEFAULT-VALUE}).")
    Duration retryDelay;

    @Option(names = "--ask-pass", description = "Ask once, without echo, for the password of devices the inventory "
            + "gives none.")
    boolean askPass;

    @Option(names = "--redact", description = "Replace secrets (enable and user secrets, SNMP communities, AAA and "
            + "pre-shared keys) with stable markers before storing, for every device (also: redact: true).")
    boolean redact;

    @Option(names = "--no-save", description = "Do not save the running configuration on the devices (no 'wr mem'); "
            + "also: save: false in the inventory.")
    boolean noSave;

    @Option(names = "--no-history", description = "Do not record the run in the output directory's git history.")
    boolean noHistory;

    @Option(names = "--author", paramLabel = "'NAME <EMAIL>'",
            description = "Author of the history commits (default: backup <backup@HOSTNAME>).")
    String author;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the run as JSON, for monitoring.")
    Path report;

    @CommandLine.Mixin
    PlatformsOption platforms;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "OpenSSH known_hosts file (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--host-key-policy", paramLabel = "POLICY", defaultValue = "accept-new",
            converter = HostKeyPolicyConverter.class,
            description = "strict: refuse unknown keys (record them first with backup keyscan, given the same -i, "
                    + "--known-hosts and --platforms); accept-new: record unknown keys; off: verify nothing. "
                    + "A changed key always fails the device (default: ${DEFAULT-VALUE}).")
    HostKeyPolicy hostKeyPolicy;

    @Option(names = {"-v", "--verbose"}, description = "Log the SSH conversation's details to stderr.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        var commandLine = new CommandLine(new BackupCommand());
        commandLine.setExecutionExceptionHandler(new FailureHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        return commandLine;
    }

    @Override
    public Integer call() throws IOException {
        checkOptions();
        Logging.configure(verbose);
        Inventory loaded = new InventoryLoader(System::getenv, askPass ? askPassword() : Optional.empty(), platforms.registry())
                .loadWithWarnings(inventory);
        loaded.warnings().forEach(warning -> printError("warning: " + warning));
        List<Device> devices = loaded.devices().stream()
                .map(d -> d.withOverrides(new Device.RunOverrides(Optional.ofNullable(connectTimeout),
                        Optional.ofNullable(commandTimeout), Optional.ofNullable(commandDeadline),
                        Optional.ofNullable(deviceDeadline), Optional.ofNullable(maxOutput), Optional.ofNullable(retries),
                        redact, noSave)))
                .toList();
        unredactable(devices).forEach(warning -> printError("warning: " + warning));
        if (noHistory && author != null) {
            printError("warning: --author names the history's commits, and --no-history makes none");
        }
        if (report != null) {
            ReportDestination.check(report, output.outputDir, filesTheReportMustNotReplace(devices, loaded.secretFiles()));
        }
        Supplier<CommitAuthor> commitAuthor = commitAuthor();
        var out = spec.commandLine().getOut();
        return OutputRun.hold(output.outputDir, !noHistory, out, spec.commandLine().getErr(), run -> {
            // Real backups go here now: a later demo must not take the directory for one of its own.
            Files.deleteIfExists(run.directory().resolve(DemoCommand.MARKER));
            if (hostKeyPolicy == HostKeyPolicy.OFF) {
                printError("warning: host keys are not verified (--host-key-policy off)");
            }
            FleetBackup fleet = run.fleet(knownHosts(knownHostsFile(), hostKeyPolicy, keyscanCommand()), retryDelay,
                    outputBudget != null ? outputBudget : OutputBudget.defaultLimit());
            Instant started = Instant.now();
            OutputRun.Finished finished = run.backUp(fleet, devices, sequential ? 1 : workers, Optional.ofNullable(deadline));
            // The backups are stored by now: a history or report that cannot be written fails the run (exit 1),
            // with one line each, and neither stops the other.
            boolean recorded = run.record(finished.outcome(), commitAuthor);
            boolean reported = report == null || run.report(report, finished.outcome(), started);
            if (run.stoppedBy().isPresent()) { // during the devices, or while the commit and the report were made
                return run.stoppedBy().getAsInt();
            }
            return finished.outcome().allSucceeded() && recorded && reported ? ExitCodes.OK : ExitCodes.SOME_FAILED;
        });
    }

    /**
     * Redaction asked for on a platform that declares no secrets rules does nothing: its devices' secrets are stored
     * and committed as they are. Said once per platform, before the run, so that cron mails it.
     */
    static List<String> unredactable(List<Device> devices) {
        var byPlatform = new LinkedHashMap<String, List<String>>();
        for (Device device : devices) {
            if (device.redact() && device.platform().secrets().isEmpty()) {
                byPlatform.computeIfAbsent(device.platform().name(), name -> new ArrayList<>()).add(device.name());
            }
        }
        return byPlatform.entrySet().stream().map(platform -> "redaction was asked for, but platform '" + platform.getKey()
                + "' has no secrets rules, so its devices are stored with their secrets: "
                + someOf(platform.getValue())).toList();
    }

    private static String someOf(List<String> names) {
        int shown = 5;
        return names.size() <= shown ? String.join(", ", names)
                : String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown) + " more";
    }

    private void printError(String message) {
        OutputRun.printError(spec.commandLine().getErr(), message);
    }

    /** --author is checked before the run; the host name for the default is looked up only if a commit is made. */
    private Supplier<CommitAuthor> commitAuthor() {
        if (author == null) {
            return () -> new CommitAuthor("backup", "backup@" + hostName());
        }
        Matcher m = AUTHOR.matcher(author.strip());
        if (!m.matches()) {
            throw usage("--author must look like 'Name <email>', got '" + author + "'");
        }
        var given = new CommitAuthor(m.group(1).strip(), m.group(2).strip());
        return () -> given;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private void checkOptions() {
        OptionChecks.inRange(spec, "--workers", workers, 1, MAX_WORKERS);
        OptionChecks.inRange(spec, "--retries", retries, 0, Settings.MAX_RETRIES);
        OptionChecks.positive(spec, "--connect-timeout", connectTimeout);
        OptionChecks.positive(spec, "--command-timeout", commandTimeout);
        OptionChecks.positive(spec, "--deadline", deadline);
        OptionChecks.positive(spec, "--command-deadline", commandDeadline);
        OptionChecks.positive(spec, "--device-deadline", deviceDeadline);
        if (maxOutput != null && (maxOutput < Settings.MIN_OUTPUT || maxOutput > Settings.MAX_OUTPUT)) {
            throw usage("--max-output must be from " + Sizes.human(Settings.MIN_OUTPUT) + " to "
                    + Sizes.human(Settings.MAX_OUTPUT) + ", got " + Sizes.human(maxOutput));
        }
        if (outputBudget != null && outputBudget < Sizes.MIB) {
            throw usage("--output-budget must be at least 1 MiB, got " + Sizes.human(outputBudget));
        }
    }

    private Optional<Secret> askPassword() {
        Console console = System.console();
        if (console == null) {
            throw usage("--ask-pass needs a terminal to ask on (none here: is this cron? use password_env or password_file)");
        }
        char[] typed = console.readPassword("Password for devices without one in the inventory: ");
        if (typed == null || typed.length == 0) {
            throw usage("--ask-pass: no password given");
        }
        return Optional.of(Secret.of(new String(typed)));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private List<ReportDestination.KeptFile> filesTheReportMustNotReplace(List<Device> devices, List<Path> secretFiles) {
        var kept = new ArrayList<ReportDestination.KeptFile>();
        kept.add(new ReportDestination.KeptFile("the inventory", inventory));
        kept.add(new ReportDestination.KeptFile("the known_hosts file", knownHostsFile()));
        secretFiles.forEach(file -> kept.add(new ReportDestination.KeptFile("a file the inventory reads a secret from", file)));
        devices.forEach(device -> device.keyFile().ifPresent(key ->
                kept.add(new ReportDestination.KeptFile("the key_file of " + device.name(), key))));
        return kept;
    }

    /** A known_hosts file that cannot be read is said in one line, before any device (exit 2). */
    static KnownHosts knownHosts(Path file, HostKeyPolicy policy) {
        try {
            return new KnownHosts(file, policy);
        } catch (IOException e) {
            throw new FailureHandler.UsageException(e.getMessage());
        }
    }

    private static KnownHosts knownHosts(Path file, HostKeyPolicy policy, String recordWith) {
        try {
            return new KnownHosts(file, policy, recordWith);
        } catch (IOException e) {
            throw new FailureHandler.UsageException(e.getMessage());
        }
    }

    /** How this run's missing host keys are recorded: keyscan with the same inventory, known_hosts and platforms. */
    private String keyscanCommand() {
        var command = new StringBuilder("backup keyscan -i ").append(ShellWords.quote(inventory.toString()));
        if (knownHosts != null) {
            command.append(" --known-hosts ").append(ShellWords.quote(knownHosts.toString()));
        }
        if (platforms.platformsDir != null) {
            command.append(" --platforms ").append(ShellWords.quote(platforms.platformsDir.toString()));
        }
        return command.toString();
    }

    private Path knownHostsFile() {
        if (knownHosts != null) {
            return knownHosts;
        }
        return UserHome.knownHosts().orElseThrow(() -> usage(UserHome.UNKNOWN + ": give --known-hosts FILE"));
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
