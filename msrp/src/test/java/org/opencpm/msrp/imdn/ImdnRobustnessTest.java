package org.opencpm.msrp.imdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.xml.Mutations;
import org.opencpm.msrp.xml.SafeXml;
import org.opencpm.msrp.xml.XmlBodyException;

/** Every truncation and 2000 seeded mutations: parsed, or refused with {@link XmlBodyException}. */
class ImdnRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"rfc5438-delivered.xml", "rfc5438-processed.xml", "cpm-interworking.xml",
        "extension-elements.xml"})
    void mutatedDocumentsNeverEscapeAsAnotherException(String vector) {
        List<byte[]> inputs = Mutations.of(bytes("imdn/" + vector), vector.hashCode(), 2000);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            Throwable thrown = catchThrowable(() -> ImdnDocument.parse(ImdnDocument.parse(input).toXml()));
            if (thrown != null) {
                assertThat(thrown).as("%s case %d", vector, i).isInstanceOf(XmlBodyException.class);
            }
        }
    }

    @Test
    void mutatedAggregatesNeverEscapeAsAnotherException() {
        List<byte[]> inputs = Mutations.of(bytes("imdn/aggregated-multipart.txt"), 5438, 2000);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            Throwable thrown = catchThrowable(() -> ImdnMessages.documents("multipart/mixed;boundary=imdn-boundary",
                    input, SafeXml.defaults()));
            if (thrown != null) {
                assertThat(thrown).as("case %d", i).isInstanceOf(XmlBodyException.class);
            }
        }
    }
}
