package org.nn4j.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/**
 * The backends found through {@link ServiceLoader} in one class loader, plus any registered
 * by hand, and the rules that choose among them.
 *
 * <p><b>Selection.</b> A backend named explicitly wins: the argument of
 * {@link #select(String)}, else the system property {@value #PROPERTY}, else the environment
 * variable {@value #ENVIRONMENT_VARIABLE}. With no name, the available backend of highest
 * priority is chosen, ties broken by name.
 *
 * <p><b>Selection for a workload.</b> {@link #selectFor(String, long)} keeps those rules and
 * adds one for large work: with no name, work of at least {@link #LARGE_WORK} multiply-adds
 * per batch goes to the available backend of highest priority whose provider declares itself
 * {@linkplain BackendProvider#suitedToLargeWork() suited to large work} (ND4J), and smaller
 * work to the default. The result says which rule chose and why ({@link BackendChoice}).
 *
 * <p><b>Loading.</b> Discovery only constructs providers. A backend is created (its native
 * code loaded, if any) the first time it is selected or {@linkplain #statuses(boolean)
 * probed}, once; a failure then marks it unavailable with the failure's message and leaves
 * the others usable. A provider that cannot even be instantiated is listed as unavailable
 * under its class name.
 *
 * <p>A registry is thread-safe.
 */
public final class BackendRegistry {

    /** The system property that names the backend to use. */
    public static final String PROPERTY = "nn4j.backend";

    /** The environment variable that names the backend to use. */
    public static final String ENVIRONMENT_VARIABLE = "NN4J_BACKEND";

    /**
     * The work, in multiply-adds of one forward pass of a batch through the dense layers
     * ({@code batch · Σ in·out}), from which {@link #selectFor(String, long)} prefers a
     * backend suited to large work. Measured on a 2-core machine (docs/backends.md, "Which
     * backend for which work"): in a 784-input perceptron's training step, EJML was 2-4x
     * faster at 12,704 multiply-adds per batch and below, ND4J 1.1-3.4x faster from 25,408
     * on (and 3-4x from 100,000); the default Fashion-MNIST network has 30 million.
     */
    public static final long LARGE_WORK = 20_000;

    /** The artifact a user most likely wants to add when no backend is found. */
    static final String DEFAULT_ARTIFACT = "org.nn4j:nn4j-backend-ejml";

    private final List<Entry> entries;
    private final String searched;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    private BackendRegistry(Builder builder) {
        this.systemProperties = builder.systemProperties;
        this.environment = builder.environment;
        List<Entry> found = new ArrayList<>();
        for (BackendProvider provider : builder.providers) {
            add(found, Entry.of(provider));
        }
        if (builder.classLoader != null) {
            discover(builder.classLoader, found);
            this.searched = "class loader " + builder.classLoader;
        } else {
            this.searched = "no class loader (providers registered by hand only)";
        }
        found.sort(Comparator.comparingInt((Entry e) -> e.priority).reversed()
                .thenComparing(e -> e.name));
        this.entries = List.copyOf(found);
    }

    /**
     * Discovers the backends visible to a class loader.
     *
     * @param classLoader where {@link ServiceLoader} looks, for example a plug-in's loader
     * @return a new registry
     */
    public static BackendRegistry discover(ClassLoader classLoader) {
        return builder().classLoader(classLoader).build();
    }

    /**
     * Returns a builder, to register providers by hand or to control the lookup.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the backend chosen by the selection rules: a name from the system property or
     * the environment variable, else the available backend of highest priority.
     *
     * @return the backend, created on first use
     * @throws BackendException if none can be provided; the message says what was found
     */
    public Backend select() {
        return select(null);
    }

    /**
     * Returns the backend of a given name, or, if {@code name} is null or blank, the one the
     * selection rules choose (see {@link #select()}).
     *
     * @param name a backend name such as {@code "ejml"}, case-insensitive; may be null
     * @return the backend, created on first use
     * @throws BackendException if none can be provided; the message says what was found
     */
    public Backend select(String name) {
        String[] named = namedBackend(name);
        return named == null ? selectByPriority() : selectByName(named[0], named[1]);
    }

