package org.opencpm.msrp.conference.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.opencpm.msrp.conference.ConferenceDescription;
import org.opencpm.msrp.conference.ConferenceEndpoint;
import org.opencpm.msrp.conference.ConferenceInfo;
import org.opencpm.msrp.conference.ConferenceState;
import org.opencpm.msrp.conference.ConferenceUser;
import org.opencpm.msrp.conference.DisconnectionMethod;
import org.opencpm.msrp.conference.ElementState;
import org.opencpm.msrp.conference.EndpointStatus;
import org.opencpm.msrp.conference.ExecutionInfo;
import org.opencpm.msrp.conference.JoiningMethod;
import org.opencpm.msrp.xml.XmlBodyException;
import org.opencpm.msrp.xml.XmlBodyException.Reason;
import org.opencpm.msrp.xml.XmlReader;
import org.opencpm.msrp.xml.XmlWriter;
import org.opencpm.msrp.xml.internal.DateTimes;

/** Reads and writes {@code <conference-info>} (RFC 4575), one method per element type. */
public final class ConferenceInfoXml {

    private static final String NS = ConferenceInfo.NAMESPACE;

    private ConferenceInfoXml() {
    }

    /** {@code conference-type}: the root element. */
    public static ConferenceInfo parse(XmlReader xml) throws XmlBodyException {
        xml.requireRoot(NS, "conference-info");
        String entity = xml.requireAttribute("entity");
        ElementState state = state(xml);
        OptionalLong version = OptionalLong.empty();
        Optional<String> versionText = xml.attribute("version");
        if (versionText.isPresent()) {
            version = OptionalLong.of(unsigned(xml, "version", versionText.get(), 0xFFFF_FFFFL));
        }
        Optional<ConferenceDescription> description = Optional.empty();
        Optional<ConferenceState> conferenceState = Optional.empty();
        List<ConferenceUser> users = new ArrayList<>();
        while (xml.nextChild()) {
            if (!xml.namespaceUri().equals(NS)) {
                xml.skipElement();
                continue;
            }
            switch (xml.localName()) {
                case "conference-description" -> description = Optional.of(description(xml));
                case "conference-state" -> conferenceState = Optional.of(conferenceState(xml));
                case "users" -> users(xml, users);
                default -> xml.skipElement();
            }
        }
        xml.requireEndOfDocument();
        return new ConferenceInfo(entity, state, version, description, conferenceState, users);
    }

    private static ConferenceDescription description(XmlReader xml) throws XmlBodyException {
        Optional<String> displayText = Optional.empty();
        Optional<String> subject = Optional.empty();
        Optional<Integer> max = Optional.empty();
        while (xml.nextChild()) {
            switch (ours(xml)) {
                case "display-text" -> displayText = Optional.of(xml.text());
                case "subject" -> subject = Optional.of(xml.text());
                case "maximum-user-count" -> max = Optional.of((int) unsigned(xml, "maximum-user-count",
                        xml.trimmedText(), Integer.MAX_VALUE));
                default -> xml.skipElement();
            }
        }
        return new ConferenceDescription(displayText, subject, max);
    }

    private static ConferenceState conferenceState(XmlReader xml) throws XmlBodyException {
        Optional<Integer> userCount = Optional.empty();
        Optional<Boolean> active = Optional.empty();
        Optional<Boolean> locked = Optional.empty();
        while (xml.nextChild()) {
            switch (ours(xml)) {
                case "user-count" -> userCount = Optional.of((int) unsigned(xml, "user-count", xml.trimmedText(),
                        Integer.MAX_VALUE));
                case "active" -> active = Optional.of(bool(xml, "active", xml.trimmedText()));
                case "locked" -> locked = Optional.of(bool(xml, "locked", xml.trimmedText()));
                default -> xml.skipElement();
            }
        }
        return new ConferenceState(userCount, active, locked);
    }

