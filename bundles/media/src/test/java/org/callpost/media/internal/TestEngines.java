package org.callpost.media.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.callpost.codec.g711.internal.PcmaCodecProvider;
import org.callpost.codec.g711.internal.PcmuCodecProvider;

/** Builds a real media engine outside OSGi, with G.711 installed, as DS would. */
public final class TestEngines {
    private TestEngines() {
    }

    /** The metatype defaults, with {@code overrides} by method name. */
    public static MediaEngineConfig config(Map<String, Object> overrides) {
        return (MediaEngineConfig) Proxy.newProxyInstance(MediaEngineConfig.class.getClassLoader(),
                new Class<?>[] {MediaEngineConfig.class}, (proxy, method, args) -> {
                    if (overrides.containsKey(method.getName())) {
                        return overrides.get(method.getName());
                    }
                    if (method.getName().equals("annotationType")) {
                        return MediaEngineConfig.class;
                    }
                    return method.getDefaultValue();
                });
    }

    public static MediaEngineComponent g711Engine(Map<String, Object> overrides) {
        MediaEngineComponent engine = new MediaEngineComponent(config(overrides));
        engine.addCodec(new PcmaCodecProvider());
        engine.addCodec(new PcmuCodecProvider());
        return engine;
    }

    public static void stop(MediaEngineComponent engine) {
        engine.deactivate();
    }
}
