/**
 * SIP dialogs (RFC 3261 §12): {@link org.opencpm.sip.dialog.Dialog} state, route set and sequence
 * numbers, in-dialog request construction with loose and strict routing, and the
 * {@link org.opencpm.sip.dialog.DialogTable} a UA core keeps. Above the transaction layer, below
 * the procedures.
 */
package org.opencpm.sip.dialog;
