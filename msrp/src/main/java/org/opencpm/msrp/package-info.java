/**
 * MSRP (RFC 4975, RFC 6135) for OpenCPM: the message model, sessions, the back-to-back relay and the
 * endpoint that runs them on Netty.
 *
 * <p>Layers, lowest first; each reports upward through a listener and never imports a higher one:
 * <ol>
 * <li>grammar ({@code internal.grammar}): start line, headers, URIs and framing on byte arrays, no Netty;</li>
 * <li>codec ({@code internal.codec}): {@code MsrpFrameDecoder} and {@code MsrpMessageEncoder}, bytes ↔
 *     {@link org.opencpm.msrp.MsrpMessage}, limits from {@link org.opencpm.msrp.MsrpDecoderConfig};</li>
 * <li>connection ({@code internal.session.MsrpConnection}): routes messages to sessions by To-Path,
 *     answers 400/413/481/506, times out unfinished chunks;</li>
 * <li>session ({@code internal.session.RealMsrpSession}): chunking, reassembly, transactions, REPORTs,
 *     keep-alive and the AMB-01 loss rules, as a plain object on a {@link org.opencpm.common.time.Scheduler};</li>
 * <li>relay ({@code internal.relay}) and {@link org.opencpm.msrp.MsrpEndpoint}, the public entry point.</li>
 * </ol>
 *
 * <p>Public API: {@link org.opencpm.msrp.MsrpEndpoint}, {@link org.opencpm.msrp.MsrpSession},
 * {@link org.opencpm.msrp.MsrpSessionEvent}, {@link org.opencpm.msrp.MsrpRelay}, the message model and
 * {@link org.opencpm.msrp.sdp.MsrpMedia}. Everything under {@code internal} may change without notice.
 */
package org.opencpm.msrp;
