package net.backup.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.backup.files.FileErrors;
import net.backup.files.UserHome;
import net.backup.platform.Platform;
import net.backup.platform.PlatformRegistry;
import net.backup.platform.Platforms;
import net.backup.secret.Secret;
import net.backup.yaml.Nodes;
import net.backup.yaml.Suggestions;
import net.backup.yaml.YamlSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads {@code defaults:}, {@code groups:} and {@code devices:} into {@link Device} records. A value is
 * looked up in the device, then in its groups in the order listed, then in defaults. Any mistake stops the
 * load with one {@link InventoryException} naming file, line, column and field.
 */
public final class InventoryLoader {
    private static final YamlSource.Kind KIND = new YamlSource.Kind("an inventory file", "a 'devices:' list",
            "give the inventory's path with -i FILE");
    private static final Set<String> TOP_LEVEL = Set.of("defaults", "groups", "devices", "platforms_dir");
    /** The name becomes a file name: no separators, no hidden files, nothing a shell or a path would bend. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

    private final Function<String, String> environment;
    private final Optional<Secret> askedPassword;
    private final PlatformRegistry knownPlatforms;

    /**
     * @param environment    looks up environment variables for the {@code *_env} keys
     * @param askedPassword  the password typed at {@code --ask-pass}, for devices the inventory gives none
     * @param knownPlatforms the platforms {@code platform:} may name (built-in, plus {@code --platforms DIR});
     *                       the inventory's own {@code platforms_dir:} adds to them
     */
    public InventoryLoader(Function<String, String> environment, Optional<Secret> askedPassword,
            PlatformRegistry knownPlatforms) {
        this.environment = environment;
        this.askedPassword = askedPassword;
        this.knownPlatforms = knownPlatforms;
    }

    public InventoryLoader(Function<String, String> environment, Optional<Secret> askedPassword) {
        this(environment, askedPassword, Platforms.builtIn());
    }

    public InventoryLoader(Function<String, String> environment) {
        this(environment, Optional.empty());
    }

    public static InventoryLoader withSystemEnvironment() {
        return new InventoryLoader(System::getenv);
    }

    public List<Device> load(Path file) {
        return loadWithWarnings(file).devices();
    }

    /** Loads and checks the whole file; warnings are returned, errors thrown. */
    public Inventory loadWithWarnings(Path file) {
        var source = new YamlSource(file.toString(), KIND, InventoryException::new);
        Path base = file.toAbsolutePath().getParent();
        MappingNode top = Nodes.mapping(source.compose(file), "top level", source);
        var sections = sections(top, source);

        SettingsLayer defaults = SettingsLayer.parse(sections.getOrDefault("defaults", emptyMapping(top)), "defaults",
                Setting.Level.DEFAULTS, source);
        Map<String, SettingsLayer> groups = groups(sections.get("groups"), source);
        Node devicesNode = sections.get("devices");
        if (devicesNode == null) {
            throw new InventoryException(source.at(top.getStartMark()) + ": devices: missing: list the devices under 'devices:'");
        }
        SequenceNode list = Nodes.sequence(devicesNode, "devices", source);
        if (list.getValue().isEmpty()) {
            throw new InventoryException(source.at(list.getStartMark()) + ": devices: no devices listed");
        }
        var layers = new ArrayList<SettingsLayer>(groups.values());
        layers.add(defaults);
        PlatformRegistry platforms = platforms(sections.get("platforms_dir"), base, source);
        var context = new Context(source, base, platforms, new LinkedHashSet<>());
        var warnings = new ArrayList<String>();
        List<Device> devices = devices(list, defaults, groups, context, layers, warnings);
        warnings.addAll(LiteralSecrets.warnings(file, layers));
        return new Inventory(devices, warnings, List.copyOf(context.secretFiles()));
    }

    /**
     * The platforms a backup with this inventory may name: the known ones, and those of its {@code platforms_dir}
     * found as a backup finds them. Only the top level is read: listing them needs no device's credentials.
     */
    public PlatformRegistry platforms(Path file) {
        var source = new YamlSource(file.toString(), KIND, InventoryException::new);
        MappingNode top = Nodes.mapping(source.compose(file), "top level", source);
        return platforms(sections(top, source).get("platforms_dir"), file.toAbsolutePath().getParent(), source);
    }

    /**
     * Where the file is (for messages, and to find files named relative to it), the platforms it may use, and
     * the secret files read so far.
     */
    private record Context(YamlSource source, Path base, PlatformRegistry platforms, Set<Path> secretFiles) {
    }

