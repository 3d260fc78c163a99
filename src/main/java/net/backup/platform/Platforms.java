package net.backup.platform;

/** The built-in platforms, read once from the jar. */
public final class Platforms {
    private static final PlatformRegistry BUILT_IN = PlatformRegistry.builtIn();

    /** Cisco IOS and IOS-XE (also accepted as cisco_xe): platforms/cisco_ios.yaml. */
    public static final Platform CISCO_IOS = BUILT_IN.find("cisco_ios").orElseThrow();

    private Platforms() {
    }

    public static PlatformRegistry builtIn() {
        return BUILT_IN;
    }
}
