package net.backup.lab;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands a simulated IOS device understands, with IOS-style abbreviations: each word may be cut
 * short down to the letters that make it unambiguous on a real router ({@code wr mem}, {@code term len 0},
 * {@code sh run}, {@code conf t}).
 */
final class IosCommands {
    /** A command word and the shortest abbreviation IOS accepts for it. */
    private record Word(String word, int shortest) {
        boolean accepts(String typed) {
            return typed.length() >= shortest && word.startsWith(typed.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static final Word ENABLE = new Word("enable", 2);
    private static final Word DISABLE = new Word("disable", 4);
    private static final Word EXIT = new Word("exit", 3);
    private static final Word LOGOUT = new Word("logout", 4);
    private static final Word WRITE = new Word("write", 2);
    private static final Word MEMORY = new Word("memory", 1);
    private static final Word TERMINAL = new Word("terminal", 3);
    private static final Word LENGTH = new Word("length", 3);
    private static final Word PAGER = new Word("pager", 3);
    private static final Word SET = new Word("set", 3);
    private static final Word CLI = new Word("cli", 3);
    private static final Word SCREEN_LENGTH = new Word("screen-length", 8);
    private static final Word CONFIGURATION = new Word("configuration", 4);
    private static final Word MORE = new Word("more", 4);
    private static final Word SYSTEM_RUNNING = new Word("system:running-config", 21);
    private static final Word SHOW = new Word("show", 2);
    private static final Word RUNNING = new Word("running-config", 3);
    private static final Word VERSION = new Word("version", 1);
    private static final Word COPY = new Word("copy", 2);
    private static final Word STARTUP = new Word("startup-config", 3);
    private static final Word CONFIGURE = new Word("configure", 4);
    private static final Word CONFIG_TERMINAL = new Word("terminal", 1);
    private static final Word INTERFACE = new Word("interface", 3);
    private static final Word DESCRIPTION = new Word("description", 4);
    private static final Word HOSTNAME = new Word("hostname", 4);
    private static final Word END = new Word("end", 3);

    private enum Mode { EXEC, CONFIG, CONFIG_INTERFACE }

    private final IosShell shell;
    private final SimulatedDevice device;
    private Mode mode = Mode.EXEC;
    private String currentInterface;

    IosCommands(IosShell shell) {
        this.shell = shell;
        this.device = shell.device();
    }

    String prompt() {
        String host = device.platform().promptPrefix() + device.hostname();
        if (device.platform() == LabPlatform.JUNIPER_JUNOS) {
            return device.username() + "@" + device.hostname() + (mode == Mode.EXEC ? ">" : "#");
        }
        return switch (mode) {
            case EXEC -> host + (shell.privileged() ? "#" : ">");
            case CONFIG -> host + "(config)#";
            case CONFIG_INTERFACE -> host + "(config-if)#";
        };
    }

    /** @return false when the session should end */
    boolean execute(String line) throws IOException, InterruptedException {
        String[] words = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        if (words.length == 0) {
            return true;
        }
        return mode == Mode.EXEC ? exec(line, words) : configure(line, words);
    }

    private boolean exec(String line, String[] w) throws IOException, InterruptedException {
        if (is(w, EXIT) || is(w, LOGOUT)) {
            return false;
        }
        if (device.platform() == LabPlatform.JUNIPER_JUNOS) {
            junos(line, w);
            return true;
        }
        if (is(w, ENABLE)) {
            enable();
        } else if (is(w, DISABLE)) {
            shell.setPrivileged(false);
        } else if (device.platform() == LabPlatform.CISCO_ASA && startsWith(w, TERMINAL, PAGER) && w.length == 3
                && w[2].matches("\\d{1,3}")) {
            shell.setPageLength(Integer.parseInt(w[2]));
        } else if (device.platform() != LabPlatform.CISCO_ASA && startsWith(w, TERMINAL, LENGTH) && w.length == 3
                && w[2].matches("\\d{1,3}")
                && Integer.parseInt(w[2]) <= 512) {
            shell.setPageLength(Integer.parseInt(w[2]));
        } else if (is(w, TERMINAL, LENGTH) && w.length == 2) {
            shell.write("% Incomplete command.\r\n\r\n");
        } else if (shell.privileged() && (is(w, WRITE) || is(w, WRITE, MEMORY))) {
            writeMemory(line);
        } else if (shell.privileged() && is(w, SHOW, RUNNING)) {
            showRunningConfig();
        } else if (device.platform() == LabPlatform.CISCO_ASA && shell.privileged() && is(w, MORE, SYSTEM_RUNNING)) {
            showRunningConfig(); // the lab's ASA masks nothing, so both show the same text
        } else if (shell.privileged() && is(w, COPY, RUNNING, STARTUP)) {
            copyRunningToStartup(line);
        } else if (is(w, SHOW, VERSION)) {
            shell.page(List.of("Cisco IOS XE Software, Version 17.09.04a", "Cisco IOS Software [Cupertino], "
                    + "Virtual XE Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)",
                    "", device.hostname() + " uptime is 4 weeks, 2 days, 3 hours, 12 minutes",
                    "System image file is \"bootflash:packages.conf\"", ""));
        } else if (shell.privileged() && is(w, CONFIGURE, CONFIG_TERMINAL)) {
            mode = Mode.CONFIG;
            shell.write("Enter configuration commands, one per line.  End with CNTL/Z.\r\n");
        } else {
            invalid(line);
        }
        return true;
    }

    private void enable() throws IOException {
        if (shell.privileged()) {
            return;
        }
        if (device.enableSecret().isEmpty() && !device.has(Fault.ENABLE_REFUSED)) {
            shell.setPrivileged(true);
            return;
        }
        shell.write("Password: ");
        String secret = shell.readLine(false);
        if (secret == null) {
            throw new IOException("client gone");
        }
        if (!device.has(Fault.ENABLE_REFUSED) && device.enableSecret().get().equals(secret)) {
            shell.setPrivileged(true);
        } else {
            shell.write("% Access denied\r\n\r\n");
        }
    }

    private void writeMemory(String line) throws IOException {
        if (device.has(Fault.WRMEM_INVALID)) {
            invalid(line);
            return;
        }
        switch (device.platform()) {
            case CISCO_IOS -> shell.write("Building configuration...\r\n[OK]\r\n");
            case CISCO_ASA -> shell.write("Building configuration...\r\nCryptochecksum: 0f1e2d3c 4b5a6978 8796a5b4 c3d2e1f0\r\n"
                    + "\r\n12345 bytes copied in 0.120 secs\r\n[OK]\r\n");
            case ARISTA_EOS -> shell.write("Copy completed successfully.\r\n");
            case CISCO_NXOS, CISCO_XR -> {
                invalid(line); // NX-OS saves with copy running-config startup-config only; IOS-XR commits
                return;
            }
        }
        device.save();
    }

    /** JunOS's operational mode: its own words, its own error. */
    private void junos(String line, String[] w) throws IOException, InterruptedException {
        if (startsWith(w, SET, CLI, SCREEN_LENGTH) && w.length == 4 && w[3].matches("\\d{1,3}")) {
            shell.setPageLength(Integer.parseInt(w[3]));
        } else if (is(w, SHOW, CONFIGURATION)) {
            showRunningConfig();
        } else {
            int caret = line.indexOf(line.trim());
            shell.write(" ".repeat(Math.max(0, caret + prompt().length())) + "^\r\nunknown command.\r\n\r\n");
        }
    }

    /** IOS asks where to, offering startup-config; Enter accepts. */
    private void copyRunningToStartup(String line) throws IOException {
        if (device.platform() == LabPlatform.CISCO_NXOS) {
            if (device.has(Fault.WRMEM_INVALID)) {
                invalid(line);
                return;
            }
            shell.write("[########################################] 100%\r\nCopy complete, now saving to disk (please wait)..."
                    + "\r\nCopy complete.\r\n");
            device.save();
            return;
        }
        if (device.platform() == LabPlatform.ARISTA_EOS) {
            writeMemory(line);
            return;
        }
        shell.write("Destination filename [startup-config]? ");
        String answer = shell.readLine(true);
        if (answer == null) {
            throw new IOException("client gone");
        }
        if (!answer.isBlank() && !answer.strip().equals("startup-config")) {
            invalid(line);
            return;
        }
        writeMemory(line);
    }

    private void showRunningConfig() throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>(switch (device.platform()) {
            case CISCO_IOS -> List.of("Building configuration...", "");
            case CISCO_XR -> List.of(device.xrTimestamp(), "Building configuration...");
            default -> List.<String>of();
        });
        lines.addAll(device.runningConfig().lines().toList());
        if (device.has(Fault.TRUNCATED)) {
            lines = lines.subList(0, lines.size() - 3);
        }
        if (device.has(Fault.GARBAGE)) {
            lines.add(lines.size() / 2, new String(shell.noise(64), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        if (device.has(Fault.STALL) || device.has(Fault.DISCONNECT)) {
            shell.page(lines.subList(0, lines.size() / 2));
            if (device.has(Fault.DISCONNECT)) {
                shell.disconnect();
            }
            shell.hang();
            throw new IOException("stalled on purpose");
        }
        shell.page(lines);
    }

    private boolean configure(String line, String[] w) throws IOException {
        if (is(w, END)) {
            mode = Mode.EXEC;
        } else if (is(w, EXIT)) {
            mode = mode == Mode.CONFIG_INTERFACE ? Mode.CONFIG : Mode.EXEC;
        } else if (w.length == 2 && startsWith(w, HOSTNAME)) {
            device.setHostname(w[1]);
        } else if (w.length >= 2 && startsWith(w, INTERFACE)) {
            currentInterface = String.join("", java.util.Arrays.copyOfRange(w, 1, w.length));
            mode = Mode.CONFIG_INTERFACE;
        } else if (mode == Mode.CONFIG_INTERFACE && w.length >= 2 && startsWith(w, DESCRIPTION)) {
            device.setDescription(currentInterface, line.trim().substring(w[0].length()).trim());
        } else {
            invalid(line);
        }
        return true;
    }

    /** IOS puts a caret under the first word it could not make sense of. */
    private void invalid(String line) throws IOException {
        int caret = line.indexOf(line.trim());
        shell.write(" ".repeat(Math.max(0, caret + prompt().length())) + "^\r\n"
                + (device.platform() == LabPlatform.CISCO_ASA ? "ERROR: " : "") + "% Invalid input detected at '^' marker.\r\n\r\n");
    }

    /** True if the typed words are exactly abbreviations of {@code words}, in order. */
    private static boolean is(String[] typed, Word... words) {
        return typed.length == words.length && startsWith(typed, words);
    }

    /** True if the typed words begin with abbreviations of {@code words}; arguments may follow. */
    private static boolean startsWith(String[] typed, Word... words) {
        if (typed.length < words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!words[i].accepts(typed[i])) {
                return false;
            }
        }
        return true;
    }
}
