package net.backup.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @TempDir
    Path dir;

    @Test
    void everyDeclaredKeyIsShownInTheReadmesInventory() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String inventory = readme.substring(readme.indexOf("## Inventory"), readme.indexOf("## Options"));

        assertThat(Settings.ALL).extracting(Setting::name)
                .allSatisfy(name -> assertThat(inventory).containsPattern("(?<!\\w)" + name + "(?!\\w)"));
    }

    @Test
    void aDeviceGetsTheDeclaredDefaults() throws IOException {
        Device device = load("defaults: {username: u, password: p}\ndevices:\n  - name: r1\n").get(0);

        assertThat(device.port()).isEqualTo(Settings.PORT.fallback().orElseThrow());
        assertThat(device.commandTimeout()).isEqualTo(Settings.COMMAND_TIMEOUT.fallback().orElseThrow());
        assertThat(device.connectTimeout()).isEqualTo(Settings.CONNECT_TIMEOUT.fallback().orElseThrow());
        assertThat(device.commandDeadline()).isEqualTo(Settings.COMMAND_DEADLINE.fallback().orElseThrow());
        assertThat(device.deviceDeadline()).isEqualTo(Settings.DEVICE_DEADLINE.fallback().orElseThrow());
        assertThat(device.maxOutput()).isEqualTo(Settings.MAX_OUTPUT_SIZE.fallback().orElseThrow());
        assertThat(device.retries()).isEqualTo(Settings.DEFAULT_RETRIES);
        assertThat(device.legacyAlgorithms()).isFalse();
        assertThat(device.redact()).isFalse();
        assertThat(device.save()).isTrue();
        assertThat(device.platform().name()).isEqualTo(Settings.PLATFORM.fallback().orElseThrow());
    }

    @Test
    void aKeyOnlyADeviceMaySetIsRefusedInDefaultsAndGroupsAsSuch() {
        // An outside probe was told "defaults.host: unknown key (did you mean 'port'?)".
        assertThatThrownBy(() -> load("defaults: {username: u, password: p, host: h}\ndevices:\n  - name: r1\n"))
                .isInstanceOf(InventoryException.class)
                .hasMessageEndingWith(": defaults.host: set per device, not in defaults (every device has its own)");
        assertThatThrownBy(() -> load("defaults: {username: u, password: p}\ngroups:\n  core: {name: x}\n"
                + "devices:\n  - name: r1\n")).isInstanceOf(InventoryException.class)
                .hasMessageEndingWith(": groups.core.name: set per device, not for a group (every device has its own)");
        assertThatThrownBy(() -> load("defaults: {username: u, password: p, prot: 22}\ndevices:\n  - name: r1\n"))
                .isInstanceOf(InventoryException.class).hasMessageEndingWith(": defaults.prot: unknown key (did you mean 'port'?)");
    }

    /** 'timeout' was only "unknown key", with no pointer to command_timeout. */
    @Test
    void aKeyWrittenWithPartOfItsNameIsPointedToTheKeysThatHoldIt() {
        assertThatThrownBy(() -> load("defaults: {username: u, password: p, timeout: 30}\ndevices:\n  - name: r1\n"))
                .hasMessageEndingWith(": defaults.timeout: unknown key (did you mean 'command_timeout' or 'connect_timeout'?)");
        assertThatThrownBy(() -> load("defaults: {username: u, password: p}\ndevices:\n  - {name: r1, deadline: 1m}\n"))
                .hasMessageEndingWith(": devices[0].deadline: unknown key (did you mean 'command_deadline' or 'device_deadline'?)");
        assertThatThrownBy(() -> load("defaults: {username: u, password: p, connect-timeout: 5s}\ndevices:\n  - name: r1\n"))
                .hasMessageEndingWith(": defaults.connect-timeout: unknown key (did you mean 'connect_timeout'?)");
    }

    @Test
    void eachSecretIsThreeKeysWrittenAtAnyLevel() {
        assertThat(Settings.PASSWORD.forms()).extracting(Setting::name)
                .containsExactly("password", "password_env", "password_file");
        assertThat(Settings.SECRETS).flatExtracting(SecretSetting::forms)
                .allMatch(form -> form.levels().equals(Set.of(Setting.Level.values())));
    }

    private List<Device> load(String yaml) throws IOException {
        return new InventoryLoader(name -> null).load(Files.writeString(dir.resolve("inventory.yaml"), yaml));
    }
}
