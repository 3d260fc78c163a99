package net.backup.platform;

import java.util.regex.Pattern;

/**
 * A question a device may ask (a save confirmation, a login banner's {@code Press any key}) and what to
 * type in answer.
 *
 * @param question matches the whole last line while the device waits
 * @param reply    the keys to type (may be empty)
 * @param enter    whether Enter follows the reply: false for devices that act on a single key, where an
 *                 Enter would become a blank command of its own
 */
public record Answer(Pattern question, String reply, boolean enter) {
    /** What is typed: the reply, then Enter if asked for. */
    public String keys() {
        return enter ? reply + "\r" : reply;
    }
}
