package net.backup.store;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;

/**
 * The output directory as the history's add sees it: no ignore rule applies. Backups are added by name,
 * and a {@code .gitignore} or {@code .git/info/exclude} someone edited to match {@code *.cfg} would otherwise
 * leave the file out of the index, where the commit of that name fails ("Entry not found by path"), for every
 * device, every night. The backups are at the top of the directory, so no subtree iterator (which would see
 * the rules again) is ever made.
 */
final class WorkTreeWithoutIgnores extends FileTreeIterator {
    WorkTreeWithoutIgnores(Repository repository) {
        super(repository);
    }

    @Override
    public boolean isEntryIgnored() {
        return false;
    }

    @Override
    protected boolean isEntryIgnored(int pathLength) {
        return false;
    }
}
