package org.opencpm.msrp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header lookup: names compare case-insensitively, the first field of a name wins, the indexed names included. */
class MsrpHeadersTest {

    private static MsrpHeaders.Field f(String name, String value) {
        return new MsrpHeaders.Field(name, value);
    }

    @Test
    void wellKnownNamesAreFoundInAnySpellingAndTheFirstFieldWins() {
        MsrpHeaders h = MsrpHeaders.of(List.of(f("to-path", "msrp://a:1/x;tcp"), f("X-Other", "1"),
                f("MESSAGE-ID", "m1"), f("Message-ID", "m2"), f("byte-range", "1-2/2")));

        assertThat(h.get(MsrpHeaders.TO_PATH)).isEqualTo("msrp://a:1/x;tcp");
        assertThat(h.get("TO-PATH")).isEqualTo("msrp://a:1/x;tcp");
        assertThat(h.get(MsrpHeaders.MESSAGE_ID)).isEqualTo("m1");
        assertThat(h.get(new String("Byte-Range".toCharArray()))).isEqualTo("1-2/2");
        assertThat(h.get(MsrpHeaders.FROM_PATH)).isNull();
        assertThat(h.contains(MsrpHeaders.CONTENT_TYPE)).isFalse();
        assertThat(h.get("x-other")).isEqualTo("1");
        assertThat(h.get("X-Missing")).isNull();
    }

    @Test
    void withAndWithoutKeepTheIndexRight() {
        MsrpHeaders h = MsrpHeaders.EMPTY.with(MsrpHeaders.FROM_PATH, "f").with(MsrpHeaders.STATUS, "000 200 OK")
                .with("from-path", "g");

        assertThat(h.get(MsrpHeaders.FROM_PATH)).isEqualTo("g");
        assertThat(h.fields()).extracting(MsrpHeaders.Field::name).containsExactly("from-path", "Status");
        assertThat(h.without("FROM-PATH").get(MsrpHeaders.FROM_PATH)).isNull();
        assertThat(h.without("FROM-PATH").get(MsrpHeaders.STATUS)).isEqualTo("000 200 OK");
    }

    @Test
    void manyFieldsBeyondTheIndexAreStillFound() {
        List<MsrpHeaders.Field> fields = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fields.add(f("X-" + i, "v" + i));
        }
        fields.add(f("Content-Type", "text/plain"));
        MsrpHeaders h = MsrpHeaders.of(fields);

        assertThat(h.get(MsrpHeaders.CONTENT_TYPE)).isEqualTo("text/plain");
        assertThat(h.get("x-150")).isEqualTo("v150");
    }

    @Test
    void theDecoderSharesTheNameConstantsOnlyForTheExactSpelling() {
        byte[] line = "To-Pathto-pathStatus".getBytes(StandardCharsets.US_ASCII);

        assertThat(MsrpHeaders.knownName(line, 0, 7)).isSameAs(MsrpHeaders.TO_PATH);
        assertThat(MsrpHeaders.knownName(line, 7, 14)).isNull();
        assertThat(MsrpHeaders.knownName(line, 14, 20)).isSameAs(MsrpHeaders.STATUS);
        assertThat(MsrpHeaders.knownName(line, 0, 6)).isNull();
    }
}