    /**
     * Returns the backend for a workload: a name (the argument, else the system property
     * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT_VARIABLE}) wins;
     * otherwise work of at least {@link #LARGE_WORK} multiply-adds per batch goes to the
     * available backend of highest priority that is
     * {@linkplain BackendProvider#suitedToLargeWork() suited to large work}, if one loads,
     * and anything else to the default ({@link #select()}).
     *
     * @param name         a backend name, case-insensitive; null or blank for the rules
     * @param multiplyAdds the multiply-adds of one forward pass of a batch, {@code >= 0}
     * @return the backend, the rule that chose it and why
     * @throws IllegalArgumentException if {@code multiplyAdds} is negative
     * @throws BackendException         if the backend cannot be provided
     */
    public BackendChoice selectFor(String name, long multiplyAdds) {
        if (multiplyAdds < 0) {
            throw new IllegalArgumentException("multiplyAdds must be zero or positive, got "
                    + multiplyAdds);
        }
        String[] named = namedBackend(name);
        if (named != null) {
            return new BackendChoice(selectByName(named[0], named[1]), BackendChoice.Basis.NAMED,
                    "named by " + named[1]);
        }
        String work = String.format(Locale.ROOT, "%,d multiply-adds per batch", multiplyAdds);
        if (multiplyAdds >= LARGE_WORK) {
            Backend large = largeWorkBackend();
            String threshold = String.format(Locale.ROOT, "at least %,d", LARGE_WORK);
            if (large != null) {
                return new BackendChoice(large, BackendChoice.Basis.LARGE_WORK, work + ", "
                        + threshold + ": the available backend suited to large work");
            }
            Backend fallback = selectByPriority();
            return new BackendChoice(fallback, BackendChoice.Basis.PRIORITY, work + ", "
                    + threshold + ", but no backend suited to large work is available: the"
                    + " default");
        }
        return new BackendChoice(selectByPriority(), BackendChoice.Basis.PRIORITY,
                work + String.format(Locale.ROOT, ", below %,d: the default", LARGE_WORK));
    }

