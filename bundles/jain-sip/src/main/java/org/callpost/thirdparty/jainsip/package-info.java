/**
 * Creating JAIN-SIP stacks inside OSGi. {@link org.callpost.thirdparty.jainsip.SipStacks} makes
 * one stack per integration directly (never through {@code javax.sip.SipFactory}, which caches
 * stacks JVM-wide by name) and routes the stack's own logging to SLF4J.
 */
@Version("1.0.0")
package org.callpost.thirdparty.jainsip;

import org.osgi.annotation.versioning.Version;
