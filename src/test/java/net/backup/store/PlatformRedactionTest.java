package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.lab.SimulatedDevice;
import net.backup.platform.Platform;
import net.backup.platform.PlatformFile;
import net.backup.platform.Platforms;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The secret forms of the built-in platforms other than IOS (IOS has RedactorTest), and lines to keep. */
class PlatformRedactionTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "arista_eos | enable password sha512 $6$abc$def                         | enable password sha512 ",
        "arista_eos | username admin privilege 15 secret sha512 $6$xyz$uvw      | username admin privilege 15 secret sha512 ",
        "arista_eos | snmp-server community s3cret ro                           | snmp-server community ",
        "arista_eos | tacacs-server host 192.0.2.49 key 7 070C285F4D06          | tacacs-server host 192.0.2.49 key 7 ",
        "arista_eos | '   neighbor 192.0.2.1 password 7 045802150C2E'           | '   neighbor 192.0.2.1 password 7 '",
        "cisco_nxos | username admin password 5 $5$ABCD$efgh role network-admin | username admin password 5 ",
        "cisco_nxos | snmp-server user admin network-admin auth md5 0x1234abcd priv 0x99 localizedkey | snmp-server user admin network-admin auth md5 ",
        "cisco_nxos | snmp-server community public group network-operator       | snmp-server community ",
        "cisco_nxos | tacacs-server key 7 \"wawy1234\"                           | tacacs-server key 7 ",
        "cisco_xr   | username admin secret 10 $6$abc$def                       | username admin secret 10 ",
        "cisco_xr   | snmp-server community s3cret RO                           | snmp-server community ",
        "cisco_xr   | ' key 7 0822455D0A16'                                     | ' key 7 '",
        "cisco_asa  | enable password 8Ry2YjIyt7RRXU24 encrypted                | enable password ",
        "cisco_asa  | username admin password Xh1Ks2p9 pbkdf2 privilege 15      | username admin password ",
        "cisco_asa  | snmp-server host inside 192.0.2.5 community s3cret version 2c | snmp-server host inside 192.0.2.5 community ",
        "cisco_asa  | ' key tacacsKey1'                                         | ' key '",
        "cisco_asa  | ' ikev1 pre-shared-key MyPsk123'                          | ' ikev1 pre-shared-key '"})
    void replacesEachSecretForm(String platformName, String line, String kept) throws IOException {
        Platform platform = Platforms.builtIn().find(platformName).orElseThrow();
        String secret = line.substring(kept.length()).strip().split(" ")[0].replace("\"", "");

        String redacted = Redactor.forDirectory(dir).redact(line, platform.secrets());

        assertThat(secret).isNotBlank();
        assertThat(redacted).startsWith(kept).contains("<redacted:").doesNotContain(secret);
    }

    /** The Dell platform file among the test resources, the one the README offers users, against the lab's Dell kind. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lab-platforms", "lab-platforms-keystroke"})
    void theDellPlatformFileRedactsEverySecretOfTheLabsDellSwitches(String folder) throws Exception {
        Path file = Path.of(PlatformRedactionTest.class.getResource("/" + folder + "/dell_powerconnect.yaml").toURI());
        Platform dell = PlatformFile.read(file).platform();
        try (Lab lab = Lab.start(List.of(new Lab.DeviceSpec("sw1", Set.of(), "dell_powerconnect")), LabSettings.defaults())) {
            SimulatedDevice device = lab.device("sw1");

            String redacted = Redactor.forDirectory(dir).redact(device.stableConfig(), dell.secrets());

            assertThat(device.secrets()).isNotEmpty();
            assertThat(device.secrets()).allSatisfy(secret -> assertThat(redacted).doesNotContain(secret));
            assertThat(redacted).contains("snmp-server community <redacted:", "hostname \"sw1\"");
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "'            encrypted-password \"$6$abc$def\";' | '            encrypted-password \"'",
        "'    authentication-key \"$9$AbCdEf\";'          | '    authentication-key \"'",
        "'    community public {'                           | '    community '"})
    void replacesEachJunosSecretForm(String line, String kept) throws IOException {
        Platform junos = Platforms.builtIn().find("juniper_junos").orElseThrow();
        String secret = line.substring(kept.length()).split("[\" ]")[0];

        String redacted = Redactor.forDirectory(dir).redact(line, junos.secrets());

        assertThat(secret).isNotBlank();
        assertThat(redacted).startsWith(kept).contains("<redacted:").doesNotContain(secret);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "arista_eos | hostname spine1",
        "arista_eos | ' description enable password policy is in the wiki'",
        "cisco_nxos | feature tacacs+",
        "cisco_nxos | ' description snmp-server community docs'",
        "juniper_junos | '        host-name edge1;'",
        "cisco_asa  | hostname fw1"})
    void leavesOrdinaryLinesAlone(String platformName, String line) throws IOException {
        Platform platform = Platforms.builtIn().find(platformName).orElseThrow();

        assertThat(Redactor.forDirectory(dir).redact(line, platform.secrets())).isEqualTo(line);
    }
}
