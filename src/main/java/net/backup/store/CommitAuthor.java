package net.backup.store;

/**
 * Who the history's commits are by. Ours rather than JGit's person type, so that a run without a history
 * never loads JGit (a fifth of a one-device run's start-up).
 */
public record CommitAuthor(String name, String email) {
}
