package net.backup.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.backup.cli.CliRun;
import net.backup.cli.ExitCodes;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates a valid inventory many ways and runs the real command on each: the tool never prints a stack
 * trace. Either it exits 2 with one line naming the problem, or it runs normally (exit 0 or 1).
 */
class InventoryFuzzTest {
    private static final int MUTANTS = 250;
    private static final String[] ODD_VALUES = {"[1, 2]", "{a: 1}", "~", "null", "-1", "99999999999", "0", "true",
        "\"\"", "!!binary aGVsbG8=", "&a x", "*a", "'unterminated", "\"\\x\"", "1e400", "..", "../x", "{", "- -"};

    @TempDir
    Path dir;

    @Test
    void aMutatedInventoryNeverCausesAStackTrace() throws IOException {
        try (Lab lab = Lab.start(Lab.healthyFleet("csr", 2), LabSettings.defaults())) {
            String valid = lab.inventoryYaml().replace("  platform: cisco_ios\n", """
                      platform: cisco_ios
                      command_timeout: 10s
                      connect_timeout: 10s
                      retries: 0
                    groups:
                      core: {username: ntc, port: 22}
                    """).replace("port: " + lab.port("csr1") + "}", "port: " + lab.port("csr1") + ", groups: [core]}");
            assertThat(runOn(valid.getBytes(StandardCharsets.UTF_8)).exitCode()).isEqualTo(ExitCodes.OK);

            var random = new Random(20261126);
            int usage = 0;
            int ran = 0;
            for (int i = 0; i < MUTANTS; i++) {
                byte[] mutant = mutate(valid, random);
                if (!safeToRun(mutant)) {
                    continue;
                }
                CliRun result = runOn(mutant);
                String shown = "mutant " + i + ":\n" + new String(mutant, StandardCharsets.UTF_8) + "\n---\n" + result.all();
                assertThat(result.exitCode()).as(shown).isIn(ExitCodes.OK, ExitCodes.SOME_FAILED, ExitCodes.USAGE);
                assertThat(result.all()).as(shown).doesNotContain("Exception", "\tat ", "internal error");
                if (result.exitCode() == ExitCodes.USAGE) {
                    usage++;
                    assertThat(result.err().lines().toList()).as(shown).hasSize(1)
                            .allMatch(line -> line.startsWith("backup: " + dir.resolve("inventory.yaml")));
                } else {
                    ran++;
                    assertThat(result.out()).as(shown).containsPattern("\\d+ devices?: \\d+ new, \\d+ changed, \\d+ unchanged, \\d+ failed");
                }
            }
            assertThat(usage).as("mutants refused").isGreaterThan(MUTANTS / 3);
            assertThat(ran).as("mutants that still ran").isGreaterThan(5);
        }
    }

    private CliRun runOn(byte[] inventory) throws IOException {
        Path file = Files.write(dir.resolve("inventory.yaml"), inventory);
        return CliRun.of("--inventory", file.toString(), "--output-dir", dir.resolve("configs").toString(),
                "--known-hosts", dir.resolve("known_hosts").toString(), "--deadline", "20s");
    }

    /**
     * A mutant that loads must still point only at 127.0.0.1: a changed byte could otherwise make the test
     * connect to some real address (or ask DNS about a name).
     */
    private static boolean safeToRun(byte[] mutant) throws IOException {
        Path probe = Files.createTempFile("fuzz", ".yaml");
        try {
            Files.write(probe, mutant);
            List<Device> devices = new InventoryLoader(name -> null).load(probe);
            return devices.stream().allMatch(device -> device.host().equals("127.0.0.1"));
        } catch (InventoryException refusedBeforeAnyConnection) {
            return true;
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static byte[] mutate(String valid, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(valid.split("\n", -1)));
        int line = random.nextInt(lines.size());
        switch (random.nextInt(7)) {
            case 0 -> lines.remove(line);
            case 1 -> lines.add(line, lines.get(random.nextInt(lines.size())));
            case 2 -> lines.set(line, lines.get(line).replaceFirst(":\\s*\\S.*$", ": " + ODD_VALUES[random.nextInt(ODD_VALUES.length)]));
            case 3 -> lines.set(line, " ".repeat(random.nextInt(5)) + lines.get(line).strip());
            case 4 -> {
                return truncated(String.join("\n", lines), random);
            }
            case 5 -> lines.set(line, lines.get(line).replace(':', random.nextBoolean() ? ' ' : '='));
            default -> {
                byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                return bytes;
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] truncated(String text, Random random) {
        return text.substring(0, random.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
    }
}
