package net.backup.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.backup.cli.CliRun;
import net.backup.lab.Lab;

/**
 * A lab plus the files one backup run needs: inventory, output directory, known_hosts. Tests start real
 * simulated devices with it and run the real command line against them.
 */
public final class LabRun implements AutoCloseable {
    private final Lab lab;
    private final Path dir;
    private final Path inventory;
    private final Path output;
    private final Path knownHosts;

    public LabRun(Lab lab, Path dir) throws IOException {
        this.lab = lab;
        this.dir = dir;
        this.inventory = dir.resolve("inventory.yaml");
        this.output = dir.resolve("configs");
        this.knownHosts = dir.resolve("known_hosts");
        lab.writeInventory(inventory);
    }

    public Lab lab() {
        return lab;
    }

    public Path inventory() {
        return inventory;
    }

    public Path output() {
        return output;
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public Path dir() {
        return dir;
    }

    /** Runs {@code backup} against this lab's inventory, output and known_hosts, plus {@code extra} options. */
    public CliRun backup(String... extra) {
        var args = new ArrayList<>(List.of("--inventory", inventory.toString(), "--output-dir", output.toString(),
                "--known-hosts", knownHosts.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The backup file of a device, byte for byte, as ISO-8859-1 so no byte is altered. */
    public String backupOf(String name) throws IOException {
        return new String(Files.readAllBytes(output.resolve(name + ".cfg")), StandardCharsets.ISO_8859_1);
    }

    public void writeBackup(String name, String content) throws IOException {
        Files.createDirectories(output);
        Files.writeString(output.resolve(name + ".cfg"), content, StandardCharsets.ISO_8859_1);
    }

    /** What the tool keeps in the output directory besides backups, on purpose. */
    private static final Set<String> BOOKKEEPING = Set.of(".backup.lock", ".git", ".gitignore");

    /** Every file in the output directory, hidden ones included (temp files must not survive), but bookkeeping. */
    public List<String> outputFiles() throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            return files.map(p -> p.getFileName().toString()).filter(name -> !BOOKKEEPING.contains(name)).sorted().toList();
        }
    }

    @Override
    public void close() {
        lab.close();
    }
}
