package net.backup.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts lines as OpenSSH writes them, checked without a network: the verifier is called directly. */
class KnownHostsFileTest {
    @TempDir
    Path dir;

    private static KeyPair newKey() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("EC").generateKeyPair();
    }

    private static String line(String hostPart, KeyPair key) {
        return hostPart + " " + PublicKeyEntry.toString(key.getPublic());
    }

    /** {@code ssh-keygen -H}: {@code |1|base64(salt)|base64(HMAC-SHA1(salt, host))}. */
    private static String hashed(String hostPart) throws GeneralSecurityException {
        byte[] salt = new byte[20];
        new Random(1).nextBytes(salt);
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(salt, "HmacSHA1"));
        byte[] hash = mac.doFinal(hostPart.getBytes(StandardCharsets.UTF_8));
        return "|1|" + Base64.getEncoder().encodeToString(salt) + "|" + Base64.getEncoder().encodeToString(hash);
    }

    private KnownHosts.Check verify(Path file, HostKeyPolicy policy, String host, int port, KeyPair key) throws IOException {
        KnownHosts.Check check = new KnownHosts(file, policy).check();
        check.verify(host, port, key.getPublic());
        return check;
    }

    @Test
    void aDirectoryGivenAsKnownHostsIsSaidToBeOne() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("hosts"));

        assertThatThrownBy(() -> new KnownHosts(folder, HostKeyPolicy.STRICT)).isInstanceOf(IOException.class)
                .hasMessage("the known_hosts file " + folder + " is a directory");
    }

    @Test
    void aHashedEntryIsMatchedLikeAPlainOne() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line(hashed("[10.0.0.1]:2222"), key) + "\n");

        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 2222, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 2222, newKey()).outcome())
                .isEqualTo(KnownHosts.Outcome.CHANGED);
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.2", 2222, key).outcome()).isEqualTo(KnownHosts.Outcome.UNKNOWN);
    }

    /**
     * A port other than 22 is a host of its own; as ssh 9.2 does, a key found for the bare host is taken when
     * nothing is on record for {@code [host]:port} (a device whose SSH moved off port 22), and another key there
     * makes it no changed host, only an unknown one.
     */
    @Test
    void aPortOtherThan22IsAHostOfItsOwnThatTheBareHostsKeyVouchesFor() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line("10.0.0.1", key) + "\n");

        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 2222, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 2222, newKey()).outcome()).isEqualTo(KnownHosts.Outcome.UNKNOWN);
        Files.writeString(file, line("[10.0.0.1]:2222", newKey()) + "\n", StandardOpenOption.APPEND);
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 2222, key).outcome()).as("its own line first")
                .isEqualTo(KnownHosts.Outcome.CHANGED);
    }

    @Test
    void aWildcardPatternCoversTheHostsItNames() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line("*.lab.example", key) + "\n");

        assertThat(verify(file, HostKeyPolicy.STRICT, "csr1.lab.example", 22, key).outcome())
                .isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "csr1.other.example", 22, key).outcome())
                .isEqualTo(KnownHosts.Outcome.UNKNOWN);
    }

    @Test
    void aRecordedKeyGoesIntoAnOwnerOnlyFileAsOpenSshWritesIt() throws Exception {
        KeyPair key = newKey();
        Path file = dir.resolve("ssh").resolve("known_hosts");

        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "CSR1.lab", 22, key).outcome())
                .isEqualTo(KnownHosts.Outcome.RECORDED);
        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "10.0.0.1", 830, key).outcome())
                .isEqualTo(KnownHosts.Outcome.RECORDED);

        assertThat(Files.readAllLines(file)).containsExactly(line("csr1.lab", key), line("[10.0.0.1]:830", key));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(verify(file, HostKeyPolicy.STRICT, "csr1.lab", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
    }

    /** A file edited by hand whose last line has no line end: the new key goes on a line of its own. */
    @Test
    void aKeyRecordedAfterALastLineWithoutItsEndIsALineOfItsOwn() throws Exception {
        KeyPair old = newKey();
        KeyPair fresh = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line("10.0.0.1", old));

        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "10.0.0.2", 22, fresh).outcome()).isEqualTo(KnownHosts.Outcome.RECORDED);

        assertThat(Files.readAllLines(file)).containsExactly(line("10.0.0.1", old), line("10.0.0.2", fresh));
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 22, old).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
    }

    /** A file whose names are hashed gets hashed names: it does not list the devices in the clear again. */
    @Test
    void aKeyRecordedInAHashedFileIsHashedToo() throws Exception {
        KeyPair old = newKey();
        KeyPair fresh = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line(hashed("10.0.0.1"), old) + "\n");

        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "csr2.lab", 830, fresh).outcome()).isEqualTo(KnownHosts.Outcome.RECORDED);

        assertThat(Files.readAllLines(file)).hasSize(2).allMatch(text -> text.startsWith("|1|")).noneMatch(text -> text.contains("csr2"));
        assertThat(verify(file, HostKeyPolicy.STRICT, "csr2.lab", 830, fresh).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "csr2.lab", 22, fresh).outcome()).isEqualTo(KnownHosts.Outcome.UNKNOWN);
    }

    /** OpenSSH hashes a host name in lower case ({@code ssh-keygen -H}); an inventory may write it in any case. */
    @Test
    void aHashedEntryMatchesTheHostInAnyCase() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line(hashed("csr1.lab.example"), key) + "\n");

        assertThat(verify(file, HostKeyPolicy.STRICT, "CSR1.Lab.Example", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(HostPatterns.parse(hashed("csr1.lab.example")).matches("CSR1.Lab.Example")).as("the pattern itself").isTrue();
    }

    /**
     * A line that names the host but whose key cannot be read (damaged, or a type this tool lacks) holds the
     * host to it, as ssh would: a new key is a changed key, not one to record in its place.
     */
    @Test
    void aLineWhoseKeyCannotBeReadStillHoldsItsHost() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), "10.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBroken\n"
                + "10.0.0.3 ssh-ed25519 " + PublicKeyEntry.toString(key.getPublic()).split(" ")[1] + "\n"
                + "10.0.0.4 ssh-ed25519\n");

        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "10.0.0.1", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.CHANGED);
        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "10.0.0.3", 22, key).outcome()).as("a type that is not the key's")
                .isEqualTo(KnownHosts.Outcome.CHANGED);
        assertThat(verify(file, HostKeyPolicy.ACCEPT_NEW, "10.0.0.4", 22, key).outcome()).as("a line cut short after the type")
                .isEqualTo(KnownHosts.Outcome.CHANGED);
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    /**
     * A line is cut into fields by hand (the regexes were a third of reading a file of 500 lines): as the regexes
     * did, on every shape of blanks and tabs, random ones included.
     */
    @Test
    void linesAreCutIntoFieldsAsTheRegexesCutThem() {
        var around = java.util.regex.Pattern.compile("^[ \\t]+|[ \\t]+$");
        var blanks = java.util.regex.Pattern.compile("[ \\t]+");
        var lines = new java.util.ArrayList<>(List.of("", " ", "\t \t", "a", " a ", "a b", "a\t\tb", "\ta  b c\t",
                "@revoked host ssh-rsa AAAA comment with  blanks\t", "h t k c1 c2 c3", "\u2003h t\fk", "a \u00a0 b"));
        var random = new Random(42);
        String alphabet = " \tab\u2003";
        for (int i = 0; i < 2000; i++) {
            var line = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            lines.add(line.toString());
        }
        for (String line : lines) {
            String stripped = around.matcher(line).replaceAll("");
            assertThat(KnownHostsLine.stripBlanks(line)).as("stripped: [%s]", line).isEqualTo(stripped);
            if (!stripped.isEmpty()) {
                assertThat(KnownHostsLine.fields(stripped, 5)).as("fields: [%s]", stripped)
                        .containsExactly(blanks.split(stripped, 5));
            }
        }
    }

    /** A name without a wildcard is compared as a name, case ignored, next to a negation and a wildcard as before. */
    @Test
    void namesAreComparedAsNamesBesideNegationsAndWildcards() {
        var negated = HostPatterns.parse("Core1.Example.COM,!CORE1.example.com");
        var mixed = HostPatterns.parse("Core1,router?,[10.0.0.1]:2222");

        assertThat(negated.matches("core1.example.com")).isFalse();
        assertThat(mixed.matches("CORE1")).isTrue();
        assertThat(mixed.matches("core12")).isFalse();
        assertThat(mixed.matches("Router9")).isTrue();
        assertThat(mixed.matches("[10.0.0.1]:2222")).isTrue();
        assertThat(mixed.matches("10.0.0.1")).isFalse();
        assertThat(HostPatterns.parse("a.b").matches("axb")).as("a dot is a dot").isFalse();
    }

    /** ssh 9.2 reads an RSA key under its signature names, and no type under a short or upper-case name. */
    @Test
    void aKeysTypeIsNamedAsSshReadsIt() {
        assertThat(KnownHostsLine.namesType("rsa-sha2-512", "ssh-rsa")).isTrue();
        assertThat(KnownHostsLine.namesType("ssh-ed25519", "ssh-ed25519")).isTrue();
        assertThat(KnownHostsLine.namesType("RSA", "ssh-rsa")).isFalse();
        assertThat(KnownHostsLine.namesType("ED25519", "ssh-ed25519")).isFalse();
        assertThat(KnownHostsLine.namesType("SSH-ED25519", "ssh-ed25519")).isFalse();
        assertThat(KnownHostsLine.namesType("ssh-ed25519", "ssh-rsa")).isFalse();
    }

    /**
     * Lines as ssh reads them, where Java's readers and whitespace would read more (found by an outside probe
     * against ssh 9.2): a lone CR inside a line, a form feed or vertical tab between fields, a control or
     * Unicode space before the hosts. ssh knows no key for the host in any of these files, so none may count as
     * the host's key here; and a type ssh cannot parse holds the host rather than vouching for it.
     */
    @Test
    void noLineVouchesForAHostThatSshWouldNotFindInIt() throws Exception {
        KeyPair key = newKey();
        String entry = PublicKeyEntry.toString(key.getPublic()); // "type base64"
        String[] typeAndKey = entry.split(" ");
        for (String content : List.of(
                line("otherhost", newKey()) + " comment\r[10.0.0.1]:2222 " + entry + "\n",
                "[10.0.0.1]:2222\u000b" + entry + "\n",
                "[10.0.0.1]:2222\f" + entry + "\n",
                "\u001c[10.0.0.1]:2222 " + entry + "\n",
                "\u2003[10.0.0.1]:2222 " + entry + "\n",
                "[10.0.0.1]:2222 " + typeAndKey[0].toUpperCase(Locale.ROOT) + " " + typeAndKey[1] + "\n")) {
            Path file = Files.writeString(dir.resolve("known_hosts"), content);

            assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 2222, key).outcome()).as(content)
                    .isNotEqualTo(KnownHosts.Outcome.KNOWN);
        }
        // CRLF line ends are still read, as ssh reads them.
        Path crlf = Files.writeString(dir.resolve("known_hosts"), "# a comment\r\n" + line("[10.0.0.1]:2222", key) + "\r\n");
        assertThat(verify(crlf, HostKeyPolicy.STRICT, "10.0.0.1", 2222, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
    }

    /** A link to a file that does not exist cannot take a new key: said as such, not as 'already exists'. */
    @Test
    void aKnownHostsLinkToAMissingFileSaysSo() throws Exception {
        Path file = Files.createSymbolicLink(dir.resolve("known_hosts"), dir.resolve("nowhere"));

        KnownHosts.Check check = verify(file, HostKeyPolicy.ACCEPT_NEW, "10.0.0.1", 22, newKey());

        assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.UNRECORDED);
        assertThat(check.explain("10.0.0.1", 22)).contains("it is a link to " + dir.resolve("nowhere") + ", which does not exist");
    }

    /** A byte that is not UTF-8 (a Latin-1 comment) spoils nothing: ssh reads bytes. */
    @Test
    void aByteThatIsNotUtf8SpoilsNoLine() throws Exception {
        KeyPair key = newKey();
        Path file = dir.resolve("known_hosts");
        Files.write(file, ("# B\u00fcro Z\u00fcrich\n" + line("10.0.0.1", key) + "\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
    }

    /**
     * A {@code @cert-authority} line vouches for host certificates only, as in OpenSSH: never for a plain key,
     * even the CA key itself, and it is no key on record that a new key would contradict.
     */
    @Test
    void aCertAuthorityLineVouchesForNoPlainKeyAndIsNoKeyOnRecord() throws Exception {
        KeyPair key = newKey();
        Path ownKey = Files.writeString(dir.resolve("ca_own"), "@cert-authority " + line("[10.0.0.1]:2222", key) + "\n");
        Path otherCa = Files.writeString(dir.resolve("ca_other"), "@cert-authority " + line("[10.0.0.1]:2222", newKey()) + "\n");

        assertThat(verify(ownKey, HostKeyPolicy.STRICT, "10.0.0.1", 2222, key).outcome()).isEqualTo(KnownHosts.Outcome.UNKNOWN);
        assertThat(new KnownHosts(otherCa, HostKeyPolicy.STRICT).typesOnRecord("10.0.0.1", 2222)).isEmpty();
        assertThat(verify(otherCa, HostKeyPolicy.ACCEPT_NEW, "10.0.0.1", 2222, key).outcome())
                .isEqualTo(KnownHosts.Outcome.RECORDED);
        assertThat(Files.readAllLines(otherCa)).hasSize(2).endsWith(line("[10.0.0.1]:2222", key));
    }

    @Test
    void aNegatedPatternTakesTheHostOutOfItsLine() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), line("10.0.0.1,!10.0.0.1", key) + "\n"
                + line("*.lab.example,!csr9.lab.example", key) + "\n" + line("!10.0.0.3", key) + "\n");

        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.UNKNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "csr1.lab.example", 22, key).outcome())
                .isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "csr9.lab.example", 22, key).outcome())
                .isEqualTo(KnownHosts.Outcome.UNKNOWN);
        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.4", 22, key).outcome())
                .as("a line of negations alone covers no host").isEqualTo(KnownHosts.Outcome.UNKNOWN);
    }

    @Test
    void malformedLinesAreSkippedAndTheOthersStillCount() throws Exception {
        KeyPair key = newKey();
        Path file = Files.writeString(dir.resolve("known_hosts"), "garbage line here\n|1|bad|hash ssh-ed25519 AAAA\n"
                + "@marker 10.0.0.1 " + PublicKeyEntry.toString(newKey().getPublic()) + "\n"
                + "10.0.0.1 ssh-ed25519 " + PublicKeyEntry.toString(newKey().getPublic()).split(" ")[1] + "\n"
                + line("10.0.0.1", key) + "\n");

        assertThat(verify(file, HostKeyPolicy.STRICT, "10.0.0.1", 22, key).outcome()).isEqualTo(KnownHosts.Outcome.KNOWN);
        assertThat(new KnownHosts(file, HostKeyPolicy.STRICT).typesOnRecord("10.0.0.1", 22))
                .containsExactly("ecdsa-sha2-nistp256");
    }

    /**
     * OpenSSH creates ~/.ssh if it is missing, never the home above it: a service account whose home does not
     * exist gets no directory tree made up on the spot, and its new devices are refused, saying why.
     */
    @Test
    void aKeyThatCannotBeRecordedIsRefusedAndSaysWhereAndWhy() throws Exception {
        Path inMissingHome = dir.resolve("nohome").resolve(".ssh").resolve("known_hosts");
        Path underAFile = Files.writeString(dir.resolve("plain"), "").resolve("known_hosts");

        KnownHosts.Check noHome = verify(inMissingHome, HostKeyPolicy.ACCEPT_NEW, "csr1.lab", 22, newKey());
        KnownHosts.Check noDirectory = verify(underAFile, HostKeyPolicy.ACCEPT_NEW, "10.0.0.1", 830, newKey());

        assertThat(noHome.outcome()).isEqualTo(KnownHosts.Outcome.UNRECORDED);
        assertThat(noHome.explain("csr1.lab", 22)).isEqualTo("cannot record the host key of csr1.lab in " + inMissingHome
                + ": no such file or directory; not sending credentials (use --known-hosts FILE)");
        assertThat(dir.resolve("nohome")).doesNotExist();
        assertThat(noDirectory.outcome()).isEqualTo(KnownHosts.Outcome.UNRECORDED);
        assertThat(noDirectory.explain("10.0.0.1", 830)).startsWith("cannot record the host key of [10.0.0.1]:830 in "
                + underAFile + ": not a directory;");
    }

    @Test
    void policyOffChecksNothingAndWritesNothing() throws Exception {
        Path file = dir.resolve("known_hosts");

        KnownHosts.Check check = verify(file, HostKeyPolicy.OFF, "10.0.0.1", 22, newKey());

        assertThat(check.outcome()).isEqualTo(KnownHosts.Outcome.UNCHECKED);
        assertThat(file).doesNotExist();
    }
}
