package net.backup.lab;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a plausible IOS-XE running configuration for a simulated device, the same every time for the same
 * name and seed: hostname, users with hashed secrets, VLANs, interfaces, ACLs, OSPF and BGP, SNMP, a banner
 * with {@code #} and {@code >} in it. Sizes spread from a few KB to a few hundred KB, decided by the name.
 */
public final class ConfigGenerator {
    private static final String HASH_ALPHABET = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] ROLES = {"uplink to core", "server farm", "user access", "printer", "voice",
        "wireless AP", "camera", "to firewall", "to WAN edge", "spare"};

    private final long seed;

    public ConfigGenerator(long seed) {
        this.seed = seed;
    }

    /** The body of {@code show running-config} after its {@code Current configuration} header, ending with {@code end}. */
    public String body(String hostname) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + hostname.hashCode());
        int scale = scale(random);
        var c = new StringBuilder(4096 + scale * 300);
        c.append("!\nversion 17.9\nservice timestamps debug datetime msec\nservice timestamps log datetime msec\n")
                .append("service password-encryption\nplatform qfp utilization monitor load 80\n!\n")
                .append("hostname ").append(hostname).append("\n!\nboot-start-marker\nboot-end-marker\n!\n")
                .append("vrf definition Mgmt-intf\n !\n address-family ipv4\n exit-address-family\n!\n")
                .append("enable secret 9 ").append(hash(random, 43)).append('\n')
                .append("!\naaa new-model\naaa authentication login default local\naaa authorization exec default local\n!\n")
                .append("ip domain name lab.example.net\nip name-server 192.0.2.53\n!\n")
                .append("login on-success log\n!\nsubscriber templating\n!\n");
        users(c, random);
        vlans(c, random, scale);
        interfaces(c, random, scale);
        routing(c, random, scale);
        acls(c, random, scale);
        c.append("!\nsnmp-server community ").append(word(random, 12)).append(" RO 10\n")
                .append("snmp-server community ").append(word(random, 12)).append(" RW 11\n")
                .append("snmp-server location Rack ").append(1 + random.nextInt(40)).append(", Building ")
                .append((char) ('A' + random.nextInt(6))).append('\n')
                .append("snmp-server contact noc@lab.example.net\n!\n")
                .append("tacacs server TAC1\n address ipv4 192.0.2.49\n key 7 ").append(hex(random, 20)).append('\n')
                .append("!\nntp server 192.0.2.123\n!\n")
                .append("banner motd ^C\n#################################################\n")
                .append("# ").append(hostname).append(": authorised access only #\n")
                .append("# Disconnect NOW if you are not authorised > exit #\n")
                .append("#################################################\n^C\n!\n")
                .append("line con 0\n stopbits 1\nline vty 0 4\n transport input ssh\nline vty 5 15\n transport input ssh\n")
                .append("!\nend\n");
        return c.toString();
    }

    /**
     * What a correct backup of a device with this name stores, as long as nobody reconfigured it: the body
     * after the volatile header lines, which a backup drops.
     */
    public String expectedBackup(String hostname) {
        return "!\n" + body(hostname);
    }

    /** Most devices are small access switches, a few are big routers: a skewed spread of sizes. */
    private static int scale(SplittableRandom random) {
        double u = random.nextDouble();
        return (int) (4 + Math.pow(u, 3) * 4000);
    }

    private static void users(StringBuilder c, SplittableRandom random) {
        for (String user : new String[] {"ntc", "admin", "backup"}) {
            c.append("username ").append(user).append(" privilege 15 secret 9 ").append(hash(random, 43)).append('\n');
        }
        c.append("!\n");
    }

    private static void vlans(StringBuilder c, SplittableRandom random, int scale) {
        int count = Math.min(400, 2 + scale / 8);
        for (int v = 1; v <= count; v++) {
            c.append("vlan ").append(10 * v).append("\n name ").append(ROLES[random.nextInt(ROLES.length)]
                    .toUpperCase(Locale.ROOT).replace(' ', '_')).append('_').append(v).append("\n!\n");
        }
    }

    private static void interfaces(StringBuilder c, SplittableRandom random, int scale) {
        int count = 2 + scale / 3;
        for (int i = 0; i < count; i++) {
            c.append("interface GigabitEthernet").append(i / 48 + 1).append("/0/").append(i % 48 + 1).append('\n')
                    .append(" description ").append(ROLES[random.nextInt(ROLES.length)]).append(" #")
                    .append(100 + random.nextInt(900)).append('\n');
            if (random.nextInt(3) == 0) {
                c.append(" ip address 10.").append(random.nextInt(256)).append('.').append(random.nextInt(256))
                        .append(".1 255.255.255.0\n ip ospf cost ").append(1 + random.nextInt(100)).append('\n');
            } else {
                c.append(" switchport access vlan ").append(10 * (1 + random.nextInt(Math.min(400, 2 + scale / 8))))
                        .append("\n switchport mode access\n spanning-tree portfast\n");
            }
            c.append(random.nextInt(10) == 0 ? " shutdown\n" : " no shutdown\n").append("!\n");
        }
    }

    private static void routing(StringBuilder c, SplittableRandom random, int scale) {
        c.append("router ospf 1\n router-id 10.255.").append(random.nextInt(256)).append('.').append(random.nextInt(256))
                .append("\n passive-interface default\n network 10.0.0.0 0.255.255.255 area 0\n!\n")
                .append("router bgp ").append(64512 + random.nextInt(1000)).append("\n bgp log-neighbor-changes\n");
        int neighbours = 1 + scale / 50;
        for (int n = 0; n < neighbours; n++) {
            String peer = "192.0.2." + (1 + n % 250);
            c.append(" neighbor ").append(peer).append(" remote-as ").append(64512 + random.nextInt(1000)).append('\n')
                    .append(" neighbor ").append(peer).append(" description peer ").append(word(random, 6)).append('\n');
        }
        c.append("!\nip route 0.0.0.0 0.0.0.0 192.0.2.1\n!\n");
    }

    private static void acls(StringBuilder c, SplittableRandom random, int scale) {
        int lists = 1 + scale / 100;
        for (int a = 0; a < lists; a++) {
            c.append("ip access-list extended ACL-").append(word(random, 5).toUpperCase(Locale.ROOT)).append('\n');
            int rules = 3 + random.nextInt(20);
            for (int r = 1; r <= rules; r++) {
                c.append(' ').append(r * 10).append(random.nextBoolean() ? " permit" : " deny").append(" tcp any host 10.")
                        .append(random.nextInt(256)).append('.').append(random.nextInt(256)).append('.')
                        .append(random.nextInt(256)).append(" eq ").append(new int[] {22, 80, 443, 161, 179}[random.nextInt(5)])
                        .append('\n');
            }
            c.append(" 10000 deny ip any any log\n!\n");
        }
    }

    private static String hash(SplittableRandom random, int length) {
        var s = new StringBuilder("$9$");
        for (int i = 0; i < length; i++) {
            s.append(HASH_ALPHABET.charAt(random.nextInt(HASH_ALPHABET.length())));
        }
        return s.toString();
    }

    private static String hex(SplittableRandom random, int length) {
        var s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append("0123456789ABCDEF".charAt(random.nextInt(16)));
        }
        return s.toString();
    }

    private static String word(SplittableRandom random, int length) {
        var s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(26)));
        }
        return s.toString();
    }
}
