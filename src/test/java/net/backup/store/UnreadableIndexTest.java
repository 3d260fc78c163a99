package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.junit.jupiter.api.Test;

/**
 * Only a damaged index is rebuilt from the last commit: one JGit cannot read because it is git's split or sparse
 * index, or holds a path JGit refuses, is no damage, and rebuilding it lost what a person had staged (the cold
 * review: 'git update-index --split-index'). JGit's words tell them apart.
 */
class UnreadableIndexTest {
    @Test
    void anIndexCutShortOrWithAWrongChecksumIsDamage() {
        assertThat(UnreadableIndex.isDamage(new EOFException("Short read of block."))).isTrue();
        assertThat(UnreadableIndex.isDamage(new CorruptObjectException("DIRC checksum mismatch"))).isTrue();
        assertThat(UnreadableIndex.isDamage(new CorruptObjectException("Not a DIRC file."))).isTrue();
    }

    @Test
    void anIndexJGitCannotReadForWhatItHoldsIsNot() {
        assertThat(UnreadableIndex.isDamage(new CorruptObjectException("DIRC extension 'link' not supported by this version.")))
                .isFalse();
        assertThat(UnreadableIndex.isDamage(new CorruptObjectException("Invalid path: "))).isFalse();
    }
}
