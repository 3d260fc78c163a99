package net.backup.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.AsyncAuthException;
import org.apache.sshd.server.auth.keyboard.DefaultKeyboardInteractiveAuthenticator;
import org.apache.sshd.server.auth.keyboard.UserAuthKeyboardInteractiveFactory;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * A fleet of simulated devices on 127.0.0.1, one port each, all served by one Apache MINA SSHD server
 * (one acceptor bound to many ports, one set of I/O threads) so that a thousand devices cost little. Used
 * alike by the tests, {@code backup lab}, {@code backup demo} and the benchmark.
 */
public final class Lab implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";

    /** The kind a device is when its spec names none. */
    public static final String DEFAULT_KIND = "cisco_ios";

    /**
     * A device to simulate: its name, what is wrong with it (faults and quirks), and its kind (a
     * {@link DeviceKind} name such as {@code cisco_ios} or {@code juniper_junos}).
     */
    public record DeviceSpec(String name, Set<Fault> faults, String kind) {
        public DeviceSpec {
            faults = Set.copyOf(faults);
        }

        public DeviceSpec(String name, Set<Fault> faults) {
            this(name, faults, DEFAULT_KIND);
        }

        public static DeviceSpec healthy(String name) {
            return new DeviceSpec(name, Set.of());
        }
    }

    private final MultiPortServer server;
    private final ExecutorService shellThreads;
    private final SessionCounter counter = new SessionCounter();
    private final AtomicInteger authAttempts = new AtomicInteger();
    private final Map<String, SimulatedDevice> byName = new LinkedHashMap<>();
    private final Map<String, Integer> portByName = new LinkedHashMap<>();
    private final Map<Integer, SimulatedDevice> byPort = new ConcurrentHashMap<>();
    private final List<Socket> refusingPorts = new CopyOnWriteArrayList<>();
    private final KeyPair hostKey;
    private final LabSettings settings;

    private Lab(LabSettings settings, KeyPair hostKey) {
        this.settings = settings;
        this.hostKey = hostKey;
        var threadNumber = new AtomicInteger();
        this.shellThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "lab-shell-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = (MultiPortServer) ServerBuilder.builder().factory(MultiPortServer::new).build();
    }

    /** Starts a lab with a fresh host key; the same key serves every device. */
    public static Lab start(List<DeviceSpec> specs, LabSettings settings) throws IOException {
        return builder(specs, settings).start();
    }

    public static Builder builder(List<DeviceSpec> specs, LabSettings settings) {
        return new Builder(specs, settings);
    }

    /** How to start a lab beyond its devices and settings. */
    public static final class Builder {
        private final List<DeviceSpec> specs;
        private final LabSettings settings;
        private KeyPair hostKey;
        private boolean keyboardInteractiveOnly;
        private boolean legacyOnly;
        private int basePort;
        private PublicKey authorizedKey;
        private Clock clock = Clock.systemUTC();
        private DeviceKinds kinds = DeviceKinds.builtIn();

        private Builder(List<DeviceSpec> specs, LabSettings settings) {
            this.specs = List.copyOf(specs);
            this.settings = settings;
        }

        /** The key every device presents; a fresh one by default. */
        public Builder hostKey(KeyPair key) {
            this.hostKey = key;
            return this;
        }

        /** Offer only keyboard-interactive authentication, as many IOS images do. */
        public Builder keyboardInteractiveOnly() {
            this.keyboardInteractiveOnly = true;
            return this;
        }

        /**
         * Speak only what old IOS images speak: diffie-hellman-group14-sha1, ssh-rsa with an RSA host key,
         * aes128-cbc, hmac-sha1.
         */
        public Builder legacyOnly() {
            this.legacyOnly = true;
            return this;
        }

        /** Also accept public-key authentication with this key (for the lab's user). */
        public Builder authorizedKey(PublicKey key) {
            this.authorizedKey = key;
            return this;
        }

        /** The devices' clock, for their change and save timestamps. */
        public Builder clock(Clock deviceClock) {
            this.clock = deviceClock;
            return this;
        }

        /** The kinds the devices' specs name; the built-in ones by default. */
        public Builder kinds(DeviceKinds deviceKinds) {
            this.kinds = deviceKinds;
            return this;
        }

        /** Device i listens on {@code port + i}; 0 (the default) takes any free ports. */
        public Builder basePort(int port) {
            this.basePort = port;
            return this;
        }

        public Lab start() throws IOException {
            var lab = new Lab(settings, hostKey != null ? hostKey : legacyOnly ? newHostKey("RSA", 2048) : newHostKey());
            try {
                if (legacyOnly) {
                    lab.speakLegacyOnly();
                }
                lab.acceptKey(authorizedKey);
                lab.serve(specs, kinds, keyboardInteractiveOnly, basePort, clock);
                return lab;
            } catch (IOException | RuntimeException e) {
                lab.close();
                throw e;
            }
        }
    }

    /** {@code csr1 .. csrN}, all healthy. */
    public static List<DeviceSpec> healthyFleet(String prefix, int count) {
        var specs = new ArrayList<DeviceSpec>(count);
        for (int i = 1; i <= count; i++) {
            specs.add(DeviceSpec.healthy(prefix + i));
        }
        return specs;
    }

    private void speakLegacyOnly() {
        server.setKeyExchangeFactories(List.of(ServerBuilder.DH2KEX.apply(BuiltinDHFactories.dhg14)));
        server.setSignatureFactories(List.of(BuiltinSignatures.rsa));
        server.setCipherFactories(List.of(BuiltinCiphers.aes128cbc));
        server.setMacFactories(List.of(BuiltinMacs.hmacsha1));
    }

    private void acceptKey(PublicKey key) {
        if (key != null) {
            server.setPublickeyAuthenticator((username, offered, session) ->
                    settings.username().equals(username) && KeyUtils.compareKeys(key, offered));
        }
    }

    private void serve(List<DeviceSpec> specs, DeviceKinds kinds, boolean keyboardInteractiveOnly, int basePort, Clock clock)
            throws IOException {
        if (basePort < 0 || basePort + specs.size() - 1 > 65535) {
            throw new IllegalArgumentException("ports " + basePort + " to " + (basePort + specs.size() - 1)
                    + " are not all valid TCP ports");
        }
        server.setHost(LOOPBACK);
        server.setPort(basePort);
        // A CLI writes small pieces (an echo, a pager prompt): send them at once, as a device's stack does.
        CoreModuleProperties.TCP_NODELAY.set(server, true);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator(this::authenticate);
        server.setKeyboardInteractiveAuthenticator(DefaultKeyboardInteractiveAuthenticator.INSTANCE);
        var methods = new ArrayList<org.apache.sshd.server.auth.UserAuthFactory>();
        if (server.getPublickeyAuthenticator() != null) {
            methods.add(UserAuthPublicKeyFactory.INSTANCE);
        }
        if (!keyboardInteractiveOnly) {
            methods.add(UserAuthPasswordFactory.INSTANCE);
        }
        methods.add(UserAuthKeyboardInteractiveFactory.INSTANCE);
        server.setUserAuthFactories(methods);
        server.setShellFactory(channel -> new SimulatedCli(deviceOf(channel.getSession()), settings, counter, shellThreads));
        var channels = new ArrayList<org.apache.sshd.common.channel.ChannelFactory>(server.getChannelFactories());
        channels.replaceAll(factory -> factory.getName().equals("session") ? new SessionChannels(this::deviceOf) : factory);
        server.setChannelFactories(channels);
        var generator = new ConfigGenerator(settings.seed());
        var devices = new ArrayList<SimulatedDevice>(specs.size());
        for (DeviceSpec spec : specs) {
            DeviceKind kind = kinds.get(spec.kind());
            // A kind whose enable asks nothing (EOS by default) has no secret; the others have the lab's.
            Optional<String> enable = kind.enable().flatMap(DeviceKind.Enable::passwordPrompt).map(prompt -> settings.enableSecret());
            var device = new SimulatedDevice(spec.name(), kind, settings.username(), settings.password(),
                    enable, spec.faults(), generator.generate(kind, spec.name(), settings.username()), clock);
            if (byName.put(spec.name(), device) != null) {
                throw new IllegalArgumentException("two lab devices are named " + spec.name());
            }
            devices.add(device);
        }
        int[] ports = new int[specs.size()];
        boolean started = false;
        for (int i = 0; i < specs.size(); i++) {
            if (!specs.get(i).faults().contains(Fault.REFUSED)) {
                int wanted = basePort == 0 ? 0 : basePort + i;
                ports[i] = started ? server.bindAnotherPort(wanted) : startOn(wanted);
                started = true;
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).faults().contains(Fault.REFUSED)) {
                ports[i] = holdRefusingPort(basePort == 0 ? 0 : basePort + i);
            }
        }
        for (int i = 0; i < specs.size(); i++) {
            portByName.put(specs.get(i).name(), ports[i]);
            byPort.put(ports[i], devices.get(i));
        }
    }

    private int startOn(int port) throws IOException {
        server.setPort(port);
        server.start();
        return server.getPort();
    }

    private boolean authenticate(String username, String password, ServerSession session) {
        SimulatedDevice device = deviceOf(session);
        authAttempts.incrementAndGet();
        if (device.has(Fault.RESET) || device.has(Fault.FLAKY) && device.firstLogin()) {
            // Drop the TCP connection with no answer to the password, as a device that crashes would:
            // the answer is left pending (asynchronous) and never given.
            session.getIoSession().close(true);
            throw new AsyncAuthException();
        }
        return !device.has(Fault.AUTH_FAIL) && device.username().equals(username) && device.password().equals(password);
    }

    private SimulatedDevice deviceOf(org.apache.sshd.common.session.Session session) {
        int port = ((InetSocketAddress) session.getIoSession().getLocalAddress()).getPort();
        SimulatedDevice device = byPort.get(port);
        if (device == null) {
            throw new IllegalStateException("no lab device on port " + port);
        }
        return device;
    }

    public int port(String name) {
        Integer port = portByName.get(name);
        if (port == null) {
            throw new IllegalArgumentException("no lab device named " + name);
        }
        return port;
    }

    public SimulatedDevice device(String name) {
        port(name);
        return byName.get(name);
    }

    public List<SimulatedDevice> devices() {
        return List.copyOf(byName.values());
    }

    public SessionCounter sessions() {
        return counter;
    }

    /** How many passwords the lab's devices were offered: none may be sent to a device with a changed key. */
    public int authAttempts() {
        return authAttempts.get();
    }

    public KeyPair hostKey() {
        return hostKey;
    }

    public String host() {
        return LOOPBACK;
    }

    private static final String INVENTORY_HEADER = "# Written by backup lab: ";

    /** True if {@code file} is an inventory a lab wrote (its first line says so), which a lab may write over. */
    public static boolean wroteInventory(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (var lines = Files.lines(file)) {
            return lines.findFirst().filter(line -> line.startsWith(INVENTORY_HEADER)).isPresent();
        } catch (UncheckedIOException e) {
            return false; // not text: not ours
        }
    }

    /** An inventory for this lab that {@code backup --inventory FILE} takes as it is. */
    public String inventoryYaml() {
        var yaml = new StringBuilder()
                .append(INVENTORY_HEADER).append(byName.size())
                .append(byName.size() == 1 ? " simulated device on " : " simulated devices on ")
                .append(LOOPBACK).append(".\n# The lab's credentials are not secret; never reuse them.\n")
                .append("defaults:\n  username: ").append(settings.username())
                .append("\n  password: ").append(settings.password())
                .append("\n  enable_secret: ").append(settings.enableSecret())
                .append("\n  platform: ").append(DEFAULT_KIND).append("\ndevices:\n");
        portByName.forEach((name, port) -> {
            yaml.append("  - {name: ").append(name).append(", host: ").append(LOOPBACK).append(", port: ").append(port);
            String kind = byName.get(name).kind().name();
            if (!kind.equals(DEFAULT_KIND)) {
                yaml.append(", platform: ").append(kind);
            }
            yaml.append("}\n");
        });
        return yaml.toString();
    }

    /** Owner-only, like any inventory with a password in it (the tool warns about one others can read). */
    public void writeInventory(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, inventoryYaml());
    }

    @Override
    public void close() {
        try {
            server.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            shellThreads.shutdownNow();
            for (Socket socket : refusingPorts) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a socket that never connected releases its port; there is nothing to report.
                }
            }
        }
    }

    public static KeyPair newHostKey() {
        return newHostKey("EC", 256);
    }

    private static KeyPair newHostKey(String algorithm, int size) {
        try {
            var generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make an " + algorithm + " key", e);
        }
    }

    /**
     * A port for a device that refuses connections, held for the lab's life by a TCP socket bound to it that
     * never listens: the kernel answers every connection attempt with a reset (connection refused), and
     * nothing else, in this JVM or another, can bind the port meanwhile. A port that was merely free when
     * probed could be taken by anything in between, a test running in another JVM included. A port the user
     * chose (a base port) is bound as the listening ones are, with address reuse: without it Linux refuses
     * the bind while an earlier connection to that port is in TIME_WAIT, as after a lab restarted at once.
     */
    private int holdRefusingPort(int wanted) throws IOException {
        var socket = new Socket();
        try {
            socket.setReuseAddress(wanted != 0);
            socket.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), wanted));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        refusingPorts.add(socket);
        return socket.getLocalPort();
    }

    /** An SSH server whose one acceptor listens on many ports: one port per simulated device. */
    private static final class MultiPortServer extends SshServer {
        int bindAnotherPort(int port) throws IOException {
            Set<SocketAddress> before = new HashSet<>(acceptor.getBoundAddresses());
            acceptor.bind(new InetSocketAddress(LOOPBACK, port));
            Set<SocketAddress> after = new HashSet<>(acceptor.getBoundAddresses());
            after.removeAll(before);
            if (after.size() != 1) {
                throw new IOException("could not tell which port the lab just bound");
            }
            return ((InetSocketAddress) after.iterator().next()).getPort();
        }
    }
}