    private PlatformRegistry platforms(Node directory, Path base, YamlSource source) {
        if (directory == null) {
            return knownPlatforms;
        }
        Path path = base.resolve(expandHome(Nodes.text(directory, "platforms_dir", source)));
        if (!Files.isDirectory(path)) {
            throw new InventoryException(source.at(directory.getStartMark()) + ": platforms_dir: no such folder " + path);
        }
        return knownPlatforms.withDirectory(path);
    }

    private static Map<String, Node> sections(MappingNode top, YamlSource source) {
        var sections = new LinkedHashMap<String, Node>();
        for (NodeTuple tuple : top.getValue()) {
            String key = Nodes.key(tuple, "top level", source);
            if (!TOP_LEVEL.contains(key)) {
                throw new InventoryException(source.at(tuple.getKeyNode().getStartMark()) + ": " + key
                        + ": unknown key" + Suggestions.didYouMean(key, TOP_LEVEL)
                        + "; the top level has defaults, groups, devices and platforms_dir");
            }
            if (sections.put(key, tuple.getValueNode()) != null) {
                throw new InventoryException(source.at(tuple.getKeyNode().getStartMark()) + ": " + key
                        + ": written twice");
            }
        }
        return sections;
    }

    private static Map<String, SettingsLayer> groups(Node node, YamlSource source) {
        var groups = new LinkedHashMap<String, SettingsLayer>();
        if (node == null) {
            return groups;
        }
        for (NodeTuple tuple : Nodes.mapping(node, "groups", source).getValue()) {
            String name = Nodes.key(tuple, "groups", source);
            if (groups.containsKey(name)) {
                throw new InventoryException(source.at(tuple.getKeyNode().getStartMark()) + ": groups." + name
                        + ": group defined twice");
            }
            groups.put(name, SettingsLayer.parse(tuple.getValueNode(), "groups." + name, Setting.Level.GROUP, source));
        }
        return groups;
    }

