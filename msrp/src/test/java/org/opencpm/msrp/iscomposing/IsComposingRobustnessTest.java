package org.opencpm.msrp.iscomposing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.xml.Mutations;
import org.opencpm.msrp.xml.XmlBodyException;

/** Every truncation and 2000 seeded mutations: parsed, or refused with {@link XmlBodyException}. */
class IsComposingRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"rfc3994-active.xml", "rfc3994-idle.xml"})
    void mutatedDocumentsNeverEscapeAsAnotherException(String vector) {
        List<byte[]> inputs = Mutations.of(bytes("iscomposing/" + vector), vector.hashCode(), 2000);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            Throwable thrown = catchThrowable(() -> IsComposing.parse(IsComposing.parse(input).toXml()));
            if (thrown != null) {
                assertThat(thrown).as("%s case %d", vector, i).isInstanceOf(XmlBodyException.class);
            }
        }
    }
}
