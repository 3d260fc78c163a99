package net.backup.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BraceBalanceTest {
    private static final String WHOLE = """
            ## Last commit: 2026-11-28 02:00:00 UTC by admin
            version 20.4R3;
            system {
                host-name "mx1";
                /* the {old} uplink, see ticket } 42 */
                login {
                    message "Authorised use only { or else \\" }";
                    user admin {
                        authentication {
                            encrypted-password "$6$abc{"; ## SECRET-DATA
                        }
                    }
                }
            }
            interfaces {
                ge-0/0/0 {
                    description "to {core}"; # a comment with a { brace
                    /* an annotation
                       over two lines { */
                    unit 0;
                }
            }
            """;

    @Test
    void aWholeConfigurationPairsUpWhateverItsStringsAndCommentsHold() {
        assertThat(BraceBalance.problem(WHOLE)).isEmpty();
        assertThat(BraceBalance.problem("version 20.4R3;\n")).isEmpty();
        assertThat(BraceBalance.problem("")).isEmpty();
    }

    /**
     * A group's wildcard and an interface range's member hold '/*' as part of a word, not an annotation: every brace
     * after it went uncounted and the device failed on every run (the cold review). '#' inside a word is no comment.
     */
    @Test
    void wildcardsAndWordsWithAHashAreNoComments() {
        String groups = """
                groups {
                    ge-defaults {
                        interfaces {
                            <ge-*/*/*> {
                                mtu 9192;
                            }
                            <*> {
                                unit <*> {
                                    family inet;
                                }
                            }
                        }
                    }
                }
                interfaces {
                    interface-range access {
                        member ge-0/0/*;
                        member-range ge-0/0/0 to ge-0/0/9;
                    }
                    inactive: ge-0/0/1 {
                        protect: unit 0 {
                            term a#1 {
                                then accept;
                            }
                        }
                    }
                }
                """;

        assertThat(BraceBalance.problem(groups)).isEmpty();
        assertThat(BraceBalance.problem(groups.substring(0, groups.lastIndexOf("}")))).contains("1 block is left open at its end");
    }

    /** The lab's fault drops the last three lines; probe M saw that answer stored as CHANGED. */
    @Test
    void oneCutShortLeavesBlocksOpen() {
        String cut = WHOLE.substring(0, WHOLE.indexOf("unit 0;"));

        assertThat(BraceBalance.problem(cut)).contains("2 blocks are left open at its end");
        assertThat(BraceBalance.problem("system {\n    host-name mx1;\n")).contains("1 block is left open at its end");
    }

    /** A cut inside a top-level statement leaves the braces paired; its last line does not end a statement (probe N). */
    @Test
    void aLastLineMustEndAStatement() {
        assertThat(BraceBalance.endsAStatement("}")).isTrue();
        assertThat(BraceBalance.endsAStatement("version 20.4R3.8;")).isTrue();
        assertThat(BraceBalance.endsAStatement("    encrypted-password \"$6$a#b\"; ## SECRET-DATA")).isTrue();
        assertThat(BraceBalance.endsAStatement("apply-groups [ GE-DEFAULTS ];  # ours")).isTrue();
        assertThat(BraceBalance.endsAStatement("version 20")).isFalse();
        assertThat(BraceBalance.endsAStatement("apply-groups [ GE-DE")).isFalse();
        assertThat(BraceBalance.endsAStatement("chass")).isFalse();
        assertThat(BraceBalance.endsAStatement("description \"a; b")).isFalse();
        assertThat(BraceBalance.problem("system {\n}\n/* Managed by netops\n")).contains("an annotation (/* ... */) is left open at its end");
    }

    @Test
    void aClosingBraceWithoutItsBlockIsNamedByLine() {
        assertThat(BraceBalance.problem("system {\n}\n}\n")).contains("a '}' in line 3 closes no block");
    }

    /** An unpaired quote does not hide the braces of the lines after it: a JunOS string never spans lines. */
    @Test
    void anUnpairedQuoteEndsWithItsLine() {
        assertThat(BraceBalance.problem("system {\n    description \"half;\n    x {\n")).contains("2 blocks are left open at its end");
    }
}
