package net.backup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.backup.lab.Lab;
import net.backup.lab.LabSettings;
import net.backup.testing.LabRun;
import net.backup.testing.LabTerminal;
import net.backup.testing.SettableClock;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** NEW / CHANGED / UNCHANGED, one commit per changing run, diff and log, the JSON report. */
class HistoryTest {
    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-26T02:15:00Z"));

    private LabRun lab(int devices) throws IOException {
        return new LabRun(Lab.builder(Lab.healthyFleet("csr", devices), LabSettings.defaults()).clock(clock).start(), dir);
    }

    private static List<RevCommit> commits(Path repository) throws Exception {
        try (Git git = Git.open(repository.toFile())) {
            var commits = new ArrayList<RevCommit>();
            git.log().call().forEach(commits::add);
            return commits;
        }
    }

    @Test
    void firstRunIsNewAndOneCommitThenNothingChangedMeansNoCommit() throws Exception {
        try (LabRun run = lab(3)) {
            CliRun first = run.backup();

            assertThat(first.out()).containsPattern("(?m)^NEW +csr1 ").contains("3 devices: 3 new, 0 changed, 0 unchanged, 0 failed");
            List<RevCommit> afterFirst = commits(run.output());
            assertThat(afterFirst).hasSize(1);
            assertThat(afterFirst.get(0).getFullMessage())
                    .isEqualTo("backup: 3 new\n\ncsr1: new\ncsr2: new\ncsr3: new\n");
            assertThat(afterFirst.get(0).getAuthorIdent().getName()).isEqualTo("backup");

            String servedFirst = run.lab().device("csr1").runningConfig();
            clock.advance(Duration.ofHours(24)); // wr mem moves the NVRAM timestamp: a volatile line only
            CliRun second = run.backup();

            assertThat(run.lab().device("csr1").runningConfig()).as("the device's output did change").isNotEqualTo(servedFirst);
            assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(second.out()).containsPattern("(?m)^UNCHANGED +csr1 ")
                    .contains("3 devices: 0 new, 0 changed, 3 unchanged, 0 failed", "History: nothing changed, no commit");
            assertThat(commits(run.output())).hasSize(1);
        }
    }

    @Test
    void aReconfiguredDeviceIsChangedInOneCommitAndDiffShowsExactlyTheChange() throws Exception {
        try (LabRun run = lab(2)) {
            run.backup();
            LabTerminal.type(run.lab(), "csr2", "enable", LabSettings.ENABLE_SECRET, "configure terminal",
                    "interface Loopback99", "description added by the history test", "end");
            clock.advance(Duration.ofMinutes(5));

            CliRun second = run.backup();

            assertThat(second.out()).containsPattern("(?m)^CHANGED +csr2 ").containsPattern("(?m)^UNCHANGED +csr1 ")
                    .containsPattern("History: [0-9a-f]{7} backup: 1 changed");
            List<RevCommit> all = commits(run.output());
            assertThat(all).hasSize(2);
            assertThat(all.get(0).getFullMessage()).isEqualTo("backup: 1 changed\n\ncsr2: changed\n");

            CliRun diff = CliRun.of("diff", "csr2", "--output-dir", run.output().toString());

            assertThat(diff.exitCode()).isEqualTo(ExitCodes.OK);
            List<String> changed = diff.out().lines().filter(l -> l.matches("^[+-](?![+-]{2} ).*")).toList();
            assertThat(changed).containsExactly("+interface Loopback99", "+ description added by the history test", "+!");
            assertThat(diff.out()).contains("--- a/csr2.cfg", "+++ b/csr2.cfg");

            CliRun log = CliRun.of("log", "csr2", "--output-dir", run.output().toString());
            assertThat(log.out().lines().toList()).hasSize(2);
            assertThat(log.out().lines().findFirst().orElseThrow())
                    .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d  [0-9a-f]{7}  \\+3 +-0 +backup: 1 changed");
            assertThat(CliRun.of("log", "csr1", "--output-dir", run.output().toString()).out().lines()).hasSize(1);
        }
    }

