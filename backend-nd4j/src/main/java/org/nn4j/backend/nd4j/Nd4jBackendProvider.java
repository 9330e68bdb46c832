package org.nn4j.backend.nd4j;

import java.util.Locale;
import java.util.Objects;
import org.nn4j.api.Backend;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/**
 * Registers the ND4J backend: native (libnd4j with OpenBLAS), for large matrices, priority
 * 10, so EJML (100) and Commons Math (50) come first when none is named, and
 * {@linkplain #suitedToLargeWork() suited to large work}, so large work goes to it when none
 * is named ({@link org.nn4j.api.BackendRegistry#selectFor(String, long)}).
 *
 * <p>Constructing the provider and asking its {@link #availability()} load nothing: this
 * class names no ND4J type. The natives are loaded by {@link #create()}, which the registry
 * calls on first use; if they fail, the registry reports the backend unavailable with the
 * reason, and the other backends are unaffected. Only the {@code linux-x86_64} natives are
 * shipped, so {@link #availability()} rules out other platforms without trying.
 */
public final class Nd4jBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "nd4j";

    /** The priority: below EJML's 100 and Commons Math's 50. */
    static final int PRIORITY = 10;

    /** The one platform whose natives this backend depends on. */
    static final String PLATFORM = "linux-x86_64";

    /** Loads the natives; a step of its own so that a test can make it fail. */
    @FunctionalInterface
    interface NativeLoader {
        /**
         * Loads the native libraries.
         *
         * @throws Exception or a {@link LinkageError} if they cannot be loaded
         */
        void load() throws Exception;
    }

    private final NativeLoader loader;
    private final String platform;

    /** Creates the provider; cheap, as {@link BackendProvider} requires. */
    public Nd4jBackendProvider() {
        this(Nd4jNatives::load, platform(System.getProperty("os.name"),
                System.getProperty("os.arch")));
    }

    /**
     * Creates a provider with a given loading step and platform, for tests.
     *
     * @param loader   loads the natives
     * @param platform the platform as JavaCPP names it, for example {@code linux-x86_64}
     */
    Nd4jBackendProvider(NativeLoader loader, String platform) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    /**
     * {@inheritDoc} Yes: OpenBLAS's products overtake EJML's from a few thousand
     * multiply-adds per batch (docs/backends.md).
     */
    @Override
    public boolean suitedToLargeWork() {
        return true;
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Availability availability() {
        if (!PLATFORM.equals(platform)) {
            return Availability.unavailable("ND4J's natives are bundled for " + PLATFORM
                    + " only, and this platform is " + platform);
        }
        return Availability.ok();
    }

    /**
     * Loads ND4J's natives and creates the backend.
     *
     * @throws Exception naming the platform and the cause, if the natives cannot be loaded
     */
    @Override
    public Backend create() throws Exception {
        try {
            loader.load();
        } catch (Exception | LinkageError e) {
            throw new IllegalStateException("ND4J native libraries (nd4j-native and OpenBLAS for "
                    + platform + ") could not be loaded: " + describe(e), e);
        }
        return new Nd4jBackend();
    }

    /** The failure and its root cause, since JavaCPP wraps the useful message deeply. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }

    /** Returns the platform as JavaCPP names it, from {@code os.name} and {@code os.arch}. */
    static String platform(String osName, String osArch) {
        String os = osName == null ? "unknown" : osName.toLowerCase(Locale.ROOT);
        String arch = osArch == null ? "unknown" : osArch.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            os = "macosx";
        } else if (os.startsWith("windows")) {
            os = "windows";
        }
        if (arch.equals("amd64") || arch.equals("x86-64") || arch.equals("x64")) {
            arch = "x86_64";
        } else if (arch.equals("aarch64")) {
            arch = "arm64";
        }
        return os + "-" + arch;
    }
}
