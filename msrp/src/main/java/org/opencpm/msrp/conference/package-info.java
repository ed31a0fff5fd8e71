/**
 * Conference state (RFC 4575) for CPM group chat: {@link org.opencpm.msrp.conference.ConferenceInfo}
 * is one {@code application/conference-info+xml} document, as the CF writes it in NOTIFY;
 * {@link org.opencpm.msrp.conference.ConferenceInfoState} is a subscriber's view, applying partial
 * documents by version and saying when to re-subscribe.
 */
package org.opencpm.msrp.conference;
