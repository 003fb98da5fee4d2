package org.callpost.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import java.util.Optional;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.Integrations;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;
import org.callpost.shell.internal.checklist.PbxChecklist;
import org.callpost.shell.internal.pbx.IntegrationConfigs;
import org.callpost.shell.internal.pbx.PbxSettings;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code callpost:pbx-checklist}: what to program in the PBX to match this configuration. */
@Command(scope = "callpost", name = "pbx-checklist", description = "Prints the MiVoice Office 400 programming each "
        + "integration needs, with the values from its settings (terminals, voicemail user group, password, hunt group, "
        + "CDE, MWI codes, QoS, transport), and marks what Callpost can check from its side. Changes nothing")
@Service
public class PbxChecklistCommand implements Action {
    @Reference(optional = true)
    ConfigurationAdmin configAdmin;

    @Reference(optional = true)
    Integrations integrations;

    // optional: without the MWI service the lamp codes are not checked
    @Reference(optional = true)
    MwiService mwi;

    @Completion(IntegrationNameCompleter.class)
    @Argument(index = 0, name = "integration", required = false, description = "Only this integration")
    String integration;

    @Override
    public Object execute() {
        List<PbxSettings> all = IntegrationConfigs.all(configAdmin).stream()
                .filter(s -> integration == null || s.name().equals(integration)).toList();
        if (all.isEmpty()) {
            System.out.println(integration == null
                    ? "No integration is configured: add etc/org.callpost.integration-<name>.cfg"
                    : "No integration " + integration + " is configured");
            return null;
        }
        for (PbxSettings s : all) {
            List<LampStatus> lamps = mwi == null ? List.of()
                    : mwi.lamps().stream().filter(l -> l.integration().equals(s.name())).toList();
            System.out.print(PbxChecklist.text(s, integrations == null ? Optional.empty()
                    : integrations.find(s.name()).filter(i -> i.state() == IntegrationState.RUNNING), lamps));
            System.out.println();
        }
        return null;
    }
}