    @Test
    void diffSinceACommitAndTheFirstVersionAgainstNothing() throws Exception {
        try (LabRun run = lab(1)) {
            run.backup();
            String first = commits(run.output()).get(0).abbreviate(7).name();
            LabTerminal.type(run.lab(), "csr1", "en", LabSettings.ENABLE_SECRET, "conf t", "hostname edge-1", "end");
            run.backup();
            LabTerminal.type(run.lab(), "csr1", "en", LabSettings.ENABLE_SECRET, "conf t", "interface Gi9/9",
                    "description third", "end");
            run.backup();

            String since = CliRun.of("diff", "csr1", "--since", first, "-o", run.output().toString()).out();
            assertThat(since).contains("-hostname csr1", "+hostname edge-1", "+ description third");

            String last = CliRun.of("diff", "csr1", "-o", run.output().toString()).out();
            assertThat(last).contains("+ description third").doesNotContain("hostname");

            // Before the first backup: the whole configuration is new since then.
            CliRun sinceDate = CliRun.of("diff", "csr1", "--since", "2000-01-01", "-o", run.output().toString());
            assertThat(sinceDate.exitCode()).as(sinceDate.all()).isZero();
            assertThat(sinceDate.out()).contains("+hostname edge-1", "+ description third").doesNotContain("-hostname csr1");

            // Three commits: HEAD~2 is the first, HEAD~3 is beyond it, not a bad name.
            CliRun beyond = CliRun.of("diff", "csr1", "--since", "HEAD~3", "-o", run.output().toString());
            assertThat(beyond.exitCode()).as(beyond.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(beyond.err()).isEqualTo("backup: --since HEAD~3 goes back further than the history: HEAD has 2 "
                    + "commits before it\n");
        }
    }

    @Test
    void diffAndLogExplainWhatTheyCannotFind() throws IOException {
        try (LabRun run = lab(1)) {
            Files.createDirectories(run.output());
            CliRun noHistory = CliRun.of("log", "csr1", "-o", run.output().toString());
            assertThat(noHistory.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(noHistory.err()).contains("has no history");

            run.backup();
            CliRun unknown = CliRun.of("diff", "nosuch", "-o", run.output().toString());
            assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(unknown.err()).contains("no backup of nosuch in the history");

            // A file's name, another case: probe M was told only that there was no such backup.
            CliRun file = CliRun.of("log", "csr1.cfg", "-o", run.output().toString());
            assertThat(file.err()).isEqualTo("backup: no backup of csr1.cfg in the history of " + run.output().toRealPath()
                    + " (did you mean 'csr1'? a device's name, not its file's)\n");
            CliRun upper = CliRun.of("diff", "CSR1", "-o", run.output().toString());
            assertThat(upper.err()).endsWith(" (did you mean 'csr1'?)\n");

            CliRun badSince = CliRun.of("diff", "csr1", "--since", "yesterdayish", "-o", run.output().toString());
            assertThat(badSince.err()).contains("--since yesterdayish is neither a commit nor a date");
        }
    }

    /** Run from another folder, the default 'configs' is not there: that is said, not "has no history". */
    @Test
    void diffAndLogSayWhenTheOutputDirectoryDoesNotExistAndWhereTheyLooked() {
        String relative = "no-such-configs-" + dir.getFileName();
        for (String command : List.of("log", "diff")) {
            CliRun run = CliRun.of(command, "csr1", "-o", relative);

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).isEqualTo("backup: --output-dir " + relative + ": no such directory ("
                    + Path.of(relative).toAbsolutePath() + "); name the directory the backups were written to with -o DIR\n");
        }
        Path absolute = dir.resolve("configs");
        assertThat(CliRun.of("log", "csr1", "-o", absolute.toString()).err()).as("an absolute path is not said twice")
                .isEqualTo("backup: --output-dir " + absolute + ": no such directory; name the directory the backups "
                        + "were written to with -o DIR\n");
    }

    @Test
    void diffSinceSomethingThatIsNotACommitIsAUsageError() throws Exception {
        try (LabRun run = lab(1)) {
            run.backup();
            String blob;
            try (Git git = Git.open(run.output().toFile())) {
                blob = git.getRepository().resolve("HEAD:csr1.cfg").name();
            }

            for (String since : List.of("HEAD^{tree}", blob, "HEAD~x")) {
                CliRun diff = CliRun.of("diff", "csr1", "--since", since, "-o", run.output().toString());

                assertThat(diff.exitCode()).as(diff.all()).isEqualTo(ExitCodes.USAGE);
                assertThat(diff.err()).isEqualTo("backup: --since " + since + " is neither a commit nor a date (2026-11-20 "
                        + "or 2026-11-20T06:00)\n");
            }
        }
    }

    @Test
    void aFailedDeviceCommitsNothingAndTheSubjectCountsIt() throws Exception {
        var devices = List.of(Lab.DeviceSpec.healthy("good"),
                new Lab.DeviceSpec("bad", Set.of(net.backup.lab.Fault.AUTH_FAIL)));
        try (LabRun run = new LabRun(Lab.start(devices, LabSettings.defaults()), dir)) {
            run.writeBackup("bad", "! last good\nend\n");

            run.backup();

            RevCommit commit = commits(run.output()).get(0);
            assertThat(commit.getShortMessage()).isEqualTo("backup: 1 new, 1 failed");
            // Named, with its cause: "1 failed" named no one (probe M).
            assertThat(commit.getFullMessage()).isEqualTo("backup: 1 new, 1 failed\n\ngood: new\n"
                    + "bad: failed (authentication)\n");
            try (Git git = Git.open(run.output().toFile())) {
                assertThat(git.status().call().getUntracked()).containsExactly("bad.cfg");
            }
        }
    }

    @Test
    void usesAnExistingRepositoryAsItIsAndCommitsOnlyItsOwnFiles() throws Exception {
        try (LabRun run = lab(1)) {
            Files.createDirectories(run.output());
            try (Git git = Git.init().setDirectory(run.output().toFile()).call()) {
                Files.writeString(run.output().resolve("NOTES.md"), "hand-written notes\n");
                git.add().addFilepattern("NOTES.md").call();
                git.commit().setMessage("notes").setAuthor("me", "me@example.net").setCommitter("me", "me@example.net").call();
                Files.writeString(run.output().resolve("NOTES.md"), "edited, staged, not ours to commit\n");
                git.add().addFilepattern("NOTES.md").call();
            }

            run.backup("--author", "Night Shift <noc@example.net>");

            List<RevCommit> all = commits(run.output());
            assertThat(all).hasSize(2);
            assertThat(all.get(0).getAuthorIdent().getEmailAddress()).isEqualTo("noc@example.net");
            try (Git git = Git.open(run.output().toFile())) {
                assertThat(git.status().call().getChanged()).as("still staged, not committed").containsExactly("NOTES.md");
            }
        }
    }

    @Test
    void backupsTheRepositorysOwnIgnoreRulesMatchAreCommittedAllTheSame() throws Exception {
        try (LabRun run = lab(2)) {
            Files.createDirectories(run.output());
            Git.init().setDirectory(run.output().toFile()).setInitialBranch("main").call().close();
            Files.setPosixFilePermissions(run.output().resolve(".git"), PosixFilePermissions.fromString("rwx------"));
            Files.writeString(run.output().resolve(".gitignore"), "csr1.cfg\n");
            Files.createDirectories(run.output().resolve(".git/info"));
            Files.writeString(run.output().resolve(".git/info/exclude"), "*.cfg\n");

            CliRun first = run.backup();

            assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.OK);
            assertThat(first.out()).containsPattern("History: [0-9a-f]{7} backup: 2 new");
            try (Git git = Git.open(run.output().toFile())) {
                var status = git.status().call();
                assertThat(status.getUncommittedChanges()).isEmpty();
                assertThat(status.getUntracked()).containsExactly(".backup.lock");
                assertThat(status.getIgnoredNotInIndex()).isEmpty();
            }
            assertThat(commits(run.output()).get(0).getFullMessage()).isEqualTo("backup: 2 new\n\ncsr1: new\ncsr2: new\n");
        }
    }