    private static void users(XmlReader xml, List<ConferenceUser> users) throws XmlBodyException {
        while (xml.nextChild()) {
            if (ours(xml).equals("user")) {
                users.add(user(xml));
            } else {
                xml.skipElement();
            }
        }
    }

    private static ConferenceUser user(XmlReader xml) throws XmlBodyException {
        String entity = xml.requireAttribute("entity");
        ElementState state = state(xml);
        boolean yourOwn = xml.attributeAnyNamespace("yourown").map(v -> v.strip().equals("true")).orElse(false);
        Optional<String> displayText = Optional.empty();
        List<String> roles = new ArrayList<>();
        List<ConferenceEndpoint> endpoints = new ArrayList<>();
        while (xml.nextChild()) {
            switch (ours(xml)) {
                case "display-text" -> displayText = Optional.of(xml.text());
                case "roles" -> {
                    while (xml.nextChild()) {
                        if (ours(xml).equals("entry")) {
                            roles.add(xml.trimmedText());
                        } else {
                            xml.skipElement();
                        }
                    }
                }
                case "endpoint" -> endpoints.add(endpoint(xml));
                default -> xml.skipElement();
            }
        }
        return new ConferenceUser(entity, state, displayText, roles, yourOwn, endpoints);
    }

    private static ConferenceEndpoint endpoint(XmlReader xml) throws XmlBodyException {
        String entity = xml.requireAttribute("entity");
        ElementState state = state(xml);
        Optional<String> displayText = Optional.empty();
        Optional<EndpointStatus> status = Optional.empty();
        Optional<JoiningMethod> joining = Optional.empty();
        Optional<ExecutionInfo> joiningInfo = Optional.empty();
        Optional<DisconnectionMethod> disconnection = Optional.empty();
        Optional<ExecutionInfo> disconnectionInfo = Optional.empty();
        while (xml.nextChild()) {
            switch (ours(xml)) {
                case "display-text" -> displayText = Optional.of(xml.text());
                case "status" -> status = Optional.of(token(xml, "status", EndpointStatus::fromToken));
                case "joining-method" -> joining = Optional.of(token(xml, "joining-method", JoiningMethod::fromToken));
                case "joining-info" -> joiningInfo = Optional.of(executionInfo(xml));
                case "disconnection-method" -> disconnection = Optional.of(
                        token(xml, "disconnection-method", DisconnectionMethod::fromToken));
                case "disconnection-info" -> disconnectionInfo = Optional.of(executionInfo(xml));
                default -> xml.skipElement();
            }
        }
        return new ConferenceEndpoint(entity, state, displayText, status, joining, joiningInfo, disconnection,
                disconnectionInfo);
    }

    private static ExecutionInfo executionInfo(XmlReader xml) throws XmlBodyException {
        Optional<OffsetDateTime> when = Optional.empty();
        Optional<String> reason = Optional.empty();
        Optional<String> by = Optional.empty();
        while (xml.nextChild()) {
            switch (ours(xml)) {
                case "when" -> {
                    String text = xml.trimmedText();
                    when = Optional.of(DateTimes.parse(text).orElseThrow(
                            () -> xml.error(Reason.INVALID_VALUE, "<when> is not a date-time: '" + text + "'")));
                }
                case "reason" -> reason = Optional.of(xml.text());
                case "by" -> by = Optional.of(xml.trimmedText());
                default -> xml.skipElement();
            }
        }
        return new ExecutionInfo(when, reason, by);
    }

    /** The local name if the element is in the conference-info namespace, else {@code ""}. */
    private static String ours(XmlReader xml) {
        return xml.namespaceUri().equals(NS) ? xml.localName() : "";
    }

    /** RFC 4575: "state" defaults to "full" when absent. */
    private static ElementState state(XmlReader xml) throws XmlBodyException {
        Optional<String> text = xml.attribute("state");
        if (text.isEmpty()) {
            return ElementState.FULL;
        }
        return ElementState.fromToken(text.get().strip()).orElseThrow(() -> xml.error(Reason.INVALID_VALUE,
                "state must be full, partial or deleted: '" + text.get() + "'"));
    }

