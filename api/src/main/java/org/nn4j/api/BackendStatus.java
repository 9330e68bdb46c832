package org.nn4j.api;

/**
 * What a {@link BackendRegistry} knows of one discovered backend.
 *
 * @param name          the backend's name
 * @param priority      its priority; the highest available one is the default
 * @param apiVersion    the API version it was built for
 * @param available     whether it can be used here
 * @param reason        why not, when unavailable; empty otherwise
 * @param providerClass the provider's class name, to tell where it came from
 * @param isDefault     whether it is the one {@link BackendRegistry#select()} returns
 * @param suitedToLargeWork whether its provider declares it suited to large work
 *                      ({@link org.nn4j.api.spi.BackendProvider#suitedToLargeWork()})
 */
public record BackendStatus(String name, int priority, int apiVersion, boolean available,
                            String reason, String providerClass, boolean isDefault,
                            boolean suitedToLargeWork) {

    /**
     * A status of a backend not suited to large work (the form before that flag existed).
     *
     * @param name          the backend's name
     * @param priority      its priority
     * @param apiVersion    the API version it was built for
     * @param available     whether it can be used here
     * @param reason        why not, when unavailable; empty otherwise
     * @param providerClass the provider's class name
     * @param isDefault     whether it is the one {@link BackendRegistry#select()} returns
     */
    public BackendStatus(String name, int priority, int apiVersion, boolean available,
                         String reason, String providerClass, boolean isDefault) {
        this(name, priority, apiVersion, available, reason, providerClass, isDefault, false);
    }
}