    /** A history made by hand, as a repository used as it is may hold: csr1.cfg committed once per content. */
    private Path handMadeHistory(String... contents) throws Exception {
        Path output = Files.createDirectories(dir.resolve("configs"));
        try (Git git = Git.init().setDirectory(output.toFile()).setInitialBranch("main").call()) {
            for (String content : contents) {
                Files.writeString(output.resolve("csr1.cfg"), content, StandardCharsets.UTF_8);
                git.add().addFilepattern("csr1.cfg").call();
                git.commit().setMessage("backup: " + content.lines().skip(2).findFirst().orElse("first"))
                        .setAuthor("backup", "backup@example.net").setCommitter("backup", "backup@example.net").call();
            }
        }
        return output;
    }

    /** The abbreviated blob id git's diff header shows for {@code content}. */
    private static String blob(String content) {
        return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8)).abbreviate(7).name();
    }

    @Test
    void diffAndLogShowTextInAnyScriptAsTheCharactersItIs() throws Exception {
        String before = "hostname csr1\n!\nend\n";
        String after = "hostname csr1\n!\nsnmp-server location Zürich Straße – ✓ 日本\nend\n";
        Path output = handMadeHistory(before, after);

        CliRun diff = CliRun.of("diff", "csr1", "-o", output.toString());

        assertThat(diff.exitCode()).as(diff.all()).isZero();
        assertThat(diff.out()).isEqualTo("""
                diff --git a/csr1.cfg b/csr1.cfg
                index %s..%s 100644
                --- a/csr1.cfg
                +++ b/csr1.cfg
                @@ -1,3 +1,4 @@
                 hostname csr1
                 !
                +snmp-server location Zürich Straße – ✓ 日本
                 end
                """.formatted(blob(before), blob(after)));
        assertThat(CliRun.of("log", "csr1", "-o", output.toString()).out().lines().findFirst().orElseThrow())
                .endsWith("  +1     -0     backup: snmp-server location Zürich Straße – ✓ 日本");
    }

    /** Not one this tool stored (it refuses control characters), but a history used as it is may hold one. */
    @Test
    void diffAndLogShowAConfigurationsControlCharactersEscapedAndItsTabsAsTabs() throws Exception {
        String before = "hostname csr1\n!\nend\n";
        String after = "hostname csr1\n!\nbanner motd ^C\u001b[2J\u001b]0;pwned\u0007 \u009b31m \u202eZürich^C\n"
                + "\tindented\nend\n";
        Path output = handMadeHistory(before, after);

        CliRun diff = CliRun.of("diff", "csr1", "-o", output.toString());

        assertThat(diff.out()).endsWith("""
                 !
                +banner motd ^C\\e[2J\\e]0;pwned\\x07 \\x9b31m \\u202eZürich^C
                +\tindented
                 end
                """);
        assertThat(CliRun.of("log", "csr1", "-o", output.toString()).out().lines().findFirst().orElseThrow())
                .endsWith("  +2     -0     backup: banner motd ^C\\e[2J\\e]0;pwned\\x07 \\x9b31m \\u202eZürich^C");
    }

    @Test
    void noHistoryMeansNoRepository() throws IOException {
        try (LabRun run = lab(1)) {
            CliRun result = run.backup("--no-history");

            assertThat(result.out()).doesNotContain("History:");
            assertThat(result.err()).isEmpty();
            assertThat(Files.exists(run.output().resolve(".git"))).isFalse();

            CliRun authored = run.backup("--no-history", "--author", "Ops <ops@example.net>");
            assertThat(authored.exitCode()).as(authored.all()).isEqualTo(ExitCodes.OK);
            assertThat(authored.err()).isEqualTo("backup: warning: --author names the history's commits, and --no-history makes none\n");
        }
    }

    @Test
    void redactedSecretsNeverReachTheFilesOrTheHistory() throws Exception {
        try (LabRun run = lab(1)) {
            String original = run.lab().device("csr1").stableConfig();
            String community = original.lines().filter(l -> l.startsWith("snmp-server community ")).findFirst()
                    .orElseThrow().split(" ")[2];

            run.backup("--redact");

            String stored = run.backupOf("csr1");
            assertThat(stored).doesNotContain(community).contains("snmp-server community <redacted:")
                    .contains("hostname csr1");
            try (Git git = Git.open(run.output().toFile())) {
                assertThat(git.status().call().getUntracked()).doesNotContain(".redact-key");
            }
            CliRun again = run.backup("--redact");
            assertThat(again.out()).contains("1 unchanged");
            assertThat(again.err()).as("cisco_ios has secrets rules: no warning").doesNotContain("warning");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theJsonReportParsesAndMatchesTheRun() throws IOException {
        var devices = List.of(Lab.DeviceSpec.healthy("csr1"),
                new Lab.DeviceSpec("csr2", Set.of(net.backup.lab.Fault.WRMEM_INVALID)));
        try (LabRun run = new LabRun(Lab.start(devices, LabSettings.defaults()), dir)) {
            Path report = dir.resolve("report.json");

            run.backup("--report", report.toString());

            Map<String, Object> json = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(report));
            assertThat(json).containsKeys("started", "finished", "duration_ms", "devices");
            assertThat(Instant.parse((String) json.get("started"))).isBefore(Instant.parse((String) json.get("finished")));
            List<Map<String, Object>> entries = (List<Map<String, Object>>) json.get("devices");
            assertThat(entries).hasSize(2);
            assertThat(entries.get(0)).containsEntry("name", "csr1").containsEntry("host", "127.0.0.1")
                    .containsEntry("status", "NEW").containsEntry("attempts", 1).containsEntry("error", null).containsEntry("cause", null)
                    .containsEntry("bytes", (int) Files.size(run.output().resolve("csr1.cfg")));
            assertThat(entries.get(1)).containsEntry("status", "FAILED").containsEntry("bytes", 0)
                    .containsEntry("error", "'wr mem' failed: % Invalid input detected at '^' marker. (not backed up: the save comes first;"
                            + " --no-save or save: false backs up without it)")
                    .containsEntry("cause", "DEVICE_ERROR");
        }
    }
}
