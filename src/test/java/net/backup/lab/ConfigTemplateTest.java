package net.backup.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The lab's configuration templates: fields, arithmetic read left to right, secrets, and what is refused. */
class ConfigTemplateTest {
    private static ConfigTemplate.Rendered render(Object yaml) {
        return ConfigTemplate.parse(yaml).render(new SplittableRandom(7), Map.of("host", "r1", "user", "ntc"),
                Map.of("interfaces", 3, "vlans", 2));
    }

    @Test
    void fieldsAreFilledAndArithmeticIsReadLeftToRight() {
        var template = List.of("hostname {{host}}", Map.of("repeat", "interfaces", "each",
                List.of("interface Gi{{i-1/2+1}}/{{i%2}} ! {{i*10+5}} of {{interfaces}}")));

        // i-1/2+1 is ((i-1)/2)+1, not i-(1/2)+1
        assertThat(render(template).lines()).containsExactly("hostname r1",
                "interface Gi1/1 ! 15 of 3", "interface Gi1/0 ! 25 of 3", "interface Gi2/1 ! 35 of 3");
    }

    @Test
    void aSecretFieldRecordsTheWholeTokenItStandsIn() {
        var rendered = render(List.of("username {{user}} secret 9 $9${{secret chars:14}};"));

        String line = rendered.lines().get(0);
        String token = line.substring(line.indexOf("$9$"), line.length() - 1);
        assertThat(token).hasSize(17);
        assertThat(rendered.secrets()).containsExactly(token);
    }

    @Test
    void theSameSeedGivesTheSameLines() {
        var template = List.of("{{word:8}} {{num:1-1000}} {{pick:a,b,c}} {{hex:6}} {{vlan}}");
        assertThat(render(template).lines()).isEqualTo(render(template).lines());
    }

    @Test
    void anUnknownOrMalformedFieldIsRefusedByName() {
        for (String field : List.of("nosuch", "i+", "9i", "i-1/", "host+1", "-1", "i--1", "i 1")) {
            var template = List.of(Map.of("repeat", 1, "each", List.of("x {{" + field + "}}")));
            assertThatThrownBy(() -> render(template)).as(field).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown field '" + field + "'");
        }
    }
}
