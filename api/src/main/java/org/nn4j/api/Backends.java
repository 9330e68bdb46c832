package org.nn4j.api;

/**
 * The entry point: the backend to use, found on the class path.
 *
 * <pre>{@code
 * Backend backend = Backends.get();          // EJML unless told otherwise
 * Backend nd4j = Backends.get("nd4j");       // by name
 * }</pre>
 *
 * <p>These methods use one {@link BackendRegistry}, discovered on first use in the class
 * loader that loaded nn4j. Plug-in hosts and REPLs that load backends elsewhere use
 * {@link BackendRegistry#discover(ClassLoader)} instead.
 */
public final class Backends {

    private Backends() {
    }

    private static final class Holder {
        static final BackendRegistry REGISTRY = BackendRegistry.discover(loader());

        private static ClassLoader loader() {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            return context != null ? context : Backends.class.getClassLoader();
        }
    }

    /**
     * Returns the shared registry.
     *
     * @return the registry for the class loader current at first use
     */
    public static BackendRegistry registry() {
        return Holder.REGISTRY;
    }

    /**
     * Returns the backend the selection rules choose; see {@link BackendRegistry#select()}.
     *
     * @return the backend
     * @throws BackendException if none can be provided
     */
    public static Backend get() {
        return registry().select();
    }

    /**
     * Returns the backend of a name; see {@link BackendRegistry#select(String)}.
     *
     * @param name for example {@code "ejml"}; null or blank means the default
     * @return the backend
     * @throws BackendException if it cannot be provided
     */
    public static Backend get(String name) {
        return registry().select(name);
    }
}
