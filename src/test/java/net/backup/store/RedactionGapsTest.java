package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.backup.platform.Platform;
import net.backup.platform.Platforms;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secret forms probe H found stored in clear under --redact, and a trailing blank that kept a covered one in clear. */
class RedactionGapsTest {
    @TempDir
    Path dir;

    /** Keywords and names where a secret could stand are no secrets: the line is stored as it is. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "mpls ldp password option 5 for 10 key-chain LDPCHAIN",
        " cts sxp connection peer 10.1.1.1 password default mode local",
        " cts sxp connection peer 10.1.1.2 password none mode local",
    })
    void aLineWithoutASecretIsStoredAsItIs(String line) throws Exception {
        String config = "!\n" + line + "\n!\nend\n";
        assertThat(Redactor.forDirectory(dir).redact(config, Platforms.CISCO_IOS.secrets())).isEqualTo(config);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "cisco_ios | ' ip nhrp authentication NhrpS3cr' | NhrpS3cr",
        "cisco_ios | ' glbp 10 authentication text GlbpS3cr' | GlbpS3cr",
        "cisco_ios | ' glbp 10 authentication md5 key-string 7 0822455D0A16' | 0822455D0A16",
        "cisco_ios | 'mpls ldp neighbor 10.0.0.2 password 7 1511021F0725' | 1511021F0725",
        "cisco_ios | 'mpls ldp password fallback 7 0802455D0A1641' | 0802455D0A1641",
        "cisco_ios | ' ipv6 ospf authentication ipsec spi 500 md5 1234567890ABCDEF1234567890ABCDEF' | 1234567890ABCDEF1234567890ABCDEF",
        "cisco_ios | ' ospfv3 authentication ipsec spi 256 sha1 0 FEDCBA9876543210FEDCBA9876543210FEDCBA98' | FEDCBA9876543210FEDCBA9876543210FEDCBA98",
        "cisco_ios | 'cts sxp default password 7 0835495D1D' | 0835495D1D",
        "cisco_ios | ' path scp://backup:ArchiveS3cr@10.0.0.9/configs/$h' | ArchiveS3cr",
        "cisco_ios | ' path scp://backup:p@ssS3cr@10.0.0.9/configs/$h' | p@ssS3cr",
        "cisco_ios | ' ipv6 nhrp authentication Nhrp6S3cr' | Nhrp6S3cr",
        "cisco_ios | ' area 1 authentication ipsec spi 500 md5 1234567890ABCDEF1234567890ABCDEF' | 1234567890ABCDEF1234567890ABCDEF",
        "arista_eos | '   ip ospf message-digest-key 1 sha256 7 Ohq5YvQVZC8=' | Ohq5YvQVZC8=",
        "arista_eos | '   isis authentication key 7 0O2hLkGvDxw=' | 0O2hLkGvDxw=",
        // left in clear by the rules before (the third cold review): router-level IS-IS keys, type 8a, OSPFv3 encryption
        "arista_eos | '   authentication key 7 0O2hLkGvDxw= level-2' | 0O2hLkGvDxw=",
        "arista_eos | '   isis authentication key 8a Qk1uS2V5MTIzNDU2Nzg= level-1' | Qk1uS2V5MTIzNDU2Nzg=",
        "arista_eos | '   ip ospf authentication-key 8a Qk1uS2V5MTIzNDU2Nzg=' | Qk1uS2V5MTIzNDU2Nzg=",
        "arista_eos | '   neighbor 10.0.0.2 password 8a Qk1uS2V5MTIzNDU2Nzg=' | Qk1uS2V5MTIzNDU2Nzg=",
        "cisco_ios | ' ipv6 ospf encryption ipsec spi 1001 esp null sha1 123456789A123456789B123456789C123456789D' | 123456789A123456789B123456789C123456789D",
        "cisco_ios | ' area 1 encryption ipsec spi 500 esp null md5 1AAA2BBB3CCC4DDD5EEE6FFF7AAA8BBB' | 1AAA2BBB3CCC4DDD5EEE6FFF7AAA8BBB",
        // a covered form with a blank or a tab after its secret
        "cisco_ios | 'enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkO ' | $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkO",
        "cisco_ios | ' password 7 0822455D0A16 ' | 0822455D0A16",
        "cisco_ios | ' neighbor 10.0.0.2 password 7 1511021F0725\t' | 1511021F0725",
        "cisco_ios | '  key-string 7 104D000A0618 ' | 104D000A0618",
    })
    void theSecretIsRedactedAndTheRestOfTheLineKept(String platformName, String line, String secret) throws Exception {
        Platform platform = Platforms.builtIn().find(platformName).orElseThrow();

        String stored = Redactor.forDirectory(dir).redact("!\n" + line + "\n!\nend\n", platform.secrets());

        assertThat(stored).doesNotContain(secret).contains("<redacted:");
        String redactedLine = stored.lines().filter(l -> l.contains("<redacted:")).findFirst().orElseThrow();
        int at = line.indexOf(secret);
        assertThat(redactedLine).startsWith(line.substring(0, at)).endsWith(line.substring(at + secret.length()));
    }

    /** OSPFv3 with encryption carries two keys on one line: both are redacted, the words around them kept. */
    @org.junit.jupiter.api.Test
    void bothKeysOfAnOspfv3EncryptionLineAreRedacted() throws Exception {
        String enc = "0123456789ABCDEF0123456789ABCDEF";
        String auth = "FEDCBA9876543210FEDCBA9876543210FEDCBA98";
        String line = " ospfv3 encryption ipsec spi 256 esp aes-cbc 128 0 " + enc + " sha1 0 " + auth;

        String stored = Redactor.forDirectory(dir).redact("!\n" + line + "\n!\nend\n", Platforms.CISCO_IOS.secrets());

        assertThat(stored).doesNotContain(enc).doesNotContain(auth)
                .containsPattern(" ospfv3 encryption ipsec spi 256 esp aes-cbc 128 0 <redacted:[^>]+> sha1 0 <redacted:[^>]+>\n");
    }
}
