/**
 * Safe XML for bodies that come from the network: {@link org.opencpm.msrp.xml.SafeXml} opens a
 * hardened StAX reader (no DTD, no entities, size and depth limits) wrapped in
 * {@link org.opencpm.msrp.xml.XmlReader}; {@link org.opencpm.msrp.xml.XmlWriter} writes bodies; every
 * refusal is an {@link org.opencpm.msrp.xml.XmlBodyException}. Any module parsing XML from a peer
 * (resource-lists, conference-info, IMDN …) should go through here.
 */
package org.opencpm.msrp.xml;
