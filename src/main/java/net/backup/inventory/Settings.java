package net.backup.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.backup.platform.PlatformRegistry;
import net.backup.size.Sizes;
import net.backup.time.Durations;

/**
 * Every key a device, a group or {@code defaults:} may hold, declared once: name, type, default, where it may
 * be written. The loader, its error messages and the command line's help read them here. To add a key, declare
 * it below, add it to {@link #ALL}, and carry its value in a {@link Device} field.
 *
 * <p>The defaults the command line's help quotes are written as people write them (compile-time constants,
 * so an option's description can name them), parsed as a value written in the inventory is ({@link Durations},
 * {@link Sizes}).
 */
public final class Settings {
    public static final String DEFAULT_COMMAND_TIMEOUT = "60s";
    public static final String DEFAULT_CONNECT_TIMEOUT = "10s";
    /**
     * Ten times the longest a healthy step takes in practice: {@code show running-config} of a large
     * chassis or a {@code write memory} to slow flash takes a minute or two, not ten.
     */
    public static final String DEFAULT_COMMAND_DEADLINE = "10m";
    /**
     * Three steps at their deadline (save, setup, backup), or all the attempts of a device that keeps
     * timing out: no device holds a worker (and the run's output lock) longer, and an hourly cron run is
     * never blocked by one device for more than half its hour.
     */
    public static final String DEFAULT_DEVICE_DEADLINE = "30m";
    /**
     * A large configuration is a few megabytes (a 1000-interface chassis is about 2 MB); 16 MiB leaves room
     * for the biggest while keeping a flooding device's share of memory small.
     */
    public static final String DEFAULT_MAX_OUTPUT = "16MiB";
    public static final int DEFAULT_RETRIES = 2;
    public static final int MAX_RETRIES = SettingTypes.MAX_RETRIES;
    public static final long MIN_OUTPUT = SettingTypes.MIN_OUTPUT;
    public static final long MAX_OUTPUT = SettingTypes.MAX_OUTPUT;

    /** Required; the backup is {@code <name>.cfg}. */
    public static final Setting<String> NAME = Setting.deviceOnly("name", SettingTypes.TEXT);
    /** The name when not set. */
    public static final Setting<String> HOST = Setting.deviceOnly("host", SettingTypes.HOST);
    public static final Setting<List<String>> GROUPS = Setting.deviceOnly("groups", SettingTypes.GROUP_NAMES);
    /** Required at some level. */
    public static final Setting<String> USERNAME = Setting.optional("username", SettingTypes.TEXT);
    /** Required at some level unless a key file is set or {@code --ask-pass} given. */
    public static final SecretSetting PASSWORD = SecretSetting.named("password", "a password");
    /** May be {@code ""}: a Cisco ASA before 9.12 has an empty enable password until one is set. */
    public static final SecretSetting ENABLE_SECRET = SecretSetting.namedMayBeEmpty("enable_secret", "an enable secret");
    /** Relative to the inventory's folder; {@code ~/} works. */
    public static final Setting<String> KEY_FILE = Setting.optional("key_file", SettingTypes.TEXT);
    public static final SecretSetting KEY_PASSPHRASE = SecretSetting.named("key_passphrase", "a key passphrase");
    /** Built in, from {@code --platforms DIR} or from {@code platforms_dir:}. */
    public static final Setting<String> PLATFORM = Setting.of("platform", SettingTypes.TEXT, PlatformRegistry.DEFAULT);
    public static final Setting<Integer> PORT = Setting.of("port", SettingTypes.PORT, 22);
    public static final Setting<Duration> COMMAND_TIMEOUT = Setting.of("command_timeout", SettingTypes.DURATION,
            Durations.parse(DEFAULT_COMMAND_TIMEOUT));
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.of("connect_timeout", SettingTypes.DURATION,
            Durations.parse(DEFAULT_CONNECT_TIMEOUT));
    public static final Setting<Duration> COMMAND_DEADLINE = Setting.of("command_deadline", SettingTypes.DURATION,
            Durations.parse(DEFAULT_COMMAND_DEADLINE));
    public static final Setting<Duration> DEVICE_DEADLINE = Setting.of("device_deadline", SettingTypes.DURATION,
            Durations.parse(DEFAULT_DEVICE_DEADLINE));
    public static final Setting<Long> MAX_OUTPUT_SIZE = Setting.of("max_output", SettingTypes.OUTPUT_SIZE,
            Sizes.parse(DEFAULT_MAX_OUTPUT));
    public static final Setting<Integer> RETRIES = Setting.of("retries", SettingTypes.RETRIES, DEFAULT_RETRIES);
    public static final Setting<Boolean> LEGACY_ALGORITHMS = Setting.of("legacy_algorithms", SettingTypes.BOOLEAN, false);
    public static final Setting<Boolean> REDACT = Setting.of("redact", SettingTypes.BOOLEAN, false);
    public static final Setting<Boolean> SAVE = Setting.of("save", SettingTypes.BOOLEAN, true);
    /** The platform's backup commands when not set. */
    public static final Setting<List<String>> COMMANDS = Setting.optional("commands", SettingTypes.COMMANDS);

    /** Secrets, each written one of three ways at a level. */
    public static final List<SecretSetting> SECRETS = List.of(PASSWORD, ENABLE_SECRET, KEY_PASSPHRASE);

    /** Every key, in the order a listing of them would show. */
    public static final List<Setting<?>> ALL = Stream.of(
            List.<Setting<?>>of(NAME, HOST, GROUPS, USERNAME), PASSWORD.forms(), ENABLE_SECRET.forms(),
            List.<Setting<?>>of(KEY_FILE), KEY_PASSPHRASE.forms(),
            List.<Setting<?>>of(PLATFORM, PORT, COMMAND_TIMEOUT, CONNECT_TIMEOUT, COMMAND_DEADLINE, DEVICE_DEADLINE,
                    MAX_OUTPUT_SIZE, RETRIES, LEGACY_ALGORITHMS, REDACT, SAVE, COMMANDS))
            .<Setting<?>>flatMap(List::stream).toList();

    private static final Map<String, Setting<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::name, Function.identity()));

    private Settings() {
    }

    /** The keys that may be written at {@code level}, in declaration order (for "did you mean"). */
    static List<String> namesAt(Setting.Level level) {
        return ALL.stream().filter(s -> s.allowedAt(level)).map(Setting::name).toList();
    }

    /** The declaration of {@code name}, if it may be written at {@code level}. */
    static Optional<Setting<?>> find(String name, Setting.Level level) {
        return Optional.<Setting<?>>ofNullable(BY_NAME.get(name)).filter(s -> s.allowedAt(level));
    }
}
