package net.backup.session;

/** What to do with a device whose host key is not yet in known_hosts. A changed key always fails. */
public enum HostKeyPolicy {
    /** Refuse unknown keys: every device must be in known_hosts already. */
    STRICT,
    /** Record unknown keys (trust on first use), refuse changed ones. */
    ACCEPT_NEW,
    /** Verify nothing. Only for labs. */
    OFF
}
