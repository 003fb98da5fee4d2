package org.callpost.messaging.internal.attendant;

import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.LoggerFactory;

/** One {@code RouteConfig} factory configuration, for the {@link Attendant}. */
@Component(service = RouteSetting.class, configurationPid = RouteConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RouteConfig.class, factory = true)
public final class RouteSetting {
    private final Setting<RouteConfig, Route> setting;

    @Activate
    public RouteSetting(RouteConfig config, Map<String, Object> properties) {
        setting = new Setting<>("Route", Route::of, LoggerFactory.getLogger(RouteSetting.class));
        modified(config, properties);
    }

    private RouteSetting(Route value) {
        setting = Setting.of("Route", value);
    }

    /** A configuration already read (tests). */
    public static RouteSetting of(Route value) {
        return new RouteSetting(value);
    }

    @Modified
    void modified(RouteConfig config, Map<String, Object> properties) {
        setting.read(config, String.valueOf(properties.get("service.pid")), config.name());
    }

    public Optional<Route> value() {
        return setting.value();
    }

    public Optional<String> problem() {
        return setting.problem();
    }

    String label() {
        return setting.value().map(Route::name).orElse(setting.label());
    }
}
