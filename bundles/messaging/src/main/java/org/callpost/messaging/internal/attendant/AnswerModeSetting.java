package org.callpost.messaging.internal.attendant;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/** One {@code AnswerModeConfig} factory configuration, for the {@link Attendant}. */
@Component(service = AnswerModeSetting.class, configurationPid = AnswerModeConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AnswerModeConfig.class, factory = true)
public final class AnswerModeSetting {
    private final Setting<AnswerModeConfig, AnswerMode> setting;

    @Activate
    public AnswerModeSetting(AnswerModeConfig config, Map<String, Object> properties) {
        setting = new Setting<>("Answer mode", AnswerMode::of, LoggerFactory.getLogger(AnswerModeSetting.class));
        modified(config, properties);
    }

    private AnswerModeSetting(AnswerMode value) {
        setting = Setting.of("Answer mode", value);
    }

    /** A configuration already read (tests). */
    public static AnswerModeSetting of(AnswerMode value) {
        return new AnswerModeSetting(value);
    }

    @Modified
    void modified(AnswerModeConfig config, Map<String, Object> properties) {
        setting.read(config, String.valueOf(properties.get("service.pid")), config.name());
    }

    public Optional<AnswerMode> value() {
        return setting.value();
    }

    public Optional<String> problem() {
        return setting.problem();
    }

    String label() {
        return setting.value().map(AnswerMode::name).orElse(setting.label());
    }
}
