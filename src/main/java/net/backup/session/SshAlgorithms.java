package net.backup.session;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.transport.cipher.Cipher;

/**
 * The algorithms offered to devices. sshj offers everything it knows by default, SHA-1 key exchange and
 * CBC ciphers included; we offer modern ones only, fastest first, and add the legacy ones only for
 * devices marked {@code legacy_algorithms: true}. Each {@link Config} is built once and shared.
 */
public final class SshAlgorithms {
    /**
     * ChaCha20-Poly1305 first, as OpenSSH orders them: under C1, the launcher's only compiler, AES runs in
     * plain Java without the CPU's AES instructions, and this is the cheapest of them (BouncyCastle's
     * primitives, see {@link ChaChaPolyCipher}). Then AES-GCM and AES-CTR, for devices without it.
     * <p>
     * Terrapin (CVE-2023-48795): with a device that lacks strict key exchange (sshj offers it; OpenSSH has it
     * from 9.6), an attacker in the path can delete the first messages of the encrypted channel unnoticed when
     * ChaCha20-Poly1305 is in use, and not with AES-GCM. The one message that can go without the session
     * failing is the device's EXT_INFO, and sshj 0.40 ignores EXT_INFO (it uses no server-sig-algs; public key
     * authentication tries our key algorithms in order), so nothing is lost by it. If an sshj upgrade starts
     * acting on EXT_INFO, put AES-GCM first again for devices without strict key exchange.
     */
    private static final List<String> MODERN_CIPHERS = List.of(ChaChaPolyCipher.NAME, "aes128-gcm@openssh.com",
            "aes256-gcm@openssh.com", "aes128-ctr", "aes192-ctr", "aes256-ctr");
    private static final List<String> LEGACY_CIPHERS = List.of("aes128-cbc", "aes192-cbc", "aes256-cbc", "3des-cbc");
    private static final List<String> MODERN_KEX = List.of("curve25519-sha256", "curve25519-sha256@libssh.org",
            "ecdh-sha2-nistp256", "ecdh-sha2-nistp384", "ecdh-sha2-nistp521", "diffie-hellman-group-exchange-sha256",
            "diffie-hellman-group14-sha256", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512");
    private static final List<String> LEGACY_KEX = List.of("diffie-hellman-group14-sha1",
            "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1");
    /** ext-info-c must come last: it is a signal (RFC 8308), not a key exchange. */
    private static final List<String> KEX_SIGNALS = List.of("ext-info-c");
    /**
     * Plain host keys only: a host certificate would be checked against known_hosts as a plain key and recorded
     * as one (under a -cert- type that OpenSSH's own ssh then takes for a conflicting key), while what vouches for
     * it, a {@code @cert-authority} line, is not taken (KnownHosts).
     */
    private static final List<String> MODERN_KEYS = List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256");
    private static final List<String> LEGACY_KEYS = List.of("ssh-rsa");
    private static final List<String> MACS = List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com",
            "hmac-sha2-256", "hmac-sha2-512", "hmac-sha1-etm@openssh.com", "hmac-sha1");

    private final Config modern;
    /** Built when a device first asks for it: few fleets need it. */
    private volatile Config legacy;

    private static SshAlgorithms shared;

    /**
     * One per process: building it looks up every algorithm. Made on first use under a lock rather than by a
     * holder class's initialiser: a failure there (a JVM without some provider) would leave the class unusable
     * and every later caller with "Could not initialize class", the cause gone (cli.EarlySetup builds it on
     * another thread); this way each caller gets the failure itself.
     */
    public static synchronized SshAlgorithms shared() {
        if (shared == null) {
            shared = new SshAlgorithms();
        }
        return shared;
    }

    private SshAlgorithms() {
        CryptoProviders.install();
        this.modern = build(false);
    }

    public Config forDevice(boolean legacyAlgorithms) {
        if (!legacyAlgorithms) {
            return modern;
        }
        Config built = legacy;
        if (built == null) {
            synchronized (this) {
                if (legacy == null) {
                    legacy = build(true);
                }
                built = legacy;
            }
        }
        return built;
    }

    private static Config build(boolean withLegacy) {
        var config = new OfferedCiphersConfig();
        config.setCipherFactories(pick(config.getCipherFactories(), Factory.Named::getName, MODERN_CIPHERS,
                withLegacy ? LEGACY_CIPHERS : List.of()));
        config.setKeyExchangeFactories(pick(config.getKeyExchangeFactories(), Factory.Named::getName, MODERN_KEX,
                withLegacy ? LEGACY_KEX : List.of(), KEX_SIGNALS));
        config.setKeyAlgorithms(pick(config.getKeyAlgorithms(), Factory.Named::getName, MODERN_KEYS,
                withLegacy ? LEGACY_KEYS : List.of()));
        config.setMACFactories(pick(config.getMACFactories(), Factory.Named::getName, MACS));
        config.setMaxCircularBufferSize(CHANNEL_BUFFER);
        return config;
    }

    /**
     * What a session's channel may receive before the device must wait for the client to read it: ample for
     * speed (a configuration of megabytes arrives in a few round trips), small for memory. sshj would grant
     * a device up to 16 MiB that nobody has read yet, outside any output budget, for every session.
     */
    static final int CHANNEL_WINDOW = 1024 * 1024;
    /** Room for the window and a packet: sshj never grants more window than its buffer can still hold. */
    private static final int CHANNEL_BUFFER = CHANNEL_WINDOW + 64 * 1024;

    /**
     * sshj's defaults, but with only the ciphers we may offer. sshj's own list has 33, each tried out by making
     * and keying one, to drop those that need BouncyCastle registered (which we never offer); that took 20 ms
     * of every run's start-up, much of it exceptions. Ours are not tried at start-up: AES and 3DES come from
     * the JDK's own SunJCE provider, and ChaCha20-Poly1305 is {@link ChaChaPolyCipher}, which replaces sshj's
     * (that one needs BouncyCastle registered as a provider). SshAlgorithmsTest makes and keys each on the
     * JDK that builds the tool; a JDK whose providers were cut down (a FIPS configuration, say) and lacked
     * one would fail the handshake that chose it, rather than not offer it. Made inside the constructor, so
     * the full list is never built.
     */
    private static final class OfferedCiphersConfig extends DefaultConfig {
        @Override
        protected void initCipherFactories() {
            List<Factory.Named<Cipher>> ciphers = List.of(ChaChaPolyCipher.FACTORY, GcmCiphers.AES128GCM(),
                    GcmCiphers.AES256GCM(), BlockCiphers.AES128CTR(), BlockCiphers.AES192CTR(),
                    BlockCiphers.AES256CTR(), BlockCiphers.AES128CBC(), BlockCiphers.AES192CBC(),
                    BlockCiphers.AES256CBC(), BlockCiphers.TripleDESCBC());
            setCipherFactories(ciphers);
        }
    }

    /** The factories named in the lists, in the lists' order; names sshj does not have are skipped. */
    @SafeVarargs
    private static <T> List<T> pick(List<T> available, Function<T, String> name, List<String>... wanted) {
        Map<String, T> byName = available.stream().collect(Collectors.toMap(name, f -> f, (a, b) -> a));
        var picked = new ArrayList<T>();
        for (List<String> names : wanted) {
            names.stream().map(byName::get).filter(Objects::nonNull).forEach(picked::add);
        }
        return picked;
    }
}