    private static <T> T token(XmlReader xml, String element, Function<String, Optional<T>> lookup)
            throws XmlBodyException {
        String text = xml.trimmedText();
        return lookup.apply(text).orElseThrow(
                () -> xml.error(Reason.INVALID_VALUE, "<" + element + "> has an unknown value: '" + text + "'"));
    }

    private static long unsigned(XmlReader xml, String what, String text, long max) throws XmlBodyException {
        String t = text.strip();
        if (!t.isEmpty() && t.length() <= 10 && t.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long value = Long.parseLong(t);
            if (value <= max) {
                return value;
            }
        }
        throw xml.error(Reason.INVALID_VALUE, what + " is not an unsigned integer in range: '" + text + "'");
    }

    /** XML Schema {@code xs:boolean}: true, false, 1, 0. */
    private static boolean bool(XmlReader xml, String what, String text) throws XmlBodyException {
        return switch (text) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw xml.error(Reason.INVALID_VALUE, "<" + what + "> is not a boolean: '" + text + "'");
        };
    }

    /** Writes the document. */
    public static byte[] write(ConferenceInfo info) {
        XmlWriter w = new XmlWriter().start("conference-info").attribute("xmlns", NS)
                .attribute("entity", info.entity()).attribute("state", info.state().token());
        info.version().ifPresent(v -> w.attribute("version", Long.toString(v)));
        info.description().ifPresent(d -> {
            w.start("conference-description");
            d.displayText().ifPresent(t -> w.element("display-text", t));
            d.subject().ifPresent(t -> w.element("subject", t));
            d.maximumUserCount().ifPresent(n -> w.element("maximum-user-count", Integer.toString(n)));
            w.end();
        });
        info.conferenceState().ifPresent(s -> {
            w.start("conference-state");
            s.userCount().ifPresent(n -> w.element("user-count", Integer.toString(n)));
            s.active().ifPresent(b -> w.element("active", Boolean.toString(b)));
            s.locked().ifPresent(b -> w.element("locked", Boolean.toString(b)));
            w.end();
        });
        if (!info.users().isEmpty() || info.state() == ElementState.FULL) {
            w.start("users");
            info.users().forEach(u -> user(w, u));
            w.end();
        }
        return w.end().toBytes();
    }

    private static void user(XmlWriter w, ConferenceUser u) {
        w.start("user").attribute("entity", u.entity()).attribute("state", u.state().token());
        if (u.yourOwn()) {
            w.attribute("yourown", "true");
        }
        u.displayText().ifPresent(t -> w.element("display-text", t));
        if (!u.roles().isEmpty()) {
            w.start("roles");
            u.roles().forEach(r -> w.element("entry", r));
            w.end();
        }
        u.endpoints().forEach(e -> endpoint(w, e));
        w.end();
    }

    private static void endpoint(XmlWriter w, ConferenceEndpoint e) {
        w.start("endpoint").attribute("entity", e.entity()).attribute("state", e.state().token());
        e.displayText().ifPresent(t -> w.element("display-text", t));
        e.status().ifPresent(s -> w.element("status", s.token()));
        e.joiningMethod().ifPresent(m -> w.element("joining-method", m.token()));
        e.joiningInfo().ifPresent(i -> executionInfo(w, "joining-info", i));
        e.disconnectionMethod().ifPresent(m -> w.element("disconnection-method", m.token()));
        e.disconnectionInfo().ifPresent(i -> executionInfo(w, "disconnection-info", i));
        w.end();
    }

    private static void executionInfo(XmlWriter w, String element, ExecutionInfo i) {
        w.start(element);
        i.when().ifPresent(t -> w.element("when", DateTimes.format(t)));
        i.reason().ifPresent(t -> w.element("reason", t));
        i.by().ifPresent(t -> w.element("by", t));
        w.end();
    }
}
