package org.nn4j.api;

/**
 * The entry point: the backend to use, found on the class path.
 *
 * <pre>{@code
 * Backend backend = Backends.get();          // EJML unless told otherwise
 * Backend nd4j = Backends.get("nd4j");       // by name
 * Backend big = Backends.forWork(null, 30_000_000L).backend(); // ND4J for large work
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

    /**
     * Returns the backend for a workload, and why; see
     * {@link BackendRegistry#selectFor(String, long)}: a name wins, else work of at least
     * {@link BackendRegistry#LARGE_WORK} multiply-adds per batch goes to a backend suited to
     * large work (ND4J), and smaller work to the default (EJML).
     *
     * @param name         a backend name; null or blank for the rules
     * @param multiplyAdds the multiply-adds of one forward pass of a batch
     * @return the backend, the rule that chose it and why
     * @throws BackendException if the backend cannot be provided
     */
    public static BackendChoice forWork(String name, long multiplyAdds) {
        return registry().selectFor(name, multiplyAdds);
    }
}
