package net.backup.inventory;

import java.util.List;

/**
 * A secret, written at any level in one of three ways: literally ({@code password}), as an environment
 * variable ({@code password_env}) or as a file whose first line it is ({@code password_file}). One level may
 * use only one of them.
 *
 * @param inWords what it is, for a message: {@code an enable secret}
 */
public record SecretSetting(String inWords, Setting<String> literal, Setting<String> variable, Setting<String> file) {

    static SecretSetting named(String name, String inWords) {
        return named(name, inWords, SettingTypes.TEXT);
    }

    /** One whose literal form may be {@code ""}: a secret that is meant to be empty (an enable password). */
    static SecretSetting namedMayBeEmpty(String name, String inWords) {
        return named(name, inWords, SettingTypes.TEXT_OR_QUOTED_EMPTY);
    }

    private static SecretSetting named(String name, String inWords, Setting.Type<String> literal) {
        return new SecretSetting(inWords, Setting.optional(name, literal),
                Setting.optional(name + "_env", SettingTypes.TEXT), Setting.optional(name + "_file", SettingTypes.TEXT));
    }

    public String name() {
        return literal.name();
    }

    /** The three keys, in the order the "set only one of" message names them. */
    public List<Setting<String>> forms() {
        return List.of(literal, variable, file);
    }
}
