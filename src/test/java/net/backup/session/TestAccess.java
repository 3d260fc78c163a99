package net.backup.session;

import net.backup.platform.Platforms;

/** Lets tests of other packages run the output cleaner the way a session does, for IOS. */
public final class TestAccess {
    private TestAccess() {
    }

    public static String clean(String raw, String command) {
        return OutputCleaner.clean(raw, command, Platforms.CISCO_IOS.pagerPrompt());
    }
}