    /**
     * Returns the backend that large work gets when none is named: the available backend of
     * highest priority suited to large work, created (its natives loaded) if need be.
     *
     * @return the backend, or null if none is suited to large work and loads
     */
    public Backend largeWorkBackend() {
        for (Entry e : entries) {
            if (e.largeWork && e.availability().available()) {
                Backend b = e.tryCreate();
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /** The name asked for and where it came from, or null when none is. */
    private String[] namedBackend(String name) {
        String source = "the argument";
        if (isBlank(name)) {
            name = systemProperties.apply(PROPERTY);
            source = "system property " + PROPERTY;
        }
        if (isBlank(name)) {
            name = environment.apply(ENVIRONMENT_VARIABLE);
            source = "environment variable " + ENVIRONMENT_VARIABLE;
        }
        return isBlank(name) ? null : new String[] {name.trim(), source};
    }

    /**
     * Returns the name {@link #select()} would choose, creating backends as needed to learn
     * whether they load.
     *
     * @return the name of the default backend
     * @throws BackendException if there is none
     */
    public String defaultName() {
        return select().name();
    }

    /**
     * Describes every discovered backend, highest priority first.
     *
     * @param probe whether to create each backend (loading native code) to learn whether it
     *              really works here; without it, only the providers' cheap checks are known
     * @return one status per backend
     */
    public List<BackendStatus> statuses(boolean probe) {
        if (probe) {
            entries.forEach(Entry::tryCreate);
        }
        String chosen;
        try {
            chosen = probe ? defaultName() : firstCheaplyAvailable();
        } catch (BackendException e) {
            chosen = null;
        }
        List<BackendStatus> out = new ArrayList<>();
        for (Entry e : entries) {
            Availability a = e.availability();
            out.add(new BackendStatus(e.name, e.priority, e.apiVersion, a.available(), a.reason(),
                    e.providerClass, e.name.equals(chosen), e.largeWork));
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- selection

    private Backend selectByPriority() {
        if (entries.isEmpty()) {
            throw new BackendException(noBackendMessage());
        }
        for (Entry e : entries) {
            if (e.availability().available()) {
                Backend b = e.tryCreate();
                if (b != null) {
                    return b;
                }
            }
        }
        throw new BackendException("No usable nn4j backend: every backend found is unavailable. "
                + describeAll() + ". Searched " + searched + ".");
    }

    private String firstCheaplyAvailable() {
        return entries.stream().filter(e -> e.availability().available()).map(e -> e.name)
                .findFirst().orElse(null);
    }

    private Backend selectByName(String name, String source) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Entry e : entries) {
            if (e.name.equals(wanted)) {
                if (e.availability().available()) {
                    Backend b = e.tryCreate();
                    if (b != null) {
                        return b;
                    }
                }
                throw new BackendException("nn4j backend '" + e.name + "' (requested by " + source
                        + ") is unavailable: " + e.availability().reason(), e.failure);
            }
        }
        if (entries.isEmpty()) {
            throw new BackendException("No nn4j backend named '" + name + "' (requested by "
                    + source + "): " + noBackendMessage());
        }
        throw new BackendException("No nn4j backend named '" + name + "' (requested by " + source
                + "). Found: " + describeAll() + ".");
    }

    private String noBackendMessage() {
        return "No nn4j backend on the class path. Add a backend artifact, for example "
                + DEFAULT_ARTIFACT + " (pure Java, the default). Searched " + searched + ".";
    }

    private String describeAll() {
        return entries.stream().map(e -> {
            Availability a = e.availability();
            return e.name + " (priority " + e.priority + ", "
                    + (a.available() ? "available" : "unavailable: " + a.reason()) + ")";
        }).collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- discovery

    private static void discover(ClassLoader loader, List<Entry> found) {
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return;
                }
                add(found, Entry.of(it.next()));
            } catch (ServiceConfigurationError e) {
                // A broken provider must not hide the working ones.
                add(found, Entry.broken(e));
            }
        }
    }

    private static void add(List<Entry> found, Entry entry) {
        for (Entry e : found) {
            if (e.name.equals(entry.name)) {
                return; // the first registration of a name wins: hand-registered, then class path
            }
        }
        found.add(entry);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** One discovered provider and what became of it. */
    private static final class Entry {
        /** How ServiceLoader names the class in its errors: "Provider a.b.C not found". */
        private static final Pattern PROVIDER_IN_MESSAGE = Pattern.compile("Provider (\\S+)");

        final String name;
        final int priority;
        final int apiVersion;
        final String providerClass;
        /** Whether the provider declares the backend suited to large work. */
        final boolean largeWork;
        private final BackendProvider provider;
        private Availability availability;
        private Backend backend;
        private Throwable failure;

        private Entry(String name, int priority, int apiVersion, String providerClass,
                      boolean largeWork, BackendProvider provider, Availability availability) {
            this.name = name;
            this.largeWork = largeWork;
            this.priority = priority;
            this.apiVersion = apiVersion;
            this.providerClass = providerClass;
            this.provider = provider;
            this.availability = availability;
        }

        static Entry of(BackendProvider p) {
            String cls = p.getClass().getName();
            try {
                String name = Objects.requireNonNull(p.name(), "name()").toLowerCase(Locale.ROOT);
                int version = p.apiVersion();
                Availability a;
                if (version != BackendProvider.API_VERSION) {
                    a = Availability.unavailable("built for nn4j API version " + version
                            + ", but this nn4j API is version " + BackendProvider.API_VERSION);
                } else {
                    a = Objects.requireNonNull(p.availability(), "availability()");
                }
                return new Entry(name, p.priority(), version, cls, p.suitedToLargeWork(), p, a);
            } catch (RuntimeException | LinkageError e) {
                return new Entry(cls, Integer.MIN_VALUE, -1, cls, false, null,
                        Availability.unavailable("provider failed: " + e));
            }
        }

        static Entry broken(ServiceConfigurationError e) {
            String msg = String.valueOf(e.getMessage());
            Matcher m = PROVIDER_IN_MESSAGE.matcher(msg);
            String cls = m.find() ? m.group(1) : "unknown provider";
            return new Entry(cls, Integer.MIN_VALUE, -1, cls, false, null,
                    Availability.unavailable("provider failed: " + msg));
        }

        synchronized Availability availability() {
            return availability;
        }

        /** Creates the backend once; returns null and records the reason if that fails. */
        synchronized Backend tryCreate() {
            if (backend != null || !availability.available()) {
                return backend;
            }
            try {
                Backend b = provider.create();
                if (b == null) {
                    throw new IllegalStateException("provider returned no backend");
                }
                backend = b;
            } catch (Exception | LinkageError e) {
                failure = e;
                availability = Availability.unavailable("failed to load: " + e);
            }
            return backend;
        }
    }

    /** Builds a {@link BackendRegistry}. */
    public static final class Builder {
        private ClassLoader classLoader;
        private final List<BackendProvider> providers = new ArrayList<>();
        private UnaryOperator<String> systemProperties = System::getProperty;
        private UnaryOperator<String> environment = System::getenv;

        private Builder() {
        }

        /**
         * Sets where {@link ServiceLoader} looks; without it, only hand-registered providers
         * are known.
         *
         * @param classLoader the class loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
            return this;
        }

        /**
         * Registers a provider by hand; it takes precedence over a discovered one of the same
         * name.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder register(BackendProvider provider) {
            providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * Replaces the system properties consulted for {@value BackendRegistry#PROPERTY}.
         *
         * @param properties the properties
         * @return this builder
         */
        public Builder systemProperties(Map<String, String> properties) {
            Map<String, String> copy = Map.copyOf(properties);
            this.systemProperties = copy::get;
            return this;
        }

        /**
         * Replaces the environment consulted for {@value BackendRegistry#ENVIRONMENT_VARIABLE}.
         *
         * @param variables the environment
         * @return this builder
         */
        public Builder environment(Map<String, String> variables) {
            Map<String, String> copy = Map.copyOf(variables);
            this.environment = copy::get;
            return this;
        }

        /**
         * Returns the registry, discovering providers now.
         *
         * @return a new registry
         */
        public BackendRegistry build() {
            return new BackendRegistry(this);
        }
    }
}
