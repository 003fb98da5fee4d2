package org.callpost.messaging.internal.attendant;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A configuration annotation as DS would hand it over: the values given (by property name), else the defaults. */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Object... nameValues) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            values.put((String) nameValues[i], nameValues[i + 1]);
        }
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            String property = method.getName().replace('_', '.');
            if (values.containsKey(property)) {
                Object v = values.get(property);
                return method.getReturnType() == String[].class && v instanceof String s ? new String[] {s} : v;
            }
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + values;
            }
            return method.getDefaultValue();
        }));
    }

    static AnswerMode mode(String name, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = "name";
        all[1] = name;
        System.arraycopy(more, 0, all, 2, more.length);
        return AnswerMode.of(of(AnswerModeConfig.class, all));
    }

    static Route route(String name, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = "name";
        all[1] = name;
        System.arraycopy(more, 0, all, 2, more.length);
        return Route.of(of(RouteConfig.class, all));
    }

    static Schedule schedule(String name, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = "name";
        all[1] = name;
        System.arraycopy(more, 0, all, 2, more.length);
        return Schedule.of(of(ScheduleConfig.class, all));
    }
}
