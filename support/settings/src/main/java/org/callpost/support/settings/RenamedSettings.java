package org.callpost.support.settings;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings renamed to the one style (dotted lower case, issue 14) and still read under their
 * deprecated names, so that no site's configuration breaks: where a configuration sets only the
 * deprecated name, its value is used under the new name, and one warning per pid and deprecated
 * name tells the administrator to rename it (never with the value: it may be a password).
 * <p>
 * One source, a private copy in each bundle that renamed settings (sip, mwi, pbx-mivoice400,
 * pbx-generic): bnd's {@code -conditionalpackage} copies this package into the bundle, so it is
 * neither exported nor imported. It is not in the api because it is no contract between bundles,
 * only how one bundle reads its own pid; each bundle keeps its own renames (and can drop its
 * deprecated names on its own schedule). The warned names live in the instance, which lives as
 * long as the component that reads the pid.
 */
public final class RenamedSettings {
    private static final Logger LOG = LoggerFactory.getLogger(RenamedSettings.class);

    private final Map<String, String> deprecatedByName;
    private final Consumer<String> warnings;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final Map<String, Method> defaults = new HashMap<>();

    /**
     * @param type             the pid's typed settings: their defaults, which DS (bnd) also puts in the
     *                         component properties, so a name at its default counts as not set
     * @param deprecatedByName each renamed setting: name → deprecated name
     */
    public RenamedSettings(Class<?> type, Map<String, String> deprecatedByName) {
        this(type, deprecatedByName, LOG::warn);
    }

    /** @param warnings where the deprecation warnings go (tests) */
    public RenamedSettings(Class<?> type, Map<String, String> deprecatedByName, Consumer<String> warnings) {
        this.deprecatedByName = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(deprecatedByName)); // logs in a fixed order
        this.warnings = warnings;
        for (Method m : type.getDeclaredMethods()) {
            if (m.getDefaultValue() != null) {
                defaults.put(propertyName(m), m);
            }
        }
    }

    /**
     * Whether the configuration sets {@code name}: DS hands over the component properties, in which
     * every setting with a default is present (bnd writes the defaults into the component
     * description), so a value equal to the default does not count as set.
     */
    public boolean isSet(String name, Map<String, ?> properties) {
        Object v = properties.get(name);
        if (v == null) {
            return false;
        }
        Method m = defaults.get(name);
        if (m == null) {
            return true;
        }
        try {
            return !java.util.Objects.deepEquals(convert(v, m.getReturnType()), m.getDefaultValue());
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** For each setting {@code properties} has under its deprecated name only: name → deprecated name. */
    public Map<String, String> deprecatedInUse(Map<String, ?> properties) {
        Map<String, String> inUse = new LinkedHashMap<>();
        deprecatedByName.forEach((name, old) -> {
            if (!isSet(name, properties) && properties.get(old) != null) {
                inUse.put(name, old);
            }
        });
        return inUse;
    }

    /**
     * The properties with each value set under a deprecated name only also under its name; warns
     * once per pid and deprecated name. A value under both names: the name wins, silently.
     */
    public Map<String, Object> current(String pid, Map<String, ?> properties) {
        Map<String, Object> current = new HashMap<>(properties);
        deprecatedInUse(properties).forEach((name, old) -> {
            current.put(name, properties.get(old));
            if (warned.add(pid + "\u0000" + old)) {
                warnings.accept("Setting " + old + " (pid " + pid + ") is deprecated, rename it to " + name
                        + "; its value is used meanwhile");
            }
        });
        return current;
    }

    /**
     * A typed view of {@code properties} as Declarative Services gives it: method {@code a_b()}
     * reads property {@code a.b} ({@code __} is {@code _}), converted to the method's type, else
     * the method's default. A value that cannot be converted throws IllegalArgumentException when
     * read, as DS does.
     */
    public static <T> T typed(Class<T> type, Map<String, ?> properties) {
        Map<String, Object> values = Map.copyOf(withoutNulls(properties));
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "hashCode":
                    return values.hashCode();
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return type.getSimpleName() + values.keySet();
                case "annotationType":
                    return type;
                default:
                    Object raw = values.get(propertyName(method));
                    return raw == null ? method.getDefaultValue() : convert(raw, method.getReturnType());
            }
        }));
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> properties) {
        Map<String, Object> m = new HashMap<>();
        properties.forEach((k, v) -> {
            if (k != null && v != null) {
                m.put(k, v);
            }
        });
        return m;
    }

    public static String propertyName(Method method) {
        return method.getName().replace("__", "\u0000").replace('_', '.').replace('\u0000', '_');
    }

    private static Object convert(Object raw, Class<?> to) {
        if (to.isArray()) {
            Object[] items = items(raw);
            Object out = Array.newInstance(to.getComponentType(), items.length);
            for (int i = 0; i < items.length; i++) {
                Array.set(out, i, scalar(items[i], to.getComponentType()));
            }
            return out;
        }
        Object[] items = items(raw);
        return items.length == 0 ? null : scalar(items[0], to);
    }

    private static Object[] items(Object raw) {
        if (raw instanceof Collection<?> c) {
            return c.toArray();
        }
        if (raw.getClass().isArray()) {
            Object[] out = new Object[Array.getLength(raw)];
            for (int i = 0; i < out.length; i++) {
                out[i] = Array.get(raw, i);
            }
            return out;
        }
        return new Object[] {raw};
    }

    private static Object scalar(Object v, Class<?> to) {
        if (to == String.class) {
            return String.valueOf(v);
        }
        if (to == boolean.class || to == Boolean.class) {
            return v instanceof Boolean b ? b : Boolean.valueOf(String.valueOf(v).trim());
        }
        try {
            if (to == int.class || to == Integer.class) {
                return v instanceof Number n ? n.intValue() : Integer.valueOf(String.valueOf(v).trim());
            }
            if (to == long.class || to == Long.class) {
                return v instanceof Number n ? n.longValue() : Long.valueOf(String.valueOf(v).trim());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number", e);
        }
        throw new IllegalArgumentException("cannot convert a " + v.getClass().getSimpleName() + " to " + to.getSimpleName());
    }
}
