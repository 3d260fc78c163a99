package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import net.backup.cli.CliRun;
import net.backup.cli.ExitCodes;
import net.backup.testing.LabRun;
import net.backup.testing.LabTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The device kinds are data: each is one file, with its own banner, syntax and secrets. */
class DeviceKindsTest {
    @TempDir
    Path dir;

    static List<String> kinds() {
        return DeviceKinds.builtIn().names();
    }

    @Test
    void theBuiltInKindsAreTheSixPlatformsAndADellSwitch() {
        assertThat(kinds()).containsExactly("cisco_ios", "arista_eos", "cisco_nxos", "cisco_xr", "cisco_asa",
                "juniper_junos", "dell_powerconnect");
        assertThatThrownBy(() -> DeviceKinds.builtIn().get("acme_os"))
                .hasMessage("the lab does not simulate 'acme_os'; it simulates cisco_ios, arista_eos, cisco_nxos, "
                        + "cisco_xr, cisco_asa, juniper_junos, dell_powerconnect");
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theBannerAndShowVersionNameTheKindItself(String kind) throws IOException {
        try (Lab lab = Lab.start(List.of(new Lab.DeviceSpec("d1", Set.of(), kind)), LabSettings.defaults())) {
            String screen = LabTerminal.type(lab, "d1", "show version");
            String description = DeviceKinds.builtIn().get(kind).description();

            assertThat(screen).contains("simulated " + description + " (backup lab)");
            if (!kind.equals("cisco_ios")) {
                assertThat(screen).doesNotContain("IOS-XE", "IOS XE");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everySecretIsInTheConfigurationAndEveryKindHasSeveralForms(String kind) {
        DeviceKind deviceKind = DeviceKinds.builtIn().get(kind);
        SimulatedDevice device = device(deviceKind, "d1");

        assertThat(device.secrets()).hasSizeGreaterThanOrEqualTo(8)
                .allSatisfy(secret -> assertThat(device.stableConfig()).contains(secret))
                .allSatisfy(secret -> assertThat(secret).doesNotContain(" ", "\"").hasSizeGreaterThanOrEqualTo(8));
    }

    @Test
    void iosCarriesTheSecretFormsOfRealConfigurations() {
        DeviceKind ios = DeviceKinds.builtIn().get("cisco_ios");
        String all = String.join("\n", IntStream.rangeClosed(1, 40).mapToObj(i -> device(ios, "csr" + i).stableConfig()).toList());

        assertThat(all).contains("enable secret 9 $9$", "username admin privilege 15 secret 9 $9$",
                "username legacy privilege 1 password 7 ", "snmp-server community ", "snmp-server host 192.0.2.162 version 2c ",
                " auth sha ", " priv aes 128 ", " server-key ", " key 7 ", "  key-string 7 ", "line vty 0 4\n password 7 ",
                "ntp authentication-key 1 md5 ", " standby 1 authentication md5 key-string 7 ", " vrrp 1 authentication text ",
                "crypto isakmp key ", "  pre-shared-key ", "key config-key password-encrypt ", " wpa-psk ascii 0 ",
                " neighbor 192.0.2.1 password 7 ");
    }

    @Test
    void eachKindWritesItsOwnSyntax() {
        assertThat(device(DeviceKinds.builtIn().get("juniper_junos"), "j1").stableConfig())
                .contains("interfaces {\n    ge-0/0/0 {\n", "encrypted-password \"$6$", "secret \"$9$", "community ");
        assertThat(device(DeviceKinds.builtIn().get("cisco_nxos"), "n1").stableConfig())
                .contains("feature bgp\n", "interface Ethernet1/1\n", "username admin password 5 $5$");
        assertThat(device(DeviceKinds.builtIn().get("cisco_asa"), "a1").stableConfig())
                .contains("object network HOST-1\n", "access-list OUTSIDE-IN extended ", "passwd ", " encrypted\n");
        assertThat(device(DeviceKinds.builtIn().get("cisco_xr"), "x1").stableConfig())
                .contains("interface GigabitEthernet0/0/0/0\n", "router bgp ", " secret 10 $6$");
        assertThat(device(DeviceKinds.builtIn().get("arista_eos"), "e1").stableConfig())
                .contains("interface Ethernet1\n", "secret sha512 $6$", "enable password sha512 $6$");
    }

    /** A new kind is one file, read without recompiling; a platform file (also just a file) backs it up. */
    @Test
    void aKindAddedAsOneFileIsServedAndBackedUp() throws IOException {
        Path kinds = Files.createDirectories(dir.resolve("kinds"));
        Files.writeString(kinds.resolve("acme_os.yaml"), """
                name: acme_os
                description: ACME OS 4
                prompt: {user: '{{host}}$', privileged: '{{host}}$'}
                starts_privileged: true
                commands:
                  exit: [logout]
                  pager_off: ['set ter[minal] rows <n>']
                  show_config: ['show conf[iguration]']
                pager: {prompt: '-- more --', erase: carriage-return, lines: 20}
                invalid: ['Error: unknown command']
                running_config:
                  header: ['# generated at {{now}}']
                  trailer: ['# end of configuration']
                  volatile: ['# generated at .*']
                body:
                  - 'hostname {{host}}'
                  - repeat: interfaces
                    each: ['port {{i}} description "{{role}}"']
                  - 'snmp community {{secret word:12}} ro'
                """);
        Path platforms = Files.createDirectories(dir.resolve("platforms"));
        Files.writeString(platforms.resolve("acme_os.yaml"), """
                name: acme_os
                prompt: '[\\w.-]+\\$ ?'
                pager: ' *-- more -- *'
                setup: [set terminal rows 0]
                backup: [show configuration]
                errors: ['Error: .*']
                volatile: ['# generated at .*']
                complete: '# end of configuration'
                exit: logout
                """);
        var specs = List.of(new Lab.DeviceSpec("edge1", Set.of(), "acme_os"), new Lab.DeviceSpec("edge2", Set.of(), "acme_os"));
        try (LabRun run = new LabRun(Lab.builder(specs, LabSettings.defaults())
                .kinds(DeviceKinds.builtIn().withFolder(kinds)).start(), Files.createDirectories(dir.resolve("run")))) {
            Files.writeString(run.inventory(), "platforms_dir: " + platforms + "\n" + Files.readString(run.inventory()));

            CliRun result = run.backup();

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
            for (SimulatedDevice device : run.lab().devices()) {
                assertThat(run.backupOf(device.name())).isEqualTo(device.stableConfig())
                        .startsWith("hostname " + device.name() + "\nport 1 description").endsWith("# end of configuration\n");
            }
        }
    }

    @Test
    void aKindFileWithAMistakeIsNamedInTheError() throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), "name: bad\nprompt: {user: 'x>', privileged: 'x#'}\ncommands: {}\nbody: []\n");

        assertThatThrownBy(() -> DeviceKinds.builtIn().withFolder(dir))
                .hasMessageEndingWith("bad.yaml: show_config: missing");
    }

    private static SimulatedDevice device(DeviceKind kind, String name) {
        return new SimulatedDevice(name, kind, "ntc", "ntc123", Optional.empty(), Set.of(),
                new ConfigGenerator(1).generate(kind, name, "ntc"), Clock.systemUTC());
    }
}
