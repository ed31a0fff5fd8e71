package org.opencpm.msrp.conference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.opencpm.msrp.xml.TestResources.bytes;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencpm.msrp.xml.Mutations;
import org.opencpm.msrp.xml.XmlBodyException;

/**
 * Every truncation and 2000 seeded mutations: parsed (and then applied to a state), or refused
 * with {@link XmlBodyException}.
 */
class ConferenceInfoRobustnessTest {

    @ParameterizedTest
    @ValueSource(strings = {"rfc4575-basic-full.xml", "rfc4575-rich-full.xml", "cpm-partial-booted.xml",
        "rcs-group-full.xml"})
    void mutatedDocumentsNeverEscapeAsAnotherException(String vector) throws Exception {
        ConferenceInfoState base = ConferenceInfoState.empty()
                .apply(ConferenceInfo.parse(bytes("conference/rcs-group-full.xml"))).state();
        List<byte[]> inputs = Mutations.of(bytes("conference/" + vector), vector.hashCode(), 2000);
        for (int i = 0; i < inputs.size(); i++) {
            byte[] input = inputs.get(i);
            Throwable thrown = catchThrowable(() -> {
                ConferenceInfo info = ConferenceInfo.parse(input);
                assertThat(ConferenceInfo.parse(info.toXml())).isEqualTo(info);
                base.apply(info);
            });
            if (thrown != null) {
                assertThat(thrown).as("%s case %d", vector, i).isInstanceOf(XmlBodyException.class);
            }
        }
    }
}
