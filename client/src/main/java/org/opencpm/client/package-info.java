/**
 * The OpenCPM client: a CPM client (OMA CPM Conversation Functions, client side) that registers with a
 * CPM server, opens and answers 1-1 chat sessions (SIP INVITE, MSRP, CPIM) and sends and receives
 * pager-mode messages (SIP MESSAGE), with IMDN delivery and display notifications.
 *
 * <p>Public API, all in this package: {@link org.opencpm.client.CpmClient} (built once, registers,
 * opens chats, sends pager messages), {@link org.opencpm.client.ChatSession} (one 1-1 session: send,
 * close), the values {@link org.opencpm.client.ChatMessage} and {@link org.opencpm.client.DispositionReport},
 * {@link org.opencpm.client.CpmClientListener} for incoming traffic and
 * {@link org.opencpm.client.EventListener} for observability. Everything under {@code internal} may
 * change without notice; the command line ({@code ./opencpm client}) is in {@code cli} and uses only
 * this package.
 */
package org.opencpm.client;
