package net.backup.store;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * JGit's view of the file system for the history, with every way JGit has of starting a program shut: JGit
 * would otherwise run {@code git --version} and {@code git config --system} from the {@code PATH} to find the
 * system config, hooks (the post-commit hook even with {@code --no-verify}), clean filters named in
 * {@code .gitattributes}, and {@code sh -c umask}; each of them inherits the process environment, which holds
 * the devices' credentials ({@code ${DEVPW}} in an inventory). A backup run needs none of them.
 *
 * <p>A hook is skipped, as JGit skips hooks where it cannot run them; a filter or any other program makes the
 * JGit call fail with a message saying so, rather than store content that was not filtered as configured.
 * POSIX only, like the tool's owner-only files.
 */
final class NoProgramsFs extends FS_POSIX {
    static final FS INSTANCE = new NoProgramsFs();

    /** The history is owner-only in any case; asking the real umask would run {@code sh}. */
    private static final int OWNER_ONLY_UMASK = 0077;

    private NoProgramsFs() {
        setUmask(OWNER_ONLY_UMASK);
    }

    private NoProgramsFs(NoProgramsFs source) {
        super(source);
    }

    @Override
    public FS newInstance() {
        return new NoProgramsFs(this);
    }

    @Override
    protected File discoverGitExe() {
        return null;
    }

    @Override
    protected File discoverGitSystemConfig() {
        return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args, OutputStream out,
            OutputStream err, String stdin) {
        return new ProcessResult(ProcessResult.Status.NOT_SUPPORTED);
    }

    @Override
    public ProcessBuilder runInShell(String command, String[] args) {
        throw new JGitInternalException(refusal(command));
    }

    @Override
    public int runProcess(ProcessBuilder process, OutputStream out, OutputStream err, InputStream in) throws IOException {
        throw new IOException(refusal(String.join(" ", process.command())));
    }

    private static String refusal(String command) {
        return "the history runs no programs, so not '" + command + "' (a filter or tool in the git configuration?)";
    }
}
