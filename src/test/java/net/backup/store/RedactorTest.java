package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.backup.platform.Platforms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactorTest {
    @TempDir
    Path dir;

    private String redact(String line) throws IOException {
        return Redactor.forDirectory(dir).redact(line, Platforms.CISCO_IOS.secrets());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "enable secret 9 $9$abcdefghijkl$mnopqrstuvwx          | enable secret 9 ",
        "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0         | enable secret 5 ",
        "enable password 7 0822455D0A16                         | enable password 7 ",
        "enable password level 15 plaintext                     | enable password level 15 ",
        "username admin privilege 15 secret 9 $9$2MJBozw/9Rgu | username admin privilege 15 secret 9 ",
        "username ntc password 7 02050D480809                   | username ntc password 7 ",
        "snmp-server community s3cr3tRO RO 10                   | snmp-server community ",
        "tacacs-server key 7 0802455D0A16544541                 | tacacs-server key 7 ",
        "tacacs-server host 192.0.2.49 key 7 0802455D0A16       | tacacs-server host 192.0.2.49 key 7 ",
        "radius-server key plainkey                             | radius-server key ",
        "' key 7 0802455D0A16544541' | ' key 7 '",
        "' pac key 7 0802455D0A16544541' | ' pac key 7 '",
        "'  key-string 7 070C285F4D06' | '  key-string 7 '",
        "crypto isakmp key MyPreShared address 203.0.113.9      | crypto isakmp key ",
        "' wpa-psk ascii 7 0822455D0A165445415F' | ' wpa-psk ascii 7 '",
        "' ip ospf authentication-key 7 045802150C2E' | ' ip ospf authentication-key 7 '",
        "' ip ospf message-digest-key 1 md5 7 045802150C2E' | ' ip ospf message-digest-key 1 md5 7 '",
        "' neighbor 192.0.2.1 password 7 045802150C2E' | ' neighbor 192.0.2.1 password 7 '"})
    void replacesEachFormOfSecretWithAMarker(String line, String kept) throws IOException {
        String redacted = redact(line);

        assertThat(redacted).startsWith(kept).matches(".*<redacted:[0-9a-f]{8}>.*");
        String secret = line.substring(kept.length()).strip().split(" ")[0];
        assertThat(secret).isNotBlank();
        assertThat(redacted).doesNotContain(secret);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hostname csr1",
        "' description enable secret 5 is documented in the wiki'",
        "key chain OSPF-KEYS",
        "' key 1'",
        "interface GigabitEthernet1/0/1",
        "snmp-server location Rack 4",
        "ip access-list extended ACL-KEY",
        "banner motd ^C"})
    void leavesOrdinaryLinesAlone(String line) throws IOException {
        assertThat(redact(line)).isEqualTo(line);
    }

    @Test
    void theSameSecretGetsTheSameMarkerAndAnotherSecretAnother() throws IOException {
        String first = redact("snmp-server community alpha RO");
        String again = Redactor.forDirectory(dir).redact("snmp-server community alpha RO", Platforms.CISCO_IOS.secrets());
        String other = redact("snmp-server community beta RO");

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theKeyStaysWithTheOutputDirectoryForItsOwnerOnly() throws IOException {
        String here = redact("snmp-server community alpha RO");
        Path elsewhere = Files.createDirectory(dir.resolve("other"));

        String there = Redactor.forDirectory(elsewhere).redact("snmp-server community alpha RO", Platforms.CISCO_IOS.secrets());

        assertThat(there).as("another directory, another key").isNotEqualTo(here);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(".redact-key"))))
                .isEqualTo("rw-------");
    }

    /** A key cut short or damaged by hand is refused, with the way out: an empty or one-byte key is no secret. */
    @ParameterizedTest
    @CsvSource(value = {"''", "ab", "not hex at all", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"})
    void aKeyThatIsNotOneIsRefusedWithTheWayOut(String content) throws IOException {
        Files.writeString(dir.resolve(".redact-key"), content);

        assertThatThrownBy(() -> Redactor.forDirectory(dir)).isInstanceOf(Redactor.UnusableKeyException.class)
                .hasMessage(dir.resolve(".redact-key") + " is not a redaction key (64 hex digits); remove it to make a new "
                        + "one (the markers in the backups then change, once)");
    }

    @Test
    void aKeyAsTheToolWritesItIsRead() throws IOException {
        Files.writeString(dir.resolve(".redact-key"), "0123456789abcdef".repeat(4) + "\n");

        assertThat(Redactor.forDirectory(dir).redact("snmp-server community alpha RO", Platforms.CISCO_IOS.secrets()))
                .matches("snmp-server community <redacted:[0-9a-f]{8}> RO");
    }
}