    /**
     * @param allLayers every device's layer is added to it, for the check of literal secrets
     * @param warnings  where a device that repeats another one's address is said
     */
    private List<Device> devices(SequenceNode list, SettingsLayer defaults, Map<String, SettingsLayer> groups,
            Context context, List<SettingsLayer> allLayers, List<String> warnings) {
        YamlSource source = context.source();
        var devices = new ArrayList<Device>();
        var firstByName = new HashMap<String, FirstName>();
        var firstByTarget = new HashMap<String, FirstName>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node node = list.getValue().get(i);
            String label = "devices[" + i + "]";
            SettingsLayer layer = SettingsLayer.parse(node, label, Setting.Level.DEVICE, source);
            allLayers.add(layer);
            SettingsLayer.Value<String> name = layer.get(Settings.NAME).orElseThrow(() -> new InventoryException(
                    source.at(node.getStartMark()) + ": " + label + ".name: missing: every device needs a name"));
            checkName(name, firstByName, source);
            Device device = resolve(layer, name, chain(layer, groups, defaults, source), context);
            warnIfSameTarget(device, name, firstByTarget, source).ifPresent(warnings::add);
            devices.add(device);
        }
        return List.copyOf(devices);
    }

    /**
     * Two entries that log in to one address as one user and run the same commands back up one device twice, under
     * two names: a port or host copied and not changed (probe M: core-r4 given r3's port stored r3's configuration as
     * core-r4's, exit 0, and core-r4 went unsaved). Two views of one device (another user, other commands) are not
     * said.
     */
    private static Optional<String> warnIfSameTarget(Device device, SettingsLayer.Value<String> name,
            Map<String, FirstName> firstByTarget, YamlSource source) {
        String target = device.username() + "@" + device.host().toLowerCase(Locale.ROOT) + ":" + device.port() + " "
                + device.backupCommands() + " " + device.platform().name();
        FirstName first = firstByTarget.putIfAbsent(target, new FirstName(device.name(), name.node().getStartMark().getLine() + 1));
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(source.at(name.node().getStartMark()) + ": " + device.name() + " backs up the same device as "
                + first.text() + " (line " + first.line() + "): " + device.host() + " port " + device.port()
                + ", the same user and commands; both files would hold whatever answers there (a host or port copied and"
                + " not changed?)");
    }

    /** A device name as first written, and the line it is on. */
    private record FirstName(String text, int line) {
    }

    private static void checkName(SettingsLayer.Value<String> name, Map<String, FirstName> firstByName, YamlSource source) {
        String text = name.value();
        if (!SAFE_NAME.matcher(text).matches()) {
            throw new InventoryException(source.at(name.node().getStartMark()) + ": " + name.field() + ": '" + text
                    + "' is not a safe file name: use letters, digits, '.', '_' and '-', not starting with '.', at most 128");
        }
        // Lower case: csr1 and CSR1 would be one file on a case-insensitive file system.
        FirstName first = firstByName.putIfAbsent(text.toLowerCase(Locale.ROOT),
                new FirstName(text, name.node().getStartMark().getLine() + 1));
        if (first != null) {
            String where = source.at(name.node().getStartMark()) + ": " + name.field() + ": duplicate device name '" + text;
            throw new InventoryException(first.text().equals(text) ? where + "' (first used at line " + first.line() + ")"
                    : where + "': line " + first.line() + " has '" + first.text() + "', and names that differ only in case "
                            + "are the same (they would share a file on a case-insensitive file system)");
        }
    }

    /** The device's own layer, then its groups in the order listed, then defaults. */
    private static List<SettingsLayer> chain(SettingsLayer device, Map<String, SettingsLayer> groups,
            SettingsLayer defaults, YamlSource source) {
        var chain = new ArrayList<SettingsLayer>();
        chain.add(device);
        Optional<SettingsLayer.Value<List<String>>> listed = device.get(Settings.GROUPS);
        if (listed.isPresent()) {
            for (String group : listed.get().value()) {
                SettingsLayer layer = groups.get(group);
                if (layer == null) {
                    throw new InventoryException(source.at(listed.get().node().getStartMark()) + ": "
                            + listed.get().field() + ": unknown group '" + group + "'"
                            + Suggestions.didYouMean(group, groups.keySet()));
                }
                chain.add(layer);
            }
        }
        chain.add(defaults);
        return chain;
    }

    private Device resolve(SettingsLayer device, SettingsLayer.Value<String> named, List<SettingsLayer> chain,
            Context context) {
        YamlSource source = context.source();
        String name = named.value();
        String where = source.at(named.node().getStartMark()) + ": " + device.label() + " (" + name + ")";
        Optional<SettingsLayer.Value<String>> hostSet = device.get(Settings.HOST);
        String host = hostSet.map(SettingsLayer.Value::value).orElse(name);
        if (hostSet.isEmpty()) {
            HostSyntax.problem(name).ifPresent(problem -> {
                throw new InventoryException(where + ": no 'host', and the name is not one to connect to: " + problem
                        + "; set 'host'");
            });
        }
        String username = first(chain, Settings.USERNAME).map(SettingsLayer.Value::value).orElseThrow(() ->
                new InventoryException(where + ": no username: set 'username' in the device, one of its groups or defaults"));
        Optional<Path> keyFile = first(chain, Settings.KEY_FILE).map(v -> keyFile(v, context));
        Optional<Secret> password = secret(chain, Settings.PASSWORD, context).or(() -> askedPassword);
        if (password.isEmpty() && keyFile.isEmpty()) {
            throw new InventoryException(where + ": no password: set 'password', 'password_env', 'password_file' or "
                    + "'key_file' in the device, one of its groups or defaults (or use --ask-pass)");
        }
        Optional<Secret> enableSecret = secret(chain, Settings.ENABLE_SECRET, context);
        Optional<Secret> passphrase = secret(chain, Settings.KEY_PASSPHRASE, context);
        Platform platform = platform(chain, source, context.platforms());
        List<String> commands = first(chain, Settings.COMMANDS).map(SettingsLayer.Value::value)
                .orElse(platform.backupCommands());
        return new Device(name, host, value(chain, Settings.PORT), username, password, enableSecret, keyFile, passphrase,
                platform, value(chain, Settings.COMMAND_TIMEOUT), value(chain, Settings.CONNECT_TIMEOUT),
                value(chain, Settings.COMMAND_DEADLINE), value(chain, Settings.DEVICE_DEADLINE),
                value(chain, Settings.MAX_OUTPUT_SIZE), value(chain, Settings.RETRIES),
                value(chain, Settings.LEGACY_ALGORITHMS), value(chain, Settings.REDACT), value(chain, Settings.SAVE),
                commands);
    }

    private static Path keyFile(SettingsLayer.Value<String> value, Context context) {
        Path path = context.base().resolve(expandHome(value.value()));
        String at = context.source().at(value.node().getStartMark()) + ": " + value.field();
        try {
            CredentialFile.check(path, CredentialFile.KEY_LIMIT);
        } catch (CredentialFile.Unusable e) {
            throw new InventoryException(at + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InventoryException(at + ": cannot read the key file " + path + ": " + FileErrors.reason(e));
        }
        if (!Files.isReadable(path)) {
            throw new InventoryException(at + ": cannot read the key file " + path);
        }
        return path;
    }

    /** A {@code ~/} with no home to stand for is left as it is: the file is then not found, under that name. */
    private static String expandHome(String path) {
        if (!path.startsWith("~/")) {
            return path;
        }
        return UserHome.directory().map(home -> home + path.substring(1)).orElse(path);
    }

    private static <T> Optional<SettingsLayer.Value<T>> first(List<SettingsLayer> chain, Setting<T> setting) {
        return chain.stream().flatMap(layer -> layer.get(setting).stream()).findFirst();
    }

    /** The first level's value, else the declared default. */
    private static <T> T value(List<SettingsLayer> chain, Setting<T> setting) {
        return first(chain, setting).map(SettingsLayer.Value::value).orElseGet(() -> setting.fallback().orElseThrow());
    }

    /**
     * The first level that sets {@code key}, {@code key_env} or {@code key_file} wins; an unset variable or an
     * unreadable file is an error that names where it was written.
     */
    private Optional<Secret> secret(List<SettingsLayer> chain, SecretSetting secret, Context context) {
        for (SettingsLayer layer : chain) {
            Optional<SettingsLayer.Value<String>> literal = layer.get(secret.literal());
            if (literal.isPresent()) {
                return Optional.of(Secret.of(literal.get().value()));
            }
            Optional<SettingsLayer.Value<String>> variable = layer.get(secret.variable());
            if (variable.isPresent()) {
                return Optional.of(fromEnvironment(variable.get(), context.source()));
            }
            Optional<SettingsLayer.Value<String>> file = layer.get(secret.file());
            if (file.isPresent()) {
                return Optional.of(fromFile(file.get(), context));
            }
        }
        return Optional.empty();
    }

    private Secret fromEnvironment(SettingsLayer.Value<String> variable, YamlSource source) {
        String name = variable.value();
        String value = environment.apply(name);
        if (value == null || value.isEmpty()) {
            throw new InventoryException(source.at(variable.node().getStartMark()) + ": " + variable.field()
                    + ": environment variable " + name + (value == null ? " is not set" : " is set but empty"));
        }
        return Secret.of(value);
    }

    private static final Pattern FIRST_LINE = Pattern.compile("\\r\\n|\\r|\\n");

    /**
     * The first line of the file, without its line end; the file is named relative to the inventory. It must
     * be a regular file of at most 64 KiB ({@link CredentialFile}).
     */
    private static Secret fromFile(SettingsLayer.Value<String> file, Context context) {
        Path path = context.base().resolve(expandHome(file.value()));
        String at = context.source().at(file.node().getStartMark()) + ": " + file.field();
        String text;
        try {
            byte[] bytes = CredentialFile.read(path, CredentialFile.SECRET_LIMIT);
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CredentialFile.Unusable e) {
            throw new InventoryException(at + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InventoryException(at + ": cannot read " + path + ": " + FileErrors.reason(e));
        }
        String line = FIRST_LINE.split(text, 2)[0];
        if (line.isEmpty()) {
            throw new InventoryException(at + ": the first line of " + path + " is empty");
        }
        context.secretFiles().add(path);
        return Secret.of(line);
    }

    private static Platform platform(List<SettingsLayer> chain, YamlSource source, PlatformRegistry platforms) {
        Optional<SettingsLayer.Value<String>> named = first(chain, Settings.PLATFORM);
        if (named.isEmpty()) {
            // Through the registry, so a cisco_ios.yaml in --platforms DIR replaces the default as well.
            return platforms.find(Settings.PLATFORM.fallback().orElseThrow()).orElseThrow();
        }
        String text = named.get().value();
        return platforms.find(text).orElseThrow(() -> new InventoryException(
                source.at(named.get().node().getStartMark()) + ": " + named.get().field() + ": unknown platform '"
                        + text + "'" + Suggestions.didYouMean(text, platforms.names())
                        + "; known: " + String.join(", ", platforms.names())));
    }

    private static Node emptyMapping(MappingNode like) {
        return new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), like.getFlowStyle());
    }
}
