package org.nn4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The readers of {@link LayerSpec#register}, by type; the built-in types are there from the start. */
final class LayerReaders {

    static final Map<String, Function<LayerSettings, LayerSpec>> BY_TYPE = builtIn();

    private static Map<String, Function<LayerSettings, LayerSpec>> builtIn() {
        Map<String, Function<LayerSettings, LayerSpec>> by = new ConcurrentHashMap<>(Map.of(
                "dense", LayerSpec.Dense::read, "activation", LayerSpec.Elementwise::read,
                "standardize", LayerSpec.Standardize::read));
        ImageLayers.registerAll(by);
        return by;
    }

    private LayerReaders() {
    }

    static String known() {
        List<String> types = new ArrayList<>(BY_TYPE.keySet());
        types.sort(null);
        return "\"" + String.join("\" or \"", types) + "\"";
    }
}
