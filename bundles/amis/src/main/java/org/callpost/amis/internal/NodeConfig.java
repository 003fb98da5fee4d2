package org.callpost.amis.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Callpost AMIS node", description = "Another voice mail system Callpost sends messages "
        + "to by AMIS analog (one configuration org.callpost.amis.node~<name> each)")
@interface NodeConfig {
    @AttributeDefinition(name = "Node ID", description = "The other system's number: the one it gives in its "
            + "start-of-session frame (digits)")
    String node_id();

    @AttributeDefinition(name = "Delivery number", description = "The number Callpost dials to reach the other "
            + "system's AMIS answering (digits as the PBX dials them)")
    String delivery_number();

    @AttributeDefinition(name = "Integration", description = "The integration (PBX) whose lines place the call")
    String integration();

    @AttributeDefinition(name = "Address prefix", description = "Digits a subscriber types before a mailbox number "
            + "of this node (e.g. 8 then 2001); empty for none")
    String address_prefix() default "";
}
