package net.backup.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The device kinds a lab can simulate: every {@code *.yaml} under {@code lab/} in the jar, plus those of
 * a folder that add kinds or replace built-in ones. Adding a kind is adding one file.
 */
public final class DeviceKinds {
    private static final String FOLDER = "lab";
    private static volatile DeviceKinds builtIn;

    private final Map<String, DeviceKind> byName;

    private DeviceKinds(Map<String, DeviceKind> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** The kinds built into the jar, read once. */
    public static DeviceKinds builtIn() {
        DeviceKinds kinds = builtIn;
        if (kinds == null) {
            synchronized (DeviceKinds.class) {
                if (builtIn == null) {
                    builtIn = new DeviceKinds(readBuiltIn());
                }
                kinds = builtIn;
            }
        }
        return kinds;
    }

    /** These kinds plus the {@code *.yaml} files of {@code folder} (a file replaces a kind of the same name). */
    public DeviceKinds withFolder(Path folder) throws IOException {
        var all = new LinkedHashMap<>(byName);
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                DeviceKind kind = DeviceKind.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
                all.put(kind.name(), kind);
            }
        }
        return new DeviceKinds(all);
    }

    public Optional<DeviceKind> find(String name) {
        return Optional.ofNullable(byName.get(name.trim()));
    }

    /** @throws IllegalArgumentException naming the kinds there are */
    public DeviceKind get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("the lab does not simulate '" + name
                + "'; it simulates " + String.join(", ", names())));
    }

    /** The names, built-in kinds in a fixed order first (IOS, then the others as they were added), then the rest. */
    public List<String> names() {
        List<String> first = List.of("cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa", "juniper_junos");
        return Stream.concat(first.stream().filter(byName::containsKey),
                byName.keySet().stream().filter(n -> !first.contains(n)).sorted()).toList();
    }

    private static Map<String, DeviceKind> readBuiltIn() {
        URL folder = DeviceKinds.class.getClassLoader().getResource(FOLDER + "/cisco_ios.yaml");
        if (folder == null) {
            throw new IllegalStateException("the lab's kind files are missing from the class path (" + FOLDER + "/)");
        }
        try {
            URI uri = folder.toURI();
            if (uri.getScheme().equals("jar")) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return read(jar.getPath("/" + FOLDER));
            }
            return read(Path.of(uri).getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, DeviceKind> read(Path folder) throws IOException {
        var kinds = new LinkedHashMap<String, DeviceKind>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                DeviceKind kind = DeviceKind.read(FOLDER + "/" + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8));
                kinds.put(kind.name(), kind);
            }
        }
        return kinds;
    }
}
