package net.backup.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.backup.platform.Platforms;
import net.backup.secret.Secret;
import net.backup.time.Durations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryLoaderTest {
    @TempDir
    Path dir;

    private final Map<String, String> environment = Map.of("CORE_PASS", "from-env", "EMPTY", "");

    private List<Device> load(String yaml) throws IOException {
        return new InventoryLoader(environment::get).load(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("inventory.yaml"), yaml);
    }

    private void assertError(String yaml, String expected) {
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InventoryException.class)
                .hasMessage(dir.resolve("inventory.yaml") + ":" + expected);
    }

    /** An ASA before 9.12 has an empty enable password: said in quotes, it is one; a key left empty is not. */
    @Test
    void anEnableSecretMayBeEmptyWhenWrittenInQuotes() throws IOException {
        assertThat(load("defaults: {username: u, password: p, enable_secret: \"\"}\ndevices: [{name: fw1}]\n").get(0).enableSecret())
                .contains(Secret.of(""));
        assertThat(load("defaults: {username: u, password: p, enable_secret: ''}\ndevices: [{name: fw1}]\n").get(0).enableSecret())
                .contains(Secret.of(""));
        assertError("defaults: {username: u, password: p, enable_secret: }\ndevices: [{name: fw1}]\n",
                "1:52: defaults.enable_secret: expected a value, got nothing");
        assertError("defaults: {username: u, password: \"\"}\ndevices: [{name: fw1}]\n",
                "1:35: defaults.password: expected a value, got nothing");
    }

    @Test
    void loadsTheClassicLabInventory() throws IOException {
        List<Device> devices = load("""
                defaults:
                  username: ntc
                  password: ntc123
                  enable_secret: ntc123
                devices:
                  - name: csr1
                  - name: csr2
                    host: 10.0.0.2
                    port: 2222
                """);

        assertThat(devices).extracting(Device::name).containsExactly("csr1", "csr2");
        Device csr1 = devices.get(0);
        assertThat(csr1.host()).isEqualTo("csr1");
        assertThat(csr1.port()).isEqualTo(22);
        assertThat(csr1.username()).isEqualTo("ntc");
        assertThat(csr1.password()).map(Secret::reveal).contains("ntc123");
        assertThat(csr1.enableSecret()).map(Secret::reveal).contains("ntc123");
        assertThat(csr1.platform()).isEqualTo(Platforms.CISCO_IOS);
        assertThat(csr1.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(csr1.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(devices.get(1).host()).isEqualTo("10.0.0.2");
        assertThat(devices.get(1).port()).isEqualTo(2222);
    }

    @Test
    void looksValuesUpInTheDeviceThenItsGroupsInOrderThenDefaults() throws IOException {
        List<Device> devices = load("""
                defaults:
                  username: ntc
                  password: ntc123
                  command_timeout: 30
                groups:
                  core: {username: admin, password_env: CORE_PASS, command_timeout: 5s}
                  slow: {command_timeout: 2m, connect_timeout: 500ms, username: slowuser}
                devices:
                  - {name: r1, groups: [core, slow]}
                  - {name: r2, groups: [slow, core]}
                  - {name: r3, groups: [core], username: me, password: mine}
                  - {name: r4}
                """);

        assertThat(devices).extracting(Device::username).containsExactly("admin", "slowuser", "me", "ntc");
        assertThat(devices).extracting(d -> d.password().orElseThrow().reveal())
                .containsExactly("from-env", "from-env", "mine", "ntc123");
        assertThat(devices).extracting(Device::commandTimeout).containsExactly(
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofSeconds(30));
        assertThat(devices.get(0).connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(devices.get(3).enableSecret()).isEqualTo(Optional.empty());
    }

    @Test
    void settingsAreShownAsWritten() {
        assertThat(Durations.setting(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(Durations.setting(Duration.ofMillis(500))).isEqualTo("500 ms");
        assertThat(Durations.setting(Duration.ofMinutes(2))).isEqualTo("120 s");
    }

    @Test
    void acceptsNumericPasswordsAsWritten() throws IOException {
        assertThat(load("defaults: {username: u, password: 0123}\ndevices: [{name: r1}]").get(0).password().orElseThrow().reveal())
                .isEqualTo("0123");
    }

    /** A value that starts with '*' on a line of its own: the parser named it as an alias, quoting it (the cold review). */
    @Test
    void aSecretReadAsAnAliasIsNeverQuoted() {
        assertThatThrownBy(() -> load("defaults:\n  username: u\n  password:\n    *Hunter2secret\ndevices: [{name: r1}]\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessageContaining("a value that starts with '*' must be quoted in YAML")
                .hasMessageNotContaining("Hunter2secret");
    }

    @Test
    void acceptsTheCiscoXeAlias() throws IOException {
        assertThat(load("defaults: {username: u, password: p, platform: cisco_xe}\ndevices: [{name: r1}]").get(0)
                .platform()).isEqualTo(Platforms.CISCO_IOS);
    }

    @Test
    void reportsMalformedYamlWithLineAndColumn() {
        assertError("devices:\n  - name: r1\n    host: 'unclosed\n", "4:1: malformed YAML: found unexpected end of stream");
    }

    /**
     * A '{' or '[' not closed: the parser gave up on the next line (its '{') or at the end of the file, and said
     * "expected ',' or '}', but got {" there (probe M). The line to fix is the one it opens on.
     */
    @Test
    void anUnclosedFlowMappingOrListIsNamedWhereItOpens() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - {name: r1, host: 10.0.0.1\n  - {name: r2}\n",
                "3:5: this '{' is never closed: is its '}' missing at the end of the line?");
        assertError("defaults: {username: u, password: p}\ndevices:\n  - {name: r1, host: 10.0.0.1\n",
                "3:5: this '{' is never closed: is its '}' missing at the end of the line?");
        assertError("devices:\n  - name: r1\n    host: [unclosed\n", "3:11: this '[' is never closed: is its ']' missing at the end of the line?");
        assertError("defaults: {username: u, password: p}\ndevices:\n  - {name: r1, host: 10.0.0.1",
                "3:5: this '{' is never closed: is its '}' missing at the end of the line?");
    }

    /** The same parser error on one line is a missing comma, not an unclosed '{' (the cold review). */
    @Test
    void aMissingCommaInsideBracesIsSaidAsSuch() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - {name: r1 host: 10.0.0.1}\n",
                "3:19: a ',' missing between two entries? inside '{ }' they are separated by commas");
        assertError("defaults: {username: u, password: p}\ndevices:\n  - {name: 'r1' host: 10.0.0.1}\n",
                "3:17: a ',' missing between two entries? inside '{ }' they are separated by commas");
    }

    /** snakeyaml said "found character '@' that cannot start any token. (Do not use @ for indentation)". */
    @Test
    void aValueThatStartsWithACharacterYamlReservesIsSaidToNeedQuotesWithoutShowingIt() {
        String quoted = " must be quoted in YAML: '...' or \"...\"";
        assertError("defaults:\n  username: u\n  password: @dm1n\ndevices: [{name: r1}]\n",
                "3:13: password: a value that starts with '@'" + quoted);
        assertError("defaults: {username: u, password: `pw}\ndevices: [{name: r1}]\n",
                "1:35: password: a value that starts with '`'" + quoted);
        assertError("defaults:\n  username: u\n  enable_secret: %enable\ndevices: [{name: r1}]\n",
                "3:18: enable_secret: a value that starts with '%'" + quoted);
        assertError("defaults:\n  username: u\n  password: *star\ndevices: [{name: r1}]\n",
                "3:13: password: a value that starts with '*'" + quoted);
        assertError("defaults:\n  username: u\n  password: - x\ndevices: [{name: r1}]\n",
                "3:13: password: a value that starts with '-'" + quoted);
        assertError("defaults:\n  username: u\n  password: ab: cd\ndevices: [{name: r1}]\n",
                "3:15: password: a value that holds ': '" + quoted);
        assertError("defaults:\n  username: u\n  password: 'it's'\ndevices: [{name: r1}]\n",
                "3:17: password: text after the closing quote: put the whole value in the quotes (inside '...', a quote "
                        + "is written twice: 'it''s')");
    }

    /** snakeyaml said "expected <block end>, but found '<block mapping start>'", naming no key. */
    @Test
    void aKeyOrListItemOutOfLineIsSaidWithTheLineAboveItIsNotLinedUpWith() {
        String rule = "; the keys of one mapping start in the same column, and the '-' of one list too (with spaces)";
        assertError("defaults:\n    username: u\n  password: p\ndevices: [{name: r1}]\n",
                "3:3: password: not lined up with 'username' on line 2 (column 5)" + rule);
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n  host: 10.0.0.1\n",
                "4:3: host: not lined up with 'name' on line 3 (column 5)" + rule);
        assertError("defaults:\n  username: u\n  commands:\n    - show run\n\n # why\n password: p\ndevices: [{name: r1}]\n",
                "7:2: password: not lined up with 'commands' on line 3 (column 3)" + rule);
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n    host: x\n   - name: r2\n",
                "5:4: this list item is not lined up with the '-' on line 3 (column 3)" + rule);
        assertError("defaults:\n  username: u\n   password: p\ndevices: [{name: r1}]\n",
                "3:12: password: indented deeper than 'username' on line 2, so YAML reads it as more of that value" + rule);
        assertError("defaults\n  username: u\ndevices: [{name: r1}]\n",
                "2:11: username: indented deeper than line 1, which holds no key (is its ':' missing?)" + rule);
        assertError("defaults:\n\tusername: u\ndevices: [{name: r1}]\n",
                "2:1: a tab, where YAML takes only spaces (to indent, and after a key's ':')");
    }

    @Test
    void reportsAnUnknownKeyAndSuggestsTheNearestKnownOne() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n    hots: 10.0.0.1\n",
                "4:5: devices[0].hots: unknown key (did you mean 'host'?)");
    }

    @Test
    void refusesAHostThatCannotNameADeviceWhereItIsWritten() {
        String top = "defaults: {username: u, password: p}\ndevices:\n  - name: r1\n    host: ";
        assertError(top + "'10.0.0.1:2222'\n", "4:11: devices[0].host: expected a host name or IP address, with the port "
                + "in 'port', got '10.0.0.1:2222'");
        assertError(top + "ssh://r1\n", "4:11: devices[0].host: expected a host name or IP address, got 'ssh://r1'");
        assertError(top + "core router\n", "4:11: devices[0].host: expected a host name or IP address, got 'core router'");
        assertError(top + "10.1\n", "4:11: devices[0].host: looks like an IPv4 address but is not one (four numbers "
                + "from 0 to 255, like 10.0.0.1), got '10.1'");
        assertError(top + "10.0.0.256\n", "4:11: devices[0].host: looks like an IPv4 address but is not one (four "
                + "numbers from 0 to 255, like 10.0.0.1), got '10.0.0.256'");
    }

    @Test
    void refusesANameUsedAsTheHostThatTheResolverWouldReadAsAnAddress() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: '12345'\n",
                "3:11: devices[0] (12345): no 'host', and the name is not one to connect to: looks like an IPv4 address "
                        + "but is not one (four numbers from 0 to 255, like 10.0.0.1); set 'host'");
    }

    @Test
    void acceptsNamesAndAddressesOfEveryKind() throws IOException {
        List<Device> devices = load("""
                defaults: {username: u, password: p}
                devices:
                  - {name: a, host: core-rtr_01.example.net.}
                  - {name: b, host: 10.0.0.1}
                  - {name: c, host: '2001:db8::1'}
                  - {name: d, host: '::ffff:10.0.0.1'}
                  - {name: 10.1.2.3}
                  - {name: 4sw}
                """);
        assertThat(devices).extracting(Device::host).containsExactly("core-rtr_01.example.net.", "10.0.0.1", "2001:db8::1",
                "::ffff:10.0.0.1", "10.1.2.3", "4sw");
    }

    @Test
    void reportsAnUnknownTopLevelKey() {
        assertError("device:\n  - name: r1\n",
                "1:1: device: unknown key (did you mean 'devices'?); the top level has defaults, groups, devices and platforms_dir");
    }

    @Test
    void reportsAWrongType() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n    port: twenty-two\n",
                "4:11: devices[0].port: expected a port number from 1 to 65535, got 'twenty-two'");
    }

    @Test
    void aQuotedNumberOrBooleanIsReadAsTheSameValueUnquoted() throws IOException {
        Device device = load("""
                defaults: {username: u, password: p, port: "2222", retries: '3', save: "false", redact: 'yes'}
                devices: [{name: r1, legacy_algorithms: "true"}]
                """).get(0);

        assertThat(device.port()).isEqualTo(2222);
        assertThat(device.retries()).isEqualTo(3);
        assertThat(device.save()).isFalse();
        assertThat(device.redact()).isTrue();
        assertThat(device.legacyAlgorithms()).isTrue();
    }

    @Test
    void aQuotedValueThatIsNotOneIsStillReportedWhereItStands() {
        assertError("defaults: {username: u, password: p, port: \"70000\"}\ndevices: [{name: r1}]\n",
                "1:44: defaults.port: expected a port number from 1 to 65535, got '70000'");
        assertError("defaults: {username: u, password: p, save: \"maybe\"}\ndevices: [{name: r1}]\n",
                "1:44: defaults.save: expected true or false, got 'maybe'");
        assertError("defaults: {username: u, password: p, retries: \"eleven\"}\ndevices: [{name: r1}]\n",
                "1:47: defaults.retries: expected a number of retries from 0 to 10, got 'eleven'");
    }

    @Test
    void reportsAPortOutOfRange() {
        assertError("defaults: {username: u, password: p, port: 70000}\ndevices: [{name: r1}]\n",
                "1:44: defaults.port: expected a port number from 1 to 65535, got '70000'");
    }

    @Test
    void reportsAListWhereAValueBelongs() {
        assertError("defaults: {username: [a, b], password: p}\ndevices: [{name: r1}]\n",
                "1:22: defaults.username: expected a value, got a list");
    }

    @Test
    void theTotalBoundsAndTheOutputCapHaveGenerousDefaultsAndFollowTheSameLookup() throws IOException {
        List<Device> devices = load("""
                defaults:
                  username: ntc
                  password: ntc123
                  device_deadline: 20m
                groups:
                  big: {max_output: 64MiB, command_deadline: 15m}
                devices:
                  - {name: r1}
                  - {name: r2, groups: [big], max_output: 512KiB, device_deadline: 45m}
                """);

        assertThat(devices).extracting(Device::commandDeadline).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(15));
        assertThat(devices).extracting(Device::deviceDeadline).containsExactly(Duration.ofMinutes(20), Duration.ofMinutes(45));
        assertThat(devices).extracting(Device::maxOutput).containsExactly(16L * 1024 * 1024, 512L * 1024);
    }

    @Test
    void reportsABadSizeOrDeadline() {
        assertError("defaults: {username: u, password: p, max_output: lots}\ndevices: [{name: r1}]\n",
                "1:50: defaults.max_output: 'lots' is not a size (examples: 16MiB, 512KiB, 1GiB)");
        assertError("defaults: {username: u, password: p, max_output: 100}\ndevices: [{name: r1}]\n",
                "1:50: defaults.max_output: '100' must be from 1 KiB to 1 GiB");
        assertError("defaults: {username: u, password: p, device_deadline: 0}\ndevices: [{name: r1}]\n",
                "1:55: defaults.device_deadline: '0' must be more than 0 and at most 24 hours");
    }

    @Test
    void durationsTakeHoursAndDecimals() throws IOException {
        Device device = load("""
                defaults: {username: u, password: p, command_timeout: 1.5m, connect_timeout: 2.5, device_deadline: 1h}
                devices: [{name: r1, command_deadline: 0.5h}]
                """).get(0);

        assertThat(device.commandTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(device.connectTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(device.deviceDeadline()).isEqualTo(Duration.ofHours(1));
        assertThat(device.commandDeadline()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void reportsABadTimeout() {
        assertError("defaults: {username: u, password: p, command_timeout: soon}\ndevices: [{name: r1}]\n",
                "1:55: defaults.command_timeout: 'soon' is not a duration (examples: 30, 30s, 2.5s, 250ms, 2m, 1.5m, 1h)");
    }

    @Test
    void reportsAMissingName() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - host: 10.0.0.1\n",
                "3:5: devices[0].name: missing: every device needs a name");
    }

    @Test
    void reportsDuplicateNamesWithTheFirstLine() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n  - name: r2\n  - name: r1\n",
                "5:11: devices[2].name: duplicate device name 'r1' (first used at line 3)");
    }

    @Test
    void reportsNamesThatDifferOnlyInCaseQuotingTheFirstAsWritten() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n  - name: r2\n  - name: R1\n",
                "5:11: devices[2].name: duplicate device name 'R1': line 3 has 'r1', and names that differ only in case "
                        + "are the same (they would share a file on a case-insensitive file system)");
    }

    @Test
    void reportsANameThatIsNotASafeFileName() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: ../../etc/passwd\n",
                "3:11: devices[0].name: '../../etc/passwd' is not a safe file name: use letters, digits, '.', '_' and '-', not starting with '.', at most 128");
    }

    /** The limit is said: a name of 129 characters was told only to use letters and digits (probe I). */
    @Test
    void reportsANameTooLongForAFileNamingTheLimit() {
        String name = "r".repeat(129);
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: " + name + "\n",
                "3:11: devices[0].name: '" + name + "' is not a safe file name: use letters, digits, '.', '_' and '-', "
                        + "not starting with '.', at most 128");
    }

    @Test
    void reportsAHiddenFileName() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: .r1\n",
                "3:11: devices[0].name: '.r1' is not a safe file name: use letters, digits, '.', '_' and '-', not starting with '.', at most 128");
    }

    @Test
    void reportsAnUnknownPlatform() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - {name: r1, platform: cisco_iso}\n",
                "3:26: devices[0].platform: unknown platform 'cisco_iso' (did you mean 'cisco_ios'?); known: arista_eos, cisco_asa, cisco_ios, cisco_nxos, cisco_xr, juniper_junos");
    }

    @Test
    void reportsAnUnknownGroup() {
        assertError("defaults: {username: u, password: p}\ngroups:\n  core: {}\ndevices:\n  - {name: r1, groups: [croe]}\n",
                "5:24: devices[0].groups: unknown group 'croe' (did you mean 'core'?)");
    }

    @Test
    void reportsNoDevices() {
        assertError("defaults: {username: u, password: p}\ndevices: []\n", "2:10: devices: no devices listed");
    }

    @Test
    void reportsAMissingDevicesList() {
        assertError("defaults: {username: u, password: p}\n", "1:1: devices: missing: list the devices under 'devices:'");
    }

    @Test
    void reportsAnEmptyFile() {
        assertThatThrownBy(() -> load("# nothing yet\n")).hasMessage(
                dir.resolve("inventory.yaml") + ": the file is empty: it needs a 'devices:' list");
    }

    @Test
    void reportsMissingCredentials() {
        assertError("defaults: {username: u}\ndevices:\n  - name: r1\n",
                "3:11: devices[0] (r1): no password: set 'password', 'password_env', 'password_file' or 'key_file' in the device, one of its groups or defaults (or use --ask-pass)");
        assertError("defaults: {password: p}\ndevices:\n  - name: r1\n",
                "3:11: devices[0] (r1): no username: set 'username' in the device, one of its groups or defaults");
    }

    @Test
    void reportsAnUnsetEnvironmentVariableWhereItIsNamed() {
        assertError("defaults: {username: u, password_env: NOT_SET_ANYWHERE}\ndevices: [{name: r1}]\n",
                "1:39: defaults.password_env: environment variable NOT_SET_ANYWHERE is not set");
        assertError("defaults: {username: u, password: p, enable_secret_env: EMPTY}\ndevices: [{name: r1}]\n",
                "1:57: defaults.enable_secret_env: environment variable EMPTY is set but empty");
    }

    @Test
    void reportsBothALiteralAndAnEnvironmentPassword() {
        assertError("defaults: {username: u, password: p, password_env: CORE_PASS}\ndevices: [{name: r1}]\n",
                "1:52: defaults.password_env: set only one of password, password_env, password_file");
    }

    @Test
    void reportsAKeyWrittenTwice() {
        assertError("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n    port: 22\n    port: 23\n",
                "5:5: devices[0].port: written twice in the same mapping");
    }

    @Test
    void refusesYamlTagsThatWouldConstructObjects() {
        assertError("defaults: {username: !!java.net.URL [\"http://x\"], password: p}\ndevices: [{name: r1}]\n",
                "1:22: malformed YAML: Global tag is not allowed: tag:yaml.org,2002:java.net.URL");
        assertError("defaults: {username: !secret u, password: p}\ndevices: [{name: r1}]\n",
                "1:22: defaults.username: expected a value, got the unsupported tag !secret ('!' starts one in YAML; "
                        + "put a value that starts with '!' in quotes)");
    }

    /** A password such as ~, null or &x1 is something else to YAML, and was reported as "got nothing". */
    @Test
    void aSecretYamlReadsAsNullOrAnAnchorIsSaidSoWithTheAdviceToQuoteIt() {
        String asNull = "YAML's null (a bare ~ or null means no value; put it in quotes if it is the value itself)";
        assertError("defaults: {username: u, password: p, enable_secret: ~}\ndevices: [{name: r1}]\n",
                "1:53: defaults.enable_secret: expected a value, got " + asNull);
        assertError("defaults: {username: u}\ndevices:\n  - name: r1\n    password: null\n",
                "4:15: devices[0].password: expected a value, got " + asNull);
        assertError("defaults: {username: u, password: &x1}\ndevices: [{name: r1}]\n",
                "1:35: defaults.password: expected a value, got only an anchor ('&' starts one in YAML; put a value that "
                        + "starts with '&' in quotes)");
        assertThat(catchThrowable(() -> load("defaults: {username: u, password: p, enable_secret: 'NULL'}\n"
                + "devices: [{name: r1}]\n"))).as("quoted, it is the text").isNull();
    }

    @Test
    void reportsAMissingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> InventoryLoader.withSystemEnvironment().load(missing))
                .hasMessage(missing + ": file not found");
    }

    /** Run from another folder (cron starts in the home directory), the default inventory.yaml is not found. */
    @Test
    void aMissingFileNamedRelativelyIsSaidWithWhereItWasLookedForAndHowToNameIt() {
        Path relative = Path.of("no-such-" + dir.getFileName() + ".yaml");
        assertThatThrownBy(() -> InventoryLoader.withSystemEnvironment().load(relative))
                .hasMessage(relative + ": file not found (looked for " + relative.toAbsolutePath()
                        + ", relative to the current directory); give the inventory's path with -i FILE");
    }

    @Test
    void reportsAFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("inventory.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        assertThatThrownBy(() -> InventoryLoader.withSystemEnvironment().load(file))
                .hasMessage(file + ": not UTF-8 text");
    }

    @Test
    void readsSecretsFromTheFirstLineOfFilesNamedRelativeToTheInventory() throws IOException {
        Files.writeString(dir.resolve("pw"), "from-file\nsecond line\n");
        Files.writeString(dir.resolve("en"), "enable-from-file");

        Device device = load("defaults: {username: u, password_file: pw, enable_secret_file: en}\ndevices: [{name: r1}]").get(0);

        assertThat(device.password()).map(Secret::reveal).contains("from-file");
        assertThat(device.enableSecret()).map(Secret::reveal).contains("enable-from-file");
    }

    @Test
    void reportsAnUnreadableSecretFile() {
        assertError("defaults: {username: u, password_file: missing.txt}\ndevices: [{name: r1}]\n",
                "1:40: defaults.password_file: cannot read " + dir.resolve("missing.txt") + ": no such file or directory");
    }

    @Test
    void refusesASecretFileThatIsNotARegularFile() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Files.createDirectory(dir.resolve("folder"));

        assertError("defaults: {username: u, password_file: fifo}\ndevices: [{name: r1}]\n",
                "1:40: defaults.password_file: " + fifo + " is a FIFO, not a regular file");
        assertError("defaults: {username: u, password: p, enable_secret_file: /dev/zero}\ndevices: [{name: r1}]\n",
                "1:58: defaults.enable_secret_file: /dev/zero is a character device, not a regular file");
        assertError("defaults: {username: u, password_file: folder}\ndevices: [{name: r1}]\n",
                "1:40: defaults.password_file: " + dir.resolve("folder") + " is a directory, not a regular file");
    }

    @Test
    void refusesASecretFileLargerThan64KiB() throws IOException {
        Files.write(dir.resolve("big"), new byte[64 * 1024 + 1]);

        assertError("defaults: {username: u, password_file: big}\ndevices: [{name: r1}]\n",
                "1:40: defaults.password_file: " + dir.resolve("big") + " is larger than the 64 KiB such a file may have");
    }

    @Test
    void readsASecretFileThroughALinkAndUpToItsFirstLineEnd() throws IOException {
        Files.writeString(dir.resolve("real"), "from-link\r\nsecond line\n");
        Files.createSymbolicLink(dir.resolve("pw"), dir.resolve("real"));

        Device device = load("defaults: {username: u, password_file: pw}\ndevices: [{name: r1}]").get(0);

        assertThat(device.password()).map(Secret::reveal).contains("from-link");
    }

    @Test
    void refusesAKeyFileThatIsNotARegularFileOrTooLarge() throws Exception {
        Path fifo = dir.resolve("key-fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Files.write(dir.resolve("huge-key"), new byte[1024 * 1024 + 1]);

        assertError("defaults: {username: u, key_file: key-fifo}\ndevices: [{name: r1}]\n",
                "1:35: defaults.key_file: " + fifo + " is a FIFO, not a regular file");
        assertError("defaults: {username: u, key_file: /dev/zero}\ndevices: [{name: r1}]\n",
                "1:35: defaults.key_file: /dev/zero is a character device, not a regular file");
        assertError("defaults: {username: u, key_file: huge-key}\ndevices: [{name: r1}]\n",
                "1:35: defaults.key_file: " + dir.resolve("huge-key") + " is larger than the 1 MiB such a file may have");
    }

    @Test
    void aKeyFileIsEnoughWithoutAPassword() throws IOException {
        Files.writeString(dir.resolve("id_ed25519"), "not really a key, but readable");

        Device device = load("defaults: {username: u, key_file: id_ed25519, key_passphrase_env: CORE_PASS}\n"
                + "devices: [{name: r1}]").get(0);

        assertThat(device.keyFile()).contains(dir.resolve("id_ed25519"));
        assertThat(device.keyPassphrase()).map(Secret::reveal).contains("from-env");
        assertThat(device.password()).isEmpty();
    }

    @Test
    void reportsAMissingKeyFile() {
        assertError("defaults: {username: u, key_file: nope}\ndevices: [{name: r1}]\n",
                "1:35: defaults.key_file: cannot read the key file " + dir.resolve("nope") + ": no such file or directory");
    }

    @Test
    void readsRetriesAndLegacyAlgorithmsWithTheirDefaults() throws IOException {
        List<Device> devices = load("defaults: {username: u, password: p}\ndevices:\n"
                + "  - {name: r1, retries: 0, legacy_algorithms: true}\n  - {name: r2}\n");

        assertThat(devices).extracting(Device::retries).containsExactly(0, 2);
        assertThat(devices).extracting(Device::legacyAlgorithms).containsExactly(true, false);
    }

    @Test
    void reportsBadRetriesAndLegacyAlgorithms() {
        assertError("defaults: {username: u, password: p, retries: 50}\ndevices: [{name: r1}]\n",
                "1:47: defaults.retries: expected a number of retries from 0 to 10, got '50'");
        assertError("defaults: {username: u, password: p, legacy_algorithms: maybe}\ndevices: [{name: r1}]\n",
                "1:57: defaults.legacy_algorithms: expected true or false, got 'maybe'");
    }

    @Test
    void warnsAboutALiteralPasswordOnlyWhenOthersCanReadTheFile() throws IOException {
        Path file = write("defaults: {username: u, password: p}\ndevices: [{name: r1}]\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(new InventoryLoader(environment::get).loadWithWarnings(file).warnings()).singleElement()
                .asString().contains("holds a password in clear text and others can read it (rw-r-----): chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThat(new InventoryLoader(environment::get).loadWithWarnings(file).warnings()).isEmpty();

        Path fromEnv = write("defaults: {username: u, password_env: CORE_PASS}\ndevices: [{name: r1}]\n");
        Files.setPosixFilePermissions(fromEnv, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new InventoryLoader(environment::get).loadWithWarnings(fromEnv).warnings()).isEmpty();
    }

    /** A file holding only an enable secret was said to hold "a password", and pointed to password_env. */
    @Test
    void theWarningNamesTheKindsOfSecretTheFileHoldsAndTheirOtherForms() throws IOException {
        Path enableOnly = write("defaults: {username: u, password_env: CORE_PASS, enable_secret: s}\ndevices: [{name: r1}]\n");
        Files.setPosixFilePermissions(enableOnly, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new InventoryLoader(environment::get).loadWithWarnings(enableOnly).warnings()).containsExactly(
                enableOnly + " holds an enable secret in clear text and others can read it (rw-r--r--): chmod 600 "
                        + enableOnly + ", or use enable_secret_env or enable_secret_file");

        Path all = write("defaults: {username: u, password: p, enable_secret: s}\n"
                + "devices: [{name: r1, key_file: inventory.yaml, key_passphrase: k}]\n");
        Files.setPosixFilePermissions(all, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(new InventoryLoader(environment::get).loadWithWarnings(all).warnings()).containsExactly(
                all + " holds a password, an enable secret and a key passphrase in clear text and others can read it "
                        + "(rw-r--r--): chmod 600 " + all + ", or use password_env or password_file, and enable_secret_env "
                        + "or enable_secret_file, and key_passphrase_env or key_passphrase_file");
    }

    /**
     * A port copied and not changed made core-r4 back up r3: its file held r3's configuration, exit 0, and core-r4 went
     * unsaved (probe M). Another user or other commands on one address are two views of one device: not said.
     */
    @Test
    void warnsAboutTwoEntriesThatBackUpOneDevice() throws IOException {
        Path file = write("defaults: {username: u, password_env: CORE_PASS}\ndevices:\n"
                + "  - {name: r3, host: 10.0.0.3, port: 2203}\n"
                + "  - {name: core-r4, host: 10.0.0.3, port: 2203}\n"
                + "  - {name: r3-audit, host: 10.0.0.3, port: 2203, username: auditor}\n"
                + "  - {name: r3-startup, host: 10.0.0.3, port: 2203, commands: [show startup-config]}\n"
                + "  - {name: r3-other-port, host: 10.0.0.3, port: 2204}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(new InventoryLoader(environment::get).loadWithWarnings(file).warnings()).containsExactly(
                file + ":4:12: core-r4 backs up the same device as r3 (line 3): 10.0.0.3 port 2203, the same user and commands;"
                        + " both files would hold whatever answers there (a host or port copied and not changed?)");
    }

    @Test
    void theAskedPasswordFillsInOnlyWhereTheInventoryHasNone() throws IOException {
        var loader = new InventoryLoader(environment::get, Optional.of(Secret.of("typed")));

        List<Device> devices = loader.load(write("defaults: {username: u}\ndevices:\n  - {name: r1}\n  - {name: r2, password: own}\n"));

        assertThat(devices).extracting(d -> d.password().orElseThrow().reveal()).containsExactly("typed", "own");
    }

    @Test
    void readsSaveAndCommandsWithThePlatformsAsDefaults() throws IOException {
        List<Device> devices = load("defaults: {username: u, password: p}\ndevices:\n"
                + "  - {name: r1, save: false, commands: [show version, show running-config]}\n  - {name: r2}\n");

        assertThat(devices).extracting(Device::save).containsExactly(false, true);
        assertThat(devices.get(0).backupCommands()).containsExactly("show version", "show running-config");
        assertThat(devices.get(1).backupCommands()).isEqualTo(Platforms.CISCO_IOS.backupCommands());
    }

    @Test
    void reportsBadCommands() {
        assertError("defaults: {username: u, password: p, commands: []}\ndevices: [{name: r1}]\n",
                "1:48: defaults.commands: the list is empty; leave 'commands' out to use the platform's");
        assertError("defaults: {username: u, password: p, commands: show run}\ndevices: [{name: r1}]\n",
                "1:48: defaults.commands: expected a list of commands, like [show running-config]");
    }

    @Test
    void secretsNeverShowInToString() throws IOException {
        Device device = load("defaults: {username: u, password: hunter2, enable_secret: s3cret}\ndevices: [{name: r1}]").get(0);

        assertThat(device.toString()).doesNotContain("hunter2", "s3cret").contains("******");
    }
}
