package org.callpost.sip.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.SipException;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.Transport;
import org.callpost.api.profile.SwitchProfile;
import org.callpost.sip.internal.call.CallServices;
import org.callpost.sip.internal.config.IntegrationConfig;
import org.callpost.support.seal.PasswordSeal;
import org.callpost.support.seal.PasswordSealing;
import org.callpost.sip.internal.config.SettingsReader;
import org.callpost.sip.internal.stack.SipEndpoints;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One integration per factory configuration {@code org.callpost.integration~<name>}. Reads and
 * checks the settings (common rules here, the switch profile's own rules in the profile), runs
 * the integration when they are good, and keeps the last good configuration running when a
 * change is refused. Follows its switch profile: without it the lines are un-registered and
 * the integration waits.
 */
@Component(configurationPid = IntegrationConfig.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = IntegrationConfig.class, factory = true)
public final class IntegrationComponent implements IntegrationView, CallServices {
    private static final Logger LOG = LoggerFactory.getLogger(IntegrationComponent.class);

    private final IntegrationDirectory directory;
    private final SipEndpoints endpoints;
    private final String name;
    private final PasswordSeal seal;
    private final PasswordSealing sealing;
    /** The TLS stores' passwords, sealed like pbx.password. */
    private final List<PasswordSealing> storeSealing;
    private final SettingsReader reader;
    private final Map<String, SwitchProfile> profiles = new ConcurrentHashMap<>();
    private volatile org.callpost.api.media.MediaEngine mediaEngine;
    private volatile String profileInUse = "";
    private volatile org.callpost.api.call.CallHandler callHandler;
    private final EndedCalls endedCalls = new EndedCalls();

    // guarded by this
    private IntegrationConfig config;
    private Map<String, Object> properties;
    private SettingsReader.Result latest;
    private List<SettingProblem> problems = List.of();
    private Integration running;
    private IntegrationSettings runningSettings;
    private Integration.Timing runningTiming;
    private org.callpost.sip.internal.config.SrtpMode runningSrtp;
    private org.callpost.sip.internal.config.SipProtection runningProtection;
    private boolean listed;
    private boolean deactivated;

    @Activate
    public IntegrationComponent(@Reference IntegrationDirectory directory, @Reference SipEndpoints endpoints,
            @Reference ConfigurationAdmin configAdmin, BundleContext context, IntegrationConfig config,
            Map<String, Object> properties) {
        this.directory = directory;
        this.endpoints = endpoints;
        this.name = nameOf(properties);
        this.seal = PasswordSeal.forFramework(context);
        this.sealing = new PasswordSealing(configAdmin, seal, String.valueOf(properties.get("service.pid")), name);
        this.storeSealing = List.of(
                new PasswordSealing(configAdmin, seal, String.valueOf(properties.get("service.pid")), "Integration " + name,
                        "tls.key.store.password", null),
                new PasswordSealing(configAdmin, seal, String.valueOf(properties.get("service.pid")), "Integration " + name,
                        "tls.trust.store.password", null));
        this.reader = new SettingsReader(SettingsReader.HOST_ADDRESSES, seal);
        synchronized (this) {
            this.config = config;
            this.properties = properties;
            listed = directory.add(this);
            if (!listed) {
                problems = List.of(new SettingProblem("(integration)", "this call server already has "
                        + IntegrationDirectory.MAX_TELEPHONE_SYSTEMS + " telephone systems",
                        "remove an integration before adding " + name));
                LOG.error("Integration {} refused: {}", name, problems.get(0));
                return;
            }
            apply();
        }
        seal(properties);
    }

    /** One at a time: each sealing is a configuration update, which comes back as a change to read. */
    private void seal(Map<String, Object> properties) {
        sealing.sealIfClear(properties);
        for (PasswordSealing s : storeSealing) {
            s.sealIfClear(properties);
        }
    }

    /** The name after the {@code ~} of a named factory configuration, else the generated pid. */
    static String nameOf(Map<String, Object> properties) {
        String pid = String.valueOf(properties.getOrDefault("service.pid", "integration"));
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        Object file = properties.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            f = f.substring(f.lastIndexOf('/') + 1).replaceFirst("\\.(cfg|config)$", "");
            int dash = f.indexOf('-');
            if (dash >= 0) {
                return f.substring(dash + 1);
            }
        }
        return pid.startsWith(IntegrationConfig.FACTORY_PID + ".") ? pid.substring(IntegrationConfig.FACTORY_PID.length() + 1) : pid;
    }

    @Modified
    void modified(IntegrationConfig config, Map<String, Object> properties) {
        synchronized (this) {
            this.config = config;
            this.properties = properties;
            if (listed) {
                apply();
            }
        }
        seal(properties);
    }

    @Deactivate
    void deactivate() {
        Integration stopping;
        synchronized (this) {
            deactivated = true;
            stopping = running;
            running = null;
            runningSettings = null;
        }
        if (stopping != null) {
            LOG.info("Integration {} stopping: lines un-register", name);
            stopping.stop();
        }
        directory.remove(this);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProfile(SwitchProfile profile, Map<String, Object> properties) {
        String id = String.valueOf(properties.getOrDefault(SwitchProfile.PROFILE_PROPERTY, profile.id()));
        profiles.put(id, profile);
        synchronized (this) {
            if (config != null && listed && !deactivated && running == null && id.equals(wantedProfile())) {
                LOG.info("Integration {}: switch profile {} is available", name, id);
                apply();
            }
        }
    }

    void removeProfile(SwitchProfile profile, Map<String, Object> properties) {
        String id = String.valueOf(properties.getOrDefault(SwitchProfile.PROFILE_PROPERTY, profile.id()));
        profiles.remove(id, profile);
        Integration stopping = null;
        synchronized (this) {
            if (running != null && runningSettings != null && id.equals(runningSettings.profile())) {
                LOG.warn("Integration {}: switch profile {} went away; lines un-register until it returns", name, id);
                stopping = running;
                running = null;
                runningSettings = null;
            }
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    private String wantedProfile() {
        return latest != null && latest.settings() != null ? latest.settings().profile() : safeProfile();
    }

    private String safeProfile() {
        try {
            return config.profile();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** Reads, checks and runs the current configuration. Called with the lock held. */
    private void apply() {
        if (deactivated) {
            return;
        }
        latest = reader.read(name, properties);
        if (latest.settings() != null && running == null) {
            profileInUse = latest.settings().profile();
        }
        List<SettingProblem> found = new ArrayList<>(latest.problems());
        IntegrationSettings s = latest.settings();
        SwitchProfile profile = s == null ? null : profiles.get(s.profile());
        if (s != null) {
            java.util.Set<String> types = new java.util.TreeSet<>(directory.profilesInUseBesides(this));
            types.add(s.profile());
            if (types.size() > IntegrationDirectory.MAX_INTEGRATION_TYPES) {
                found.add(new SettingProblem("profile", "this call server would have " + types.size()
                        + " integration types " + types + "; at most " + IntegrationDirectory.MAX_INTEGRATION_TYPES
                        + " are allowed", "use a switch profile another integration already uses, or remove an integration"));
            }
        }
        if (s != null && profile != null) {
            try {
                found.addAll(profile.validate(s));
            } catch (RuntimeException e) {
                found.add(new SettingProblem("profile", "switch profile " + s.profile() + " failed to check the settings: "
                        + Integration.rootMessage(e), "report this to the profile's maker"));
            }
        }
        if (!found.isEmpty()) {
            refuse(found);
            return;
        }
        if (profile == null) {
            problems = List.of();
            if (running != null) {
                stopRunning();
            }
            // At activation DS binds the profiles just after the constructor: warn only if it stays missing.
            String wanted = s.profile();
            java.util.concurrent.CompletableFuture.delayedExecutor(2, java.util.concurrent.TimeUnit.SECONDS).execute(() -> {
                if (!deactivated && !profiles.containsKey(wanted) && wanted.equals(safeProfile())) {
                    LOG.warn("Integration {}: waiting for switch profile '{}': install its feature (e.g. feature:install callpost-pbx-{})",
                            name, wanted, wanted);
                }
            });
            return;
        }
        // the profile's say on sips: URIs is settled here, so an unchanged answer changes nothing below
        org.callpost.sip.internal.config.SipProtection protection = latest.protection().resolved(profile, s);
        if (running != null && s.equals(runningSettings) && latest.timing().equals(runningTiming)
                && protection.equals(runningProtection)
                && latest.srtp() == runningSrtp) {
            problems = List.of(); // the same settings again (e.g. the password just sealed): nothing to do
            return;
        }
        try {
            if (running == null) {
                Integration i = new Integration(name, this, endpoints);
                i.start(s, latest.timing(), protection, latest.srtp());
                running = i;
            } else {
                running.reconfigure(s, latest.timing(), protection, latest.srtp());
            }
            runningSettings = s;
            runningTiming = latest.timing();
            runningProtection = protection;
            runningSrtp = latest.srtp();
            profileInUse = s.profile();
            problems = List.of();
        } catch (SipEndpoints.QualifierClash e) {
            refuse(List.of(new SettingProblem(s.settingNames().of("parser.qualifier"), e.getMessage(),
                    "give each integration on a shared address a parser qualifier string unique to its PBX (e.g. the PBX's domain name)")));
        } catch (SipException e) {
            if (String.valueOf(e.getMessage()).startsWith("cannot set up TLS")) {
                refuse(List.of(new SettingProblem("transport", e.getMessage(), "fix the tls.* setting it names")));
                return;
            }
            refuse(List.of(new SettingProblem(s.settingNames().of("sip.local.port"), "cannot listen for SIP on "
                    + s.localAddress() + ":" + s.localPort() + ": " + Integration.rootMessage(e),
                    "choose a free " + s.settingNames().of("sip.local.port") + ", or stop the program that uses it")));
        }
    }

    private void stopRunning() {
        Integration i = running;
        running = null;
        runningSettings = null;
        i.stop();
    }

    private void refuse(List<SettingProblem> found) {
        problems = List.copyOf(found);
        String keeps = running != null ? "; the last good configuration keeps running" : "; the integration does not start";
        for (SettingProblem p : found) {
            LOG.error("Integration {}: configuration refused: {}{}", name, p, keeps);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setMediaEngine(org.callpost.api.media.MediaEngine engine) {
        mediaEngine = engine;
    }

    void unsetMediaEngine(org.callpost.api.media.MediaEngine engine) {
        if (mediaEngine == engine) {
            mediaEngine = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCallHandler(org.callpost.api.call.CallHandler handler) {
        callHandler = handler;
    }

    void unsetCallHandler(org.callpost.api.call.CallHandler handler) {
        if (callHandler == handler) {
            callHandler = null;
        }
    }

    @Override
    public Optional<org.callpost.api.media.MediaEngine> media() {
        return Optional.ofNullable(mediaEngine);
    }

    @Override
    public Optional<org.callpost.api.call.CallHandler> handler() {
        return Optional.ofNullable(callHandler);
    }

    @Override
    public SwitchProfile profile() {
        String id;
        synchronized (this) {
            id = runningSettings != null ? runningSettings.profile() : wantedProfile();
        }
        SwitchProfile p = profiles.get(id);
        if (p == null) {
            throw new IllegalStateException("switch profile " + id + " is not installed");
        }
        return p;
    }

    @Override
    public java.util.concurrent.CompletionStage<org.callpost.api.call.DialResult> dial(String number,
            org.callpost.api.call.Dialler.Purpose purpose, int noAnswerSeconds) {
        Integration i;
        synchronized (this) {
            i = running;
        }
        if (i == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(new org.callpost.api.call.DialResult(
                    org.callpost.api.call.DialResult.Outcome.NO_INTEGRATION, 0, Optional.empty()));
        }
        return i.dial(number, purpose, noAnswerSeconds);
    }

    @Override
    public java.util.concurrent.CompletionStage<Integer> setMessageWaiting(org.callpost.api.lamp.LampRequest request) {
        Integration i;
        synchronized (this) {
            i = running;
        }
        return i == null ? java.util.concurrent.CompletableFuture.completedFuture(0)
                : i.setMessageWaiting(request);
    }

    @Override
    public boolean lampsShowCounts() {
        IntegrationSettings s;
        synchronized (this) {
            s = runningSettings;
        }
        SwitchProfile profile = s == null ? null : profiles.get(s.profile());
        try {
            return profile != null && profile.lampsShowCounts();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public List<org.callpost.api.call.Call> calls() {
        Integration i;
        synchronized (this) {
            i = running;
        }
        return i == null ? List.of() : List.copyOf(i.calls());
    }

    @Override
    public void callEndedAs(org.callpost.sip.internal.call.CallOutcome outcome) {
        endedCalls.add(outcome);
    }

    @Override
    public EndedCalls endedCalls() {
        return endedCalls;
    }

    /** Read by other integrations without locking (they check the call server's limits). */
    @Override
    public String profileId() {
        return profileInUse;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public IntegrationStatus status() {
        Integration i;
        IntegrationSettings s;
        List<SettingProblem> p;
        String profile;
        boolean profileThere;
        synchronized (this) {
            i = running;
            s = runningSettings != null ? runningSettings : latest == null ? null : latest.settings();
            p = problems;
            profile = s != null ? s.profile() : safeProfile();
            profileThere = profiles.containsKey(profile);
        }
        IntegrationState state;
        if (i != null) {
            state = IntegrationState.RUNNING;
        } else if (!p.isEmpty()) {
            state = IntegrationState.REFUSED;
        } else if (!profileThere) {
            state = IntegrationState.WAITING_FOR_PROFILE;
        } else {
            state = IntegrationState.STOPPING;
        }
        int[] load = i == null ? new int[] {0, 0} : i.stackLoad();
        return new IntegrationStatus(name, profile, state, p,
                i == null ? Optional.empty() : i.activeRegistrar(),
                s == null ? Transport.TCP : s.transport(), i == null ? List.of() : i.lines(), load[0], load[1],
                i == null ? 0 : i.requestsDropped());
    }
}
