package org.callpost.amis.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One other voice mail system, from its factory configuration. A wrong change is refused and the
 * node keeps its last good settings; a wrong first configuration gives no node.
 */
@Component(service = AmisNode.class, configurationPid = AmisNode.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = NodeConfig.class, factory = true)
public final class AmisNode {
    static final String PID = "org.callpost.amis.node";
    private static final Logger LOG = LoggerFactory.getLogger(AmisNode.class);

    /** A node's settings, checked. */
    record Settings(String name, String nodeId, String deliveryNumber, String integration, String prefix) {
    }

    private volatile Settings settings;

    @Activate
    void activate(NodeConfig config, Map<String, Object> properties) {
        settings = check(config, properties);
        LOG.info("AMIS node {}: system {}, delivered to {} through {}{}", settings.name(), settings.nodeId(),
                settings.deliveryNumber(), settings.integration(),
                settings.prefix().isEmpty() ? "" : ", address prefix " + settings.prefix());
    }

    @Modified
    void modified(NodeConfig config, Map<String, Object> properties) {
        try {
            settings = check(config, properties);
            LOG.info("AMIS node {} settings changed", settings.name());
        } catch (IllegalArgumentException e) {
            LOG.error("{}; the node keeps its last good settings", e.getMessage());
        }
    }

    Settings settings() {
        return settings;
    }

    /** The node's name: its factory configuration's name (org.callpost.amis.node~name), else the node ID. */
    static Settings check(NodeConfig c, Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", ""));
        String nodeId = trim(c.node_id());
        String name = pid.contains("~") ? pid.substring(pid.indexOf('~') + 1) : nodeId;
        digits(name, "node.id", nodeId, false, "the other system's number, e.g. 5552000");
        digits(name, "delivery.number", trim(c.delivery_number()), false, "the number that reaches its AMIS answering");
        digits(name, "address.prefix", trim(c.address_prefix()), true, "digits such as 8, or empty");
        String integration = trim(c.integration());
        if (integration.isEmpty()) {
            throw new IllegalArgumentException("AMIS node " + name + ": integration is not set: name the integration "
                    + "whose lines call the node (callpost:lines lists them)");
        }
        if (name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("AMIS node '" + name + "': name it with letters, digits, '-', '_' or '.' "
                    + "(org.callpost.amis.node~<name>)");
        }
        return new Settings(name, nodeId, trim(c.delivery_number()), integration, trim(c.address_prefix()));
    }

    private static void digits(String node, String setting, String value, boolean mayBeEmpty, String fix) {
        if ((value.isEmpty() && !mayBeEmpty) || !value.chars().allMatch(Character::isDigit) || value.length() > 20) {
            throw new IllegalArgumentException("AMIS node " + node + ": " + setting + " '" + value + "' is not up to 20 "
                    + "digits: set " + fix);
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
