package org.callpost.messaging.internal.attendant;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/** One {@code ScheduleConfig} factory configuration, for the {@link Attendant}. */
@Component(service = ScheduleSetting.class, configurationPid = ScheduleConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ScheduleConfig.class, factory = true)
public final class ScheduleSetting {
    private final Setting<ScheduleConfig, Schedule> setting;

    @Activate
    public ScheduleSetting(ScheduleConfig config, Map<String, Object> properties) {
        setting = new Setting<>("Schedule", Schedule::of, LoggerFactory.getLogger(ScheduleSetting.class));
        modified(config, properties);
    }

    private ScheduleSetting(Schedule value) {
        setting = Setting.of("Schedule", value);
    }

    /** A configuration already read (tests). */
    public static ScheduleSetting of(Schedule value) {
        return new ScheduleSetting(value);
    }

    @Modified
    void modified(ScheduleConfig config, Map<String, Object> properties) {
        setting.read(config, String.valueOf(properties.get("service.pid")), config.name());
    }

    public Optional<Schedule> value() {
        return setting.value();
    }

    public Optional<String> problem() {
        return setting.problem();
    }

    String label() {
        return setting.value().map(Schedule::name).orElse(setting.label());
    }
}
